"""Login drivers: who plays the test user on the provider's login dialog, chosen with ``BANKID_LOGIN``.

- ``none`` (default): nobody; scenarios that need a login are inconclusive on a live target;
- ``manual``: a person, with the callback captured on the redirect URI's loopback port (``manual``);
- ``browser``: Chromium walks BankID's TestBank dialog (``browser``, selectors in ``selectors``).

Every driver is called as ``driver(http, authorize_url, redirect_uri=..., choice=LoginChoice(...))`` and
returns the ``Callback`` the client received.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from harness.login.choice import LoginChoice

if TYPE_CHECKING:
    from harness.http import HttpSession, Reply
    from harness.settings import Settings

__all__ = ["DialogViewer", "LoginChoice", "check_browser", "open_driver", "view_dialog"]
CHROMIUM = Path("/usr/bin/chromium")


def check_browser() -> None:
    """``BANKID_LOGIN=browser`` needs Playwright and Debian's Chromium: say so up front (a usage error)."""
    import importlib.util

    if importlib.util.find_spec("playwright") is None or not CHROMIUM.exists():
        raise ValueError(
            "BANKID_LOGIN=browser needs Playwright and /usr/bin/chromium: run scripts/bootstrap --browser once"
        )


@runtime_checkable
class DialogViewer(Protocol):
    """A driver that can show the login dialog as a user sees it (the browser renders what scripts build)."""

    def dialog(self, http: HttpSession, authorize_url: str) -> Reply: ...


def view_dialog(driver: object, http: HttpSession, authorize_url: str) -> Reply:
    """The dialog through the driver when it renders pages, else the HTML the provider answered."""
    if isinstance(driver, DialogViewer):
        return driver.dialog(http, authorize_url)
    from harness.testbank import open_dialog

    return open_dialog(http, authorize_url)


DEFAULT_TIMEOUTS = {"manual": 300.0, "browser": 60.0}


@contextmanager
def open_driver(settings: Settings, *, ca_bundle: Path | None = None, loopback: bool = False) -> Iterator[Any]:
    """The driver ``settings.login`` names, closed (browser stopped) when the target is."""
    timeout = settings.login_timeout or DEFAULT_TIMEOUTS.get(settings.login, 60.0)
    if settings.login == "manual":
        from harness.login.manual import ManualLogin

        yield ManualLogin(timeout=timeout)
    elif settings.login == "browser":
        from harness.login.browser import browser_login

        if not settings.test_user_nnin:
            raise ValueError("BANKID_LOGIN=browser needs BANKID_TEST_USER_NNIN (a test user from RA preprod)")
        with browser_login(settings.test_user_nnin, timeout=timeout, ca_bundle=ca_bundle, loopback=loopback) as driver:
            yield driver
    else:
        yield None
