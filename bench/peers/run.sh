#!/usr/bin/env bash
# Runs the same `atoll bench` scenarios against Atoll, ejabberd and Prosody, one after another on
# this machine, and writes one comparison table (medians of RUNS runs) to $OUT/comparison.md.
#
#   bench/peers/run.sh                      # defaults below
#   SCENARIOS="connect chat" USERS=5000 RUNS=3 bench/peers/run.sh
#
# Settings (environment): SCENARIOS (connect chat offline), SERVERS (atoll ejabberd prosody), RUNS (3),
# USERS (1000), CONNECT_USERS (USERS), RATE (1000), STEP (1000), STEPS (5), DURATION (10),
# OFFLINE_USERS (1000), MESSAGES (10), WORKERS (1), ATOLL_DIST (dist), OUT (bench/results/DATE).
# Fairness: every server gets loopback only, plaintext c2s, offline storage on, archiving (MAM) off,
# no traffic shapers, in-band registration for bulk accounts, and its own fresh temp directory per run.
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
WORKERS=${WORKERS:-1}
ATOLL_DIST=${ATOLL_DIST:-dist}
OUT=${OUT:-$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

SERVER_CPU=() GEN_CPU=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then SERVER_CPU=(taskset -c 0) GEN_CPU=(taskset -c 1); fi

log() { echo "[peers] $*" >&2; }

install_peers() {
  local missing=()
  command -v ejabberdctl >/dev/null || missing+=(ejabberd)
  command -v prosody >/dev/null || missing+=(prosody)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} (apt)"
  apt-get update -qq
  # the packages' own services stay off: this script starts its own instances
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

wait_port() { # PORT SECONDS
  for _ in $(seq 1 $(( $2 * 10 ))); do
    if node -e "require('net').connect($1,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

SERVER_PID='' STOP_CMD=''
stop_server() {
  if [ -n "$STOP_CMD" ]; then eval "$STOP_CMD" >/dev/null 2>&1 || true; fi
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID='' STOP_CMD=''
}
trap stop_server EXIT INT TERM

# Each start_* sets SERVER_PID (the server process itself), URL, METRICS and VERSION.
start_atoll() {
  local dir=$1 tcp http
  tcp=$(free_port) http=$(free_port)
  ATOLL_SCRYPT_N=1024 ATOLL_LOG_LEVEL=warn "${SERVER_CPU[@]}" node "$ATOLL_DIST/src/cli/main.js" serve \
    --data "$dir/data" --host 127.0.0.1 --tcp-port "$tcp" --http-port "$http" >"$dir/atoll.log" 2>&1 &
  SERVER_PID=$!
  wait_port "$tcp" 30 || { cat "$dir/atoll.log" >&2; return 1; }
  URL="tcp://127.0.0.1:$tcp" METRICS="--metrics http://127.0.0.1:$http/metrics"
  VERSION="atoll $(node -p "require('./package.json').version") (scrypt N=1024)"
}

start_ejabberd() {
  local dir=$1 port node
  port=$(free_port) node="atollbench$$@localhost"
  mkdir -p "$dir/spool" "$dir/log"
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
YML
  cat >"$dir/ejabberdctl.cfg" <<CFG
ERLANG_NODE=$node
EJABBERD_PID_PATH=$dir/ejabberd.pid
ERL_MAX_PORTS=65536
ERL_PROCESSES=1000000
CFG
  chown -R ejabberd:ejabberd "$dir"
  local ctl=(ejabberdctl --config "$dir/ejabberd.yml" --ctl-config "$dir/ejabberdctl.cfg" --spool "$dir/spool" --logs "$dir/log" --node "$node")
  "${SERVER_CPU[@]}" "${ctl[@]}" start
  "${ctl[@]}" started >/dev/null 2>&1 || { cat "$dir/log/"*.log >&2 || true; return 1; }
  SERVER_PID=$(cat "$dir/ejabberd.pid")
  # ejabberdctl starts the VM as the ejabberd user with that user's default open-files limit (1024):
  # raise it to the machine's limit, as Atoll and Prosody get
  prlimit --pid "$SERVER_PID" --nofile="$(ulimit -Hn):$(ulimit -Hn)"
  [ -n "${SERVER_CPU[*]}" ] && taskset -a -p -c 0 "$SERVER_PID" >/dev/null
  STOP_CMD="${ctl[*]} stop"
  wait_port "$port" 30
  URL="xmpp://127.0.0.1:$port?domain=localhost" METRICS=''
  VERSION="ejabberd $(dpkg-query -W -f='${Version}' ejabberd)"
}

start_prosody() {
  local dir=$1 port
  port=$(free_port)
  mkdir -p "$dir/data"
  cat >"$dir/prosody.cfg.lua" <<LUA
run_as_root = true
daemonize = false
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
log = { warn = "$dir/prosody.log" }
admins = {}
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "register"; "offline"; "posix" }
modules_disabled = { "s2s"; "tls"; "mam"; "carbons"; "smacks"; "csi_simple"; "limits" }
interfaces = { "127.0.0.1" }
c2s_ports = { $port }
s2s_ports = {}
http_ports = {}
https_ports = {}
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
allow_registration = true
min_seconds_between_registrations = 0
registration_throttle_max = 1000000
authentication = "internal_hashed"
storage = "internal"
VirtualHost "localhost"
LUA
  "${SERVER_CPU[@]}" prosody --config "$dir/prosody.cfg.lua" >"$dir/prosody.out" 2>&1 &
  SERVER_PID=$!
  wait_port "$port" 30 || { cat "$dir/prosody.out" "$dir/prosody.log" >&2 || true; return 1; }
  URL="xmpp://127.0.0.1:$port?domain=localhost" METRICS=''
  VERSION="prosody $(dpkg-query -W -f='${Version}' prosody)"
}

scenario_args() {
  case $1 in
    connect) echo "connect --users $CONNECT_USERS --duration 5" ;;
    chat) echo "chat --users $USERS --rate $RATE --step $STEP --steps $STEPS --duration $DURATION" ;;
    offline) echo "offline --users $OFFLINE_USERS --messages $MESSAGES" ;;
    *) echo "unknown scenario $1" >&2; return 1 ;;
  esac
}

install_peers
{
  echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/{print $2}') MB RAM, $(uname -r), node $(node --version)"
  echo "pinning: ${SERVER_CPU[*]:-none} (server) / ${GEN_CPU[*]:-none} (generator)"
} >"$OUT/machine.txt"

for run in $(seq 1 "$RUNS"); do
  for scenario in $SCENARIOS; do
    for server in $SERVERS; do
      dir=$(mktemp -d "/tmp/atoll-peers-$server-XXXXXX")
      log "run $run/$RUNS: $scenario on $server ($dir)"
      "start_$server" "$dir"
      echo "$server: $VERSION" >>"$OUT/versions.txt"
      # shellcheck disable=SC2046
      if ! "${GEN_CPU[@]}" node "$ATOLL_DIST/src/cli/main.js" bench $(scenario_args "$scenario") \
          --server "$URL" --server-pid "$SERVER_PID" $METRICS --workers "$WORKERS" --label "$server" --json \
          >"$OUT/$scenario-$server-$run.txt" 2>"$OUT/$scenario-$server-$run.err"; then
        log "  failed: $(tail -1 "$OUT/$scenario-$server-$run.err")"
      fi
      tail -1 "$OUT/$scenario-$server-$run.txt" >"$OUT/$scenario-$server-$run.json" || true
      stop_server
      rm -rf "$dir"
    done
  done
done
sort -u -o "$OUT/versions.txt" "$OUT/versions.txt"
node bench/peers/compare.mjs "$OUT" >"$OUT/comparison.md"
cat "$OUT/comparison.md"
