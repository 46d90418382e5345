#!/usr/bin/env bash
# Local Neo4j 5.26 LTS (Community, in-process, Bolt only) for development and tests, without Docker.
#
#   neo4j.sh build                                   build the launcher if needed (Maven)
#   neo4j.sh run (--data DIR | --ephemeral) [--stop-on-stdin-eof]
#                                                    build if needed, then run in the foreground
#   neo4j.sh up                                      start in the background (persistent data)
#   neo4j.sh down                                    stop the background server
#   neo4j.sh status                                  tell whether the background server runs
#
# Build: `mvn package` compiles target/classes and writes target/classpath.txt (the runtime
# classpath, jars in ~/.m2, written by maven-dependency-plugin:build-classpath bound to `package`).
# `run` starts java with -cp target/classes:$(cat target/classpath.txt).
# See README.md for the environment variables and measured times.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
TARGET="$SCRIPT_DIR/target"
STAMP="$TARGET/.build-stamp"
CLASSPATH_FILE="$TARGET/classpath.txt"
MAIN_CLASS="mx.registry.neo4j.Launcher"

STATE_DIR="$REPO_ROOT/.neo4j"
PID_FILE="$STATE_DIR/neo4j.pid"
LOG_FILE="$STATE_DIR/neo4j.log"
READY_RE='^REGISTRY-NEO4J READY bolt://'
UP_TIMEOUT_S=180
DOWN_TIMEOUT_S=60

JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "neo4j.sh: $*" >&2; exit 1; }
say() { echo "neo4j.sh: $*" >&2; }

usage() {
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

# --- build -----------------------------------------------------------------------------------

needs_build() {
    [[ -f "$STAMP" && -f "$CLASSPATH_FILE" && -f "$TARGET/classes/mx/registry/neo4j/Launcher.class" ]] || return 0
    # Sources or pom newer than the last successful build?
    if [[ -n "$(find "$SCRIPT_DIR/pom.xml" "$SCRIPT_DIR/src" -newer "$STAMP" -print -quit)" ]]; then
        return 0
    fi
    # Every jar of the classpath still in the local Maven repository?
    local jar
    while IFS= read -r jar; do
        [[ -z "$jar" || -f "$jar" ]] || return 0
    done < <(tr ':' '\n' < "$CLASSPATH_FILE")
    return 1
}

cmd_build() {
    if ! needs_build; then
        return 0
    fi
    command -v mvn >/dev/null || die "mvn (Maven 3.8+) not found"
    say "building the Neo4j launcher (Maven)..."
    local log rc=0
    log="$(mktemp "${TMPDIR:-/tmp}/registry-neo4j-build.XXXXXX")"
    # Maven's stdout is sent to the log too: -q still prints ANSI resets with Debian's Maven 3.8.
    (cd "$SCRIPT_DIR" && mvn -q -B -ntp -Dstyle.color=never package) >"$log" 2>&1 || rc=$?
    if [[ $rc -ne 0 ]]; then
        cat "$log" >&2
        rm -f "$log"
        die "Maven build failed (exit $rc)"
    fi
    rm -f "$log"
    [[ -s "$CLASSPATH_FILE" ]] || die "build produced no $CLASSPATH_FILE"
    touch "$STAMP"
}

# --- run -------------------------------------------------------------------------------------

cmd_run() {
    local mode="" a
    for a in "$@"; do
        case "$a" in
            --ephemeral) mode=ephemeral ;;
            --data) mode=data ;;
        esac
    done
    cmd_build
    # Heap: REGISTRY_NEO4J_HEAP, else 2g for --data and 1g for --ephemeral (tests).
    local heap="${REGISTRY_NEO4J_HEAP:-}"
    if [[ -z "$heap" ]]; then
        if [[ "$mode" == ephemeral ]]; then heap=1g; else heap=2g; fi
    fi
    local -a jvm=(
        "-Xms$heap" "-Xmx$heap"
        -XX:+UseG1GC
        -XX:-OmitStackTraceInFastThrow
        -XX:+ExitOnOutOfMemoryError
        -Djdk.nio.maxCachedBufferSize=1024
        -Dio.netty.tryReflectionSetAccessible=true
        -Dlog4j2.disable.jmx=true
        # JVM unified-logging warnings go to stdout by default: keep stdout for the READY line.
        -Xlog:disable "-Xlog:all=warning:stderr:uptime,level,tags"
        --add-opens=java.base/java.nio=ALL-UNNAMED
        --add-opens=java.base/java.io=ALL-UNNAMED
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
        --enable-native-access=ALL-UNNAMED
    )
    # Extra JVM options, word-split on purpose (e.g. "-XX:+AlwaysPreTouch -Dfoo=bar").
    # shellcheck disable=SC2206
    [[ -n "${REGISTRY_NEO4J_JAVA_OPTS:-}" ]] && jvm+=(${REGISTRY_NEO4J_JAVA_OPTS})
    exec "$JAVA_BIN" "${jvm[@]}" -cp "$TARGET/classes:$(cat "$CLASSPATH_FILE")" "$MAIN_CLASS" "$@"
}

# --- up / down / status ------------------------------------------------------------------------

# Prints the pid of the running background server, or fails.
running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(tr -dc '0-9' < "$PID_FILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    # Guard against a recycled pid: it must be our launcher.
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
    echo "$pid"
}

check_password() {
    local pw="${REGISTRY_NEO4J_PASSWORD:-}"
    [[ -n "$pw" ]] || die "REGISTRY_NEO4J_PASSWORD is not set (password of user neo4j, at least 8 characters)"
    [[ ${#pw} -ge 8 ]] || die "REGISTRY_NEO4J_PASSWORD is too short: Neo4j requires at least 8 characters"
}

cmd_up() {
    [[ $# -eq 0 ]] || die "up takes no arguments (use REGISTRY_NEO4J_DATA / REGISTRY_NEO4J_PORT)"
    check_password
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid)"
        grep -m1 -E "$READY_RE" "$LOG_FILE" 2>/dev/null || true
        return 0
    fi
    rm -f "$PID_FILE"
    local data="${REGISTRY_NEO4J_DATA:-$REPO_ROOT/.neo4j/data}"
    mkdir -p "$STATE_DIR" "$data"
    cmd_build
    : > "$LOG_FILE"
    local -a detach=()
    command -v setsid >/dev/null && detach=(setsid)
    # `run` execs java, so $! is the JVM's pid.
    "${detach[@]}" bash "${BASH_SOURCE[0]}" run --data "$data" </dev/null >>"$LOG_FILE" 2>&1 &
    pid=$!
    echo "$pid" > "$PID_FILE"
    say "started pid $pid, data $data, log $LOG_FILE; waiting for Bolt (up to ${UP_TIMEOUT_S}s)"
    local deadline=$((SECONDS + UP_TIMEOUT_S)) line
    while (( SECONDS < deadline )); do
        if line="$(grep -m1 -E "$READY_RE" "$LOG_FILE")"; then
            echo "$line"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            say "Neo4j exited before it was ready; last lines of $LOG_FILE:"
            tail -n 40 "$LOG_FILE" >&2
            exit 1
        fi
        sleep 0.5
    done
    say "no READY line after ${UP_TIMEOUT_S}s; stopping pid $pid. Last lines of $LOG_FILE:"
    tail -n 40 "$LOG_FILE" >&2
    stop_pid "$pid" || true
    rm -f "$PID_FILE"
    exit 1
}

stop_pid() {
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null || return 0
    local deadline=$((SECONDS + DOWN_TIMEOUT_S))
    while kill -0 "$pid" 2>/dev/null; do
        if (( SECONDS >= deadline )); then
            say "pid $pid still alive after ${DOWN_TIMEOUT_S}s, sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
}

cmd_down() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE"
        say "not running (nothing to stop)"
        return 0
    fi
    say "stopping pid $pid"
    stop_pid "$pid"
    rm -f "$PID_FILE"
    say "stopped"
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        say "running (pid $pid)"
        grep -m1 -E "$READY_RE" "$LOG_FILE" 2>/dev/null || true
    else
        say "not running"
        return 3
    fi
}

main() {
    local cmd="${1:-}"
    [[ $# -gt 0 ]] && shift
    case "$cmd" in
        build) [[ $# -eq 0 ]] || die "build takes no arguments"; cmd_build ;;
        run) cmd_run "$@" ;;
        up) cmd_up "$@" ;;
        down) cmd_down ;;
        status) cmd_status ;;
        -h|--help|help) usage ;;
        *) usage; exit 2 ;;
    esac
}

main "$@"
