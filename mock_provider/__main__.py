"""``python -m mock_provider``: serve the mock with granian (or gunicorn), on loopback unless told otherwise.

With ``--tls`` the mock's own CA issues a server certificate for 127.0.0.1 and localhost and writes the CA to
``DATA_DIR/ca.pem``, so a client can verify the mock exactly as it verifies BankID.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mock_provider.config import Config
from mock_provider.seed import DEMO_CLIENTS, SeedFileError, load_clients
from mock_provider.serve import DEFAULT_SERVER, SERVERS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mock_provider", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--data-dir", type=Path, default=Path(".mock-provider"), help="database, keys and CA")
    parser.add_argument(
        "--database-url",
        help="SQLAlchemy URL of the store, e.g. postgresql+psycopg://user@127.0.0.1/db; instances sharing one "
        "PostgreSQL database act as one provider (default: SQLite in --data-dir)",
    )
    parser.add_argument("--clients", type=Path, help="TOML file with [[clients]] to seed (default: demo clients)")
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a certificate from the mock CA")
    parser.add_argument("--public-url", help="base URL the mock advertises (default: derived from host/port)")
    parser.add_argument(
        "--admin-token",
        default=os.environ.get("MOCK_PROVIDER_ADMIN_TOKEN"),
        help="enables the admin API, guarded by this bearer token (default: $MOCK_PROVIDER_ADMIN_TOKEN)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes over one store (default: 1; more serve more requests at once on more cores, at some "
        "CPU per request)",
    )
    parser.add_argument(
        "--schema-revision", default="head", help="migrate the store only this far (rehearse a release upgrade)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads running the app in each worker (default: 4)")
    parser.add_argument(
        "--server",
        choices=SERVERS,
        default=DEFAULT_SERVER,
        help="the HTTP server: granian (Rust, the cheapest per request) or gunicorn (gthread) (default: granian)",
    )
    parser.add_argument(
        "--fault", action="append", default=[], metavar="NAME", help="a named fault profile (see --list-faults)"
    )
    parser.add_argument("--list-faults", action="store_true", help="print every fault profile name, one a line")
    parser.add_argument(
        "--key-rotation",
        type=float,
        metavar="SECONDS",
        help="rotate the signing keys every SECONDS (>= the 300 s token lifetime; BankID suggests clients refresh "
        "keys about daily [S38]); default: keys never rotate",
    )
    parser.add_argument(
        "--quirk",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="choose how an UNCLEAR fact behaves (repeatable; see --list-quirks); wins over --config",
    )
    parser.add_argument("--config", type=Path, metavar="FILE.toml", help="a [quirks] table of NAME = VALUE")
    parser.add_argument("--list-quirks", action="store_true", help="print every quirk with its values and exit")
    return parser


def build_config(args: argparse.Namespace) -> Config:
    from mock_provider.faults import profile
    from mock_provider.quirks import choose, load_config

    # Quirks and faults first: a bad name or value must not leave a data directory behind.
    quirks = choose(args.quirk, load_config(args.config) if args.config else None)
    faults = profile(*args.fault)
    scheme = "https" if args.tls else "http"
    base = args.public_url or f"{scheme}://{args.host}:{args.port}"
    clients = load_clients(args.clients) if args.clients else DEMO_CLIENTS
    args.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # it holds the CA and signing keys
    return Config.local(
        base,
        database_url=args.database_url or f"sqlite:///{args.data_dir.resolve() / 'mock-provider.sqlite3'}",
        data_dir=args.data_dir,
        clients=clients,
        admin_token=args.admin_token,
        faults=faults,
        quirks=quirks,
        schema_revision=args.schema_revision,
        key_rotation_seconds=args.key_rotation,
    )


def main(argv: list[str] | None = None) -> int:
    from mock_provider.faults import UnknownFault
    from mock_provider.faults import names as fault_names
    from mock_provider.quirks import QuirkError, describe

    parser = _parser()
    args = parser.parse_args(argv)
    # Read once, then out of the environment: granian copies the process environment into every request's WSGI
    # environ, and a secret has no business in what the app (or an error page) can see of a request.
    os.environ.pop("MOCK_PROVIDER_ADMIN_TOKEN", None)
    if args.list_quirks:
        print(describe())
        return 0
    if args.list_faults:
        print("\n".join(fault_names()))
        return 0
    try:
        config = build_config(args)
    except QuirkError as exc:
        parser.error(str(exc))  # a usage error: exit 2 with the usage line
    except UnknownFault as exc:
        parser.error(f"--fault: {exc}")
    except (SeedFileError, KeyError) as exc:
        print(f"mock_provider: {exc}", file=sys.stderr)
        return 2
    from mock_provider.app import create_app
    from mock_provider.banner import banner
    from mock_provider.serve import serve
    from mock_provider.tls import write_server_tls

    try:
        app = create_app(config)  # migrates the store and creates keys before any worker forks
    except ValueError as exc:  # a configuration the provider refuses, e.g. --key-rotation below the token lifetime
        print(f"mock_provider: {exc}", file=sys.stderr)
        return 2
    tls = write_server_tls(args.data_dir, app) if args.tls else None
    print(banner(app, listen=f"{'https' if args.tls else 'http'}://{args.host}:{args.port}"), flush=True)
    serve(app, host=args.host, port=args.port, workers=args.workers, threads=args.threads, tls=tls, server=args.server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
