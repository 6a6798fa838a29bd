"""NNIN control digits and dates: generated numbers validate, any single-digit change is caught."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mock_provider.users import nnin

DATES = st.dates(min_value=dt.date(1854, 1, 1), max_value=dt.date(2039, 12, 31))


def test_documented_example_user_is_valid() -> None:
    assert nnin.is_valid("27034698436")  # the CURRENT example user of [S78]
    assert nnin.birthdate("27034698436") == dt.date(1946, 3, 27)


def test_d_number_is_valid() -> None:
    assert nnin.birthdate(_d_number()) == dt.date(1946, 3, 27)  # day + 40


def _d_number() -> str:
    stems = (nnin.with_control_digits(f"670346{individual:03d}") for individual in range(500))
    return next(number for number in stems if number is not None)


@pytest.mark.parametrize("number", ["2703469843", "270346984360", "27034698437", "2703469843a", "３1234567890"])
def test_malformed_or_wrong_check_digit_is_invalid(number: str) -> None:
    assert not nnin.is_valid(number)


def test_second_control_digit_is_checked() -> None:
    assert not nnin.is_valid("27034698430")


@given(born=DATES, seed=st.integers(0, 2**32), female=st.booleans())
def test_generated_numbers_are_valid_and_encode_birth_and_gender(born: dt.date, seed: int, female: bool) -> None:
    number = nnin.generate(born, random.Random(seed), female=female)
    assert nnin.is_valid(number)
    assert nnin.birthdate(number) == born
    assert int(number[8]) % 2 == (0 if female else 1)


@given(born=DATES, seed=st.integers(0, 2**32), position=st.integers(0, 10), delta=st.integers(1, 9))
def test_any_single_digit_change_is_caught(born: dt.date, seed: int, position: int, delta: int) -> None:
    number = nnin.generate(born, random.Random(seed), female=True)
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    assert not nnin.is_valid(changed)


@given(st.text(max_size=20))
def test_validator_never_raises(text: str) -> None:
    assert nnin.is_valid(text) in (True, False)
