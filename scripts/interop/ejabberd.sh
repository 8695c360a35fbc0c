#!/usr/bin/env bash
# Interop with ejabberd (Debian's `ejabberd` package): installs it when missing, runs it with a
# throw-away configuration, ejabberdctl.cfg and spool/log directories under a temporary
# directory, as the `ejabberd` user (setpriv), listening only on 127.0.0.1 and ::1 on
# non-default ports, and runs the interop tests and the PVR demo against it. ejabberd and the
# epmd this script starts are stopped by their PIDs when it exits.
#
#   scripts/interop/ejabberd.sh              # the interop tests, then the demo
#   scripts/interop/ejabberd.sh CMD ARGS...  # any command, with ejabberd up
#   JABBER_INTEROP_KEEP_RUNNING=1 scripts/interop/ejabberd.sh  # up until killed (manual checks)
#
# Ports (environment): JABBER_INTEROP_EJABBERD_PORT (c2s, STARTTLS required, 25222),
# JABBER_INTEROP_EJABBERD_DIRECT_TLS_PORT (c2s, XEP-0368 direct TLS, 25223),
# JABBER_INTEROP_EJABBERD_COMPONENT_PORT (XEP-0114, plain TCP, 25347). They differ from
# Prosody's, so a server still shutting down never holds the other's port. The Erlang distribution is on
# 127.0.0.1 too: an epmd of this script's own on JABBER_INTEROP_EJABBERD_EPMD_PORT (24369, not
# the usual 4369, so that a system epmd is neither used nor disturbed) and the node's own port.
#
# TLS: a certificate for localhost from a throw-away CA (JABBER_INTEROP_CA), TLS 1.2 and 1.3 on
# both c2s ports. Passwords stored as given (auth_password_format: plain): ejabberd then offers
# every SCRAM it has, SCRAM-SHA-1, -256 and -512, each also -PLUS (tls-unique, after TLS only),
# and PLAIN; before TLS, no mechanism at all. The host wrong.localhost (JABBER_INTEROP_WRONG_DOMAIN)
# has no accounts and presents the localhost certificate: for the tests of a wrong name.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/interop/common.sh

C2S_PORT=${JABBER_INTEROP_EJABBERD_PORT:-25222}
DIRECT_TLS_PORT=${JABBER_INTEROP_EJABBERD_DIRECT_TLS_PORT:-25223}
COMPONENT_PORT=${JABBER_INTEROP_EJABBERD_COMPONENT_PORT:-25347}
EPMD_PORT=${JABBER_INTEROP_EJABBERD_EPMD_PORT:-24369}
DOMAIN=localhost
WRONG_DOMAIN=wrong.localhost
NODE=jabber-interop@localhost
USERS=(ralphm tvbot pvr alice bob bot)

if [ "$(id -u)" -ne 0 ]; then
  echo "$0 needs root: it runs ejabberd as the ejabberd user (setpriv)" >&2
  exit 1
fi
install_packages ejabberd
id ejabberd >/dev/null 2>&1 || { echo "the ejabberd package created no ejabberd user" >&2; exit 1; }
step "ejabberd $(dpkg-query -W -f '${Version}' ejabberd)"

work=$(mktemp -d)
chmod 755 "$work"
ctl_pid=""   # the ejabberdctl shell that runs the node in the foreground
beam_pid=""  # the node itself
epmd_pid=""  # the epmd this script started
logs_shown=""
show_logs() {
  [ -z "$logs_shown" ] || return 0
  logs_shown=1
  step "ejabberd's log"
  cat "$work/logs/stdout.log" "$work/logs/ejabberd.log" "$work/logs/error.log" >&2 2>/dev/null || true
}
cleanup() {
  local status=$?
  [ $status -eq 0 ] || show_logs
  stop_bot
  if [ -z "$beam_pid" ] && [ -f "$work/ejabberd.pid" ]; then beam_pid=$(cat "$work/ejabberd.pid"); fi
  if [ -z "$beam_pid" ] && [ -n "$ctl_pid" ]; then beam_pid=$(pgrep -P "$ctl_pid" -x beam.smp || true); fi
  stop_pid "$beam_pid" ejabberd
  stop_pid "$ctl_pid" ejabberdctl
  stop_pid "$epmd_pid" epmd
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/home" "$work/spool" "$work/logs" "$work/certs"
make_certificates "$work/certs"
# Listen on ::1 too when this machine has it.
addresses=(127.0.0.1)
if ip -6 addr show lo 2>/dev/null | grep -q '::1'; then addresses+=(::1); fi

cat >"$work/ejabberdctl.cfg" <<EOF
# Written by scripts/interop/ejabberd.sh; deleted when it exits.
ERLANG_NODE=$NODE
INET_DIST_INTERFACE=127.0.0.1
ERL_EPMD_ADDRESS=127.0.0.1
export ERL_EPMD_PORT=$EPMD_PORT
# The epmd is this script's: no node (the server, each ejabberdctl command) starts one itself.
ERL_OPTIONS="-start_epmd false"
EJABBERD_PID_PATH=$work/ejabberd.pid
EJABBERD_BYPASS_WARNINGS=true
EOF

{
  echo "# Written by scripts/interop/ejabberd.sh; deleted when it exits."
  # wrong.localhost: a host with no accounts and no modules (host_config replaces the module
  # list), for the tests that a client refuses a certificate for another name: ejabberd has no
  # certificate for it and presents the localhost one. (On the direct TLS port it does so for any
  # name in SNI; the host is needed for a stream to it, STARTTLS, not to get host-unknown.)
  echo "hosts: [$DOMAIN, $WRONG_DOMAIN]"
  echo "host_config: {$WRONG_DOMAIN: {modules: {}}}"
  echo "loglevel: info"
  echo "log_rotate_count: 0"
  echo "hide_sensitive_log_data: true"
  # The key, the localhost certificate and the CA's, in one file.
  echo "certfiles: [\"$work/certs/localhost-combined.pem\"]"
  echo "acme: {auto: false}"
  echo "s2s_access: none"
  # c2s: STARTTLS required on one port, direct TLS (XEP-0368) on the other.
  echo "listen:"
  for address in "${addresses[@]}"; do
    cat <<EOF
  - {port: $C2S_PORT, ip: "$address", module: ejabberd_c2s, access: c2s, max_stanza_size: 262144,
     starttls: true, starttls_required: true}
  - {port: $DIRECT_TLS_PORT, ip: "$address", module: ejabberd_c2s, access: c2s,
     max_stanza_size: 262144, tls: true}
EOF
  done
  cat <<EOF
  - port: $COMPONENT_PORT
    ip: "127.0.0.1"
    module: ejabberd_service
    access: all
    hosts:
      "pvr.$DOMAIN": {password: "pvr-secret"}
EOF
  cat <<EOF
# The internal database (Mnesia, in the spool directory). Passwords are stored as given, as
# Prosody's internal_plain does, so that every SCRAM variant (SHA-1, SHA-256, SHA-512, each also
# -PLUS once TLS is on) and PLAIN is offered. (auth_password_format: scram stores one hash,
# auth_scram_hash, and offers only that SCRAM, its -PLUS, and PLAIN.) DIGEST-MD5, which plain
# storage would offer too, stays off.
auth_method: internal
auth_password_format: plain
disable_sasl_mechanisms: [digest-md5, x-oauth2]
acl:
  admin: {user: [ralphm@$DOMAIN, alice@$DOMAIN]}
  local: {user_regexp: ""}
access_rules:
  local: {allow: local}
  c2s: {allow: all}
  configure: {allow: admin}
  muc_create: {allow: local}
  pubsub_createnode: {allow: local}
api_permissions:
  "console commands":
    from: [ejabberd_ctl]
    who: all
    what: "*"
modules:
  mod_blocking: {}
  mod_caps: {}
  mod_disco: {}
  mod_muc:
    host: "conference.$DOMAIN"
    access: all
    access_create: muc_create
    access_persistent: muc_create
    access_admin: {allow: admin}
  mod_offline: {}
  mod_ping: {}
  mod_privacy: {}
  mod_pubsub:
    host: "pubsub.$DOMAIN"
    access_createnode: pubsub_createnode
    plugins: [flat, pep]
  mod_roster: {versioning: true}
  mod_version: {}
EOF
} >"$work/ejabberd.yml"

chown -R ejabberd: "$work"
# As the ejabberd user, with a home of its own (the Erlang cookie goes there); ejabberdctl then
# runs the node itself instead of su-ing to that user.
as_ejabberd=(setpriv --reuid=ejabberd --regid=ejabberd --init-groups
  env HOME="$work/home" ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$EPMD_PORT" INET_DIST_INTERFACE=127.0.0.1)
ejabberdctl=("${as_ejabberd[@]}" ejabberdctl --config "$work/ejabberd.yml" --ctl-config "$work/ejabberdctl.cfg"
  --logs "$work/logs" --spool "$work/spool")

before=$(listeners)
for port in "$C2S_PORT" "$DIRECT_TLS_PORT" "$COMPONENT_PORT" "$EPMD_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken; set JABBER_INTEROP_EJABBERD_*PORT to free ones" >&2
    exit 1
  fi
done
step "starting epmd on 127.0.0.1:$EPMD_PORT"
# In the foreground (no -daemon), so that $! is its PID.
"${as_ejabberd[@]}" epmd -address 127.0.0.1 -port "$EPMD_PORT" >"$work/logs/epmd.log" 2>&1 &
epmd_pid=$!
wait_for_port 127.0.0.1 "$EPMD_PORT" "$epmd_pid" epmd || exit 1

step "starting ejabberd on ${addresses[*]} ports $C2S_PORT (STARTTLS), $DIRECT_TLS_PORT (direct TLS) (components on 127.0.0.1:$COMPONENT_PORT)"
"${ejabberdctl[@]}" foreground >"$work/logs/stdout.log" 2>&1 &
ctl_pid=$!
wait_for_port 127.0.0.1 "$C2S_PORT" "$ctl_pid" ejabberd || exit 1
wait_for_port 127.0.0.1 "$DIRECT_TLS_PORT" "$ctl_pid" ejabberd || exit 1
wait_for_port 127.0.0.1 "$COMPONENT_PORT" "$ctl_pid" ejabberd || exit 1
for _ in $(seq 100); do [ -s "$work/ejabberd.pid" ] && break; sleep 0.1; done
beam_pid=$(cat "$work/ejabberd.pid" 2>/dev/null || pgrep -P "$ctl_pid" -x beam.smp || true)
[ -n "$beam_pid" ] || { echo "no PID for the ejabberd node" >&2; exit 1; }
check_loopback_only "$before" "ejabberd (node $beam_pid, epmd $epmd_pid)"

# The c2s port opens before the modules have created their tables: `ejabberdctl status` says
# when the ejabberd application has started (registering earlier fails now and then).
step "waiting for ejabberd to finish starting"
started=""
deadline=$((SECONDS + 30))
while [ $SECONDS -lt $deadline ]; do
  if "${ejabberdctl[@]}" status >/dev/null 2>&1; then started=1; break; fi
  alive "$beam_pid" || break
  sleep 0.5
done
[ -n "$started" ] || { echo "ejabberd did not finish starting in 30 s" >&2; exit 1; }

step "registering users"
for user in "${USERS[@]}"; do
  "${ejabberdctl[@]}" register "$user" "$DOMAIN" "$user-pw" >/dev/null
done

export JABBER_INTEROP_SERVER=ejabberd
export JABBER_INTEROP_HOST=127.0.0.1
export JABBER_INTEROP_PORT=$C2S_PORT
export JABBER_INTEROP_DOMAIN=$DOMAIN
export JABBER_INTEROP_COMPONENT_PORT=$COMPONENT_PORT
export JABBER_INTEROP_DIRECT_TLS_PORT=$DIRECT_TLS_PORT
export JABBER_INTEROP_WRONG_DOMAIN=$WRONG_DOMAIN
export JABBER_INTEROP_CA  # set by make_certificates
# The highest TLS version each c2s port speaks.
export JABBER_INTEROP_STARTTLS_MAX_TLS=1.3
export JABBER_INTEROP_DIRECT_TLS_MAX_TLS=1.3

status=0
run_interop ejabberd "$@" || status=$?
exit $status
