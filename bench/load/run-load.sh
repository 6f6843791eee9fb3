#!/usr/bin/env bash
# The live sync load benchmark: hearthd and a reference room server on Node `ws` (bench/load/node),
# driven by bench/load/hearth-load in the same run, loopback only. See docs/benchmarks.md,
# "Live sync load".
#
#   bench/load/run-load.sh                 # both scenarios, both servers (about 90 s)
#
# Environment (all optional):
#   SCENARIOS="closed rate"  which scenarios: closed = 50 households x 5 members, closed loop;
#                            rate = 1,000 households x 5 members (5,000 sockets), 1 mutation/s each
#   SERVERS="hearthd node-ws"   which servers; also hearthd-qt (HEARTH_TRANSPORT=qt: QTcpSocket + QWebSocket per
#                            socket instead of hearthd's own transport), hearthd-qtloop (HEARTH_EVENT_LOOP=qt: Qt's default glib
#                            loop instead of hearthd's epoll dispatcher), hearthd-noglib (that, with QT_NO_GLIB=1) and
#                            hearthd-baseline (the hearthd binary HEARTHD_BASELINE points at: before/after a change)
#   DURATION=20 WARM=2       measured seconds per scenario and server, seconds of load before
#   REPEAT=1                 rounds (servers alternate within each); the targets are judged on the medians
#   FSYNC=1                  count hearthd's fsync/fdatasync calls (strace --seccomp-bpf, whole process)
#   PROFILE=1                perf record hearthd during the 5,000-socket run (needs perf), report in the work folder
#   BUILD_DIR=build/load     Release build folder; WORK_DIR (default BUILD_DIR/load-run) for data, logs, results
#   BENCH_NICE=-10           run the servers and the load tool at this nice level (root, for a shared machine:
#                            with 2 cores, a compiler next door takes the server's core and the latency with it)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -n ${BENCH_NICE:-} ]]; then
    renice -n "$BENCH_NICE" -p $$ > /dev/null
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
BUILD=${BUILD_DIR:-$ROOT/build/load}
WORK=${WORK_DIR:-$BUILD/load-run}
SCENARIOS=${SCENARIOS:-"closed rate"}
SERVERS=${SERVERS:-"hearthd node-ws"}
DURATION=${DURATION:-20}
WARM=${WARM:-2}
MEMBERS=5
CLOSED_HOUSEHOLDS=50
RATE_HOUSEHOLDS=1000

# 5,000 sockets on each side: raise the descriptor limit as far as the hard limit allows.
hard=$(ulimit -Hn)
want=65536
if [[ $hard != unlimited && $hard -lt $want ]]; then want=$hard; fi
ulimit -n "$want"
if [[ $(ulimit -n) -lt $((RATE_HOUSEHOLDS * MEMBERS + 200)) ]]; then
    echo "run-load: the descriptor limit $(ulimit -n) is too low for $((RATE_HOUSEHOLDS * MEMBERS)) sockets" >&2
    exit 1
fi

# The reference server's one dependency.
if [[ ! -f $ROOT/bench/load/node/node_modules/ws/package.json ]]; then
    echo "run-load: installing ws into bench/load/node" >&2
    npm install --prefix "$ROOT/bench/load/node" --no-audit --no-fund >&2
fi

# A Release build of hearthd and hearth-load.
if [[ ! -f $BUILD/build.ninja ]]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
fi
ninja -C "$BUILD" hearthd hearth-load >&2
HEARTHD=$BUILD/app/hearthd
LOAD=$BUILD/bench/load/hearth-load

rm -rf "$WORK"
mkdir -p "$WORK"
RESULTS=$WORK/results.jsonl
: > "$RESULTS"

# One secret for both servers: hearthd reads HEARTH_JWT_SECRET, server.js verifies HS256 with it.
HEARTH_JWT_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export HEARTH_JWT_SECRET

households=$CLOSED_HOUSEHOLDS
[[ " $SCENARIOS " == *" rate "* ]] && households=$RATE_HOUSEHOLDS
echo "run-load: creating $households households x $MEMBERS members" >&2
"$LOAD" setup --data "$WORK/seed" --households "$households" --members "$MEMBERS" --out "$WORK/tokens.txt" >&2

SERVER_PID=
STRACE_PID=
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
    [[ -n $STRACE_PID ]] && kill "$STRACE_PID" 2>/dev/null || true
}
trap cleanup EXIT

# start_server NAME TAG: starts a server on a free loopback port; sets SERVER_PID and SERVER_PORT.
start_server() {
    local name=$1 tag=$2 out=$WORK/$2.out
    : > "$out"
    case $name in
    hearthd | hearthd-qt | hearthd-qtloop | hearthd-noglib | hearthd-baseline)
        cp -a "$WORK/seed" "$WORK/data-$tag" # every run starts from the same store
        # Every socket comes from 127.0.0.1 and the closed loop runs ~100 changes/s per socket and
        # ~500 per household: hearthd's abuse limits (64 per address, 100 and 300 changes/s) would
        # refuse the load itself. The reference server has no such limits either.
        local -a limits=(--max-connections-per-address 1000000 --mutations-per-second 1000000
                         --household-mutations-per-second 1000000)
        local -a env=()
        local binary=$HEARTHD
        [[ $name == hearthd-baseline ]] && binary=${HEARTHD_BASELINE:?set HEARTHD_BASELINE to another hearthd build}
        [[ $name == hearthd-qt ]] && env=(HEARTH_TRANSPORT=qt)
        [[ $name == hearthd-qtloop ]] && env=(HEARTH_EVENT_LOOP=qt)
        [[ $name == hearthd-noglib ]] && env=(HEARTH_EVENT_LOOP=qt QT_NO_GLIB=1)
        if [[ ${FSYNC:-0} == 1 ]]; then
            env "${env[@]}" strace -f --seccomp-bpf -e trace=fsync,fdatasync -c -o "$WORK/$tag.fsync" \
                "$binary" serve --listen 127.0.0.1:0 --data "$WORK/data-$tag" "${limits[@]}" > "$out" 2> "$WORK/$tag.err" &
            STRACE_PID=$!
        else
            env "${env[@]}" "$binary" serve --listen 127.0.0.1:0 --data "$WORK/data-$tag" "${limits[@]}" > "$out" 2> "$WORK/$tag.err" &
            SERVER_PID=$!
        fi
        ;;
    node-ws)
        node "$ROOT/bench/load/node/server.js" --host 127.0.0.1 --port 0 > "$out" 2> "$WORK/$tag.err" &
        SERVER_PID=$!
        ;;
    esac
    for _ in $(seq 100); do
        SERVER_PORT=$(grep -o '"port":[0-9]*' "$out" | head -1 | cut -d: -f2 || true)
        [[ -n $SERVER_PORT ]] && break
        sleep 0.1
    done
    if [[ -z $SERVER_PORT ]]; then
        echo "run-load: $name did not start:" >&2
        cat "$WORK/$tag.err" >&2
        exit 1
    fi
    if [[ -n $STRACE_PID ]]; then
        SERVER_PID=$(pgrep -P "$STRACE_PID" -x hearthd | head -1)
    fi
}

stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "${STRACE_PID:-$SERVER_PID}" 2>/dev/null || true
    SERVER_PID=
    STRACE_PID=
}

# run_scenario NAME MODE HOUSEHOLDS
run_scenario() {
    local scenario=$1 mode=$2 hh=$3
    for server in $SERVERS; do
        local tag=$scenario-$server
        start_server "$server" "$tag"
        local perf_pid=
        if [[ ${PROFILE:-0} == 1 && $mode == rate && $server == hearthd* ]]; then
            # Attach once the sockets are joined and the load runs (connect + create + warm-up).
            (sleep $((5 + WARM)) && perf record -F 499 --call-graph dwarf,16384 -p "$SERVER_PID" -o "$WORK/$tag.perf" -- sleep 5 \
                > "$WORK/$tag.perf.log" 2>&1) &
            perf_pid=$!
        fi
        "$LOAD" run --host 127.0.0.1 --port "$SERVER_PORT" --tokens "$WORK/tokens.txt" --households "$hh" --members "$MEMBERS" \
            --mode "$mode" --warm "$WARM" --duration "$DURATION" --pid "$SERVER_PID" --server "$server" --scenario "$scenario" \
            --results "$RESULTS" > /dev/null || echo "run-load: $scenario against $server did not complete cleanly" >&2
        [[ -n $perf_pid ]] && wait "$perf_pid" || true
        stop_server
        if [[ -f $WORK/$tag.fsync ]]; then
            echo "run-load: $tag fsync/fdatasync calls (whole process): $(awk '$NF ~ /^(fsync|fdatasync)$/ {n += $4} END {print n+0}' "$WORK/$tag.fsync")" >&2
        fi
        if [[ -f $WORK/$tag.perf ]]; then
            perf report -i "$WORK/$tag.perf" --children --sort sym -g none 2> /dev/null | grep -v '^#' | grep -v '^$' \
                | head -80 > "$WORK/$tag.perf.txt" || true
            echo "run-load: profile of $tag in $WORK/$tag.perf.txt" >&2
        fi
    done
}

for round in $(seq "${REPEAT:-1}"); do
    for scenario in $SCENARIOS; do
        case $scenario in
        closed) run_scenario "closed-${CLOSED_HOUSEHOLDS}x$MEMBERS" closed "$CLOSED_HOUSEHOLDS" ;;
        rate) run_scenario "rate-${RATE_HOUSEHOLDS}x$MEMBERS" rate "$RATE_HOUSEHOLDS" ;;
        *) echo "run-load: unknown scenario $scenario" >&2 ; exit 2 ;;
        esac
    done
done

echo
echo "Load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
echo "Live sync load — $(nproc) cores, $(uname -r), $(node --version 2>/dev/null | sed 's/^/node /'), ws $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$ROOT/bench/load/node/node_modules/ws/package.json" | head -1); ${DURATION} s measured per row"
"$LOAD" table "$RESULTS"
echo
echo "Figures: $RESULTS"
