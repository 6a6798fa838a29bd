"""What a run saw of each target: its discovery document and JWKS, fetched once when the target opens.

They identify what was judged (issuer, realm, the provider's ``release`` [S8], key ids) and go, as seen, into
the signed evidence pack. Client ids are recorded; secrets never are.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from harness.evidence import Evidence
from harness.findings import TargetInfo, TargetKind
from harness.rules.errors import ConformanceError
from harness.target import Target

_REALM = re.compile(r"/realms/([^/]+)")


def snapshot(target: Target, *, kind: TargetKind) -> TargetInfo:
    clients = {"main": target.client.client_id} if target.client else {}
    clients |= {role: client.client_id for role, client in target.clients.items()}
    base = TargetInfo(
        name=target.name, kind=kind, discovery_url=target.discovery_url, client_ids=clients, reachable=True
    )
    try:
        discovery, jwks = _fetch(target)
    except (ConformanceError, ValueError) as exc:
        return replace(base, reachable=False, note=str(exc))
    if discovery is None:
        return replace(base, note="the discovery URL did not return a JSON object")
    issuer = discovery.get("issuer") if isinstance(discovery.get("issuer"), str) else None
    realm = _REALM.search(issuer or target.discovery_url)
    release = discovery.get("release")
    keys = (jwks or {}).get("keys")
    return replace(
        base,
        issuer=issuer,
        realm=realm.group(1) if realm else None,
        release=str(release) if release is not None else None,
        jwks_kids=sorted(str(k.get("kid")) for k in keys or [] if isinstance(k, dict)),
        discovery_keys=sorted(discovery),
        discovery=discovery,
        jwks=jwks,
    )


def _fetch(target: Target) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    with target.session(Evidence()) as http:
        discovery = http.get(target.discovery_url).json_object()
        jwks_uri = (discovery or {}).get("jwks_uri")
        jwks = http.get(jwks_uri).json_object() if isinstance(jwks_uri, str) else None
    return discovery, jwks


def target_info_from_json(data: dict[str, Any]) -> TargetInfo:
    return TargetInfo(**data)
