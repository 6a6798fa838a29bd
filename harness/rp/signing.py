"""A relying party's side of BankID's simple text signing [S63][S65]: ask for ``scope=sign`` with the text
as ``sign_txt`` (base64 of UTF-8), then check the ``sign_result`` claim of the ID token: ``endUser`` and
``merchant`` are detached CMS signatures over the text, ``hash`` the digest of the text.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any

from harness.rp.authorize import AuthorizationRequest
from harness.rp.cms import CmsError, Signer, verify_detached

SIGN_SCOPE = "sign"
SIGNERS = ("endUser", "merchant")
# The guide does not name the hash; the ones a BankID-era CMS signer uses are accepted.
HASHES = ("sha256", "sha512", "sha1")


def asking_to_sign(request: AuthorizationRequest, text: str) -> AuthorizationRequest:
    scope = request.params().get("scope", "openid")
    scopes = scope if SIGN_SCOPE in scope.split() else f"{scope} {SIGN_SCOPE}"
    return request.with_params(scope=scopes, sign_txt=base64.b64encode(text.encode("utf-8")).decode("ascii"))


def sent_text(request: AuthorizationRequest) -> str | None:
    """The text the request asked to sign, decoded back from what was actually sent."""
    value = request.params().get("sign_txt")
    return base64.b64decode(value).decode("utf-8") if value else None


@dataclass(frozen=True)
class SignResult:
    end_user: str
    merchant: str
    hash: str

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> SignResult | None:
        value = claims.get("sign_result")
        if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in (*SIGNERS, "hash")):
            return None
        return cls(value["endUser"], value["merchant"], value["hash"])

    def hash_matches(self, text: str) -> bool:
        content = text.encode("utf-8")
        digests = {base64.b64encode(hashlib.new(name, content).digest()).decode() for name in HASHES}
        return self.hash in digests or self.hash.rstrip("=") in {d.rstrip("=") for d in digests}

    def verify(self, text: str) -> dict[str, Signer | str]:
        """Each signer's verified certificate chain, or why its signature does not verify over ``text``."""
        results: dict[str, Signer | str] = {}
        for name, value in (("endUser", self.end_user), ("merchant", self.merchant)):
            try:
                results[name] = verify_detached(base64.b64decode(value, validate=True), text.encode("utf-8"))
            except (CmsError, binascii.Error) as exc:
                results[name] = str(exc)
        return results
