"""Where a target's client credentials may go: the issuer's own origin, and the hosts its profile names.

BankID publishes its userinfo ("TINFO") endpoint on a different host from the issuer [S8]
(``userinfo.current.bankid.no`` for CURRENT; PROD's ``userinfo.bankid.no`` is INFERRED from the same
pattern). No other host ever receives a client secret, an assertion, a token or a code: an endpoint a
discovery document places elsewhere fails its endpoint rule (BID-R4/R5) and gets nothing secret.

A loopback issuer may also be reached under the other loopback names on the same port (the served mock puts
userinfo on ``localhost`` when its issuer is ``127.0.0.1``, so the hosts differ as BankID's do).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlsplit

# The one place the BankID profile is written down: issuer host → the other hosts it names [S8]. The other
# environment's issuer is BankID's too: the credentials rules send a CURRENT client's credentials there to
# prove each environment provisions its own clients [S1].
BANKID_PROFILE: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "auth.current.bankid.no": ("userinfo.current.bankid.no", "auth.bankid.no"),
        "auth.bankid.no": ("userinfo.bankid.no", "auth.current.bankid.no"),
    }
)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> str:
    """``scheme://host:port`` in lower case, with the default port made explicit."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme, 0)
    except ValueError:
        port = 0
    return f"{scheme}://{host}:{port}"


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in LOOPBACK_HOSTS or host.startswith("127.")


@dataclass(frozen=True)
class CredentialPolicy:
    """The origins a target's credentials may be sent to, and whether plain http is tolerated off loopback."""

    origins: frozenset[str]
    allow_insecure_http: bool = False

    @classmethod
    def for_issuer(
        cls, issuer: str, *, extra: Iterable[str] = (), allow_insecure_http: bool = False
    ) -> CredentialPolicy:
        parts = urlsplit(issuer)
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
        if host in LOOPBACK_HOSTS or host.startswith("127."):
            port = origin(issuer).rsplit(":", 1)[1]
            origins = {f"{scheme}://{name}:{port}" for name in LOOPBACK_HOSTS}
        else:
            origins = {origin(f"{scheme}://{name}") for name in BANKID_PROFILE.get(host, ())}
        origins.add(origin(issuer))
        origins.update(origin(url) for url in extra)
        return cls(frozenset(origins), allow_insecure_http)

    def may_receive_credentials(self, url: str) -> bool:
        return origin(url) in self.origins

    def refuses_plain_http(self, url: str) -> bool:
        return urlsplit(url).scheme.lower() == "http" and not is_loopback(url) and not self.allow_insecure_http
