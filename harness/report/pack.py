"""The tamper-evident evidence pack: a manifest of the SHA-256 of every file of a run directory, and a JWS
(ES256) over the manifest's own digest (a compact JWS of the whole manifest would exceed joserfc's size cap).

It covers ``findings.json``, each target's discovery document and JWKS as seen (``targets/``), the
certification report, JUnit, the Allure results and HTML. ``report verify DIR`` checks the signature and every
digest, and that no file was added or removed; only the browser test's ``screenshots/`` may be added later.
Without ``--signing-key`` a fresh key signs the pack and only its public JWK is kept, beside the pack.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

PACK = "evidence-pack.jws"
PUBLIC_KEY = "evidence-pack.pub.jwk.json"
MANIFEST = "evidence-pack.manifest.json"
FORMAT = "bankid-conformance-evidence-pack/1"
UNSIGNED = {PACK, PUBLIC_KEY, MANIFEST}
UNSIGNED_DIRS = {"screenshots"}


def load_signing_key(path: Path) -> ECKey:
    """A P-256 private key from a JWK (JSON) or PEM file; a bad file is a ``ValueError`` naming it."""
    try:
        data = path.read_bytes()
        value: Any = json.loads(data) if data.lstrip().startswith(b"{") else data
        key = ECKey.import_key(value)
    except (OSError, ValueError, JoseError) as exc:
        raise ValueError(f"--signing-key {path}: {exc}") from exc
    if key.curve_name != "P-256" or not key.is_private:
        raise ValueError(f"--signing-key {path}: need a private P-256 (ES256) key")
    return key


def sign(directory: Path, key: ECKey | None = None) -> Path:
    key = key or ECKey.generate_key("P-256", private=True)
    public = dict(key.as_dict(private=False)) | {"kid": key.thumbprint(), "alg": "ES256", "use": "sig"}
    manifest = json.dumps({"format": FORMAT, "files": digests(directory)}, indent=1, sort_keys=True).encode()
    (directory / MANIFEST).write_bytes(manifest)
    payload = json.dumps({"format": FORMAT, "manifest": MANIFEST, "sha256": hashlib.sha256(manifest).hexdigest()})
    token = jws.serialize_compact({"alg": "ES256", "kid": public["kid"]}, payload, key)
    (directory / PACK).write_text(token + "\n", encoding="utf-8")
    (directory / PUBLIC_KEY).write_text(json.dumps(public, indent=2) + "\n", encoding="utf-8")
    return directory / PACK


def verify(directory: Path, public_key: Path | None = None) -> list[str]:
    """Problems with the pack in ``directory``; an empty list means it is intact."""
    try:
        key = ECKey.import_key(json.loads((public_key or directory / PUBLIC_KEY).read_text(encoding="utf-8")))
        token = (directory / PACK).read_text(encoding="utf-8").strip()
        signed = json.loads(jws.deserialize_compact(token, key, algorithms=["ES256"]).payload)
        manifest = (directory / MANIFEST).read_bytes()
    except (OSError, ValueError, JoseError) as exc:
        return [f"signature does not verify: {exc}"]
    if hashlib.sha256(manifest).hexdigest() != signed.get("sha256"):
        return [f"changed: {MANIFEST} (it no longer matches the signature)"]
    expected: dict[str, str] = json.loads(manifest).get("files", {})
    actual = digests(directory)
    problems = [f"changed: {name}" for name in sorted(expected) if name in actual and actual[name] != expected[name]]
    problems += [f"missing: {name}" for name in sorted(set(expected) - set(actual))]
    problems += [f"added: {name}" for name in sorted(set(actual) - set(expected))]
    return problems


def digests(directory: Path) -> dict[str, str]:
    return {path.relative_to(directory).as_posix(): _sha256(path) for path in _covered(directory)}


def _covered(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if path.is_file() and relative.parts[0] not in UNSIGNED_DIRS and relative.as_posix() not in UNSIGNED:
            yield path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
