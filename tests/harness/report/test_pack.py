"""The evidence pack: any change to a signed run directory is caught, with the signer's key or a fresh one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from joserfc.jwk import ECKey

from harness.report.pack import PUBLIC_KEY, load_signing_key, sign, verify


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    (tmp_path / "targets" / "mock").mkdir(parents=True)
    (tmp_path / "findings.json").write_text(json.dumps({"scenarios": [{"outcome": "conformant"}]}))
    (tmp_path / "targets" / "mock" / "jwks.json").write_text('{"keys": []}')
    return tmp_path


def test_untouched_pack_verifies_and_every_kind_of_change_is_named(run_dir: Path) -> None:
    sign(run_dir)
    assert verify(run_dir) == []
    (run_dir / "targets" / "mock" / "jwks.json").write_text('{"keys": [{"kid": "new"}]}')
    (run_dir / "extra.txt").write_text("x")
    (run_dir / "findings.json").unlink()
    assert verify(run_dir) == ["changed: targets/mock/jwks.json", "missing: findings.json", "added: extra.txt"]


def test_a_given_signing_key_is_used_and_another_key_does_not_verify(
    run_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    keys = tmp_path_factory.mktemp("keys")
    key = ECKey.generate_key("P-256", private=True)
    (keys / "signer.jwk").write_text(json.dumps(key.as_dict(private=True)))
    sign(run_dir, load_signing_key(keys / "signer.jwk"))
    assert json.loads((run_dir / PUBLIC_KEY).read_text())["x"] == key.as_dict()["x"]
    other = ECKey.generate_key("P-256", private=True)
    (keys / "other.pub.jwk").write_text(json.dumps(other.as_dict(private=False)))
    [problem] = verify(run_dir, keys / "other.pub.jwk")
    assert problem.startswith("signature does not verify")


def test_a_bad_signing_key_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "k.jwk").write_text('{"kty": "oct", "k": "AAAA"}')
    with pytest.raises(ValueError, match=r"--signing-key .*k\.jwk"):
        load_signing_key(tmp_path / "k.jwk")
