#!/usr/bin/env bash
# The main job's cost, repeatably: runs `./scripts/conformance` (or, with --no-html etc., the same arguments
# through it) RUNS times (default 5) into a throw-away reports directory and prints each run's wall time and
# CPU (user+sys of the whole process tree, the steadier figure on a shared machine), then the medians and the
# load average before and after. Per scenario = the child pytest's CPU / the scenarios it ran is not split out:
# use `bench/main_job.sh --no-html` for the suite alone. Usage: bench/main_job.sh [RUNS] [-- conformance args]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
if [ $# -gt 0 ] && [ "$1" != "--" ]; then runs=$1; shift; fi
[ "${1:-}" = "--" ] && shift
scripts/bootstrap --html 2>/dev/null
out=$(mktemp -d /tmp/bankid-main-job.XXXXXX)
trap 'rm -rf "$out"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)  args: ${*:-(none)}"
walls=() cpus=()
for i in $(seq "$runs"); do
  # Warm-up is the first run's business: each run is reported, the median is over all of them.
  /usr/bin/time -f '%e %U %S' -o "$out/time" ./scripts/conformance --reports "$out/reports" "$@" >"$out/log" 2>&1 \
    || echo "run $i: exit $?" >&2
  read -r wall user sys <"$out/time"
  cpu=$(echo "$user + $sys" | bc)
  walls+=("$wall") cpus+=("$cpu")
  printf 'run %d: wall %5.2f s  cpu %5.2f s (user %s, sys %s)  %s\n' "$i" "$wall" "$cpu" "$user" "$sys" \
    "$(grep -E '^[0-9]+ passed' "$out/log" | tail -1)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median of $runs: wall $(median "${walls[@]}") s, cpu $(median "${cpus[@]}") s"
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
