"""BankID test users: seeded as data, kept in the store, changeable through the admin API [S59][S60]."""

from mock_provider.users import nnin
from mock_provider.users.model import DEFAULT_ERROR_CODES, OUTCOMES, TestUser

__all__ = ["DEFAULT_ERROR_CODES", "OUTCOMES", "TestUser", "nnin"]
