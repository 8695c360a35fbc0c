#!/usr/bin/env bash
# Interop with Prosody (Debian's `prosody` package): installs it when missing, runs it with a
# throw-away configuration and data directory, as the `prosody` user (setpriv) when run as root,
# listening only on 127.0.0.1 and ::1 on non-default ports, and runs the interop tests and the
# PVR demo against it. Prosody is stopped by its PID when this script exits.
#
#   scripts/interop/prosody.sh              # the interop tests, then the demo
#   scripts/interop/prosody.sh CMD ARGS...  # any command, with Prosody up
#   JABBER_INTEROP_KEEP_RUNNING=1 scripts/interop/prosody.sh  # up until killed (manual checks)
#
# Ports (environment): JABBER_INTEROP_PROSODY_PORT (c2s, STARTTLS required, 15222),
# JABBER_INTEROP_PROSODY_DIRECT_TLS_PORT (c2s, XEP-0368 direct TLS, 15223),
# JABBER_INTEROP_PROSODY_COMPONENT_PORT (XEP-0114, plain TCP, 15347).
#
# TLS: a certificate for localhost from a throw-away CA (JABBER_INTEROP_CA). The STARTTLS port
# speaks TLS 1.2 only: Prosody 0.12 does channel binding with tls-unique alone, which TLS 1.3
# does not define, so only there does it offer SCRAM-SHA-1-PLUS and SCRAM-SHA-256-PLUS. The
# direct TLS port speaks TLS 1.2 and 1.3 (a client gets 1.3, and no -PLUS mechanism). With the
# passwords stored as given (internal_plain), both ports offer SCRAM-SHA-1, SCRAM-SHA-256 and
# PLAIN; before TLS, no mechanism at all. The host wrong.localhost (JABBER_INTEROP_WRONG_DOMAIN)
# has no accounts and presents the localhost certificate: for the tests of a wrong name.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/interop/common.sh

C2S_PORT=${JABBER_INTEROP_PROSODY_PORT:-15222}
DIRECT_TLS_PORT=${JABBER_INTEROP_PROSODY_DIRECT_TLS_PORT:-15223}
COMPONENT_PORT=${JABBER_INTEROP_PROSODY_COMPONENT_PORT:-15347}
DOMAIN=localhost
WRONG_DOMAIN=wrong.localhost
USERS=(ralphm tvbot pvr alice bob bot)

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
  stop_bot
  stop_pid "$pid" prosody
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/data" "$work/certs"
make_certificates "$work/certs"
# Listen on ::1 too when this machine has it.
interfaces='"127.0.0.1"'
if ip -6 addr show lo 2>/dev/null | grep -q '::1'; then
  interfaces='"127.0.0.1", "::1"'
fi

cat >"$work/prosody.cfg.lua" <<EOF2
-- Written by scripts/interop/prosody.sh; deleted when it exits.
pidfile = "$work/prosody.pid"
data_path = "$work/data"
-- TLS: the localhost certificate (found by name in this directory for the host, and set as the
-- default below: the direct TLS port presents it whatever name the client asks for in SNI).
certificates = "$work/certs"
ssl = { certificate = "$work/certs/localhost-chain.pem", key = "$work/certs/localhost.key" }
-- STARTTLS (mod_tls): TLS 1.2 only, for tls-unique channel binding (SCRAM-*-PLUS).
c2s_ssl = { protocol = "tlsv1_2" }
-- Direct TLS: TLS 1.2 and 1.3.
c2s_direct_tls_ssl = { protocol = "tlsv1_2+" }
log = { { levels = { min = "info" }, to = "file", filename = "$work/prosody.log" } }
daemonize = false

interfaces = { $interfaces }
c2s_ports = { $C2S_PORT }
c2s_direct_tls_ports = { $DIRECT_TLS_PORT }
s2s_ports = {}
http_ports = {}
https_ports = {}
-- XEP-0114 stays plain TCP.
component_ports = { $COMPONENT_PORT }
component_interface = "127.0.0.1"

admins = { "ralphm@$DOMAIN", "alice@$DOMAIN" }
modules_enabled = {
  "roster"; "saslauth"; "tls"; "disco"; "ping"; "blocklist"; "version"; "uptime";
  -- XEP-0163 PEP: every account a pubsub service, notifications filtered by +notify caps.
  "pep";
}
modules_disabled = { "s2s"; "offline"; "c2s_limits"; "limits" }
c2s_require_encryption = true
s2s_require_encryption = false
allow_unencrypted_plain_auth = false
-- Passwords stored as given: the SASL handler then has every SCRAM hash Prosody knows (SHA-1,
-- SHA-256, each with -PLUS when tls-unique is there) and PLAIN; internal_hashed has one.
authentication = "internal_plain"
storage = "internal"
allow_registration = false

VirtualHost "$DOMAIN"

-- A host with no accounts, for the tests that a client refuses a certificate for another name:
-- Prosody has no certificate for it, so it presents the one for localhost (the parent domain),
-- on both ports. Without it, Prosody refuses the direct TLS handshake for a name it does not
-- serve (SNI: a fatal unrecognized_name alert) and the stream to it (host-unknown).
VirtualHost "$WRONG_DOMAIN"

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

step "starting prosody on $interfaces ports $C2S_PORT (STARTTLS), $DIRECT_TLS_PORT (direct TLS) (components on 127.0.0.1:$COMPONENT_PORT)"
before=$(listeners)
"${as_prosody[@]}" prosody --config "$work/prosody.cfg.lua" -F >"$work/stdout.log" 2>&1 &
pid=$!
wait_for_port 127.0.0.1 "$C2S_PORT" "$pid" prosody || exit 1
wait_for_port 127.0.0.1 "$DIRECT_TLS_PORT" "$pid" prosody || exit 1
wait_for_port 127.0.0.1 "$COMPONENT_PORT" "$pid" prosody || exit 1
check_loopback_only "$before" "prosody ($pid)"

export JABBER_INTEROP_SERVER=prosody
export JABBER_INTEROP_HOST=127.0.0.1
export JABBER_INTEROP_PORT=$C2S_PORT
export JABBER_INTEROP_DOMAIN=$DOMAIN
export JABBER_INTEROP_COMPONENT_PORT=$COMPONENT_PORT
export JABBER_INTEROP_DIRECT_TLS_PORT=$DIRECT_TLS_PORT
export JABBER_INTEROP_WRONG_DOMAIN=$WRONG_DOMAIN
export JABBER_INTEROP_CA  # set by make_certificates
# The highest TLS version each c2s port speaks.
export JABBER_INTEROP_STARTTLS_MAX_TLS=1.2
export JABBER_INTEROP_DIRECT_TLS_MAX_TLS=1.3

status=0
run_interop prosody "$@" || status=$?
exit $status
