"""``/admin/provisioning/<environment>/clients``: BankID's provisioning process as an admin API [S1].

Submit a request (JSON, the same fields as a preflight request file, the ``.bid`` as ``bid_base64``), read and
list clients (never their secrets), rotate the secret (and end the old one's grace period early), register a
JWKS, disable or re-enable a client.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from bankid_provisioning import Environment
from bankid_provisioning.rules.redirects import redirect_uri_problem
from mock_provider.admin import admin_blueprint
from mock_provider.admin.problems import AdminProblemError, conflict, invalid, json_body, not_found
from mock_provider.clients import ClientRecord, rotation
from mock_provider.provider import current_provider
from mock_provider.provisioning import service
from mock_provider.provisioning.views import client_view

BASE = "/provisioning/<environment>/clients"
PRIVATE_JWK_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "k", "oth"})


@admin_blueprint.post(BASE)
def submit(environment: str) -> tuple[Response, int, dict[str, str]]:
    env, provider = _environment(environment), current_provider()
    try:
        result = service.provision(provider, env, json_body())
    except service.RejectedError as rejected:
        raise invalid([e.as_dict() for e in rejected.report.errors], "The provisioning request is not valid") from None
    except service.AlreadyProvisionedError as exists:
        raise conflict(f"Client {exists} is already provisioned") from None
    record = provider.clients.get(result.client.client_id, result.client.realm)
    assert record is not None
    body = {**client_view(provider, record), "advice": [a.as_dict() for a in result.report.advice]}
    if result.secret is not None:
        body["client_secret"] = result.secret  # shown once; only its hash is stored
    location = f"/admin/provisioning/{env.realm}/clients/{record.client_id}"
    return jsonify(body), 201, {"Location": location, "Cache-Control": "no-store"}


@admin_blueprint.get(BASE)
def list_clients(environment: str) -> Response:
    env, provider = _environment(environment), current_provider()
    return jsonify({"clients": [client_view(provider, r) for r in provider.clients.all(env.realm)]})


@admin_blueprint.get(f"{BASE}/<client_id>")
def read(environment: str, client_id: str) -> Response:
    return jsonify(client_view(current_provider(), _client(environment, client_id)))


@admin_blueprint.post(f"{BASE}/<client_id>/secret")
def rotate_secret(environment: str, client_id: str) -> tuple[Response, int, dict[str, str]]:
    record = _client(environment, client_id)
    if record.config.token_endpoint_auth_methods == ("private_key_jwt",):
        raise conflict(f"Client {client_id} authenticates with private_key_jwt and has no secret")
    secret, old_until = service.rotate_secret(current_provider(), record)
    body = {"client_id": client_id, "client_secret": secret, "rotated_secret_expires_at": old_until}
    return jsonify(body), 200, {"Cache-Control": "no-store"}


@admin_blueprint.delete(f"{BASE}/<client_id>/secret/rotated")
def invalidate_rotated_secret(environment: str, client_id: str) -> tuple[str, int]:
    """End the replaced secret's grace period now, as Keycloak's DELETE .../client-secret/rotated does: 204
    whether or not there was one (ClientResource.invalidateRotatedSecret)."""
    rotation.invalidate(current_provider().store, _client(environment, client_id).client_id)
    return "", 204


@admin_blueprint.put(f"{BASE}/<client_id>/jwks")
def register_jwks(environment: str, client_id: str) -> Response:
    record = _client(environment, client_id)
    jwks, uri = _jwks_from(json_body())
    service.register_jwks(current_provider(), record, jwks, uri)
    return read(environment, client_id)


@admin_blueprint.post(f"{BASE}/<client_id>/disable")
def disable(environment: str, client_id: str) -> Response:
    service.set_enabled(current_provider(), _client(environment, client_id), False)
    return read(environment, client_id)


@admin_blueprint.post(f"{BASE}/<client_id>/enable")
def enable(environment: str, client_id: str) -> Response:
    service.set_enabled(current_provider(), _client(environment, client_id), True)
    return read(environment, client_id)


def _environment(name: str) -> Environment:
    offered = service.environments(current_provider())
    try:
        environment = Environment(name.upper())
    except ValueError:
        environment = None
    if environment not in offered:
        raise not_found(f"Environment {name!r} (use {' or '.join(e.realm for e in offered)})")
    assert environment is not None
    return environment


def _client(environment: str, client_id: str) -> ClientRecord:
    # A client lives in its own environment only: asking another environment for it is a 404 [S1].
    record = current_provider().clients.get(client_id, _environment(environment).realm)
    if record is None:
        raise not_found(f"Client {client_id} in {environment}")
    return record


def _jwks_from(body: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    jwks, uri = body.get("jwks"), body.get("jwks_uri")
    errors = [{"field": k, "message": "unknown field"} for k in sorted(set(body) - {"jwks", "jwks_uri"})]
    if jwks is None and uri is None:
        errors.append({"field": "jwks", "message": "give a public JWK Set (jwks) or a JWKS URL (jwks_uri) [S27]"})
    if jwks is not None:
        errors.extend(_jwks_problems(jwks))
    if uri is not None and (not isinstance(uri, str) or redirect_uri_problem(uri) is not None):
        errors.append({"field": "jwks_uri", "message": "must be an https URL [S28]"})
    if errors:
        raise invalid(errors, "The JWKS registration is not valid")
    return jwks, uri


def _jwks_problems(jwks: object) -> list[dict[str, str]]:
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list) or not jwks["keys"]:
        return [{"field": "jwks", "message": "must be a JWK Set with a non-empty 'keys' array [S27]"}]
    for index, key in enumerate(jwks["keys"]):
        if not isinstance(key, dict) or PRIVATE_JWK_MEMBERS & set(key):
            return [
                {
                    "field": f"jwks.keys[{index}]",
                    "message": "must be a public asymmetric key (no private members)",
                }
            ]
    try:
        KeySet.import_key_set(jwks)  # type: ignore[arg-type]
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        return [{"field": "jwks", "message": f"is not a usable JWK Set: {exc}"}]
    return []


__all__ = ["AdminProblemError"]
