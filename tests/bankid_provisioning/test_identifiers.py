"""Organisation numbers and NNINs: valid by construction passes, any single-digit change fails."""

from __future__ import annotations

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


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_constructed_organisation_numbers_are_valid(prefix: str) -> None:
    number = complete_organisation_number(prefix)
    assume(number is not None)
    assert number is not None
    assert is_valid_organisation_number(number)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8), st.integers(0, 8), digits)
def test_organisation_number_with_one_changed_digit_is_invalid(prefix: str, position: int, digit: str) -> None:
    number = complete_organisation_number(prefix)
    assume(number is not None and number[position] != digit)
    assert number is not None
    assert not is_valid_organisation_number(_change_one_digit(number, position, digit))


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_constructed_nnins_are_valid(prefix: str) -> None:
    number = complete_nnin(prefix)
    assume(number is not None)
    assert number is not None
    assert is_valid_nnin(number)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 10), digits)
def test_nnin_with_one_changed_digit_is_invalid(prefix: str, position: int, digit: str) -> None:
    number = complete_nnin(prefix)
    assume(number is not None and number[position] != digit)
    assert number is not None
    assert not is_valid_nnin(_change_one_digit(number, position, digit))


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
