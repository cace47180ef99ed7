#!/usr/bin/env bash
# Mail intake throughput: N mails in a Dovecot mailbox, taken in by the app (Release build, one node) into
# PostgreSQL, each as a new concern with its acknowledgement in the outbox. Figures go to bench/README.md.
#
#   bash bench/mail-intake/run.sh
#
# Measures mails per second (from the first to the last mail recorded, and over the whole run from process start),
# the app's peak memory (VmHWM) and CPU seconds. Writes bench/mail-intake/results-<date>[-<label>].md.
#
# Needs the test mail server (scripts/mailserver.sh start) for the mailbox. PostgreSQL: a private cluster with
# deploy/postgresql/rathaus.conf (fsync on, as in production) on RATHAUS_BENCH_PG_PORT, or RATHAUS_BENCH_POSTGRES.
#
# Settings (environment):
#   RATHAUS_BENCH_MAILS        how many mails (default 10000)
#   RATHAUS_BENCH_IMAP         host:port of the IMAP server (default 127.0.0.1:10143)
#   RATHAUS_BENCH_POSTGRES     Npgsql connection string of a server whose user may CREATE DATABASE (unset: private cluster)
#   RATHAUS_BENCH_PG_PORT      port of the private cluster (default 55437)
#   RATHAUS_BENCH_LABEL        a word naming a variant, appended to the results file name
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

MAILS="${RATHAUS_BENCH_MAILS:-10000}"
IMAP="${RATHAUS_BENCH_IMAP:-127.0.0.1:10143}"
PG_PORT="${RATHAUS_BENCH_PG_PORT:-55437}"
LABEL="${RATHAUS_BENCH_LABEL:-}"
GOAL_PER_S=200

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

WORK="$(mktemp -d /tmp/rathaus-bench-mail.XXXXXX)"
chmod 755 "$WORK"
PUBLISH="$WORK/publish"
APP_PID=""
PG_BIN=""
PG_DIR=""

cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -KILL "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -n "${RATHAUS_BENCH_KEEP:-}" ] && log "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

PG_BASE=""
use_npgsql_server() {
  local pair key value
  PG_BASE=""
  IFS=';' read -r -a pairs <<<"$1"
  for pair in "${pairs[@]}"; do
    [ -n "$pair" ] || continue
    key="$(echo "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    value="${pair#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
      database|db) continue ;;
    esac
    PG_BASE+="$pair;"
  done
  export PGDATABASE=postgres
}

start_private_postgres() {
  apt_install postgresql
  PG_BIN="$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && die "port $PG_PORT is taken; set RATHAUS_BENCH_PG_PORT"
  PG_DIR="$WORK/pg"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR"
  chmod 700 "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
  cp "$RATHAUS_ROOT/deploy/postgresql/rathaus.conf" "$PG_DIR/rathaus.conf"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR/rathaus.conf"
  echo "include 'rathaus.conf'" >>"$PG_DIR/postgresql.conf"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$PG_DIR'" -w -t 60 start >/dev/null \
    || { tail -n 30 "$PG_DIR/server.log" >&2; die "could not start PostgreSQL on port $PG_PORT"; }
  use_npgsql_server "Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
}

psql_run() { psql -X -q -v ON_ERROR_STOP=1 -At -c "$1"; }

if [ -n "${RATHAUS_BENCH_POSTGRES:-}" ]; then
  use_npgsql_server "$RATHAUS_BENCH_POSTGRES"
  PG_NOTE="given server"
else
  start_private_postgres
  PG_NOTE="private cluster with deploy/postgresql/rathaus.conf (fsync on)"
fi

log "publishing (Release)"
dotnet publish "$RATHAUS_ROOT/src/Rathaus.Web" -c Release -o "$PUBLISH" --artifacts-path "$WORK/artifacts" >"$WORK/publish.log" 2>&1 \
  || { tail -n 30 "$WORK/publish.log" >&2; die "publish failed"; }

DB="rathaus_bench_mail_$(date +%s)"
psql_run "CREATE DATABASE $DB"
CONNECTION="${PG_BASE}Database=$DB"
MAILBOX="stadt-bench-$(date +%s%N)@rathaus-lueneburg.example"

log "migrating and loading demo data"
(cd "$PUBLISH" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=PostgreSql Database__ConnectionString="$CONNECTION" \
  Database__DemoData=true dotnet Rathaus.Web.dll migrate) >"$WORK/migrate.log" 2>&1 || { tail -n 30 "$WORK/migrate.log" >&2; die "migrate failed"; }

log "putting $MAILS mails into $MAILBOX"
python3 "$(dirname "${BASH_SOURCE[0]}")/fill.py" "${IMAP%:*}" "${IMAP#*:}" "$MAILBOX" "$MAILS"

log "taking them in"
started="$(date +%s%N)"
(
  cd "$PUBLISH"
  ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider=PostgreSql \
  Database__ConnectionString="$CONNECTION" \
  Database__MigrateOnStart=false \
  Mail__Inboxes__0__Name="$MAILBOX" \
  Mail__Inboxes__0__Host="${IMAP%:*}" \
  Mail__Inboxes__0__Port="${IMAP#*:}" \
  Mail__Inboxes__0__Security=None \
  Mail__Inboxes__0__UserName="$MAILBOX" \
  Mail__Inboxes__0__Password=test \
    exec dotnet Rathaus.Web.dll --urls http://127.0.0.1:0
) >>"$WORK/app.log" 2>&1 &
APP_PID=$!

CLK_TCK="$(getconf CLK_TCK)"
while :; do
  done_count="$(psql -X -At -d "$DB" -c 'SELECT count(*) FROM "InboundMessages"' 2>/dev/null || echo 0)"
  [ "$done_count" -ge "$MAILS" ] && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$WORK/app.log" >&2; die "the app exited"; }
  [ $(( ($(date +%s%N) - started) / 1000000000 )) -lt 1800 ] || die "not done after 30 minutes ($done_count of $MAILS)"
  sleep 0.5
done
total_s="$(awk -v ns="$(( $(date +%s%N) - started ))" 'BEGIN { printf "%.1f", ns / 1e9 }')"
peak_mb="$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status")"
cpu_s="$(sed 's/.*) //' "/proc/$APP_PID/stat" | awk -v hz="$CLK_TCK" '{ printf "%.1f", ($12 + $13) / hz }')"
kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

read -r first_to_last concerns acks < <(psql -X -At -F ' ' -d "$DB" -c \
  'SELECT extract(epoch FROM max("ProcessedAt") - min("ProcessedAt")), (SELECT count(*) FROM "Concerns" WHERE "Channel" = 2), (SELECT count(*) FROM "OutboxMessages") FROM "InboundMessages"')
rate="$(awk -v n="$MAILS" -v s="$first_to_last" 'BEGIN { printf "%.0f", (n - 1) / s }')"
rate_total="$(awk -v n="$MAILS" -v s="$total_s" 'BEGIN { printf "%.0f", n / s }')"
verdict="$([ "$rate" -ge "$GOAL_PER_S" ] && echo "goal met" || echo "goal NOT met")"
psql_run "DROP DATABASE $DB WITH (FORCE)"

result="$(cat <<MD
# Mail intake benchmark, $(date -u +%Y-%m-%d)

$MAILS mails (70 % plain text, 20 % HTML with plain alternative, 10 % with a PDF attachment) in one Dovecot mailbox,
taken in by one Release node into PostgreSQL ($PG_NOTE); every mail a new concern with its acknowledgement in
the outbox. Machine: $(nproc) cores, shared with other work. \`bash bench/mail-intake/run.sh\`

| figure | value | goal |
|---|---|---|
| mails per second, first to last mail | $rate | ≥ $GOAL_PER_S ($verdict) |
| mails per second, process start to last mail | $rate_total | |
| peak memory (VmHWM) | $peak_mb MB | |
| CPU seconds of the app | $cpu_s | |
| concerns / outbox mails created | $concerns / $acks | $MAILS / $MAILS |
MD
)"
echo "$result"
echo "$result" >"$(dirname "${BASH_SOURCE[0]}")/results-$(date -u +%Y-%m-%d)${LABEL:+-$LABEL}.md"
