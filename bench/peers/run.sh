#!/usr/bin/env bash
# Runs the same `atoll bench` scenarios against Atoll, ejabberd and Prosody, one after another on
# this machine, and writes one comparison table (medians of RUNS runs) to $OUT/comparison.md.
#
#   bench/peers/run.sh                      # defaults below
#   SCENARIOS="connect chat" USERS=5000 RUNS=3 bench/peers/run.sh
#   bench/peers/run.sh record               # re-record test/bench/fixtures/xmpp-*-chat.txt
#   WORK=plain bench/peers/run.sh           # XMPP peers do plain <message> only (less work than Atoll)
#   SCENARIOS=chat SERVERS="atoll ejabberd" USERS=5000 LADDER=1 bench/peers/run.sh   # step until saturated
#
# Settings (environment): SCENARIOS (connect chat offline), SERVERS (atoll ejabberd prosody), RUNS (3),
# USERS (1000), CONNECT_USERS (USERS), RATE (1000), STEP (1000), STEPS (5), DURATION (10),
# OFFLINE_USERS (1000), MESSAGES (10), SENDERS (100), WORKERS (1), CONCURRENCY (200),
# ATOLL_DIST (unset: build the committed HEAD into .tmp/peers-head via `git archive`, so uncommitted
# edits in the working tree are not measured), OUT (bench/results/DATE),
# WORK (equal): what the XMPP peers do per message. equal: the same work as Atoll, i.e. Stream
# Management (XEP-0198) acks for every message, standing for Atoll's SendAck, and a delivery receipt
# (XEP-0184) from the recipient's device back to the sender, standing for Atoll's "delivered"
# (`atoll bench --xmpp-work equal`; the peers get their stream management module). plain: <message> only.
# LADDER (unset): 1 makes chat step the rate by STEP from RATE until the server saturates (p99 over
# SATURATION_P99 ms, default 200, or deliveries falling behind; see `atoll bench --until-saturated`),
# at most MAX_STEPS (30) steps, instead of exactly STEPS.
# Fairness: every server gets loopback only, plaintext c2s, offline storage on, archiving (MAM) off,
# no traffic shapers, the same listen backlog (511, Node's default; ejabberd's own default of 5
# drops SYNs under 200 logins in flight), the same open-files limit (this shell's), and its own fresh temp directory per
# run. Accounts are created in bulk before anything is timed: Prosody's account files are written
# directly (internal_plain, like ejabberd's default plain storage), ejabberd and Atoll register in a
# separate pass of the bench (in-band registration, excluded from the figures).
# With taskset, the server is pinned to CPU 0 and the generator to CPU 1.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
SCENARIOS=${SCENARIOS:-"connect chat offline"}
SERVERS=${SERVERS:-"atoll ejabberd prosody"}
RUNS=${RUNS:-3}
USERS=${USERS:-1000}
CONNECT_USERS=${CONNECT_USERS:-$USERS}
RATE=${RATE:-1000}
STEP=${STEP:-1000}
STEPS=${STEPS:-5}
DURATION=${DURATION:-10}
OFFLINE_USERS=${OFFLINE_USERS:-1000}
MESSAGES=${MESSAGES:-10}
SENDERS=${SENDERS:-100}
WORKERS=${WORKERS:-1}
CONCURRENCY=${CONCURRENCY:-200}
WORK=${WORK:-equal}
LADDER=${LADDER:-}
SATURATION_P99=${SATURATION_P99:-200}
MAX_STEPS=${MAX_STEPS:-30}
case $WORK in plain|equal) ;; *) echo "WORK must be plain or equal, got $WORK" >&2; exit 1 ;; esac
OUT=${OUT:-$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

SERVER_CPU=() GEN_CPU=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then SERVER_CPU=(taskset -c 0) GEN_CPU=(taskset -c 1); fi

log() { echo "[peers] $*" >&2; }

install_peers() {
  local missing=()
  case " $SERVERS " in *" ejabberd "*) command -v ejabberdctl >/dev/null || missing+=(ejabberd) ;; esac
  case " $SERVERS " in *" prosody "*) command -v prosody >/dev/null || missing+=(prosody) ;; esac
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} (apt)"
  apt-get update -qq
  # the packages' own services stay off: this script starts its own instances
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Atoll as committed: `git archive HEAD` into a scratch folder, built there (node_modules linked).
build_head() {
  local dir=$ROOT/.tmp/peers-head
  rm -rf "$dir" && mkdir -p "$dir"
  git -C "$ROOT" archive HEAD | tar -x -C "$dir"
  ln -s "$ROOT/node_modules" "$dir/node_modules"
  (cd "$dir" && node scripts/build.mjs out >"$dir/build.log" 2>&1) || log "tsc reported errors building HEAD (it still emits; see $dir/build.log)"
  ATOLL_DIST=$dir/out
  ATOLL_COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

wait_port() { # PORT SECONDS
  for _ in $(seq 1 $(( $2 * 10 ))); do
    if node -e "require('net').connect($1,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# SERVER_PID is the server process itself; WRAPPER_PID the process this script started for it
# (the same for Atoll and Prosody, the ejabberdctl shell for ejabberd). Both are ours, stopped by PID.
SERVER_PID='' WRAPPER_PID=''
stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
stop_server() {
  stop_pid "$SERVER_PID"
  stop_pid "$WRAPPER_PID"
  wait 2>/dev/null || true
  SERVER_PID='' WRAPPER_PID=''
}
CACHE=$(mktemp -d /tmp/atoll-peers-accounts-XXXXXX)
trap 'stop_server; exit 130' INT TERM
trap 'stop_server; rm -rf "$CACHE"' EXIT

# Each start_* sets SERVER_PID (the server process itself), URL, METRICS and VERSION.
start_atoll() {
  local dir=$1 tcp http limit limits=() flags
  tcp=$(free_port) http=$(free_port)
  # as `atoll bench --spawn-server` runs it (src/bench/spawn.ts): the per-address login, registration
  # and pre-login caps lifted (a bench logs in thousands of users from each 127.0.0.x source), and the
  # V8 flags that docs/operations.md recommends for a server on one core (SERVER_NODE_FLAGS)
  for limit in LOGIN_RATE_PER_ADDRESS LOGIN_BURST_PER_ADDRESS FAILED_LOGIN_RATE_PER_USER FAILED_LOGIN_BURST_PER_USER \
    REGISTER_RATE_PER_ADDRESS REGISTER_BURST_PER_ADDRESS MAX_QUEUED_AUTH_PER_ADDRESS MAX_PRE_LOGIN_PER_ADDRESS MAX_PRE_LOGIN; do
    limits+=("ATOLL_$limit=100000")
  done
  read -r -a flags <<<"$(node --input-type=module -e "import { SERVER_NODE_FLAGS } from '$ATOLL_DIST/src/bench/spawn.js'; console.log(SERVER_NODE_FLAGS.join(' '))")"
  env "${limits[@]}" ATOLL_SCRYPT_N=1024 ATOLL_LOG_LEVEL=warn "${SERVER_CPU[@]}" node "${flags[@]}" "$ATOLL_DIST/src/cli/main.js" serve \
    --data "$dir/data" --host 127.0.0.1 --tcp-port "$tcp" --http-port "$http" >"$dir/atoll.log" 2>&1 &
  SERVER_PID=$! WRAPPER_PID=$!
  wait_port "$tcp" 30 || { cat "$dir/atoll.log" >&2; return 1; }
  URL="tcp://127.0.0.1:$tcp" METRICS="--metrics http://127.0.0.1:$http/metrics"
  VERSION="atoll $(node -p "require('./package.json').version") at commit $ATOLL_COMMIT (scrypt N=1024, login limits lifted, ${flags[*]})"
}

start_ejabberd() {
  local dir=$1 port node sm=''
  port=$(free_port) node="atollbench$$@localhost"
  mkdir -p "$dir/spool" "$dir/log"
  # equal work: XEP-0198 acks (the client asks after every message); the module's defaults otherwise
  [ "$WORK" = equal ] && sm='  mod_stream_mgmt: {}'
  cat >"$dir/ejabberd.yml" <<YML
hosts: ["localhost"]
loglevel: warning
registration_timeout: infinity
auth_method: internal
shaper_rules:
  c2s_shaper: none
  max_user_sessions: 10
  max_user_offline_messages: 100000
acl:
  loopback:
    ip: ["127.0.0.0/8"]
access_rules:
  c2s:
    allow: all
  register:
    allow: all
api_permissions:
  "console commands":
    from: [ejabberd_ctl]
    who: all
    what: "*"
listen:
  - port: $port
    ip: "127.0.0.1"
    module: ejabberd_c2s
    shaper: c2s_shaper
    access: c2s
    starttls_required: false
    backlog: 511
    max_stanza_size: 262144
modules:
  mod_disco: {}
  mod_ping: {}
  mod_roster: {}
  mod_offline:
    access_max_user_messages: max_user_offline_messages
  mod_register:
    ip_access: all
    access: register
    welcome_message: {subject: "", body: ""}
$sm
YML
  cat >"$dir/ejabberdctl.cfg" <<CFG
ERLANG_NODE=$node
EJABBERD_PID_PATH=$dir/ejabberd.pid
ERL_MAX_PORTS=65536
ERL_PROCESSES=1000000
CFG
  rm -f "$dir/ejabberd.pid"
  chown -R ejabberd:ejabberd "$dir"
  # `ejabberdctl start` as root goes through `su`, whose PAM session resets the open-files limit to
  # 1024 (the VM then sizes its port table from that). Become the ejabberd user with setpriv instead
  # (no PAM: this shell's limit carries over) and run the VM in the foreground, as our child.
  (cd "$dir/spool" && HOME=/var/lib/ejabberd exec setpriv --reuid ejabberd --regid ejabberd --init-groups "${SERVER_CPU[@]}" \
    ejabberdctl --config "$dir/ejabberd.yml" --ctl-config "$dir/ejabberdctl.cfg" --spool "$dir/spool" \
    --logs "$dir/log" --node "$node" foreground >"$dir/ejabberd.out" 2>&1) &
  WRAPPER_PID=$!
  for _ in $(seq 1 300); do [ -s "$dir/ejabberd.pid" ] && break; kill -0 "$WRAPPER_PID" 2>/dev/null || break; sleep 0.1; done
  [ -s "$dir/ejabberd.pid" ] || { cat "$dir/ejabberd.out" "$dir/log/"*.log >&2 || true; return 1; }
  SERVER_PID=$(cat "$dir/ejabberd.pid")
  wait_port "$port" 60 || { cat "$dir/ejabberd.out" "$dir/log/"*.log >&2 || true; return 1; }
  log "ejabberd VM pid $SERVER_PID, $(grep 'Max open files' "/proc/$SERVER_PID/limits" | tr -s ' ')"
  URL="xmpp://127.0.0.1:$port?domain=localhost" METRICS=''
  VERSION="ejabberd $(dpkg-query -W -f='${Version}' ejabberd)"
}

start_prosody() {
  local dir=$1 port enabled='' disabled='"smacks"; '
  port=$(free_port)
  [ "$WORK" = equal ] && enabled='"smacks"; ' disabled=
  mkdir -p "$dir/data"
  cat >"$dir/prosody.cfg.lua" <<LUA
run_as_root = true
daemonize = false
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
log = { warn = "$dir/prosody.log" }
admins = {}
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "register"; "offline"; "posix"; $enabled}
modules_disabled = { "s2s"; "tls"; "mam"; "carbons"; $disabled"csi_simple"; "limits" }
interfaces = { "127.0.0.1" }
c2s_ports = { $port }
network_settings = { tcp_backlog = 511 }
s2s_ports = {}
http_ports = {}
https_ports = {}
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
allow_registration = true
min_seconds_between_registrations = 0
registration_throttle_max = 1000000
authentication = "internal_plain"
storage = "internal"
VirtualHost "localhost"
LUA
  # bulk accounts: one data file per user, as mod_auth_internal_plain stores them
  node -e '
    const fs = require("fs"), [dir, n, pw] = process.argv.slice(1);
    fs.mkdirSync(dir, { recursive: true });
    for (let i = 0; i < Number(n); i++) fs.writeFileSync(`${dir}/bu${i}.dat`, `return {\n\t["password"] = ${JSON.stringify(pw)};\n};\n`);
  ' "$dir/data/localhost/accounts" "$MAX_USERS" benchpass1
  "${SERVER_CPU[@]}" prosody --config "$dir/prosody.cfg.lua" >"$dir/prosody.out" 2>&1 &
  SERVER_PID=$! WRAPPER_PID=$!
  wait_port "$port" 30 || { cat "$dir/prosody.out" "$dir/prosody.log" >&2 || true; return 1; }
  URL="xmpp://127.0.0.1:$port?domain=localhost" METRICS=''
  VERSION="prosody $(dpkg-query -W -f='${Version}' prosody)"
}

scenario_users() {
  case $1 in
    connect) echo "$CONNECT_USERS" ;;
    chat) echo "$USERS" ;;
    offline) echo $(( OFFLINE_USERS + SENDERS )) ;;
  esac
}

scenario_args() {
  case $1 in
    connect) echo "connect --users $CONNECT_USERS --duration 5" ;;
    chat)
      if [ -n "$LADDER" ]; then echo "chat --users $USERS --rate $RATE --step $STEP --steps $MAX_STEPS --until-saturated --saturation-p99 $SATURATION_P99 --duration $DURATION"
      else echo "chat --users $USERS --rate $RATE --step $STEP --steps $STEPS --duration $DURATION"; fi ;;
    offline) echo "offline --users $OFFLINE_USERS --messages $MESSAGES --senders $SENDERS" ;;
    *) echo "unknown scenario $1" >&2; return 1 ;;
  esac
}

install_peers
if [ -z "${ATOLL_DIST:-}" ]; then build_head; else ATOLL_COMMIT="$(git -C "$ROOT" rev-parse --short HEAD) (working tree in $ATOLL_DIST)"; fi
ATOLL_DIST=$(cd "$ATOLL_DIST" && pwd)
BENCH_DIST=$(cd "${BENCH_DIST:-$ATOLL_DIST}" && pwd)  # the generator's build (default: Atoll's)
MAX_USERS=$(( CONNECT_USERS > USERS ? CONNECT_USERS : USERS ))
MAX_USERS=$(( MAX_USERS > OFFLINE_USERS + SENDERS ? MAX_USERS : OFFLINE_USERS + SENDERS ))
{
  echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/{print $2}') MB RAM, $(uname -r), node $(node --version), open files $(ulimit -n)"
  echo "pinning: ${SERVER_CPU[*]:-none} (server) / ${GEN_CPU[*]:-none} (generator)"
  echo "parameters: SCENARIOS=\"$SCENARIOS\" SERVERS=\"$SERVERS\" RUNS=$RUNS CONNECT_USERS=$CONNECT_USERS USERS=$USERS RATE=$RATE STEP=$STEP STEPS=$STEPS DURATION=$DURATION OFFLINE_USERS=$OFFLINE_USERS MESSAGES=$MESSAGES SENDERS=$SENDERS CONCURRENCY=$CONCURRENCY WORK=$WORK LADDER=${LADDER:-0}${LADDER:+ SATURATION_P99=$SATURATION_P99 MAX_STEPS=$MAX_STEPS}"
  if [ "$WORK" = equal ]; then echo "work per message: equal (XMPP peers: a stream management ack per message and a delivery receipt back to the sender, as Atoll's SendAck and receipt)"
  else echo "work per message: plain (XMPP peers: <message> only, no ack, no receipt; Atoll: SendAck and receipt)"; fi
} >"$OUT/machine.txt"

# `run.sh record`: record the XMPP driver's real exchange with each peer into the test fixtures
# (WORK=plain: xmpp-SERVER-chat.txt; WORK=equal: xmpp-SERVER-chat-equal.txt).
if [ "${1:-}" = record ]; then
  MAX_USERS=0  # no prepared accounts: the recording shows in-band registration creating bu0
  suffix=''; [ "$WORK" = equal ] && suffix=-equal
  for server in $SERVERS; do
    [ "$server" = atoll ] && continue
    dir=$(mktemp -d "/tmp/atoll-peers-$server-XXXXXX")
    "start_$server" "$dir"
    node bench/peers/record-xmpp.mjs "$BENCH_DIST" "$URL" "test/bench/fixtures/xmpp-$server-chat$suffix.txt" "$VERSION" "$WORK" || log "recording $server failed"
    stop_server
    rm -rf "$dir"
  done
  exit 0
fi

# One measured run: fresh server; accounts created in bulk first (Prosody: files written before it
# starts; Atoll and ejabberd: a `bench register` pass, then a restart, so registration leaves
# nothing behind in the measured process; the registered data is kept and copied for later runs);
# then the scenario with --no-register.
run_one() { # SCENARIO SERVER RUN
  local scenario=$1 server=$2 run=$3 dir name
  name="$scenario-$server-$run"
  dir=$(mktemp -d "/tmp/atoll-peers-$server-XXXXXX")
  log "run $run/$RUNS: $scenario on $server ($dir)"
  if ! "start_$server" "$dir"; then
    log "  $server did not start; run skipped"
    echo '{"error":"server did not start"}' >"$OUT/$name.json"
    stop_server; rm -rf "$dir"; return
  fi
  if [ "$server" != prosody ]; then
    # accounts are registered once per server and user count, then copied for later runs
    local cache="$CACHE/$server-$(scenario_users "$scenario")"
    if [ ! -d "$cache" ]; then
      timeout 600 "${GEN_CPU[@]}" node "$BENCH_DIST/src/cli/main.js" bench register --users "$(scenario_users "$scenario")" \
        --server "$URL" --concurrency "$CONCURRENCY" --label "$server" --json >"$OUT/$name.register.txt" 2>&1 || log "  registration pass failed: $(tail -1 "$OUT/$name.register.txt")"
      stop_server
      cp -a "$dir" "$cache"
    else
      stop_server
      rm -rf "$dir" && cp -a "$cache" "$dir"
    fi
    if ! "start_$server" "$dir"; then
      log "  $server did not restart; run skipped"
      echo '{"error":"server did not restart after registration"}' >"$OUT/$name.json"
      stop_server; rm -rf "$dir"; return
    fi
  fi
  echo "$server: $VERSION" >>"$OUT/versions.txt"
  # the machine is shared: record how busy it was when this run started
  echo "$scenario $server $run $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/load.txt"
  local work=''
  [ "$server" != atoll ] && work="--xmpp-work $WORK"
  # shellcheck disable=SC2046,SC2086
  if ! timeout 1800 "${GEN_CPU[@]}" node "$BENCH_DIST/src/cli/main.js" bench $(scenario_args "$scenario") --no-register $work \
      --server "$URL" --server-pid "$SERVER_PID" $METRICS --workers "$WORKERS" --concurrency "$CONCURRENCY" --label "$server" --json \
      >"$OUT/$name.txt" 2>"$OUT/$name.err"; then
    log "  failed: $(tail -1 "$OUT/$name.err")"
  fi
  tail -1 "$OUT/$name.txt" >"$OUT/$name.json" || true
  stop_server
  rm -rf "$dir"
}

for run in $(seq 1 "$RUNS"); do
  for scenario in $SCENARIOS; do
    for server in $SERVERS; do run_one "$scenario" "$server" "$run"; done
  done
done
sort -u -o "$OUT/versions.txt" "$OUT/versions.txt"
node bench/peers/compare.mjs "$OUT" >"$OUT/comparison.md"
cat "$OUT/comparison.md"
