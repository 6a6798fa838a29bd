"""Login outcome rules, PROVIDER-FACTS §10 rules 43, 49 and 52: what reaches the client's ``redirect_uri``
after the user acts on the BankID dialog, and what the dialog shows [S3][S16][S56][S57][S62].

https://developer.bankid.no/bankid-oidc-provider/core-concepts/error-handling
"""

from __future__ import annotations

from harness.http import Reply
from harness.rp.callback import Callback
from harness.rp.dialog import visible_text
from harness.rules.registry import Level, expect, rule

# Parameters that would leak a credential or personal data into browser history and logs.
SENSITIVE = (
    "access_token",
    "id_token",
    "refresh_token",
    "token",
    "nnin",
    "nnin_altsub",
    "login_hint",
    "code_verifier",
    "client_secret",
)
ERROR_PREFIX = "bankid_error_codes:"


@rule("BID-R43", title="The callback carries the code and the same state, nothing sensitive", sources=("S16",))
def code_callback(callback: Callback, sent_state: str | None) -> None:
    """The callback carries ``code`` and the same ``state``, and nothing else sensitive [S16]."""
    expect(bool(callback.code), expected="a code", seen=sorted(callback.params), note="code")
    same = callback.params.get("state") == sent_state
    expect(same, expected="the state sent", seen="the same state" if same else "a different or no state")
    leaked = sorted(set(callback.params) & set(SENSITIVE))
    expect(not leaked, expected="no sensitive parameters", seen=leaked)


@rule("BID-R49", title="A user cancel is access_denied with the same state", sources=("S56", "S57"))
def cancel_denied(callback: Callback, sent_state: str | None) -> None:
    """A user cancel returns ``error=access_denied`` with the original ``state`` [S56][S57]."""
    expect(callback.error == "access_denied", expected="access_denied", seen=callback.error)
    same = callback.params.get("state") == sent_state
    expect(same, expected="the state sent", seen="the same state" if same else "a different or no state")


@rule(
    "BID-R49a", title="A cancel's description carries BankID error codes", sources=("S56", "S58"), level=Level.ADVISORY
)
def cancel_codes(callback: Callback) -> None:
    """Optionally ``error_description`` starting ``bankid_error_codes:`` (e.g. ``C301``) [S56][S58]."""
    description = callback.params.get("error_description")
    expect(
        description is None or description.startswith(ERROR_PREFIX),
        expected=f"absent or starting {ERROR_PREFIX}",
        seen=description,
    )


@rule("BID-R52", title="The login dialog's header shows the client's display name", sources=("S3", "S62"))
def dialog_shows_display_name(page: Reply, display_name: str) -> None:
    """The merchant certificate (shared vs dedicated) and display name/logo are per-client config; the
    dialog header shows the client display name [S3][S62]."""
    expect(
        page.status == 200 and "html" in page.content_type,
        expected="an HTML login dialog",
        seen=f"HTTP {page.status} {page.content_type}",
    )
    shown = visible_text(page)
    expect(display_name in shown, expected=display_name, seen=shown[:200] or "no visible text")
