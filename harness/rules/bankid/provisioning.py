"""The provisioning page [S1] (bidbax copy [S2]): who may provision a client, where, and what it yields.

Every sentence of the page is a rule here or in ``credentials`` and ``merchant_certificate``; the mapping is
docs/provisioning-traceability.md. Ids are ``BID-P<n>``. The provisioning answers are a mock's (real BankID
provisions by hand), read leniently: ``errors``/``advice`` lists of ``{field, message}`` or error text.
https://confluence.bankidnorge.no/confluence/display/pdoidclpp/Provisioning
"""

from __future__ import annotations

from typing import Any

from harness.http import Reply
from harness.rules.registry import Level, expect, rule

CLIENT_AUTH_STATUSES = (400, 401)
CLIENT_AUTH_ERRORS = ("invalid_client", "unauthorized_client")
PROVISIONED_STATUSES = (200, 201)


def error_code(reply: Reply) -> Any:
    body = reply.json_object()
    return None if body is None else body.get("error")


def _entries(reply: Reply, key: str) -> list[dict[str, Any]]:
    found = (reply.json_object() or {}).get(key)
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def refused_fields(reply: Reply) -> list[str]:
    return [str(e.get("field", "")) for e in _entries(reply, "errors")]


def advice_text(reply: Reply) -> str:
    return " ".join(str(e.get("message", "")) for e in _entries(reply, "advice"))


def advice_mentions(reply: Reply, phrase: str, *, expected: str) -> None:
    """The answer's advice (what [S1] says to the requester) mentions ``phrase``, case-insensitively."""
    expect(phrase.lower() in advice_text(reply).lower(), expected=expected, seen=advice_text(reply)[:200] or None)


def body_keys(reply: Reply) -> list[str]:
    """What an answer holds, by key only: evidence for a mismatch must never echo an issued secret."""
    return sorted(reply.json_object() or {})


def refused_as_client(reply: Reply) -> None:
    """A client-authentication failure as BankID's Keycloak versions report it (PROVIDER-FACTS §3.4)."""
    expect(reply.status in CLIENT_AUTH_STATUSES, expected="400 or 401", seen=reply.status)
    expect(
        error_code(reply) in CLIENT_AUTH_ERRORS,
        expected=f"error in {CLIENT_AUTH_ERRORS}",
        seen=error_code(reply) or reply.text[:200],
    )


def provisioned(reply: Reply) -> None:
    """The request was granted: a client_id and a client_secret came back."""
    body = reply.json_object() or {}
    expect(
        reply.status in PROVISIONED_STATUSES,
        expected="200 or 201",
        seen=reply.status,
        note="; ".join(f"{e.get('field')}: {e.get('message')}" for e in _entries(reply, "errors"))[:300],
    )
    expect(
        isinstance(body.get("client_id"), str) and bool(body["client_id"]),
        expected="a client_id",
        seen=body_keys(reply),
    )
    expect(
        isinstance(body.get("client_secret"), str) and bool(body["client_secret"]),
        expected="a client_secret",
        seen=body_keys(reply),
    )


def refused_naming(reply: Reply, field: str) -> None:
    """The request was refused, no client was issued, and the refusal names ``field``."""
    expect(400 <= reply.status < 500, expected="a 4xx refusal", seen=reply.status)
    expect("client_secret" not in (reply.json_object() or {}), expected="no credentials issued", seen=body_keys(reply))
    named = refused_fields(reply)
    # Without a field list (e.g. a 404 for an environment that does not exist) the message must name it.
    in_text = not named and field.lower() in reply.text.lower()
    expect(
        any(f == field or f.startswith((f"{field}.", f"{field}[")) for f in named) or in_text,
        expected=f"a refusal naming {field!r}",
        seen=named or reply.text[:200],
    )


@rule("BID-P1", title="A client that was never provisioned gets no access", sources=("S1", "S76"))
def unprovisioned_refused(reply: Reply) -> None:
    """Requirement: "OIDC Clients must be provisioned (configured) in order to gain access to the services supported by
    the OpenID Connect Provider from BankID." [S1]: a client_id the provider never provisioned is refused at
    the token endpoint as a client-authentication failure (400/401 ``invalid_client``/``unauthorized_client``
    [S76])."""
    refused_as_client(reply)


@rule(
    "BID-P2",
    title="A requester is pointed to the non-technical getting-started introduction",
    sources=("S1",),
    level=Level.ADVISORY,
)
def points_to_getting_started(reply: Reply) -> None:
    """Requirement: "See the section on how to get started for a non-technical introduction." [S1]: the provisioning
    service's answer refers the requester to the getting-started introduction. The page does not say where
    that pointer must appear, so this is advisory."""
    text = f"{advice_text(reply)} {reply.text}".lower()
    expect(
        "get started" in text or "getting started" in text or "getting-started" in text,
        expected="a pointer to the getting-started introduction",
        seen=advice_text(reply)[:200] or None,
    )


@rule("BID-P3", title="Each environment has its own provisioning: CURRENT or PROD", sources=("S1", "S2"))
def environment_required(reply: Reply) -> None:
    """Requirement: "The provisioning process is separate for each supported environment as shown in the following
    table." [S1]: a request for one environment sent to the other's provisioning is refused naming
    ``environment``."""
    refused_naming(reply, "environment")


@rule(
    "BID-P3a",
    title="An environment BankID does not offer (PREPROD) is refused",
    sources=("S1", "S2", "S10"),
    level=Level.ADVISORY,
)
def environment_offered(reply: Reply) -> None:
    """Advisory: the table lists CURRENT and PROD only [S1][S2], yet PREPROD still appears in connector
    configuration [S10]; PROVIDER-FACTS §1.1 says to treat it as not offered, which is a reading, not a
    statement, so a PREPROD request being refused (naming ``environment``) is advisory."""
    refused_naming(reply, "environment")


@rule("BID-P4", title="Provisioning issues security credentials to the requesting party", sources=("S1", "S6"))
def credentials_issued(reply: Reply) -> None:
    """Requirement: "Provisioning results in security credentials being issued to the requesting party." [S1]; the
    result is a client_id and a client_secret [S6][S7]."""
    provisioned(reply)


@rule("BID-P4a", title="The client_id follows <name>-bankid-<env>", sources=("S16", "S26", "S39"), level=Level.ADVISORY)
def client_id_convention(client_id: str | None, client_name: str, environment: str) -> None:
    """Observed client ids follow ``<name>-bankid-<env>`` (``myclient-bankid-current`` [S16][S39],
    ``visleg-test-froggy-bankid-current`` [S26]); the convention is INFERRED (PROVIDER-FACTS §3.2)."""
    wanted = f"{client_name}-bankid-{environment.lower()}"
    expect(client_id == wanted, expected=wanted, seen=client_id)


CONFIGURATION_KEYS = (
    "redirect_uris",
    "scopes",
    "display_name",
    "merchant_certificate",
    "bis_enabled",
    "token_endpoint_auth_methods",
)


@rule("BID-P14", title="Client configurations are kept across releases", sources=("S1", "S3"))
def configuration_kept(before: Reply, after: Reply) -> None:
    """Requirement: "Client configurations are maintained across releases of the OIDC Provider in each environment
    unless specified otherwise." [S1][S3]: a client's configuration reads the same after a new release."""
    expect(after.status == 200, expected="the client's configuration after the release", seen=after.status)
    old, new = before.json_object() or {}, after.json_object() or {}
    changed = sorted(k for k in CONFIGURATION_KEYS if old.get(k) != new.get(k))
    expect(not changed, expected="the same configuration", seen={k: (old.get(k), new.get(k)) for k in changed})


@rule("BID-P15", title="CURRENT: a partner's request provisions the client", sources=("S1", "S2"))
def partner_provisions_current(reply: Reply) -> None:
    """CURRENT: "When you have an associated BankID partner, the partner will take care of this for you."
    [S1]: a complete CURRENT request submitted by a named partner is granted."""
    provisioned(reply)


@rule(
    "BID-P16",
    title="CURRENT: the service desk recommends choosing a BankID partner early",
    sources=("S1",),
    level=Level.SHOULD,
)
def recommends_partner(reply: Reply) -> None:
    """Requirement: "We strongly recommend deciding upon a BankID partner early on, even if you plan to do the
    integration work yourself." [S1]: an answer to a request without a partner carries that advice."""
    advice_mentions(reply, "partner", expected="advice to choose a BankID partner")


@rule("BID-P17", title="CURRENT: a service-desk Access request provisions the client", sources=("S1", "S2"))
def service_desk_provisions_current(reply: Reply) -> None:
    """Requirement: "You may, however, get provisioned in CURRENT by submitting an Access request in our service desk
    for the OIDC test environment." [S1]: a complete CURRENT request through the service desk is granted."""
    provisioned(reply)


@rule(
    "BID-P18",
    title="A request without the required information is refused, naming what is missing",
    sources=("S1", "S3", "S4", "S6"),
)
def incomplete_refused(reply: Reply, field: str) -> None:
    """Requirement: "Supply the required information and submit." [S1]: the list is not visible in [S1] (UNCLEAR), so
    the items every earlier list asks for are required [S3][S4][S6] (PROVIDER-FACTS §4: description,
    contacts, flows, IDPs, redirect URIs, display name); a request missing one is refused and the refusal
    names it."""
    refused_naming(reply, field)


@rule(
    "BID-P18a",
    title="A request without an item only newer pages imply is refused, naming it",
    sources=("S1", "S47"),
    level=Level.ADVISORY,
)
def incomplete_newer_refused(reply: Reply, field: str) -> None:
    """Advisory: the channel [S1], the organisation, the client's name and its scopes [S47] are asked for by no
    earlier list (PROVIDER-FACTS §4) and the current list is not visible (UNCLEAR); a request missing one is
    refused and the refusal names it."""
    refused_naming(reply, field)


@rule("BID-P23", title="The service desk says it offers no customer support", sources=("S1",))
def no_customer_support(reply: Reply) -> None:
    """Requirement: "Please note that we offer no customer support at this service desk." [S1]: a service-desk answer
    carries that notice."""
    advice_mentions(reply, "customer support", expected="a 'no customer support' notice")


@rule("BID-P24", title="PROD needs a commercial agreement with a BankID partner", sources=("S1", "S2"))
def prod_needs_agreement(reply: Reply, field: str) -> None:
    """PROD: "In order to get a production client, you need a commercial agreement with a BankID partner."
    [S1]: a PROD request from the service desk, or from a partner without an agreement, is refused."""
    refused_naming(reply, field)


@rule("BID-P25", title="PROD: a partner with a commercial agreement provisions the client", sources=("S1", "S2"))
def partner_provisions_prod(reply: Reply) -> None:
    """PROD: "They will take care of this for you." [S1]: a complete PROD request from a partner with a
    commercial agreement is granted."""
    provisioned(reply)
