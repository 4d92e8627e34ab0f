#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on TEST_PGHOST:TEST_PGPORT (default 127.0.0.1:5432),
# starting the machine's local cluster when it is installed but stopped.
set -euo pipefail
host=${TEST_PGHOST:-127.0.0.1}; port=${TEST_PGPORT:-5432}
ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }
command -v pg_isready >/dev/null || { echo "pg_isready not found; assuming PostgreSQL is reachable" >&2; exit 0; }
ready && exit 0
if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
  for version in /etc/postgresql/*; do
    pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start 2>/dev/null || true
  done
fi
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
echo "PostgreSQL is not reachable on $host:$port" >&2
exit 1
