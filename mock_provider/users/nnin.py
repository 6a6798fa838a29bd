"""Norwegian national identity numbers (fødselsnummer, NNIN): 11 digits, DDMMYY + three individual digits +
two mod-11 control digits (Skatteetaten's algorithm, the one BankID's RA test-number generator follows [S59]).

D-numbers (day + 40) and the synthetic test numbers of Tenor/Test-Norge (month + 40 or + 80) are accepted by
``is_valid``, since test users at RA preprod may carry them.
"""

from __future__ import annotations

import datetime as dt
import random

_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def control_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """The mod-11 control digit for ``digits``, or ``None`` when the remainder makes it 10 (no valid NNIN)."""
    check = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def with_control_digits(nine: str) -> str | None:
    """Append both control digits to a 9-digit stem, or ``None`` if the stem has no valid completion."""
    k1 = control_digit(nine, _K1)
    if k1 is None:
        return None
    k2 = control_digit(nine + str(k1), _K2)
    return None if k2 is None else f"{nine}{k1}{k2}"


def is_valid(nnin: str) -> bool:
    """11 ASCII digits, both control digits right, and a real date of birth."""
    if len(nnin) != 11 or not nnin.isascii() or not nnin.isdigit():
        return False
    return with_control_digits(nnin[:9]) == nnin and birthdate(nnin) is not None


def birthdate(nnin: str) -> dt.date | None:
    """The date of birth an NNIN encodes, or ``None`` if it encodes none."""
    day, month, year = int(nnin[0:2]), int(nnin[2:4]), int(nnin[4:6])
    day = day - 40 if day > 40 else day
    month = month - 80 if month > 80 else month - 40 if month > 40 else month
    century = _century(int(nnin[6:9]), year)
    if century is None:
        return None
    try:
        return dt.date(century + year, month, day)
    except ValueError:
        return None


def _century(individual: int, year: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and year >= 54:
        return 1800
    if individual >= 900 and year >= 40:
        return 1900
    return 2000 if year <= 39 else None


def generate(born: dt.date, rng: random.Random, *, female: bool) -> str:
    """A valid NNIN for someone born on ``born``; the ninth digit is even for women, odd for men."""
    low, high = (0, 499) if 1900 <= born.year <= 1999 else (500, 749) if born.year < 1900 else (500, 999)
    stem_date = born.strftime("%d%m%y")
    while True:
        individual = rng.randint(low, high)
        if (individual % 10) % 2 != (0 if female else 1):
            continue
        nnin = with_control_digits(f"{stem_date}{individual:03d}")
        if nnin is not None:
            return nnin
