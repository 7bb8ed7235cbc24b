#!/usr/bin/env bash
# Installs the ModDesk server on a systemd Linux host (docs/deployment.md). Run as root from a built repository
# (mvn -B -DskipTests package) or from an unpacked copy of installer/server with the jar beside this script:
#   installer/server/install-server.sh [path/to/moddesk-server.jar]
# Creates the system user `moddesk`, /opt/moddesk-server (jar, bin/moddesk-server, docs), /etc/moddesk/server.env
# (only if absent: an existing one is never overwritten), /var/lib/moddesk (systemd's StateDirectory), and the unit.
# It neither enables nor starts the service: edit /etc/moddesk/server.env first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-}
[ -n "$jar" ] || for candidate in "$here/moddesk-server.jar" "$here/../../server/target/moddesk-server.jar"; do
  [ -f "$candidate" ] && { jar=$candidate; break; }
done
[ -n "$jar" ] && [ -f "$jar" ] || { echo "install-server.sh: no moddesk-server.jar (build it, or pass its path)"; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "install-server.sh: run as root"; exit 1; }
getent group moddesk >/dev/null || groupadd --system moddesk
getent passwd moddesk >/dev/null || useradd --system --gid moddesk --home-dir /var/lib/moddesk --no-create-home \
  --shell /usr/sbin/nologin --comment "ModDesk server" moddesk
install -d -m 0755 /opt/moddesk-server /opt/moddesk-server/bin /opt/moddesk-server/docs
install -m 0644 "$jar" /opt/moddesk-server/moddesk-server.jar
install -m 0755 "$here/moddesk-server.sh" /opt/moddesk-server/bin/moddesk-server
for doc in deployment.md backup.md; do
  [ -f "$here/../../docs/$doc" ] && install -m 0644 "$here/../../docs/$doc" /opt/moddesk-server/docs/
done
install -d -m 0750 -g moddesk /etc/moddesk
if [ -e /etc/moddesk/server.env ]; then
  echo "Kept /etc/moddesk/server.env; the current template is /opt/moddesk-server/server.env.example"
else
  install -m 0640 -g moddesk "$here/server.env" /etc/moddesk/server.env
fi
install -m 0644 "$here/server.env" /opt/moddesk-server/server.env.example
install -d -m 0750 -o moddesk -g moddesk /var/lib/moddesk
install -m 0644 "$here/moddesk-server.service" /etc/systemd/system/moddesk-server.service
command -v systemctl >/dev/null && [ -d /run/systemd/system ] && systemctl daemon-reload
echo "Installed. Next: edit /etc/moddesk/server.env, create the first admin, then systemctl enable --now moddesk-server"
