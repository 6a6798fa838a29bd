"""The main job against hostile providers on loopback, as a user runs it (``python -m harness run``):

- a discovery document that sends the token, introspection, PAR and userinfo endpoints to another host, or to
  plain http: that other listener receives no client secret, no assertion, no Authorization header;
- a provider that drips one byte every 5 s: the run ends by its deadline, with a report;
- a provider answering 200 MB bodies: the run stays under 300 MB of memory (ru_maxrss of the child run).

Every run writes its report and ends not green (1 non-conformant, or 4 not judged).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from harness.targets import MockClient
from tests.harness.hostile import HostileProvider, Recorder, Seen, loopback_certificate

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT_MB = 300
RUN_TIMEOUT = 20.0
# Start-up, collection and writing the report come on top of the run's own deadline.
OVERHEAD = 40.0
# Linux carries a process's peak RSS across fork and exec, so a child forked straight from a big test worker
# reports the worker's peak as its own (389 MB seen under xdist). A small trampoline process starts the run and
# reports its child's peak instead: that child is forked from the trampoline's small image.
TRAMPOLINE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


@dataclass(frozen=True)
class ChildRun:
    code: int
    wall: float
    max_rss_mb: float
    findings: dict[str, Any]
    output: str


def run_main_job(target: str, reports: Path, environ: dict[str, str]) -> ChildRun:
    """``python -m harness run`` in a child process; its peak memory comes from ``wait4`` (children included),
    measured by a trampoline so the test worker's own size does not count."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BANKID_")}
    env.update(environ)
    started = time.monotonic()
    log = reports.parent / "child.log"
    peak = reports.parent / "child.maxrss"
    with log.open("wb") as out:
        command = [sys.executable, "-m", "harness", "run", "--target", target, "--reports", str(reports), "--no-html"]
        trampoline = [sys.executable, "-c", TRAMPOLINE, str(peak)]
        code = subprocess.run(
            [*trampoline, *command], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        ).returncode
    found = sorted(reports.rglob("findings.json"))
    findings = json.loads(found[-1].read_text()) if found else {}
    max_rss_mb = int(peak.read_text()) / 1024
    return ChildRun(code, time.monotonic() - started, max_rss_mb, findings, log.read_text(errors="replace"))


def client_environment(directory: Path) -> tuple[dict[str, str], list[bytes]]:
    """A client with a secret and a private key, as an integrator sets it; and the byte strings that must never
    reach another host."""
    client = MockClient.generate("hostile-test-client")
    secret = client.credentials.secret.reveal() if client.credentials.secret else ""
    jwk = directory / "client.jwk.json"
    jwk.write_text(json.dumps(client.credentials.private_jwk), encoding="utf-8")
    environ = {
        "BANKID_CLIENT_ID": client.credentials.client_id,
        "BANKID_CLIENT_SECRET": secret,
        "BANKID_REDIRECT_URI": "https://localhost:3000/callback",
        "BANKID_SCOPE": "openid",
        "BANKID_AUTH_METHODS": "client_secret_basic,client_secret_post,private_key_jwt,client_secret_jwt",
        "BANKID_PRIVATE_JWK_FILE": str(jwk),
        "BANKID_RUN_TIMEOUT": str(RUN_TIMEOUT),
        "BANKID_TIMEOUT": "5",
    }
    return environ, [secret.encode(), b"client_secret", b"client_assertion", b"authorization"]


def credentials_in(seen: list[Seen], forbidden: list[bytes]) -> list[str]:
    return [f"{s.method} {s.path}" for s in seen if any(f in s.raw.lower() for f in (x.lower() for x in forbidden))]


@contextmanager
def foreign_endpoints(directory: Path, *, plain_http: bool) -> Iterator[tuple[HostileProvider, Recorder]]:
    """An https provider on 127.0.0.1 whose discovery sends the endpoints to a recorder on 127.0.0.2 (https),
    or to plain http on 127.0.0.1."""
    tls = loopback_certificate(directory)
    recorder = Recorder(host="127.0.0.1", tls=None) if plain_http else Recorder(host="127.0.0.2", tls=tls)
    with ExitStack() as stack:
        stack.enter_context(recorder.running())
        provider = HostileProvider(tls=tls, endpoints_base=recorder.base)
        stack.enter_context(provider.running())
        yield provider, recorder


def report_line(name: str, run: ChildRun, **extra: object) -> None:
    details = " ".join(f"{k}={v}" for k, v in extra.items())
    print(f"[hostile {name}] exit={run.code} wall={run.wall:.1f}s max_rss={run.max_rss_mb:.0f}MB {details}")


def assert_reported_not_green(run: ChildRun) -> None:
    assert run.findings, run.output[-3000:]
    assert run.code in (1, 4), run.output[-3000:]
    assert run.max_rss_mb < MEMORY_LIMIT_MB


@pytest.mark.heavy(3)
@pytest.mark.parametrize("plain_http", [False, True], ids=["another-host", "plain-http"])
def test_credentials_never_reach_an_endpoint_outside_the_profile(tmp_path: Path, plain_http: bool) -> None:
    environ, forbidden = client_environment(tmp_path)
    with foreign_endpoints(tmp_path, plain_http=plain_http) as (provider, recorder):
        environ["BANKID_CA_BUNDLE"] = str(tmp_path / "cert.pem")
        run = run_main_job(provider.discovery_url, tmp_path / "reports", environ)
    leaked = credentials_in(recorder.seen, forbidden)
    seen_bytes = sum(len(s.raw) for s in recorder.seen)
    report_line(
        "plain-http" if plain_http else "another-host",
        run,
        other_host_requests=len(recorder.seen),
        other_host_bytes=seen_bytes,
        credentials=len(leaked),
    )
    assert leaked == []
    assert_reported_not_green(run)
    assert run.code == 1  # the endpoint rule (BID-R4) fails: the endpoints are not under the issuer


# The drip is scaled down, not weakened: a byte every second still arrives well inside every per-read timeout
# (2 s), so only the total per-request deadline can end a request, and one whole dripped answer (~80 bytes,
# ~80 s) takes longer than the bound asserted below; the run's own deadline then ends the run.
DRIP_EVERY = 1.0
DRIP_REQUEST_TIMEOUT = 2.0
DRIP_RUN_TIMEOUT = 8.0


@pytest.mark.heavy(10)
def test_a_dripping_provider_cannot_hold_the_run(tmp_path: Path) -> None:
    environ, _ = client_environment(tmp_path)
    environ |= {"BANKID_TIMEOUT": str(DRIP_REQUEST_TIMEOUT), "BANKID_RUN_TIMEOUT": str(DRIP_RUN_TIMEOUT)}
    with HostileProvider(mode="drip", drip_every=DRIP_EVERY).running() as provider:
        run = run_main_job(provider.discovery_url, tmp_path / "reports", environ)
        answer_bytes = len(provider.drip_answer)
    report_line("drip", run, run_deadline=DRIP_RUN_TIMEOUT)
    assert_reported_not_green(run)
    assert DRIP_EVERY < DRIP_REQUEST_TIMEOUT < answer_bytes * DRIP_EVERY
    assert run.wall < DRIP_RUN_TIMEOUT + OVERHEAD < answer_bytes * DRIP_EVERY


def test_a_huge_body_does_not_grow_memory(tmp_path: Path) -> None:
    environ, _ = client_environment(tmp_path)
    with HostileProvider(mode="huge").running() as provider:
        run = run_main_job(provider.discovery_url, tmp_path / "reports", environ)
    report_line("200MB", run)
    assert_reported_not_green(run)
