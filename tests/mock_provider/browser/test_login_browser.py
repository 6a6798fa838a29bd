"""Logging in through the login page by clicking, in a real Chromium [S60]."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page

from tests.mock_provider.mock_flow import USER_NNIN, s256

pytestmark = pytest.mark.browser


def _authorize_url(base: str) -> str:
    params = {
        "client_id": "browser-bankid-current",
        "redirect_uri": f"{base}/rp/callback",
        "response_type": "code",
        "scope": "openid profile",
        "state": "browser-state",
        "nonce": "browser-nonce",
        "code_challenge": s256("v" * 50),
        "code_challenge_method": "S256",
        "ui_locales": "en",
    }
    return f"{base}/auth/realms/current/precheck/auth?{urlencode(params)}"


def test_click_through_login(page: Page, live_mock: str) -> None:
    page.goto(_authorize_url(live_mock))
    assert page.locator("#client-display-name").inner_text() == "Nettleserbutikken AS"
    assert page.locator("#merchant-name").inner_text() == "Nettleserbutikken Merchant"
    # One step at a time, as BankID's TestBank dialog asks [S60]: the later fields are hidden until "Next".
    assert not page.locator("#otp").is_visible()
    page.fill("#nnin", USER_NNIN)
    page.click("#next-user-id")
    page.fill("#otp", "otp")
    page.press("#otp", "Enter")
    page.fill("#password", "wrong")
    page.press("#password", "Enter")
    assert page.locator("#login-error").is_visible()
    page.click("#next-user-id")
    page.fill("#otp", "otp")
    page.click("#next-otp")
    page.fill("#password", "qwer1234")
    page.click("#login")
    page.wait_for_url(f"{live_mock}/rp/callback*")
    query = parse_qs(urlsplit(page.url).query)
    assert query["state"] == ["browser-state"]
    assert query["code"][0]


def test_click_cancel(page: Page, live_mock: str) -> None:
    page.goto(_authorize_url(live_mock))
    page.click("#cancel")
    page.wait_for_url(f"{live_mock}/rp/callback*")
    query = parse_qs(urlsplit(page.url).query)
    assert query["error"] == ["access_denied"]
    assert query["error_description"] == ["bankid_error_codes:C301"]
    assert query["state"] == ["browser-state"]
