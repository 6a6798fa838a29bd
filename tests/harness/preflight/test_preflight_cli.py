"""``bankid-preflight``: accepts the examples, names the field of every bad request, explains bad files."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from faker import Faker

from harness.preflight import main

EXAMPLE_NAMES = (
    "current-partner-shared.toml",
    "current-service-desk.yaml",
    "current-dedicated.toml",
    "prod-dedicated.toml",
)


def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    status = main([str(a) for a in args], out=out)
    return status, out.getvalue()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_examples_are_clean(name: str, examples_dir: Path) -> None:
    status, output = run(examples_dir / name)
    assert status == 0, output
    assert output.rstrip().endswith("OK, ready to submit")


def test_advice_is_printed_without_failing(examples_dir: Path) -> None:
    status, output = run(examples_dir / "current-service-desk.yaml")
    assert status == 0
    assert "channel: advice:" in output
    assert "no customer support" in output


def _edit(examples_dir: Path, tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (examples_dir / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    target = tmp_path / name
    target.write_text(text.replace(old, new), encoding="utf-8")
    bid = examples_dir / "webshop-test.bid"
    (tmp_path / bid.name).write_bytes(bid.read_bytes())
    return target


BAD_EDITS = [
    ("current-partner-shared.toml", 'environment = "CURRENT"', 'environment = "PREPROD"', "environment"),
    ("current-partner-shared.toml", 'display_name = "Nettbutikken Demo AS"', "", "display_name"),
    ("current-partner-shared.toml", 'number = "998877660"', 'number = "998877661"', "organisation.number"),
    (
        "current-partner-shared.toml",
        '"https://localhost:3000/callback"',
        '"http://localhost:3000/callback"',
        "redirect_uris[0]",
    ),
    (
        "current-partner-shared.toml",
        '"https://localhost:3000/callback"',
        '"https://localhost:3000/cb#x"',
        "redirect_uris[0]",
    ),
    (
        "current-partner-shared.toml",
        'scopes = ["openid", "profile"]',
        'scopes = ["openid", "nnin_altsub"]',
        "scopes",
    ),
    ("current-partner-shared.toml", "bis_enabled = true", "bis_enabled = false", "bis_enabled"),
    ("current-partner-shared.toml", '"client_secret_basic"', '"private_key_jwt"', "client_auth_method"),
    ("current-partner-shared.toml", 'flows = ["authorization_code"]', 'flows = ["implicit"]', "flows[0]"),
    ("current-partner-shared.toml", 'name = "Demo Partner AS"', 'nmae = "Demo Partner AS"', "partner.nmae"),
    (
        "current-partner-shared.toml",
        'email = "ola.nordmann@nettbutikken-demo.example.no"',
        'email = "ola"',
        "contacts.commercial.email",
    ),
    ("current-service-desk.yaml", "  justification: Looks up", "  note: Looks up", "nnin.justification"),
    (
        "current-dedicated.toml",
        'bid_password = "qwer1234"',
        'bid_password = "qwert1234"',
        "merchant_certificate.bid_password",
    ),
    (
        "current-dedicated.toml",
        'bid_file = "webshop-test.bid"',
        'bid_file = "missing.bid"',
        "merchant_certificate.bid_file",
    ),
    ("prod-dedicated.toml", 'channel = "partner"', 'channel = "service-desk"', "channel"),
    (
        "prod-dedicated.toml",
        "commercial_agreement = true",
        "commercial_agreement = false",
        "partner.commercial_agreement",
    ),
    ("prod-dedicated.toml", 'common_name = "Nettbutikken Demo AS"', "", "merchant_certificate.common_name"),
    (
        "prod-dedicated.toml",
        'kind = "dedicated"',
        'kind = "dedicated"\nbid_file = "webshop-test.bid"',
        "merchant_certificate.bid_file",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "field"), BAD_EDITS)
def test_each_bad_request_fails_naming_the_field(
    name: str, old: str, new: str, field: str, examples_dir: Path, tmp_path: Path
) -> None:
    path = _edit(examples_dir, tmp_path, name, old, new)
    status, output = run(path)
    assert status == 1
    assert f"{path}:{field}: " in output


def test_every_problem_is_printed(tmp_path: Path, faker: Faker) -> None:
    path = tmp_path / "request.toml"
    path.write_text(f'environment = "PROD"\nchannel = "service-desk"\ndisplay_name = "{faker.company()}"\n')
    status, output = run(path)
    lines = output.splitlines()
    assert status == 1
    assert len(lines) >= 10
    assert all(line.startswith(f"{path}:") for line in lines)


def test_unparsable_toml_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('environment = "CURRENT"\nchannel = partner\n')
    status, output = run(path)
    assert status == 2
    assert output.startswith(f"{path}:2:")
    assert "not valid TOML" in output


def test_unparsable_yaml_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        textwrap.dedent("""\
        environment: CURRENT
        scopes: [openid, profile
        channel: partner
    """)
    )
    status, output = run(path)
    assert status == 2
    assert output.startswith(f"{path}:3:")
    assert "not valid YAML" in output


def test_a_non_table_document_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- environment: CURRENT\n")
    status, output = run(path)
    assert status == 2
    assert "top level must be a table" in output


def test_a_missing_file_is_explained(tmp_path: Path) -> None:
    status, output = run(tmp_path / "nope.toml")
    assert status == 2
    assert "cannot read the file" in output


def test_worst_status_wins_over_several_files(examples_dir: Path, tmp_path: Path) -> None:
    bad = _edit(examples_dir, tmp_path, "prod-dedicated.toml", "commercial_agreement = true", "")
    status, _ = run(examples_dir / "prod-dedicated.toml", bad)
    assert status == 1


def test_module_entry_point_runs_as_a_process(examples_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "harness.preflight", str(examples_dir / "prod-dedicated.toml")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK, ready to submit" in result.stdout
