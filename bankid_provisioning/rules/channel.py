"""Which environment, and through whom the request reaches BankID [S1].

"CURRENT: When you have an associated BankID partner, the partner will take care of this for you. [...] You
may, however, get provisioned in CURRENT by submitting an Access request in our service desk for the OIDC test
environment." "PROD: In order to get a production client, you need a commercial agreement with a BankID
partner. They will take care of this for you." [S1]
"""

from __future__ import annotations

from collections.abc import Iterator

from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.model import Channel, Environment, ProvisioningRequest
from bankid_provisioning.policy import Policy

Finding = ProvisioningError | Advice


def check_environment(request: ProvisioningRequest, policy: Policy) -> Iterator[Finding]:
    """One environment per request: "[...] separate for each supported environment" [S1]."""
    offered = " or ".join(e.value for e in policy.environments)
    if request.environment is None:
        yield ProvisioningError("environment", f"is required: {offered} (one request per environment) [S1]")
        return
    if request.environment not in policy.environments:
        yield ProvisioningError(
            "environment", f"{request.environment.value} is not offered: BankID provisions {offered} [S1][S2]"
        )
        return
    # The page's first sentence points every requester to BankID's non-technical introduction.
    yield Advice("environment", "see BankID's getting started section for a non-technical introduction [S1]")


def check_channel(request: ProvisioningRequest, _policy: Policy) -> Iterator[Finding]:
    if request.channel is None:
        yield ProvisioningError("channel", "is required: partner or service-desk [S1]")
    elif request.environment is Environment.PROD:
        yield from _prod_channel(request)
    elif request.environment is not None and request.environment.is_test:
        yield from _current_channel(request)


def _prod_channel(request: ProvisioningRequest) -> Iterator[Finding]:
    """PROD clients come only through a BankID partner with a commercial agreement [S1]."""
    if request.channel is Channel.SERVICE_DESK:
        yield ProvisioningError(
            "channel",
            "PROD clients are provisioned only through a BankID partner with a commercial agreement; "
            "the service desk Access request is for CURRENT only [S1]",
        )
        return
    yield from _partner_named(request)
    if request.partner is None or not request.partner.commercial_agreement:
        yield ProvisioningError(
            "partner.commercial_agreement",
            "must be true: a production client needs a commercial agreement with a BankID partner [S1]",
        )


def _current_channel(request: ProvisioningRequest) -> Iterator[Finding]:
    if request.channel is Channel.PARTNER:
        yield from _partner_named(request)
        return
    yield Advice(
        "channel",
        "a service desk Access request gets a CURRENT client, but BankID offers no customer support at this "
        "service desk; BankID strongly recommends deciding upon a BankID partner early on [S1]",
    )


def _partner_named(request: ProvisioningRequest) -> Iterator[Finding]:
    if request.partner is None or not request.partner.name:
        yield ProvisioningError("partner.name", "is required: the BankID partner who submits this request [S1]")
