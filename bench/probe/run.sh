#!/bin/bash
# Runs one `bench chat` step against a server started here, and measures the server over a window
# inside the step (CPU, event-loop delay, GC, optionally a CPU profile) with window-probe.mjs.
# usage: bench/probe/run.sh TAG RATE DURATION   env: DURABILITY, PROF=1, USERS, NODEFLAGS, OUT (default /tmp/atoll-probe)
# Build first (node scripts/build.mjs). Loopback only; the server is stopped by its pid.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/atoll-probe}; mkdir -p "$OUT"
TAG=$1; RATE=$2; DUR=$3
USERS=${USERS:-5000}
WT=${WT:-$(cd "$HERE/../.." && pwd)}
D=$(mktemp -d /tmp/atoll-probe-data-XXXX)
TCP=$((20000 + RANDOM % 20000)); HTTP=$((TCP+1))
env ATOLL_SCRYPT_N=1024 ATOLL_LOG_LEVEL=warn ATOLL_MAX_PRE_LOGIN_PER_ADDRESS=100000 ATOLL_MAX_PRE_LOGIN=100000 \
 ATOLL_LOGIN_RATE_PER_ADDRESS=100000 ATOLL_LOGIN_BURST_PER_ADDRESS=100000 ATOLL_FAILED_LOGIN_RATE_PER_USER=100000 ATOLL_FAILED_LOGIN_BURST_PER_USER=100000 \
 ATOLL_REGISTER_RATE_PER_ADDRESS=100000 ATOLL_REGISTER_BURST_PER_ADDRESS=100000 ATOLL_MAX_QUEUED_AUTH_PER_ADDRESS=100000 \
 ${DURABILITY:+ATOLL_DURABILITY=$DURABILITY} PROBE_OUT=$OUT/$TAG PROBE_PROF=${PROF:-0} \
 node ${NODEFLAGS:-} --import $HERE/window-probe.mjs $WT/dist/src/cli/main.js serve --data $D --host 127.0.0.1 --http-port $HTTP --tcp-port $TCP 2>$OUT/$TAG.server.err &
SP=$!
for i in $(seq 1 100); do (echo > /dev/tcp/127.0.0.1/$TCP) 2>/dev/null && break; sleep 0.2; done
node $WT/dist/src/cli/main.js bench register --server tcp://127.0.0.1:$TCP --users $USERS > $OUT/$TAG.reg.txt 2>&1
# warmup logins + a short chat, then the measured window
( node $WT/dist/src/cli/main.js bench chat --no-register --server tcp://127.0.0.1:$TCP --server-pid $SP --metrics http://127.0.0.1:$HTTP/metrics --users $USERS --rate $RATE --duration $DUR > $OUT/$TAG.txt 2>&1 ) &
BP=$!
# start the window when the chat step begins
for i in $(seq 1 600); do grep -q "step 1/1" $OUT/$TAG.txt 2>/dev/null && break; sleep 0.1; done
sleep 1; kill -USR2 $SP; sleep $((DUR-3)); kill -USR2 $SP
wait $BP
curl -s http://127.0.0.1:$HTTP/metrics > $OUT/$TAG.metrics
kill -TERM $SP; wait $SP
rm -rf $D
grep -A3 '^offered' $OUT/$TAG.txt | tail -1
python3 -c "import json;r=json.load(open('$OUT/$TAG.json'));print('cpu%%=%.1f eld p50=%.2f p99=%.2f max=%.1f gc n=%d ms=%.0f max=%.1f'%(r['cpuPct'],r['eld']['p50'],r['eld']['p99'],r['eld']['max'],r['gc']['n'],r['gc']['ms'],r['gc']['max']))"
