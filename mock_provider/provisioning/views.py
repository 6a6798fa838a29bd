"""What the admin API shows of a client: configuration and merchant certificate, never a secret."""

from __future__ import annotations

from typing import Any

from bankid_provisioning import Environment
from mock_provider.clients import ClientRecord
from mock_provider.provider import Provider
from mock_provider.provisioning import certificates, records


def client_view(provider: Provider, record: ClientRecord) -> dict[str, Any]:
    config = record.config
    realm = provider.realms[config.realm]
    origin = records.latest(provider, config.client_id)
    return {
        "client_id": config.client_id,
        "environment": config.realm.upper(),
        "realm": config.realm,
        "issuer": realm.issuer,
        "token_endpoint": realm.token_endpoint,
        "enabled": config.enabled,
        "display_name": config.display_name,
        "redirect_uris": list(config.redirect_uris),
        "scopes": list(config.scopes),
        "grant_types": list(config.grant_types),
        "token_endpoint_auth_methods": list(config.token_endpoint_auth_methods),
        "has_secret": record.secret_hash is not None,
        "jwks": dict(config.jwks) if config.jwks is not None else None,
        "jwks_uri": config.jwks_uri,
        "nnin_eligible": config.nnin_eligible,
        "bis_enabled": config.bis_enabled,
        "merchant_certificate": merchant_certificate_view(provider, record),
        "provisioned_by": origin.provisioned_by if origin else "seed",
        "provisioned_at": origin.submitted_at if origin else None,
    }


def merchant_certificate_view(provider: Provider, record: ClientRecord) -> dict[str, Any]:
    """The dedicated certificate installed for the client, or the provider's shared one [S1]."""
    environment = Environment(record.config.realm.upper())
    if record.config.merchant_certificate_cn is None:
        return {"kind": "shared", **certificates.shared(provider, environment).summary()}
    installed = certificates.installed_for(provider, record.client_id)
    if installed is None:
        # A seeded client configured with a CN but no installed certificate: say what is known.
        return {"kind": "dedicated", "common_name": record.config.merchant_certificate_cn}
    return {"kind": "dedicated", **installed.summary()}
