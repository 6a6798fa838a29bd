"""Redirect URIs: "pre-registered" [S3][S4][S6], matched exactly [S16], HTTPS only [S10].

BankID's own samples register ``https://localhost:3000/...`` [S13], so an https localhost URI is fine.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.model import ProvisioningRequest
from bankid_provisioning.policy import Policy

Finding = ProvisioningError | Advice


def check_redirect_uris(request: ProvisioningRequest, _policy: Policy) -> Iterator[Finding]:
    if not request.redirect_uris:
        yield ProvisioningError("redirect_uris", "is required: every redirect URI must be pre-registered [S4][S16]")
    seen: set[str] = set()
    for index, uri in enumerate(request.redirect_uris):
        problem = redirect_uri_problem(uri)
        if problem is None and uri in seen:
            problem = "is listed twice"
        if problem is not None:
            yield ProvisioningError(f"redirect_uris[{index}]", f"{uri!r} {problem}")
        seen.add(uri)


def redirect_uri_problem(uri: str) -> str | None:
    """Why ``uri`` cannot be registered, or ``None``. An exact-match URI cannot hold wildcards [S16]."""
    try:
        parts = urlsplit(uri)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return "is not a valid URL"
    if parts.scheme != "https":
        return "must use https [S10]"
    if not parts.hostname or not port_ok:
        return "must be an absolute https URL with a host"
    if "#" in uri:
        return "must not contain a fragment (RFC 6749 §3.1.2)"
    if "*" in uri:
        return "must be exact; wildcards are not matched [S16]"
    return None
