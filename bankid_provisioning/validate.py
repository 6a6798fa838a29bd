"""Validation entry point: read a request, run every rule, report every problem [S1].

The mock's provisioning API and the preflight CLI both call ``validate_request``, so an integrator's file is
judged by exactly the code that provisions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bankid_provisioning import newer_items
from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.model import ProvisioningRequest
from bankid_provisioning.parsing import AttachmentLoader, parse_request
from bankid_provisioning.policy import Policy
from bankid_provisioning.rules import RULES


@dataclass(frozen=True)
class Report:
    """The outcome: the request as read, the errors that block it and the advice that does not."""

    request: ProvisioningRequest
    errors: tuple[ProvisioningError, ...]
    advice: tuple[Advice, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_request(
    data: Mapping[str, object],
    *,
    policy: Policy | None = None,
    load_attachment: AttachmentLoader | None = None,
) -> Report:
    request, read_errors = parse_request(data, load_attachment=load_attachment)
    return check(request, policy or Policy(), read_errors=read_errors)


def check(
    request: ProvisioningRequest, policy: Policy, *, read_errors: list[ProvisioningError] | None = None
) -> Report:
    """Run every rule. A field that could not be read is reported once, not again as "missing"."""
    errors = list(read_errors or ())
    unreadable = {e.field for e in errors}
    # A newer item sent but unreadable is wrong, not left out: only a true absence is taken as the earlier lists do.
    absent = () if policy.newer_items_required else newer_items.missing(request, unreadable)
    request = newer_items.as_earlier_lists_take_it(request, absent)
    advice: list[Advice] = []
    for rule in RULES:
        for finding in rule(request, policy):
            if isinstance(finding, Advice):
                advice.append(finding)
            elif finding.field not in unreadable and finding not in errors:
                errors.append(finding)
    advice.extend(newer_items.advice(absent))
    return Report(request, tuple(errors), tuple(advice))
