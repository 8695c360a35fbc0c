#!/usr/bin/env bash
# Interop with a real XMPP server: installs Prosody from Debian packages when
# missing, runs it with a throw-away configuration that listens only on
# 127.0.0.1 and ::1 on non-default ports, and runs the interop tests and the
# PVR demo against it. Prosody is stopped by its PID when this script exits.
#
#   scripts/interop.sh              # the interop tests, then the demo
#   scripts/interop.sh CMD ARGS...  # any command, with Prosody up
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n--> %s\n' "$*"; }

C2S_PORT=${JABBER_INTEROP_PORT:-15222}
COMPONENT_PORT=${JABBER_INTEROP_COMPONENT_PORT:-15347}
DOMAIN=localhost

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "need root (or sudo) for: $*" >&2; return 1; fi
}

if ! command -v prosody >/dev/null || ! command -v prosodyctl >/dev/null; then
  step "installing prosody (apt-get)"
  # Keep the package's own service from starting with the Debian default
  # configuration (which listens on every interface).
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"
    trap 'as_root rm -f "$policy"' EXIT
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prosody >/dev/null
  as_root rm -f "$policy"
  trap - EXIT
  # Stop the packaged service if something started it anyway.
  as_root service prosody stop >/dev/null 2>&1 || true
fi
prosody_version=$(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)$/\1/p' | head -n 1)
step "prosody ${prosody_version:-(unknown version)}"

work=$(mktemp -d)
chmod 755 "$work"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/data" "$work/certs"
# Listen on ::1 too when this machine has it.
interfaces='"127.0.0.1"'
if ip -6 addr show lo 2>/dev/null | grep -q '::1'; then
  interfaces='"127.0.0.1", "::1"'
fi

cat >"$work/prosody.cfg.lua" <<EOF
-- Written by scripts/interop.sh; deleted when it exits.
pidfile = "$work/prosody.pid"
data_path = "$work/data"
certificates = "$work/certs"
log = { { levels = { min = "info" }, to = "file", filename = "$work/prosody.log" } }
daemonize = false

interfaces = { $interfaces }
c2s_ports = { $C2S_PORT }
c2s_direct_tls_ports = {}
s2s_ports = {}
http_ports = {}
https_ports = {}
component_ports = { $COMPONENT_PORT }
component_interface = "127.0.0.1"

admins = { "ralphm@$DOMAIN", "alice@$DOMAIN" }
modules_enabled = {
  "roster"; "saslauth"; "disco"; "ping"; "blocklist"; "version"; "uptime";
}
modules_disabled = { "s2s"; "offline"; "c2s_limits"; "limits" }
c2s_require_encryption = false
s2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
storage = "internal"
allow_registration = false

VirtualHost "$DOMAIN"

Component "conference.$DOMAIN" "muc"
Component "pubsub.$DOMAIN" "pubsub"
Component "pvr.$DOMAIN"
  component_secret = "pvr-secret"
EOF

# As root, prosodyctl drops to the prosody user, and prosody refuses to run
# (mod_posix): give that user the directory and run prosody as it.
as_prosody=()
if [ "$(id -u)" -eq 0 ] && id prosody >/dev/null 2>&1; then
  chown -R prosody: "$work"
  # setpriv execs (no fork), so $! below is prosody's own PID.
  as_prosody=(setpriv --reuid=prosody --regid=prosody --init-groups)
fi

step "registering users"
for user in ralphm tvbot pvr alice bob; do
  prosodyctl --config "$work/prosody.cfg.lua" register "$user" "$DOMAIN" "$user-pw" >/dev/null
done

step "starting prosody on 127.0.0.1:$C2S_PORT (components on 127.0.0.1:$COMPONENT_PORT)"
"${as_prosody[@]}" prosody --config "$work/prosody.cfg.lua" -F >"$work/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$C2S_PORT") 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "prosody exited:" >&2; cat "$work/stdout.log" "$work/prosody.log" >&2 2>/dev/null || true; exit 1
  fi
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$C2S_PORT") 2>/dev/null || {
  echo "prosody did not open its port:" >&2; cat "$work/prosody.log" >&2 || true; exit 1; }

export JABBER_INTEROP_HOST=127.0.0.1
export JABBER_INTEROP_PORT=$C2S_PORT
export JABBER_INTEROP_DOMAIN=$DOMAIN
export JABBER_INTEROP_COMPONENT_PORT=$COMPONENT_PORT

status=0
if [ $# -gt 0 ]; then
  step "running: $*"
  "$@" || status=$?
else
  step "interop tests"
  cargo test -p jabber --test interop -- --ignored --test-threads=1 || status=$?
  if [ $status -eq 0 ]; then
    step "the PVR demo against prosody"
    cargo run --example pvr -- --server "127.0.0.1:$C2S_PORT" --domain "$DOMAIN" || status=$?
  fi
fi
if [ $status -ne 0 ]; then
  step "prosody's log"
  cat "$work/prosody.log" || true
fi
exit $status
