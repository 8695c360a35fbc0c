# Shared by scripts/interop.sh and the per-server scripts beside this file; sourced, not run.
# Installs Debian packages when missing, makes a throw-away CA and server certificate, waits for
# ports, checks that a server listens on loopback only, stops processes by PID, starts the echo
# bot (examples/bot.rs) and runs the interop tests and the demo (or, with
# JABBER_INTEROP_KEEP_RUNNING=1, keeps the server and the bot up).

step() { printf '\n--> %s\n' "$*"; }

# Say which command failed (set -e alone exits silently).
set -o errtrace
trap 'echo "$0: line $LINENO: failed: $BASH_COMMAND" >&2' ERR

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "need root (or sudo) for: $*" >&2; return 1; fi
}

# install_packages PACKAGE...: installs the Debian packages not yet installed, in one apt-get run,
# with a policy-rc.d that keeps their services from starting with the Debian default
# configuration (which listens on every interface).
install_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  step "installing ${missing[*]} (apt-get)"
  local erlang_before
  erlang_before=$(pgrep -x 'epmd|beam.smp' | tr '\n' ' ' || true)
  local policy=/usr/sbin/policy-rc.d own_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"
    own_policy=$policy
  fi
  local status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || status=$?
  if [ $status -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
      >/dev/null || status=$?
  fi
  [ -z "$own_policy" ] || as_root rm -f "$own_policy"
  [ $status -eq 0 ] || return $status
  # Stop a packaged service if something started it anyway.
  for package in "${missing[@]}"; do
    as_root service "$package" stop >/dev/null 2>&1 || true
  done
  # ejabberd's postinst runs Erlang, which leaves an `epmd -daemon` listening on every
  # interface: stop, by PID, the Erlang processes that were not there before the installation.
  local pid
  for pid in $(pgrep -x 'epmd|beam.smp' || true); do
    case " $erlang_before " in *" $pid "*) continue ;; esac
    echo "stopping $(ps -o comm= -p "$pid" || echo "process") $pid, left running by the installation"
    stop_pid "$pid" "$pid"
  done
}

# make_certificates DIR: a throw-away CA and a server certificate for localhost signed by it, made
# with openssl in DIR (which the server's run deletes), and exports JABBER_INTEROP_CA (the CA
# certificate, PEM) for the tests, which trust it as their only root. ECDSA P-256, valid 3 days.
# rustls/webpki is strict, so: the CA is a v3 certificate with basicConstraints CA:TRUE and
# keyUsage keyCertSign; the server certificate is a v3 end-entity certificate (CA:FALSE) with
# subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1 and extendedKeyUsage serverAuth.
# Files: ca.pem, ca.key, localhost.crt (the server certificate alone), localhost.key,
# localhost-chain.pem (server certificate, then the CA), localhost-combined.pem (key, then chain:
# ejabberd's certfiles).
make_certificates() {
  local dir=$1
  mkdir -p "$dir"
  (
    set -e
    cd "$dir"
    umask 077
    openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out localhost.key 2>/dev/null
    openssl req -x509 -new -key ca.key -sha256 -days 3 -set_serial "0x$(openssl rand -hex 16)" \
      -subj "/O=jabber interop (throw-away)/CN=jabber interop test CA" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -addext "subjectKeyIdentifier=hash" \
      -out ca.pem
    openssl req -new -key localhost.key -subj "/O=jabber interop (throw-away)/CN=localhost" \
      -out localhost.csr
    cat >localhost.ext <<'EOF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
    openssl x509 -req -in localhost.csr -CA ca.pem -CAkey ca.key \
      -set_serial "0x$(openssl rand -hex 16)" -sha256 -days 3 -extfile localhost.ext \
      -out localhost.crt 2>/dev/null
    rm -f localhost.csr localhost.ext
    cat localhost.crt ca.pem >localhost-chain.pem
    cat localhost.key localhost-chain.pem >localhost-combined.pem
    chmod 644 ca.pem localhost.crt localhost-chain.pem
    openssl verify -CAfile ca.pem -purpose sslserver -x509_strict localhost.crt >/dev/null
  )
  export JABBER_INTEROP_CA=$dir/ca.pem
}

# listeners: the local addresses of the listening TCP sockets, one a line, sorted.
listeners() { ss -ltnH | awk '{print $4}' | LC_ALL=C sort -u; }

# wait_for_port HOST PORT PID WHAT: waits (30 s at most) until HOST:PORT accepts a connection;
# fails early when PID exits.
wait_for_port() {
  local host=$1 port=$2 pid=$3 what=$4
  for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
    if ! alive "$pid"; then echo "$what exited before opening $host:$port" >&2; return 1; fi
    sleep 0.1
  done
  echo "$what did not open $host:$port in 30 s" >&2
  return 1
}

# check_loopback_only BEFORE WHAT: fails when a TCP socket that was not listening before (BEFORE:
# the output of `listeners` then) listens on an address other than 127.0.0.1 or ::1.
check_loopback_only() {
  local before=$1 what=$2 new outside
  new=$(LC_ALL=C comm -13 <(printf '%s\n' "$before") <(listeners))
  outside=$(printf '%s\n' "$new" | grep -v -e '^$' -e '^127\.0\.0\.1:' -e '^\[::1\]:' || true)
  echo "$what listens on: $(printf '%s\n' "$new" | grep -v '^$' | tr '\n' ' ')"
  if [ -n "$outside" ]; then
    echo "$what listens outside loopback: $outside" >&2
    return 1
  fi
}

# alive PID: whether PID runs (a zombie, exited but not yet reaped, does not).
alive() {
  local stat
  [ -n "$1" ] && stat=$(ps -o stat= -p "$1" 2>/dev/null) && [[ "$stat" != Z* ]]
}

# stop_pid PID WHAT: SIGTERM, up to 15 s to exit, then SIGKILL.
stop_pid() {
  local pid=$1 what=$2
  alive "$pid" || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 150); do alive "$pid" || return 0; sleep 0.1; done
  echo "$what ($pid) did not stop in 15 s: SIGKILL" >&2
  kill -9 "$pid" 2>/dev/null || true
}

# keep_running SERVER: prints SERVER's ports and the JABBER_INTEROP_* variables (as export lines
# for a shell), then waits until this script gets SIGTERM or SIGINT (Ctrl-C); the server script's
# EXIT trap then stops the server by its PID.
keep_running() {
  local server=$1
  step "$server is up; the environment the tests get:"
  env | grep '^JABBER_INTEROP_' | grep -v -e '^JABBER_INTEROP_KEEP_RUNNING=' -e '^JABBER_INTEROP_SERVERS=' |
    LC_ALL=C sort | sed "s/^\([^=]*\)=\(.*\)\$/export \1='\2'/"
  printf '\n%s keeps running until this script is stopped: kill %s (or Ctrl-C)\n' "$server" "$$"
  keep_running_sleep=""
  trap 'kill "$keep_running_sleep" 2>/dev/null || true; exit 0' TERM INT HUP
  # A sleep in the background and `wait` for it: bash runs the trap as soon as a signal comes.
  while :; do
    sleep 3600 &
    keep_running_sleep=$!
    wait "$keep_running_sleep" || true
  done
}

# The echo bot (examples/bot.rs) of run_interop, and its temporary directory (its log, the tests'
# report file): stopped and removed by stop_bot, which run_interop calls, and which each server
# script's EXIT trap calls too (so the bot stops on every way out, as the server does).
interop_bot_pid=""
interop_tmp=""

# start_bot: builds examples/bot.rs, starts it in the background as bot@DOMAIN (an account every
# server script registers) over STARTTLS with the run's CA, waits (30 s at most) until it says
# `online as`, and exports its JID as JABBER_INTEROP_BOT for the tests.
start_bot() {
  local target=${CARGO_TARGET_DIR:-target}
  interop_tmp=$(mktemp -d)
  export JABBER_INTEROP_BOT="bot@$JABBER_INTEROP_DOMAIN"
  step "the echo bot as $JABBER_INTEROP_BOT (examples/bot.rs)"
  cargo build --example bot
  "$target/debug/examples/bot" "$JABBER_INTEROP_BOT" bot-pw "$JABBER_INTEROP_HOST:$JABBER_INTEROP_PORT" \
    "$JABBER_INTEROP_CA" >"$interop_tmp/bot.log" 2>&1 &
  interop_bot_pid=$!
  for _ in $(seq 300); do
    if grep -q '^online as ' "$interop_tmp/bot.log"; then
      echo "bot ($interop_bot_pid): $(grep '^online as ' "$interop_tmp/bot.log")"
      return 0
    fi
    if ! alive "$interop_bot_pid"; then
      echo "the bot exited before it was online:" >&2
      cat "$interop_tmp/bot.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "the bot was not online in 30 s:" >&2
  cat "$interop_tmp/bot.log" >&2
  return 1
}

# stop_bot: stops the bot by its PID (if it runs) and removes its temporary directory.
stop_bot() {
  if [ -n "$interop_bot_pid" ]; then
    stop_pid "$interop_bot_pid" bot
    interop_bot_pid=""
  fi
  if [ -n "$interop_tmp" ]; then
    rm -rf "$interop_tmp"
    interop_tmp=""
  fi
}

# run_interop SERVER: starts the echo bot, then runs the interop tests against SERVER (with the
# JABBER_INTEROP_* variables set) and prints the interop matrix they reported, then the PVR
# demo; or, with arguments, that command instead; or, with JABBER_INTEROP_KEEP_RUNNING=1, no
# command at all: keep_running. The bot is stopped at the end (and by the server script's EXIT
# trap on any other way out).
run_interop() {
  local server=$1; shift
  local status=0
  start_bot || return 1
  if [ -n "${JABBER_INTEROP_KEEP_RUNNING:-}" ] && [ "$JABBER_INTEROP_KEEP_RUNNING" != 0 ]; then
    keep_running "$server"
  elif [ $# -gt 0 ]; then
    step "running against $server: $*"
    "$@" || status=$?
  else
    step "interop tests against $server"
    export JABBER_INTEROP_REPORT=$interop_tmp/report.txt
    cargo test -p jabber --test interop -- --ignored --test-threads=1 || status=$?
    step "interop matrix and certificate checks against $server"
    cat "$JABBER_INTEROP_REPORT" 2>/dev/null || echo "(no report: the tests did not get that far)"
    step "the bot's log"
    cat "$interop_tmp/bot.log"
    if [ $status -eq 0 ]; then
      step "the PVR demo against $server"
      cargo run --example pvr -- --server "$JABBER_INTEROP_HOST:$JABBER_INTEROP_PORT" \
        --domain "$JABBER_INTEROP_DOMAIN" --ca "$JABBER_INTEROP_CA" || status=$?
    fi
  fi
  stop_bot
  return $status
}
