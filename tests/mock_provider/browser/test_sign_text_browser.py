"""Signing a text in a real Chromium [S63]: the dialog shows the text to sign and a Sign button; clicking it
after the TestBank login returns the code whose ID token carries the signatures."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page

from tests.mock_provider.mock_flow import USER_NNIN, s256

pytestmark = pytest.mark.browser

TEXT = "Jeg bekrefter at jeg har lest og godtar vilkårene."


def test_the_user_reads_and_signs_the_text(page: Page, live_mock: str) -> None:
    params = {
        "client_id": "browser-bankid-current",
        "redirect_uri": f"{live_mock}/rp/callback",
        "response_type": "code",
        "scope": "openid sign",
        "state": "sign-state",
        "nonce": "sign-nonce",
        "code_challenge": s256("v" * 50),
        "code_challenge_method": "S256",
        "ui_locales": "en",
        "sign_txt": base64.b64encode(TEXT.encode()).decode(),
    }
    page.goto(f"{live_mock}/auth/realms/current/precheck/auth?{urlencode(params)}")
    assert page.get_by_text(TEXT).is_visible()
    assert page.locator("#login").inner_text() == "Sign"
    # The TestBank dialog asks one thing per step [S60].
    page.fill("#nnin", USER_NNIN)
    page.click("#next-user-id")
    page.fill("#otp", "otp")
    page.click("#next-otp")
    page.fill("#password", "qwer1234")
    page.click("#login")
    page.wait_for_url(f"{live_mock}/rp/callback*")
    query = parse_qs(urlsplit(page.url).query)
    assert query["state"] == ["sign-state"] and query["code"][0]
