"""The Markdown view of one benchmark run: ratios of server CPU per operation, ours over each peer."""

from __future__ import annotations

from typing import Any

PEER_COLUMNS = {
    "code_flow": [("node-oidc-provider", "code_flow"), ("oidc-provider-mock", "code_flow")],
    "client_credentials": [
        ("node-oidc-provider", "client_credentials (jwt-rs256)"),
        ("node-oidc-provider", "client_credentials (jwt-es256)"),
        ("node-oidc-provider", "client_credentials (opaque)"),
    ],
}


def _key(r: dict[str, Any]) -> tuple[str, str, int, bool]:
    return r["provider"], r["operation"], r["concurrency"], r["keep_alive"]


def _shape(concurrency: int, keep_alive: bool) -> str:
    return f"c={concurrency}, {'keep-alive' if keep_alive else 'new connection'}"


def _ratio(a: float, b: float | None) -> str:
    return f"{a / b:.2f}x" if b else "-"


def _cpu_table(results: list[dict[str, Any]]) -> list[str]:
    index = {_key(r): r for r in results}
    lines = [
        "| operation | shape | ours CPU ms/op | peer | peer CPU ms/op | ours / peer |",
        "|---|---|---:|---|---:|---:|",
    ]
    for r in results:
        if r["provider"] not in ("ours", "ours on PostgreSQL", "ours on gunicorn"):
            continue
        for provider, operation in PEER_COLUMNS[r["operation"]]:
            peer = index.get((provider, operation, r["concurrency"], r["keep_alive"]))
            if peer is None:
                continue
            backend = {"ours on PostgreSQL": " (PostgreSQL)", "ours on gunicorn": " (gunicorn)"}.get(r["provider"], "")
            label = f"{provider} {operation.removeprefix(r['operation']).strip()}".strip()
            lines.append(
                f"| {r['operation']}{backend} | {_shape(r['concurrency'], r['keep_alive'])} "
                f"| {r['server_cpu_ms_per_op']:.2f} "
                f"| {label} | {peer['server_cpu_ms_per_op']:.2f} "
                f"| {_ratio(r['server_cpu_ms_per_op'], peer['server_cpu_ms_per_op'])} |"
            )
    return lines


def _rows(results: list[dict[str, Any]], baseline: dict[tuple[str, int, bool], float] | None = None) -> list[str]:
    head = "| provider | operation | shape | ops/s | p50 ms | p99 ms | failures | server CPU ms/op |"
    lines = [
        head + (" vs empty |" if baseline else ""),
        "|---|---|---|---:|---:|---:|---:|---:|" + ("---:|" if baseline else ""),
    ]
    for r in results:
        row = (
            f"| {r['provider']} | {r['operation']} | {_shape(r['concurrency'], r['keep_alive'])} | {r['ops_per_s']} "
            f"| {r['p50_ms']} | {r['p99_ms']} | {r['failures']} | {r['server_cpu_ms_per_op']:.2f} |"
        )
        if baseline:
            shape = (r["operation"], r["concurrency"], r["keep_alive"])
            row += f" {_ratio(r['server_cpu_ms_per_op'], baseline.get(shape))} |"
        lines.append(row)
    return lines


def markdown(report: dict[str, Any]) -> str:
    machine = report["machine"]
    out = [
        f"# Benchmark {report['stamp']}",
        "",
        f"Command: `{report.get('command', 'bench/compare.sh')}`. "
        f"Python {machine['python']}, {machine['cpus']} CPUs, load average at start {machine['load'][0]:.1f}. "
        f"Operations per provider and shape: {report['counts']}, in {report.get('rounds', 1)} interleaved rounds "
        "(CPU per operation is the median over rounds). Server CPU is read from /proc for the server's whole "
        "process tree (on PostgreSQL: the mock's processes, not the database server's); ratios below 1 mean our mock "
        "uses less CPU than the peer.",
    ]
    if report.get("compare"):
        out += ["", "## Server CPU per operation, ours against peers (same run)", "", *_cpu_table(report["compare"])]
        out += ["", "## Throughput and latency", "", *_rows(report["compare"])]
    if report.get("growth"):
        growth = report["growth"]
        empty = {
            (r["operation"], r["concurrency"], r["keep_alive"]): r["server_cpu_ms_per_op"]
            for r in growth
            if r["provider"].endswith("empty store")
        }
        out += ["", "## Growth (ours; ratio to the empty store)", "", *_rows(growth, empty)]
    if report.get("soak"):
        out += ["", "## 2 workers, no keep-alive", "", *_rows([report["soak"]])]
    if report.get("servers"):
        from bench.servers_alone import table

        out += ["", "## The HTTP server layer alone (server CPU ms per request)", "", *table(report["servers"])]
    return "\n".join(out) + "\n"
