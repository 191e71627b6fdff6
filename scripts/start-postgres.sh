#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the integration tests and
# print its URL. Usage: eval "$(scripts/start-postgres.sh)"  (sets RECEIPTS_TEST_POSTGRES_URL)
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ]; then
  echo "echo 'PostgreSQL is not installed; PostgreSQL tests will be skipped' >&2"
  exit 0
fi
PORT=${RECEIPTS_PG_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
DIR=$(mktemp -d /tmp/receipts-pg.XXXXXX)
chown postgres:postgres "$DIR" 2>/dev/null || true
RUN="runuser -u postgres --"
[ "$(id -u)" = "0" ] || RUN=""
$RUN "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust >/dev/null
$RUN "$PGBIN/pg_ctl" -D "$DIR/data" -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off" -l "$DIR/log" -w start >/dev/null
$RUN "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres receipts_test
echo "export RECEIPTS_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$PORT/receipts_test"
echo "export RECEIPTS_PG_DIR=$DIR"
