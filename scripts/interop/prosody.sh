#!/usr/bin/env bash
# Interop with Prosody (Debian's `prosody` package): installs it when missing, runs it with a
# throw-away configuration and data directory, as the `prosody` user (setpriv) when run as root,
# listening only on 127.0.0.1 and ::1 on non-default ports, and runs the interop tests and the
# PVR demo against it. Prosody is stopped by its PID when this script exits.
#
#   scripts/interop/prosody.sh              # the interop tests, then the demo
#   scripts/interop/prosody.sh CMD ARGS...  # any command, with Prosody up
#
# Ports (environment): JABBER_INTEROP_PROSODY_PORT (c2s, 15222),
# JABBER_INTEROP_PROSODY_COMPONENT_PORT (XEP-0114, 15347).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/interop/common.sh

C2S_PORT=${JABBER_INTEROP_PROSODY_PORT:-15222}
COMPONENT_PORT=${JABBER_INTEROP_PROSODY_COMPONENT_PORT:-15347}
DOMAIN=localhost
USERS=(ralphm tvbot pvr alice bob)

install_packages prosody
prosody_version=$(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)$/\1/p' | head -n 1)
step "prosody ${prosody_version:-(unknown version)}"

work=$(mktemp -d)
chmod 755 "$work"
pid=""
logs_shown=""
show_logs() {
  [ -z "$logs_shown" ] || return 0
  logs_shown=1
  step "prosody's log"
  cat "$work/stdout.log" "$work/prosody.log" >&2 2>/dev/null || true
}
cleanup() {
  local status=$?
  [ $status -eq 0 ] || show_logs
  stop_pid "$pid" prosody
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/data" "$work/certs"
# Listen on ::1 too when this machine has it.
interfaces='"127.0.0.1"'
if ip -6 addr show lo 2>/dev/null | grep -q '::1'; then
  interfaces='"127.0.0.1", "::1"'
fi

cat >"$work/prosody.cfg.lua" <<EOF2
-- Written by scripts/interop/prosody.sh; deleted when it exits.
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
  -- XEP-0163 PEP: every account a pubsub service, notifications filtered by +notify caps.
  "pep";
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
EOF2

# As root, prosodyctl drops to the prosody user, and prosody refuses to run
# (mod_posix): give that user the directory and run prosody as it.
as_prosody=()
if [ "$(id -u)" -eq 0 ] && id prosody >/dev/null 2>&1; then
  chown -R prosody: "$work"
  # setpriv execs (no fork), so $! below is prosody's own PID.
  as_prosody=(setpriv --reuid=prosody --regid=prosody --init-groups)
fi

step "registering users"
for user in "${USERS[@]}"; do
  prosodyctl --config "$work/prosody.cfg.lua" register "$user" "$DOMAIN" "$user-pw" >/dev/null
done

step "starting prosody on $interfaces port $C2S_PORT (components on 127.0.0.1:$COMPONENT_PORT)"
before=$(listeners)
"${as_prosody[@]}" prosody --config "$work/prosody.cfg.lua" -F >"$work/stdout.log" 2>&1 &
pid=$!
wait_for_port 127.0.0.1 "$C2S_PORT" "$pid" prosody || exit 1
wait_for_port 127.0.0.1 "$COMPONENT_PORT" "$pid" prosody || exit 1
check_loopback_only "$before" "prosody ($pid)"

export JABBER_INTEROP_SERVER=prosody
export JABBER_INTEROP_HOST=127.0.0.1
export JABBER_INTEROP_PORT=$C2S_PORT
export JABBER_INTEROP_DOMAIN=$DOMAIN
export JABBER_INTEROP_COMPONENT_PORT=$COMPONENT_PORT

status=0
run_interop prosody "$@" || status=$?
exit $status
