"""Steps for BankID's simple text signing (rules BID-R54b, R54c): ask to sign a text, let the test user sign,
and judge the ``sign_result`` of the ID token against the text that was sent."""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from harness.http import Reply
from harness.rp.authorize import AuthorizationRequest
from harness.rp.signing import SIGN_SCOPE, asking_to_sign, sent_text
from harness.rules import Inconclusive
from harness.rules.bankid import signing as rules
from harness.steps.flow import id_token_claims


@given(parsers.parse('the request asks the user to sign the text "{text}"'), target_fixture="auth_request")
def asks_to_sign(auth_request: AuthorizationRequest, text: str) -> AuthorizationRequest:
    return asking_to_sign(auth_request, text)


def _signing(token_reply: Reply, auth_request: AuthorizationRequest) -> tuple[dict[str, object], str]:
    granted = str((token_reply.json_object() or {}).get("scope", "")).split()
    if SIGN_SCOPE not in granted:
        raise Inconclusive(f"the client was not granted the scope sign (granted: {' '.join(granted) or 'none'})")
    text = sent_text(auth_request)
    if text is None:
        raise Inconclusive("the request carried no sign_txt")
    return id_token_claims(token_reply), text


@then("the ID token carries a sign result hashed over the text")
def sign_result(token_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.sign_result_returned(*_signing(token_reply, auth_request))


@then("the end user's and the merchant's signatures verify over exactly the text that was sent")
def signatures(token_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.signatures_verify(*_signing(token_reply, auth_request))
