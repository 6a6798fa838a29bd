"""The ``sign_result`` claim of the ID token after a simple text signing:
``{"endUser": <CMS>, "merchant": <CMS>, "hash": <digest>}``, "signatures of the merchant and end user, as well
as the hash over the received text" [S63] (BankID's "Simple flow" guide).

The hash algorithm is not named there; the mock uses SHA-256, base64, the digest the CMS signatures carry.
The merchant signature names the client's merchant certificate, shared or dedicated [S3].
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from mock_provider.keys.authority import CertificateAuthority
from mock_provider.sign.cms import sign_detached
from mock_provider.users.model import TestUser


def sign_result(
    ca: CertificateAuthority, text: str, *, user: TestUser, merchant_name: str, now: dt.datetime
) -> dict[str, str]:
    content = text.encode("utf-8")
    end_user = sign_detached(ca, content, common_name=user.name, organisation="Mock TestBank1", now=now)
    merchant = sign_detached(ca, content, common_name=merchant_name, organisation="Mock Merchant", now=now)
    return {"endUser": _b64(end_user), "merchant": _b64(merchant), "hash": _b64(hashlib.sha256(content).digest())}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
