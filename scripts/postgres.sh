#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and local development.
#
#   bash scripts/postgres.sh start|stop|status|url
#
# This is deliberately NOT Debian's system cluster (15/main on 5432): it lives
# in its own data dir on its own port, trusts every local connection and runs
# with durability switched off, so it is fast to start, fast to use, and can be
# thrown away with `stop` + `rm -rf "$RATHAUS_PG_DIR"`. Never use it for data
# that matters, nor for benchmarks (fsync=off distorts them).
#
# Settings (environment):
#   RATHAUS_PG_DIR   data directory   (default /tmp/rathaus-pg)
#   RATHAUS_PG_PORT  TCP port         (default 55432; listens on 127.0.0.1 only)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_PORT="${RATHAUS_PG_PORT:-55432}"
# Absolute path: the server runs with cwd=/ (see as_pg) and the socket lives here.
PG_DIR="$(realpath -m "${RATHAUS_PG_DIR:-/tmp/rathaus-pg}")"
PG_LOG="$PG_DIR/server.log"

usage() {
  echo "usage: $0 start|stop|status|url" >&2
  exit 2
}

# Server binaries are not on PATH on Debian (only client wrappers are);
# take the newest major version that is installed.
find_pg_bin() {
  local bin
  bin="$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    return 1
  fi
  echo "$bin"
}

ensure_installed() {
  apt_install postgresql
  PG_BIN="$(find_pg_bin)" || {
    echo "postgres.sh: no server binaries under /usr/lib/postgresql/*/bin" >&2
    exit 1
  }
}

# initdb and pg_ctl refuse to run as root, so as root we become the postgres
# user; a non-root developer runs them as themselves and owns the data dir.
# cwd=/ because postgres cannot read root's home and initdb/postgres complain
# about an unreadable current directory.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

is_ready() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres
}

# fail_with_logs MESSAGE [LOGFILE...] — show what went wrong, then fail. `start` is silent on success, so this is
# the only place its output becomes visible.
fail_with_logs() {
  echo "postgres.sh: $1" >&2
  shift
  local f
  for f in "$@"; do
    if [ -f "$f" ]; then
      echo "----- $f (last 50 lines) -----" >&2
      tail -n 50 "$f" >&2
    fi
  done
  exit 1
}

init_cluster() {
  if [ -f "$PG_DIR/PG_VERSION" ]; then
    local have want
    have="$(cat "$PG_DIR/PG_VERSION")"
    want="$(basename "$(dirname "$PG_BIN")")"
    if [ "$have" != "$want" ]; then
      echo "postgres.sh: $PG_DIR holds a PostgreSQL $have cluster but $want is installed;" \
           "it is throwaway: rm -rf $PG_DIR and start again" >&2
      exit 1
    fi
    return 0
  fi

  mkdir -p "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
  fi
  chmod 700 "$PG_DIR"

  # initdb's output lives in a temp file (the data dir must be empty for
  # initdb) and is shown only if it fails.
  local out
  out="$(mktemp)"
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$out" 2>&1; then
    cat "$out" >&2
    rm -f "$out"
    fail_with_logs "initdb failed in $PG_DIR"
  fi
  rm -f "$out"
}

cmd_start() {
  ensure_installed
  if is_ready; then
    return 0 # already running: starting is a no-op
  fi
  init_cluster

  # Test-only speed settings: no fsync and no full-page writes (a crash may
  # corrupt the cluster, which is fine for throwaway data); more connections
  # than the default 100 because parallel test classes each open pools.
  # The Unix socket goes into the data dir rather than /var/run/postgresql,
  # which a non-root user cannot write and which may not exist.
  local opts
  opts="-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$PG_DIR'"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"

  local out
  out="$(mktemp)"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_LOG" -o "$opts" -w -t 60 start >"$out" 2>&1; then
    cat "$out" >&2
    rm -f "$out"
    fail_with_logs "could not start the server (data dir $PG_DIR, port $PG_PORT)" "$PG_LOG"
  fi
  rm -f "$out"

  # pg_ctl -w only waits for *a* postmaster; make sure it is ours and reachable over TCP.
  is_ready || fail_with_logs "server started but 127.0.0.1:$PG_PORT does not answer" "$PG_LOG"
}

cmd_stop() {
  PG_BIN="$(find_pg_bin)" || return 0 # nothing installed, nothing running
  # `pg_ctl status` also sees through a stale postmaster.pid left by a crash.
  if [ ! -f "$PG_DIR/PG_VERSION" ] || ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    return 0
  fi
  # fast = roll back open transactions and disconnect clients instead of
  # waiting for them (tests may leave connections in the pool).
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null
}

cmd_status() {
  PG_BIN="$(find_pg_bin)" || { echo "not installed"; exit 3; }
  if is_ready; then
    echo "running: 127.0.0.1:$PG_PORT, data dir $PG_DIR, log $PG_LOG"
  else
    echo "not running (port $PG_PORT, data dir $PG_DIR)"
    exit 3 # same code as `pg_ctl status` for "not running"
  fi
}

cmd_url() {
  # ADO.NET / Npgsql form; a superuser without password (trust auth).
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
}

[ $# -eq 1 ] || usage
case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) cmd_url ;;
  *) usage ;;
esac
