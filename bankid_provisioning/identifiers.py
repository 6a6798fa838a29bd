"""Norwegian identifiers carried by a provisioning request: organisation numbers and national identity
numbers.

Both end in modulus-11 check digits (Brønnøysundregistrene for organisation numbers; Skatteetaten for the
fødselsnummer/NNIN). Only the check digits are verified: BankID's RA generates synthetic test numbers
[S59][S61] whose date part need not be a real date.
"""

from __future__ import annotations

from collections.abc import Sequence

ORGANISATION_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
NNIN_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
NNIN_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def mod11_check_digit(digits: Sequence[int], weights: Sequence[int]) -> int | None:
    """The modulus-11 check digit of ``digits``; ``None`` when the remainder makes 10 (no valid number)."""
    remainder = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 11:
        return 0
    return None if remainder == 10 else remainder


def _digits(value: str, length: int) -> list[int] | None:
    if len(value) != length or not value.isascii() or not value.isdigit():
        return None
    return [int(c) for c in value]


def is_valid_organisation_number(value: str) -> bool:
    """Nine digits whose last is the mod-11 check digit of the first eight (weights 3,2,7,6,5,4,3,2)."""
    digits = _digits(value, 9)
    if digits is None:
        return False
    return mod11_check_digit(digits[:8], ORGANISATION_NUMBER_WEIGHTS) == digits[8]


def is_valid_nnin(value: str) -> bool:
    """Eleven digits with both fødselsnummer check digits (k1 over 9 digits, k2 over 10) correct."""
    digits = _digits(value, 11)
    if digits is None:
        return False
    k1 = mod11_check_digit(digits[:9], NNIN_K1_WEIGHTS)
    k2 = mod11_check_digit(digits[:10], NNIN_K2_WEIGHTS)
    return k1 == digits[9] and k2 == digits[10]


def complete_organisation_number(first_eight: str) -> str | None:
    """Append the check digit to eight digits; ``None`` when no valid number starts with them."""
    digits = _digits(first_eight, 8)
    check = None if digits is None else mod11_check_digit(digits, ORGANISATION_NUMBER_WEIGHTS)
    return None if check is None else f"{first_eight}{check}"


def complete_nnin(first_nine: str) -> str | None:
    """Append both check digits to nine digits; ``None`` when either would be 10."""
    digits = _digits(first_nine, 9)
    k1 = None if digits is None else mod11_check_digit(digits, NNIN_K1_WEIGHTS)
    if digits is None or k1 is None:
        return None
    k2 = mod11_check_digit([*digits, k1], NNIN_K2_WEIGHTS)
    return None if k2 is None else f"{first_nine}{k1}{k2}"
