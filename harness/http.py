"""The HTTP seam: the one module that imports httpx.

``HttpSession`` sends requests through the target's transport (a WSGI app in-process, or the network), records
every exchange as redacted evidence, and turns "could not reach the target" into ``Inconclusive``.
Responses come back as ``Reply`` values so rules never depend on the HTTP library.

It is also where the run protects itself and the integrator from a provider (``Limits``, ``CredentialPolicy``):

- client credentials (Basic, ``client_secret``, assertions), tokens and codes are only sent to origins the
  target's profile allows (``harness.profile``); anything else is refused before a byte is sent;
- plain ``http`` to a host that is not loopback is refused unless ``--allow-insecure-http``;
- every request has a total deadline (``harness.deadline``), bounded further by the scenario's and the run's;
- a response body larger than ``max_bytes`` is not read (it never grows memory);
- transient network failures (nothing was sent: the connection could not be made) are retried a bounded
  number of times with jittered exponential backoff (tenacity); nothing else is;
- requests to a live target are spaced by a shared ``RateLimit``.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from harness.deadline import DeadlineBackend, deadline
from harness.evidence import Evidence, Exchange
from harness.limits import Limits, RateLimit
from harness.profile import CredentialPolicy, origin
from harness.redaction import redact_body, redact_headers, redact_url
from harness.rules.errors import Inconclusive

BaseTransport = httpx.BaseTransport
# Form fields that carry a client credential, a token or a code: never sent outside the policy's origins.
CREDENTIAL_FIELDS = frozenset(
    {"client_secret", "client_assertion", "token", "refresh_token", "code", "code_verifier", "assertion"}
)
# Only failures where the request never reached the provider are transient and safe to repeat.
TRANSIENT = (httpx.ConnectError, httpx.ConnectTimeout)


def wsgi_transport(app: Any) -> httpx.BaseTransport:
    return httpx.WSGITransport(app=app)


class Refused(Inconclusive):
    """The harness would not send this request (credentials to a foreign origin, plain http off loopback)."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)

    def json_object(self) -> dict[str, Any] | None:
        """The body as a JSON object, or ``None`` if it is not one (rules report that, they do not crash)."""
        try:
            value = self.json()
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


class HttpSession:
    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None,
        verify: str | bool | ssl.SSLContext,
        evidence: Evidence,
        timeout: float = 10.0,
        limits: Limits | None = None,
        policy: CredentialPolicy | None = None,
        deadline_at: float | None = None,
        rate: RateLimit | None = None,
        unreachable: set[str] | None = None,
        proxy: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.evidence = evidence
        self.limits = limits or Limits(timeout=timeout)
        self.policy = policy
        self._deadline_at = deadline_at
        self._rate = rate
        # Origins that could not be connected to even after retries: shared by a target's sessions, so an
        # unreachable provider costs one round of backoff per run, not one per request.
        self._unreachable = set() if unreachable is None else unreachable
        self._sleep = sleep
        self._client = httpx.Client(
            transport=transport or _network_transport(verify, proxy),
            timeout=self.limits.timeout,
            follow_redirects=False,
            # Proxies from the environment would bypass the deadline and the credential policy.
            trust_env=False,
            headers={"User-Agent": "bankid-oidc-conformance/0.1", "Accept-Encoding": "identity"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, url: str, *, headers: Mapping[str, str] | None = None) -> Reply:
        return self.request("GET", url, headers=headers)

    def post(
        self,
        url: str,
        *,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        json_body: Any = None,
    ) -> Reply:
        return self.request("POST", url, data=data, headers=headers, auth=auth, json_body=json_body)

    def request(
        self,
        method: str,
        url: str,
        *,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        json_body: Any = None,
    ) -> Reply:
        self._check_policy(method, url, data=data, headers=headers, auth=auth)
        request = self._client.build_request(method, url, data=data, headers=headers, json=json_body)
        if auth is not None:
            request = next(httpx.BasicAuth(*auth).auth_flow(request))
        try:
            response, body = self._send_with_retries(request)
        except (httpx.TransportError, _TooLarge) as exc:
            self.evidence.add(_exchange(request, None, error=_describe(exc)))
            raise Inconclusive(f"target could not be reached: {method} {redact_url(url)}: {_describe(exc)}") from exc
        self.evidence.add(_exchange(request, response, body))
        return Reply(response.status_code, dict(response.headers), body, str(response.url))

    def _check_policy(
        self,
        method: str,
        url: str,
        *,
        data: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        auth: tuple[str, str] | None,
    ) -> None:
        if self.policy is None:
            return
        if self.policy.refuses_plain_http(url):
            self.evidence.add(_refused(method, url, "plain http to a host that is not loopback"))
            raise Refused(
                f"refused plain http to {redact_url(url)}: a non-loopback target needs https (or --allow-insecure-http)"
            )
        if _carries_credentials(data, headers, auth) and not self.policy.may_receive_credentials(url):
            self.evidence.add(_refused(method, url, "credentials for a host outside the target's profile"))
            raise Refused(
                f"refused to send client credentials, tokens or codes to {redact_url(url)}: not the issuer's "
                "origin nor one the target's profile names (the endpoint's discovery rule judges it)"
            )

    def _send_with_retries(self, request: httpx.Request) -> tuple[httpx.Response, bytes]:
        where = origin(str(request.url))
        retries = 0 if where in self._unreachable else self.limits.retries
        try:
            answer = self._retrying(retries, request)
        except TRANSIENT:
            self._unreachable.add(where)
            raise
        self._unreachable.discard(where)
        return answer

    def _retrying(self, retries: int, request: httpx.Request) -> tuple[httpx.Response, bytes]:
        retrying = Retrying(
            retry=retry_if_exception_type(TRANSIENT),
            stop=stop_after_attempt(1 + retries),
            wait=wait_exponential_jitter(
                multiplier=self.limits.backoff, max=4 * self.limits.backoff, jitter=self.limits.backoff
            ),
            sleep=self._sleep,
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                return self._send_once(request)
        raise AssertionError("unreachable: tenacity reraises the last error")  # pragma: no cover

    def _send_once(self, request: httpx.Request) -> tuple[httpx.Response, bytes]:
        at = self._request_deadline()
        if self._rate is not None:
            self._rate.acquire()
        with deadline(at):
            response = self._client.send(request, stream=True)
            try:
                return response, _read_capped(response, self.limits.max_bytes)
            finally:
                response.close()

    def _request_deadline(self) -> float:
        now = time.monotonic()
        if self._deadline_at is not None and now >= self._deadline_at:
            raise Refused("the scenario's or the run's deadline has passed; no further requests are sent")
        at = now + self.limits.timeout
        return at if self._deadline_at is None else min(at, self._deadline_at)


class _TooLarge(Exception):
    pass


def _read_capped(response: httpx.Response, cap: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _TooLarge(f"response body of {int(declared)} bytes is over the {cap}-byte cap; not read")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise _TooLarge(f"response body over the {cap}-byte cap; reading stopped")
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(exc: Exception) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"{type(exc).__name__}: no complete answer within the request's total deadline"
    return f"{type(exc).__name__}: {exc}"


def _carries_credentials(
    data: Mapping[str, str] | None, headers: Mapping[str, str] | None, auth: tuple[str, str] | None
) -> bool:
    if auth is not None:
        return True
    if headers and any(name.lower() == "authorization" for name in headers):
        return True
    return bool(data) and not CREDENTIAL_FIELDS.isdisjoint(data or {})


def _network_transport(verify: str | bool | ssl.SSLContext, proxy: str | None = None) -> httpx.BaseTransport:
    """httpx's own transport over sockets that honour the request's total deadline, optionally through an
    explicit proxy (``BANKID_HTTPS_PROXY``; https is tunnelled with CONNECT, so the proxy sees no credential)."""
    context = httpx.create_ssl_context(verify=_ssl_context(verify), trust_env=False)
    transport = httpx.HTTPTransport(verify=context)
    # httpx does not expose httpcore's network_backend; the pool is rebuilt with it, settings unchanged.
    if proxy is None:
        transport._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=DeadlineBackend())
    else:
        transport._pool = httpcore.HTTPProxy(proxy_url=proxy, ssl_context=context, network_backend=DeadlineBackend())
    return transport


def _ssl_context(verify: str | bool | ssl.SSLContext) -> ssl.SSLContext | bool:
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return verify


def _refused(method: str, url: str, why: str) -> Exchange:
    return Exchange(method, redact_url(url), {}, "", None, {}, "", error=f"not sent: {why}")


def _exchange(
    request: httpx.Request, response: httpx.Response | None, body: bytes = b"", *, error: str | None = None
) -> Exchange:
    request_type = request.headers.get("content-type", "")
    if response is None:
        return Exchange(
            request.method,
            redact_url(str(request.url)),
            redact_headers(request.headers.items()),
            redact_body(request.content, request_type),
            None,
            {},
            "",
            error=error,
        )
    return Exchange(
        method=request.method,
        url=redact_url(str(request.url)),
        request_headers=redact_headers(request.headers.items()),
        request_body=redact_body(request.content, request_type),
        status=response.status_code,
        response_headers=redact_headers(response.headers.items()),
        response_body=redact_body(body, response.headers.get("content-type", "")),
        elapsed_ms=round(response.elapsed.total_seconds() * 1000, 2),
    )
