"""Who asks and what the client is: name, intended use, display name, organisation and contacts [S3][S4][S6].

The lists ask for "description/intended use", "technical and commercial contacts" and the "display name for
the dialog header" [S4]; the organisation (number and name) identifies the requesting party [S1].
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.identifiers import is_valid_organisation_number
from bankid_provisioning.model import ProvisioningRequest
from bankid_provisioning.policy import Policy

Finding = ProvisioningError | Advice
CLIENT_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CONTACT_ROLES = ("technical", "commercial")


def check_identity(request: ProvisioningRequest, policy: Policy) -> Iterator[Finding]:
    """The client name becomes ``<name>-bankid-<env>`` (the convention seen on CURRENT [S16][S26][S39])."""
    if not request.client_name:
        if policy.newer_items_required:
            yield ProvisioningError("client_name", "is required: it becomes the client_id <name>-bankid-<env> [S16]")
    elif not CLIENT_NAME.fullmatch(request.client_name) or "-bankid-" in f"{request.client_name}-":
        yield ProvisioningError(
            "client_name",
            "must be 1-40 lower-case letters, digits or inner hyphens, without '-bankid' (appended) [S16]",
        )
    if not request.description:
        yield ProvisioningError("description", "is required: describe the intended use of the client [S4][S6]")
    if not request.display_name:
        yield ProvisioningError("display_name", "is required: it is shown in the header of the BankID dialog [S3][S4]")


def check_organisation(request: ProvisioningRequest, policy: Policy) -> Iterator[Finding]:
    required = policy.newer_items_required
    if not request.organisation.name and required:
        yield ProvisioningError("organisation.name", "is required: the organisation that requests the client [S1]")
    number = request.organisation.number
    if not number:
        if required:
            yield ProvisioningError("organisation.number", "is required: the Norwegian organisation number [S1]")
    elif not is_valid_organisation_number(number.replace(" ", "")):
        yield ProvisioningError(
            "organisation.number",
            f"{number!r} is not a valid organisation number (9 digits, mod-11 check digit)",
        )


def check_contacts(request: ProvisioningRequest, _policy: Policy) -> Iterator[Finding]:
    """ "Technical and commercial contacts" [S4][S6]: each needs a name and a reachable e-mail address."""
    for role in CONTACT_ROLES:
        contact = request.contacts.get(role)
        if contact is None or not contact.name:
            yield ProvisioningError(f"contacts.{role}.name", f"is required: a {role} contact person [S4][S6]")
        if contact is None or not contact.email:
            yield ProvisioningError(f"contacts.{role}.email", f"is required: the {role} contact's e-mail [S4][S6]")
        elif not EMAIL.fullmatch(contact.email):
            yield ProvisioningError(f"contacts.{role}.email", f"{contact.email!r} is not an e-mail address")
