# Sourced by .ci/run: makes a PostgreSQL 15+ server available to the tests and exports PG_TEST_URL.
# 1. The machine's own server on 127.0.0.1:5432 when pg_isready answers there.
# 2. Otherwise a throwaway cluster: Debian's postgresql package (installed with apt-get when initdb
#    is missing), initdb into a temporary folder and pg_ctl as a non-root user, on its own port;
#    stopped and removed when the run ends.
# The PostgreSQL suites never skip in CI (CI=true): if neither works, the run fails here.

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432 -t 3 \
  && psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1 \
  && [ -z "${CI_PG_THROWAWAY:-}" ]; then
  psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'slowfast_ci'" | grep -q 1 \
    || psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -qc 'CREATE DATABASE slowfast_ci'
  export PG_TEST_URL=postgres://postgres@127.0.0.1:5432/slowfast_ci
  echo "postgres: the machine's server on 127.0.0.1:5432"
else
  if [ -z "$(pg_bin)" ]; then
    echo "postgres: no server answers and initdb is missing: installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  PG_BIN=$(pg_bin)
  [ -n "$PG_BIN" ] || { echo "postgres: initdb not found after installing postgresql" >&2; exit 1; }
  # initdb refuses to run as root: the cluster belongs to an unprivileged user.
  PG_USER=postgres
  id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home "$PG_USER"
  PG_DIR=$(mktemp -d /tmp/slowfast-ci-pg.XXXXXX)
  chown "$PG_USER" "$PG_DIR"
  PG_PORT=${CI_PG_PORT:-55432}
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
  stop_pg() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
  trap stop_pg EXIT
  export PG_TEST_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres
  echo "postgres: a throwaway cluster ($("$PG_BIN/postgres" --version)) on 127.0.0.1:$PG_PORT"
fi
