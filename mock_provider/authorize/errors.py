"""The two ways an authorization request fails [S15][S17]:

- ``PageError``: the client or its redirect URI cannot be trusted (unknown client, mismatched
  ``redirect_uri``, bad ``request_uri``), so the error is an HTML page and nothing is redirected.
- ``RedirectError``: anything else; a 303 to the registered ``redirect_uri`` with ``error``,
  ``error_description`` and the client's ``state``.
"""

from __future__ import annotations

from mock_provider.oauth.errors import encodable


class AuthorizeError(Exception):
    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        # Redirected errors obey RFC 6749 §4.1.2.1's character set too, whatever input the text quotes.
        self.description = encodable(description) or ""


class PageError(AuthorizeError):
    def __init__(self, error: str, description: str, *, status: int = 400) -> None:
        super().__init__(error, description)
        self.status = status


class RedirectError(AuthorizeError):
    pass


def invalid_request(description: str) -> RedirectError:
    return RedirectError("invalid_request", description)
