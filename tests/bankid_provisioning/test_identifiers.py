"""Organisation numbers and NNINs: valid by construction passes, any single-digit change fails."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bankid_provisioning import (
    complete_nnin,
    complete_organisation_number,
    is_valid_nnin,
    is_valid_organisation_number,
)

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def _change_one_digit(number: str, position: int, replacement: str) -> str:
    return number[:position] + replacement + number[position + 1 :]


# Both numbers are a body of digits plus mod-11 control digit(s): one property pair covers both checks.
CHECKSUMS = [
    pytest.param(complete_organisation_number, is_valid_organisation_number, 8, id="organisation-number"),
    pytest.param(complete_nnin, is_valid_nnin, 9, id="nnin"),
]


@pytest.mark.parametrize(("complete", "is_valid", "body"), CHECKSUMS)
@given(data=st.data())
def test_constructed_numbers_are_valid(
    complete: Callable[[str], str | None], is_valid: Callable[[str], bool], body: int, data: st.DataObject
) -> None:
    number = complete(data.draw(st.text(alphabet="0123456789", min_size=body, max_size=body)))
    assume(number is not None)
    assert number is not None
    assert is_valid(number)


@pytest.mark.parametrize(("complete", "is_valid", "body"), CHECKSUMS)
@given(data=st.data())
def test_one_changed_digit_makes_a_number_invalid(
    complete: Callable[[str], str | None], is_valid: Callable[[str], bool], body: int, data: st.DataObject
) -> None:
    number = complete(data.draw(st.text(alphabet="0123456789", min_size=body, max_size=body)))
    assume(number is not None)
    assert number is not None
    position, digit = data.draw(st.integers(0, len(number) - 1)), data.draw(digits)
    assume(number[position] != digit)
    assert not is_valid(_change_one_digit(number, position, digit))


@pytest.mark.parametrize("number", ["974760673", "923609016", "984851006"])
def test_published_organisation_numbers_are_valid(number: str) -> None:
    assert is_valid_organisation_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "",
        "12345678",
        "1234567890",
        "97476067a",
        "\uff19\uff17\uff14\uff17\uff16\uff10\uff16\uff17\uff13",
        "974760674",
    ],
)
def test_malformed_organisation_numbers_are_invalid(number: str) -> None:
    assert not is_valid_organisation_number(number)


@pytest.mark.parametrize("number", ["27034698436", "14025800177"])
def test_documented_nnins_are_valid(number: str) -> None:
    """Test NNINs quoted in the sources [S42][S78]."""
    assert is_valid_nnin(number)


@pytest.mark.parametrize("number", ["07025312345", "12345678901", "2703469843", "270346984361"])
def test_placeholder_nnins_are_invalid(number: str) -> None:
    """The documentation's placeholder values [S18][S39] do not carry valid check digits."""
    assert not is_valid_nnin(number)


def test_prefix_without_a_valid_number_gives_none() -> None:
    # 9123 4567 sums to remainder 10 under the weights: no organisation number starts with it.
    assert complete_organisation_number("91234567") is None
    assert complete_organisation_number("1234") is None
