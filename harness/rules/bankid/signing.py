"""Rules for BankID's simple text signing: ``scope=sign`` + ``sign_txt`` gives an ID token whose
``sign_result`` holds "the basic signatures of the merchant and end user, as well as the hash over the received
text" [S63] (BankID's "Simple flow" implementation guide, a signing page beside [S63][S64]).

Advisory: PROVIDER-FACTS records the request side [S63][S65] but not the shape of the result, so a provider
returning something else is warned about, not failed.
"""

from __future__ import annotations

from typing import Any

from harness.rp.cms import Signer
from harness.rp.signing import SignResult
from harness.rules.registry import Level, expect, rule


@rule(
    "BID-R54b",
    title="A text signing returns sign_result in the ID token, hashed over the text sent",
    sources=("S63",),
    level=Level.ADVISORY,
)
def sign_result_returned(claims: dict[str, Any], text: str) -> None:
    """After ``scope=sign`` with ``sign_txt`` the ID token carries ``sign_result`` with ``endUser``,
    ``merchant`` and ``hash``, the hash over the received text [S63]."""
    result = SignResult.from_claims(claims)
    seen = claims.get("sign_result")
    expect(
        result is not None,
        expected="sign_result {endUser, merchant, hash} (strings)",
        seen=sorted(seen) if isinstance(seen, dict) else type(seen).__name__,
    )
    assert result is not None
    expect(result.hash_matches(text), expected="base64 SHA-256/512 of the text sent", seen=result.hash)


@rule(
    "BID-R54c",
    title="The end user's and the merchant's signatures verify over exactly the text sent",
    sources=("S63",),
    level=Level.ADVISORY,
)
def signatures_verify(claims: dict[str, Any], text: str) -> None:
    """``sign_result.endUser`` and ``sign_result.merchant`` are the end user's and the merchant's signatures
    of the text: each verifies over exactly the text the client sent, with the signer's certificate chain
    [S63]."""
    result = SignResult.from_claims(claims)
    expect(result is not None, expected="a sign_result to verify", seen="none")
    assert result is not None
    verified = result.verify(text)
    seen = {name: _describe(value) for name, value in verified.items()}
    expect(
        all(isinstance(v, Signer) for v in verified.values()),
        expected="both CMS signatures verify over the text, chains intact",
        seen=seen,
    )


def _describe(value: Signer | str) -> str:
    return f"verified: {value.subject} (chain to {value.root})" if isinstance(value, Signer) else value
