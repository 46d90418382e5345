#!/usr/bin/env bash
# End-to-end check of neo4j.sh + Launcher against a real Neo4j, with the Python driver.
# Prints the measured start/stop times. Uses ports 17687-17690 and temporary folders only;
# the `up`/`down` part uses <repo>/.neo4j for the pid/log files and is skipped if a server
# started by `up` already runs.
#
#   REGISTRY_NEO4J_PASSWORD=... tools/neo4j/selftest.sh
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
N4J="$SCRIPT_DIR/neo4j.sh"
PY="${PYTHON:-$REPO_ROOT/.venv/bin/python}"
PROBE="$SCRIPT_DIR/probe.py"
export REGISTRY_NEO4J_PASSWORD="${REGISTRY_NEO4J_PASSWORD:-selftest-password}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/registry-neo4j-selftest.XXXXXX")"
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "selftest: FAIL $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# start_bg NAME PORT ARGS... : starts `neo4j.sh run ARGS` in the background, waits for READY.
# Sets PID and prints the time from the command to the READY line.
start_bg() {
    local name="$1" port="$2"; shift 2
    local t0; t0="$(now)"
    REGISTRY_NEO4J_PORT="$port" "$N4J" run "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
    PID=$!
    PIDS+=("$PID")
    local i
    for ((i = 0; i < 1800; i++)); do
        grep -q '^REGISTRY-NEO4J READY ' "$WORK/$name.out" && break
        kill -0 "$PID" 2>/dev/null || { cat "$WORK/$name.err" >&2; fail "$name: exited before READY"; }
        sleep 0.1
    done
    [[ "$(cat "$WORK/$name.out")" == "REGISTRY-NEO4J READY bolt://127.0.0.1:$port" ]] \
        || fail "$name: unexpected stdout: $(cat "$WORK/$name.out")"
    echo "selftest: $name: READY after $(elapsed "$t0") s"
}

# stop_bg NAME : SIGTERM, must end within 30 s.
stop_bg() {
    local name="$1" t0 i
    t0="$(now)"
    kill -TERM "$PID"
    for ((i = 0; i < 300; i++)); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$PID" 2>/dev/null && fail "$name: still running 30 s after SIGTERM"
    wait "$PID" 2>/dev/null || true
    echo "selftest: $name: stopped $(elapsed "$t0") s after SIGTERM"
    [[ "$(wc -l < "$WORK/$name.out")" -eq 1 ]] || fail "$name: stdout has more than the READY line"
}

"$N4J" build

echo "== refuses a short password (exit 2)"
rc=0
REGISTRY_NEO4J_PASSWORD=short "$N4J" run --ephemeral >/dev/null 2>"$WORK/short.err" || rc=$?
[[ $rc -eq 2 ]] || fail "short password: exit $rc, expected 2"
echo "selftest: refused: $(head -n1 "$WORK/short.err")"

echo "== --ephemeral on 17687"
start_bg ephemeral 17687 --ephemeral
EPH_DIR="$(sed -n 's/^registry-neo4j: starting Neo4j (ephemeral \([^)]*\)).*/\1/p' "$WORK/ephemeral.err")"
[[ -d "$EPH_DIR" ]] || fail "ephemeral folder not found: '$EPH_DIR'"
"$PY" "$PROBE" bolt://127.0.0.1:17687 "$REGISTRY_NEO4J_PASSWORD" create 1
stop_bg ephemeral
[[ ! -e "$EPH_DIR" ]] || fail "ephemeral folder still there: $EPH_DIR"
echo "selftest: ephemeral folder removed: $EPH_DIR"

echo "== --data, twice (persistence)"
start_bg data-cold 17688 --data "$WORK/data"
"$PY" "$PROBE" bolt://127.0.0.1:17688 "$REGISTRY_NEO4J_PASSWORD" create 1
stop_bg data-cold
start_bg data-warm 17688 --data "$WORK/data"
"$PY" "$PROBE" bolt://127.0.0.1:17688 "$REGISTRY_NEO4J_PASSWORD" count 1
stop_bg data-warm

echo "== --ephemeral --stop-on-stdin-eof"
mkfifo "$WORK/stdin"
t0="$(now)"
REGISTRY_NEO4J_PORT=17690 "$N4J" run --ephemeral --stop-on-stdin-eof <"$WORK/stdin" >"$WORK/eof.out" 2>"$WORK/eof.err" &
PID=$!
PIDS+=("$PID")
exec 3>"$WORK/stdin"
for ((i = 0; i < 1800; i++)); do grep -q READY "$WORK/eof.out" && break; sleep 0.1; done
grep -q READY "$WORK/eof.out" || fail "stdin-eof: no READY"
echo "selftest: stdin-eof: READY after $(elapsed "$t0") s"
t0="$(now)"
exec 3>&-
for ((i = 0; i < 300; i++)); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$PID" 2>/dev/null && fail "stdin-eof: still running 30 s after stdin EOF"
echo "selftest: stdin-eof: stopped $(elapsed "$t0") s after stdin EOF"

echo "== up / down"
if "$N4J" status >/dev/null 2>&1; then
    echo "selftest: a server started by 'up' already runs; skipping up/down"
else
    t0="$(now)"
    REGISTRY_NEO4J_DATA="$WORK/up-data" REGISTRY_NEO4J_PORT=17689 "$N4J" up
    echo "selftest: up: returned after $(elapsed "$t0") s"
    "$PY" "$PROBE" bolt://127.0.0.1:17689 "$REGISTRY_NEO4J_PASSWORD" create 1
    "$N4J" status
    "$N4J" down
    "$N4J" down
    "$N4J" status && fail "status says running after down"
    rc=0; (unset REGISTRY_NEO4J_PASSWORD; "$N4J" up) 2>"$WORK/nopw.err" || rc=$?
    [[ $rc -ne 0 ]] || fail "up without password succeeded"
    echo "selftest: up without password refused: $(cat "$WORK/nopw.err")"
fi

echo "selftest: ALL OK"
