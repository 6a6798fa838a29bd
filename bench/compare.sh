#!/usr/bin/env bash
# The benchmark in one sitting: our mock against node oidc-provider (npm) and oidc-provider-mock (PyPI), growth
# runs and the 2-worker soak (bench/run.py says what each part does). The peers are installed here, at bench
# time, into git-ignored directories (.bench-peers/, .bench-venv/), so none of their code enters the repository.
# Arguments go to bench/run.py (e.g. --only compare --flows 100; --only servers for the HTTP server layer alone,
# its candidates installed into the git-ignored .bench-servers/; --also-gunicorn to put our mock on gunicorn beside
# the default granian). Results: bench/results/<stamp>.{json,md}.
# With BENCH_POSTGRES_URL (a PostgreSQL server, e.g. from scripts/test-postgres) our mock also runs on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || scripts/bootstrap
if [ ! -d .bench-peers/node/node_modules/oidc-provider ]; then
  mkdir -p .bench-peers/node
  [ -f .bench-peers/node/package.json ] || echo '{"private": true}' > .bench-peers/node/package.json
  npm install --prefix .bench-peers/node --no-audit --no-fund --silent oidc-provider@9
fi
if [ ! -x .bench-venv/bin/gunicorn ]; then
  python3 -m venv .bench-venv
  .bench-venv/bin/pip install -q oidc-provider-mock gunicorn
fi
case " $* " in
  *servers*)
    # The candidate servers of the server-alone run (bench/servers_alone.py); granian is a project dependency.
    if [ ! -d .bench-servers ]; then
      .venv/bin/pip install -q --target .bench-servers --only-binary=:all: pyuwsgi bjoern-binary pyruvate waitress
      # gunicorn's C parser has no wheel: it builds with gcc and the Python headers, or that candidate is skipped.
      .venv/bin/pip install -q --target .bench-servers gunicorn-h1c || echo "bench: gunicorn-h1c not built" >&2
    fi
    ;;
esac
exec .venv/bin/python -m bench.run "$@"
