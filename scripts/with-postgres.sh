#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server on loopback, in a temporary directory.
# Usage: scripts/with-postgres.sh COMMAND [ARGS…]; the command sees DATABASE_URL.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/pobratym-pg.XXXXXX)
port=${PGPORT_TEST:-$(( 20000 + RANDOM % 20000 ))}
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb and the server refuse to run as root.
  chown postgres "$dir"
  as_postgres=(runuser -u postgres --)
fi

cleanup() {
  "${as_postgres[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_postgres[@]}" "$bindir/initdb" -D "$dir/data" -U pobratym --auth=trust -E UTF8 \
  --locale=C.UTF-8 >/dev/null
options="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
"${as_postgres[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$options" \
  start >/dev/null
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export DATABASE_URL="postgres://pobratym@127.0.0.1:$port/pobratym"
# For the tests that stop and start the server while requests run (tests/postgres).
export POSTGRES_TEST_PG_CTL="${as_postgres[*]} $bindir/pg_ctl -D $dir/data -l $dir/server.log -w"
export POSTGRES_TEST_OPTIONS="$options"
"$@"
