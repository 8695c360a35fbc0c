#!/usr/bin/env bash
# Interop with real XMPP servers, one after the other: Prosody, then ejabberd, both from Debian
# packages (installed when missing, in one apt-get run; that needs root or sudo). Each is started
# by its own script beside this one (scripts/interop/SERVER.sh) with a throw-away configuration
# and data directory, listening only on 127.0.0.1 and ::1 (checked with ss before the tests),
# on ports of its own (Prosody 15222, ejabberd 25222), and is stopped by its PID when its
# script exits. Against each: the echo bot (examples/bot.rs, as bot@localhost, in the background
# while the server is up), the interop tests (tests/interop.rs; their interop matrix is printed
# after them), then the PVR demo.
#
#   scripts/interop.sh              # every server: the interop tests, then the demo
#   scripts/interop.sh CMD ARGS...  # any command, once per server, with that server up
#   JABBER_INTEROP_SERVERS=ejabberd scripts/interop.sh   # only some servers
#   scripts/interop.sh --keep-running SERVER  # only SERVER, no tests: prints its ports and the
#                                             # JABBER_INTEROP_* exports, and stays up until
#                                             # killed (kill PID, or Ctrl-C), then stops SERVER
#
# c2s is TLS only: STARTTLS required on the c2s port, XEP-0368 direct TLS on a second port, with
# a certificate for localhost from a throw-away CA made for the run. The tests get
# JABBER_INTEROP_SERVER, _HOST, _PORT (STARTTLS), _DIRECT_TLS_PORT, _DOMAIN, _COMPONENT_PORT
# (XEP-0114, plain TCP), _CA (the CA certificate, PEM: trust it as the only root),
# _STARTTLS_MAX_TLS / _DIRECT_TLS_MAX_TLS (1.2 or 1.3: the highest TLS version of each port),
# _WRONG_DOMAIN (wrong.localhost: a host with no accounts that presents the localhost
# certificate, for the tests that a client refuses a certificate for another name), and _BOT (the
# echo bot's JID).
#
# Every server runs even when one fails; the exit status is non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/interop/common.sh

if [ "${1:-}" = --keep-running ]; then
  [ $# -eq 2 ] || { echo "usage: $0 --keep-running SERVER" >&2; exit 2; }
  [ -x "scripts/interop/$2.sh" ] || { echo "no scripts/interop/$2.sh" >&2; exit 2; }
  install_packages "$2"
  # exec: this PID is the server script's, so that killing it stops the server.
  JABBER_INTEROP_KEEP_RUNNING=1 exec "scripts/interop/$2.sh"
fi

read -r -a servers <<<"${JABBER_INTEROP_SERVERS:-prosody ejabberd}"
for server in "${servers[@]}"; do
  [ -x "scripts/interop/$server.sh" ] || { echo "no scripts/interop/$server.sh" >&2; exit 2; }
done

started=$SECONDS
# The Debian package of each server has the server's name.
install_packages "${servers[@]}"
if [ $# -eq 0 ]; then
  step "building the interop tests, the bot and the demo"
  cargo test -p jabber --test interop --no-run
  cargo build --example bot --example pvr
fi
prepared=$((SECONDS - started))

results=()
failed=0
for server in "${servers[@]}"; do
  printf '\n==> %s\n' "$server"
  begin=$SECONDS
  status=0
  "scripts/interop/$server.sh" "$@" || status=$?
  [ $status -eq 0 ] && result=ok || { result="FAILED (exit $status)"; failed=1; }
  results+=("$(printf '%-9s %-20s %4d s' "$server" "$result" $((SECONDS - begin)))")
done

printf '\n==> interop summary\n'
printf '%-9s %-20s %4d s\n' "(setup)" "install, build" "$prepared"
printf '%s\n' "${results[@]}"
printf '%-9s %-20s %4d s\n' total "" $((SECONDS - started))
exit $failed
