#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1 for the database tests and prints the
# connection string. Usage: eval "$(.ci/start-postgres.sh)"  (exports the variable)
# Stop it with: .ci/start-postgres.sh stop
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=${MANDATE_PGDATA:-/tmp/mandate-pg}
PGPORT=${MANDATE_PGPORT:-55432}
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [[ "${1:-}" == "stop" ]]; then
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >&2 || true
  exit 0
fi
if ! as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  rm -rf "$PGDATA"
  mkdir -p "$PGDATA"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PGDATA"
  pwfile=$(mktemp)
  echo postgres >"$pwfile"
  chmod 644 "$pwfile"
  as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" -A scram-sha-256 >/dev/null
  rm -f "$pwfile"
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGDATA -c max_connections=300 -c fsync=off" start >&2
fi
echo "export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres:postgres@127.0.0.1:$PGPORT"
