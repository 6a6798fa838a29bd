"""The provisioning rules, one module per concern of [S1] and the request lists of [S3][S4][S6].

Each rule is a function ``(request, policy) -> Iterable[ProvisioningError | Advice]``; ``RULES`` runs them
all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.model import ProvisioningRequest
from bankid_provisioning.policy import Policy
from bankid_provisioning.rules import channel, client, flows, merchant, redirects, scopes

Finding = ProvisioningError | Advice
Rule = Callable[[ProvisioningRequest, Policy], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    channel.check_environment,
    channel.check_channel,
    client.check_identity,
    client.check_organisation,
    client.check_contacts,
    flows.check_flows,
    flows.check_client_authentication,
    redirects.check_redirect_uris,
    scopes.check_scopes,
    scopes.check_nnin,
    scopes.check_identity_providers,
    merchant.check_merchant_certificate,
)

__all__ = ["RULES", "Finding", "Rule"]
