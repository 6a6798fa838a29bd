"""Faults in provisioning, releases and the RA self-service (BID-P3..P35): the admin API answers or treats
a request differently from what BankID's provisioning page says. All are interceptors: the provisioning
service itself stays as the page describes it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from werkzeug.wrappers import Request, Response

from mock_provider.faults.http import Matches, answer, ask, instead, json_of, json_response
from mock_provider.hooks import FaultProfile, Handler, Interceptor, replayable

Json = dict[str, Any]
PROVISIONING = "/admin/provisioning/"
RA_ORDERS = "/admin/ra/merchant-orders"


def _submission(request: Request) -> bool:
    return request.method == "POST" and PROVISIONING in request.path and request.path.endswith("/clients")


def _client_view(request: Request) -> bool:
    return PROVISIONING in request.path and request.method in ("GET", "POST")


def _body(request: Request) -> Json:
    try:
        body = json.loads(request.get_data(cache=True) or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _path_environment(request: Request) -> str:
    return request.path.split(PROVISIONING, 1)[1].split("/", 1)[0].upper()


def _submitted(when: Callable[[Json, Request], bool]) -> Matches:
    return lambda request: _submission(request) and when(_body(request), request)


def _rewrite(change: Callable[[Json, Request], Json]) -> Callable[[Request], Request]:
    def rewrite(request: Request) -> Request:
        return replayable(request.environ, body=json.dumps(change(_body(request), request)).encode())

    return rewrite


def _granted(change: Callable[[Json, Request], Json]) -> Callable[[Request, Response], Response]:
    """Change the JSON of a successful answer (a granted request or a client read)."""

    def respond(request: Request, response: Response) -> Response:
        if response.status_code not in (200, 201) or response.mimetype != "application/json":
            return response
        return json_response(change(json_of(response), request), response.status_code, response)

    return respond


def _refused(request: Request) -> Response:
    problem = {"error": "invalid_request", "error_description": "The provisioning request is not valid", "errors": []}
    return json_response(problem, 400)


def _without_advice(word: str) -> Callable[[Json, Request], Json]:
    def change(body: Json, request: Request) -> Json:
        advice = [a for a in body.get("advice", []) if word not in json.dumps(a)]
        return {**body, "advice": advice} if "advice" in body else body

    return change


def _without_secret(body: Json, request: Request) -> Json:
    return {k: v for k, v in body.items() if k != "client_secret"}


def _environment_from_path(body: Json, request: Request) -> Json:
    return {**body, "environment": _path_environment(request)}


REQUIRED_DEFAULTS: Json = {
    "description": "A client.",
    "display_name": "A client",
    "flows": ["authorization_code"],
    "idps": ["BID"],
    "redirect_uris": ["https://client.example.no/callback"],
    "contacts": {"technical": {"name": "Kari Nordmann", "email": "kari@example.no"}},
}


def _fill_required(body: Json, request: Request) -> Json:
    return {**REQUIRED_DEFAULTS, **{k: v for k, v in body.items() if v not in (None, "", [], {})}}


def _certificate(body: Json) -> Json:
    value = body.get("merchant_certificate")
    return value if isinstance(value, dict) else {}


def _environment(body: Json) -> str:
    return str(body.get("environment", "")).upper()


def _dedicated(environment: str) -> Callable[[Json, Request], bool]:
    return lambda body, request: _environment(body) == environment and _certificate(body).get("kind") == "dedicated"


def _fill_organisation(body: Json, request: Request) -> Json:
    organisation = {"name": "Organisasjon AS", "number": "998877660", **(body.get("organisation") or {})}
    certificate = {"common_name": "Organisasjon AS", **_certificate(body)}
    return {**body, "organisation": organisation, "merchant_certificate": certificate}


def _preset_password(body: Json, request: Request) -> Json:
    certificate = _certificate(body)
    if "bid_base64" not in certificate:
        return body
    return {**body, "merchant_certificate": {**certificate, "bid_password": "qwer1234"}}


def _agreement(body: Json, request: Request) -> Json:
    if _environment(body) != "PROD":
        return body
    partner = {"name": "Partner AS", **(body.get("partner") or {}), "commercial_agreement": True}
    return {**body, "channel": "partner", "partner": partner}


def _channel(environment: str, channel: str) -> Callable[[Json, Request], bool]:
    return lambda body, request: _environment(body) == environment and str(body.get("channel", "")).lower() == channel


def _bid_attached(body: Json, request: Request) -> bool:
    return _environment(body) == "CURRENT" and "bid_base64" in _certificate(body)


def _bis_off(body: Json, request: Request) -> Json:
    return {**body, "bis_enabled": False}


def _certificate_view(change: Callable[[Json], Json]) -> Callable[[Json, Request], Json]:
    def on_view(body: Json, request: Request) -> Json:
        listed = body.get("clients")
        views: list[Json] = listed if isinstance(listed, list) else [body]
        for view in views:
            if isinstance(view.get("merchant_certificate"), dict):
                view["merchant_certificate"] = change(view["merchant_certificate"])
        return body

    return on_view


def _shared_shown_as_dedicated(certificate: Json) -> Json:
    return {**certificate, "kind": "dedicated"} if certificate.get("kind") == "shared" else certificate


def _dedicated_shown_as_shared(certificate: Json) -> Json:
    return {"kind": "shared"} if certificate.get("kind") == "dedicated" else certificate


def _keystore_back(body: Json, request: Request) -> Json:
    bid = _certificate(_body(request)).get("bid_base64")
    if not bid or body.get("merchant_certificate", {}).get("kind") != "dedicated":
        return body
    return {**body, "merchant_certificate": {**body["merchant_certificate"], "keystore": bid}}


def _download_activates(request: Request, handler: Handler) -> Response:
    """The RA hands out the ``.bid`` of an order nobody activated: it activates it on download."""
    if request.method == "GET" and request.path.startswith(RA_ORDERS) and request.path.endswith("/bid"):
        path = request.path.removesuffix("/bid") + "/activate"
        handler(replayable(request.environ, body=b"", REQUEST_METHOD="POST", PATH_INFO=path, CONTENT_TYPE=""))
    return handler(request)


def _other_password(request: Request, response: Response) -> Response:
    if response.status_code != 200:
        return response
    key, certificate, extra = pkcs12.load_key_and_certificates(response.get_data(), b"qwer1234")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        return response
    encryption = BestAvailableEncryption(b"other-password")
    data = pkcs12.serialize_key_and_certificates(b"merchant", key, certificate, extra, encryption)
    response.set_data(data)
    return response


def _release_changes_clients(request: Request, handler: Handler) -> Response:
    """A new release changes what provisioning configured: every provisioned client comes back with a JWKS
    registered, and so with ``private_key_jwt`` among its methods."""
    response = handler(request)
    if request.method != "POST" or not request.path.endswith("/admin/releases") or response.status_code >= 300:
        return response
    for realm in ("current", "prod"):
        base = f"/admin/provisioning/{realm}/clients"
        listed = handler(replayable(request.environ, body=b"", REQUEST_METHOD="GET", PATH_INFO=base, CONTENT_TYPE=""))
        clients = json_of(listed).get("clients", []) if listed.status_code == 200 else []
        for client in (c for c in clients if c.get("provisioned_by") != "seed"):
            body = json.dumps({"jwks_uri": "https://release.example.no/jwks.json"}).encode()
            path = f"{base}/{client['client_id']}/jwks"
            handler(replayable(request.environ, body=body, REQUEST_METHOD="PUT", PATH_INFO=path))
    return response


def _ra(path_suffix: str, method: str) -> Matches:
    return lambda request: request.method == method and request.path.endswith(path_suffix)


def _always(body: Json, request: Request) -> bool:
    return True


def _on_submission(
    change: Callable[[Json, Request], Json], when: Callable[[Json, Request], bool] = _always
) -> Interceptor:
    return ask(_submitted(when), _rewrite(change))


PROFILES = {
    "provisioning-withholds-secret": FaultProfile(interceptor=answer(_submission, _granted(_without_secret))),
    "service-desk-without-notice": FaultProfile(
        interceptor=answer(_submission, _granted(_without_advice("customer support")))
    ),
    "prod-certificate-without-salg": FaultProfile(interceptor=answer(_submission, _granted(_without_advice("salg@")))),
    "provisioning-ignores-environment": FaultProfile(interceptor=_on_submission(_environment_from_path)),
    "provisioning-fills-missing-fields": FaultProfile(interceptor=_on_submission(_fill_required)),
    "prod-dedicated-fills-organisation": FaultProfile(
        interceptor=_on_submission(_fill_organisation, _dedicated("PROD"))
    ),
    "bid-password-not-checked": FaultProfile(interceptor=_on_submission(_preset_password)),
    "prod-without-agreement": FaultProfile(interceptor=_on_submission(_agreement)),
    "current-refuses-partners": FaultProfile(interceptor=instead(_submitted(_channel("CURRENT", "partner")), _refused)),
    "current-refuses-service-desk": FaultProfile(
        interceptor=instead(_submitted(_channel("CURRENT", "service-desk")), _refused)
    ),
    "prod-refuses-partners": FaultProfile(interceptor=instead(_submitted(_channel("PROD", "partner")), _refused)),
    "current-refuses-bid": FaultProfile(interceptor=instead(_submitted(_bid_attached), _refused)),
    "bis-never-enabled": FaultProfile(interceptor=_on_submission(_bis_off)),
    "dedicated-by-default": FaultProfile(
        interceptor=answer(_client_view, _granted(_certificate_view(_shared_shown_as_dedicated)))
    ),
    "dedicated-certificate-ignored": FaultProfile(
        interceptor=answer(_client_view, _granted(_certificate_view(_dedicated_shown_as_shared)))
    ),
    "keystore-handed-back": FaultProfile(interceptor=answer(_submission, _granted(_keystore_back))),
    "ra-refuses-orders": FaultProfile(interceptor=instead(_ra("/ra/merchant-orders", "POST"), _refused)),
    "ra-bid-before-activation": FaultProfile(interceptor=_download_activates),
    "bid-other-password": FaultProfile(interceptor=answer(_ra("/bid", "GET"), _other_password)),
    "release-changes-clients": FaultProfile(interceptor=_release_changes_clients),
}
