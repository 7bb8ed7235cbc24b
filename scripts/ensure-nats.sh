#!/usr/bin/env bash
# The multi-node live-room tests need NATS with JetStream at 127.0.0.1:4222. This makes that true on a
# Debian/Ubuntu machine: running already -> nothing; installed -> started with JetStream; missing (root) ->
# Debian's `nats-server` installed and started. Elsewhere it says plainly what is needed and fails.
set -euo pipefail
HOST=127.0.0.1 PORT=${MODDESK_NATS_PORT:-4222} STORE=${MODDESK_NATS_STORE:-/var/lib/nats-server}
up() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }
fail() { echo "NATS: $*" >&2; echo "The tests need nats-server with JetStream (-js) at $HOST:$PORT." >&2; exit 1; }
up && { echo "NATS ready at $HOST:$PORT."; exit 0; }
if ! command -v nats-server >/dev/null; then
  [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null || fail "not installed, and this is not a Debian/Ubuntu machine."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  [ -z "$sudo" ] || command -v sudo >/dev/null || fail "not installed; install it as root: apt-get install nats-server"
  echo "Installing nats-server (Debian package) for the tests..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends nats-server >/dev/null
fi
bin=$(command -v nats-server)
mkdir -p "$STORE" 2>/dev/null || STORE=$(mktemp -d)
if command -v start-stop-daemon >/dev/null; then
  start-stop-daemon --start --oknodo --background --make-pidfile --pidfile "/tmp/moddesk-nats-$PORT.pid" --exec "$bin" -- -a "$HOST" -p "$PORT" -js -sd "$STORE" -l /tmp/nats-server.log
else
  nohup "$bin" -a "$HOST" -p "$PORT" -js -sd "$STORE" -l /tmp/nats-server.log >/dev/null 2>&1 &
fi
for _ in $(seq 1 50); do up && { echo "NATS ready at $HOST:$PORT."; exit 0; }; sleep 0.2; done
fail "started, but nothing answers on $HOST:$PORT (see /tmp/nats-server.log)."
