#!/usr/bin/env bash
# ModDesk server launcher for an installed server: /opt/moddesk-server/bin/moddesk-server (installer/server).
# Turns the MODDESK_* variables of /etc/moddesk/server.env into the server's command-line options and runs the jar.
#   moddesk-server                      the server (what moddesk-server.service runs)
#   moddesk-server admin create …       e.g. the first admin, against the same database (docs/deployment.md)
#   moddesk-server backup --to FILE     H2 only: a copy of the embedded database while the server is stopped
# Under systemd the variables come from EnvironmentFile=; run by hand, the file is read here (KEY=VALUE lines,
# values taken literally: never run as shell code). Every value is passed as one option (--name=value), so a value
# cannot become another option or a shell command.
set -euo pipefail
env_file=${MODDESK_ENV_FILE:-/etc/moddesk/server.env}
if [ -z "${INVOCATION_ID:-}" ] && [ -r "$env_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
    key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    [[ $key == MODDESK_* || $key == PGPASSFILE ]] || continue
    [ -n "${!key+set}" ] || export "$key=$value"
  done < "$env_file"
fi

java=${MODDESK_JAVA:-java}
jar=${MODDESK_JAR:-/opt/moddesk-server/moddesk-server.jar}
read -r -a jvm <<< "${MODDESK_JAVA_OPTS:-}"
opts=()
add() { # add OPTION VARIABLE: --option=value when the variable is not empty
  local value=${!2:-}
  [ -n "$value" ] && opts+=("$1=$value")
  return 0
}
add_list() { # add_list OPTION VARIABLE: one --option=value per space-separated item
  local item items
  read -r -a items <<< "${!2:-}"
  for item in "${items[@]}"; do opts+=("$1=$item"); done
}
flag() { # flag OPTION VARIABLE: --option when the variable is true
  case "${!2:-false}" in true|yes|1) opts+=("$1") ;; false|no|0|"") ;; *) echo "moddesk-server: $2 must be true or false" >&2; exit 2 ;; esac
}
database() {
  add --db-url MODDESK_DB_URL
  add --db-user MODDESK_DB_USER
  add --db-password MODDESK_DB_PASSWORD
  add --data-dir MODDESK_DATA_DIR
}

case "${1:-}" in
  admin)
    database
    exec "$java" "${jvm[@]}" -jar "$jar" "$@" "${opts[@]}" ;;
  backup)
    add --data-dir MODDESK_DATA_DIR
    [[ ${MODDESK_DB_URL:-} == jdbc:h2:* ]] && add --db-url MODDESK_DB_URL
    exec "$java" "${jvm[@]}" -jar "$jar" "$@" "${opts[@]}" ;;
  "") ;;
  *) echo "moddesk-server: options come from $env_file; commands: admin create …, backup --to FILE" >&2; exit 2 ;;
esac

database
add --port MODDESK_PORT
add --bind MODDESK_BIND
add_list --trusted-proxy MODDESK_TRUSTED_PROXIES
add --tls-cert MODDESK_TLS_CERT
add --tls-key MODDESK_TLS_KEY
add --login-limit-per-address MODDESK_LOGIN_LIMIT_PER_ADDRESS
add --session-cache-seconds MODDESK_SESSION_CACHE_SECONDS
flag --allow-private-webhooks MODDESK_ALLOW_PRIVATE_WEBHOOKS
add --nats-url MODDESK_NATS_URL
add --held-deadline-minutes MODDESK_HELD_DEADLINE_MINUTES
add --media-dir MODDESK_MEDIA_DIR
add --media-max-bytes MODDESK_MEDIA_MAX_BYTES
add_list --media-host MODDESK_MEDIA_HOSTS
add --retention-audit-days MODDESK_RETENTION_AUDIT_DAYS
add --retention-held-messages-days MODDESK_RETENTION_HELD_MESSAGES_DAYS
add --retention-media-days MODDESK_RETENTION_MEDIA_DAYS
add --retention-webhook-deliveries-days MODDESK_RETENTION_WEBHOOK_DELIVERIES_DAYS
add --retention-ingest-events-days MODDESK_RETENTION_INGEST_EVENTS_DAYS
add --idempotency-retention MODDESK_IDEMPOTENCY_RETENTION
if [[ ${MODDESK_SANDBOX:-false} == true ]]; then
  flag --sandbox MODDESK_SANDBOX
  flag --no-sim MODDESK_NO_SIM
  add --sim-rate MODDESK_SIM_RATE
  add --sim-chat-rate MODDESK_SIM_CHAT_RATE
  add --sim-hot-room-rate MODDESK_SIM_HOT_ROOM_RATE
fi
exec "$java" "${jvm[@]}" -jar "$jar" "${opts[@]}"
