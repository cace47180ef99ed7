#!/usr/bin/env bash
# Concerns under load on PostgreSQL with a million concerns (bench/README.md has the figures and their goals).
#
#   bash bench/concerns/run.sh
#
# 1. publishes Rathaus in Release, builds the load generator (bench/concerns/Load) and the minimal Kestrel endpoint
#    (bench/concerns/Minimal);
# 2. starts a private PostgreSQL with deploy/postgresql/rathaus.conf (fsync on) on its own port;
# 3. migrates a database with the app's `migrate` command (demo org chart), fills it with generate.sql (1,000,000
#    concerns, 10,000 of them open in the demo's Straßenunterhaltung 7.1) and copies it for the run;
# 4. starts Rathaus (Production settings, the per-address limit of the concern form raised) and the minimal endpoint;
# 5. measures, per scenario first Rathaus and then the minimal endpoint, with the same clients: intake (GET form, POST,
#    confirmation), inbox of t.bruns (lead of 7.1; his unit view lists the 10,000 open concerns), full-text search;
# 6. writes bench/concerns/results-<date>[-<label>].md and stops everything it started.
#
# Settings (environment):
#   RATHAUS_BENCH_CONCERNS      concerns to generate (default 1000000)
#   RATHAUS_BENCH_OPEN          open concerns of unit 7.1 (default 10000)
#   RATHAUS_BENCH_CLIENTS       concurrent clients (default 32)
#   RATHAUS_BENCH_WARMUP        seconds of warm-up per scenario and target, not counted (default 10)
#   RATHAUS_BENCH_DURATION      seconds measured per scenario and target (default 30)
#   RATHAUS_BENCH_SCENARIOS     which scenarios (default intake,inbox,search,post)
#   RATHAUS_BENCH_PG_PORT       port of the private PostgreSQL (default 55434; tests use 55432, the startup bench 55433)
#   RATHAUS_BENCH_APP_PORT      port of Rathaus (default 5098); RATHAUS_BENCH_MINIMAL_PORT of the minimal app (5097)
#   RATHAUS_BENCH_DATA          a folder that keeps the PostgreSQL cluster and the generated database between runs
#                               (generation takes minutes); each run measures on a fresh copy of it. Unset: a
#                               temporary cluster that is removed at the end.
#   RATHAUS_BENCH_PUBLISH_ARGS  extra `dotnet publish` arguments, e.g. "-r linux-x64 --self-contained false -p:PublishReadyToRun=true"
#   RATHAUS_BENCH_LABEL         a word naming a variant, appended to the results file name
#   RATHAUS_BENCH_NICE          priority of the benchmark and all it starts; default -20 as root (as bench/startup)
#   RATHAUS_BENCH_PG_OPTIONS    extra server settings for a diagnostic variant, e.g. "-c synchronous_commit=off"
#                               (never production: it may lose the last commits on a crash); listed in the results
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

CONCERNS="${RATHAUS_BENCH_CONCERNS:-1000000}"
OPEN="${RATHAUS_BENCH_OPEN:-10000}"
CLIENTS="${RATHAUS_BENCH_CLIENTS:-32}"
WARMUP="${RATHAUS_BENCH_WARMUP:-10}"
DURATION="${RATHAUS_BENCH_DURATION:-30}"
SCENARIOS="${RATHAUS_BENCH_SCENARIOS:-intake,inbox,search,post}"
PG_PORT="${RATHAUS_BENCH_PG_PORT:-55434}"
APP_PORT="${RATHAUS_BENCH_APP_PORT:-5098}"
MINIMAL_PORT="${RATHAUS_BENCH_MINIMAL_PORT:-5097}"
LABEL="${RATHAUS_BENCH_LABEL:-}"
NICE="${RATHAUS_BENCH_NICE:-$([ "$(id -u)" -eq 0 ] && echo -20 || echo 0)}"
APP_URL="http://127.0.0.1:$APP_PORT"
MINIMAL_URL="http://127.0.0.1:$MINIMAL_PORT"
UNIT_CODE="7.1"
USER_NAME="t.bruns"
DEMO_PASSWORD="Rathaus-Demo-2026" # the demo accounts' published password (README)
# A kept database is reused only for the same generator, migrations and search SQL.
GENERATED_DB="rathaus_generated_${CONCERNS}_${OPEN}_$(cd "$RATHAUS_ROOT" && { cat bench/concerns/generate.sql src/Rathaus/Concerns/Inbox/ConcernSearch.cs; ls src/Rathaus.Migrations.PostgreSql/Migrations; } | sha1sum | cut -c1-8)"
RUN_DB="rathaus_run"
# Search words: frequent nouns (also inflected), street and district names, rare compounds, words only in replies/notes.
WORDS="Schlagloch,Straßenlaternen,Glascontainer,Bardowicker,Kaltenmoor,Hafenbrücke,Kirchweg,Moorwiese,Rollator,Kuhlmann,Fahrradständer,Regenrinnen,Graffiti,Bushaltestelle,Salzgraben,Wasserleitung"

# Goals (issue #4): intake >= 500 submissions/s with p99 < 100 ms; inbox and search p95 < 100 ms.
GOAL_INTAKE_PER_S=500
GOAL_INTAKE_P99_MS=100
GOAL_LIST_P95_MS=100

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

WORK="$(mktemp -d /tmp/rathaus-bench-concerns.XXXXXX)"
chmod 755 "$WORK"
DATA="${RATHAUS_BENCH_DATA:-$WORK/data}"
mkdir -p "$DATA"
chmod 755 "$DATA"
PG_DIR="$DATA/pg"
PG_BIN=""
APP_PID=""
MINIMAL_PID=""
PG_STARTED=""

cleanup() {
  local pid
  for pid in "$APP_PID" "$MINIMAL_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$PG_STARTED" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres PGDATABASE=postgres
psql_run() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
PG_BASE="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"

start_postgres() {
  apt_install postgresql
  PG_BIN="$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    die "port $PG_PORT is taken; set RATHAUS_BENCH_PG_PORT"
  fi
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
      || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    echo "include 'rathaus.conf'" >>"$PG_DIR/postgresql.conf"
  fi
  # The production settings (fsync on, shared_buffers, ...), refreshed from the work tree on every run.
  cp "$RATHAUS_ROOT/deploy/postgresql/rathaus.conf" "$PG_DIR/rathaus.conf"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR/rathaus.conf"
  local opts="-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$PG_DIR' ${RATHAUS_BENCH_PG_OPTIONS:-}"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -o "$opts" -w -t 120 start >/dev/null \
    || { tail -n 30 "$PG_DIR/server.log" >&2; die "could not start PostgreSQL on port $PG_PORT"; }
  PG_STARTED=1
}

# wait_for URL PID NAME LOG
wait_for() {
  local i
  for i in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true)" = 200 ] && return 0
    kill -0 "$2" 2>/dev/null || { tail -n 40 "$4" >&2; die "$3 exited before answering"; }
    sleep 0.2
  done
  tail -n 40 "$4" >&2
  die "$3 did not answer on $1"
}

# Production settings; the per-address limits of the login and of the concern form (RateLimits:ConcernsPerHour,
# 20 by default) are raised: every client of the benchmark comes from 127.0.0.1.
APP_ENV=(
  ASPNETCORE_ENVIRONMENT=Production
  Database__Provider=PostgreSql
  Database__DemoData=true
  RateLimits__LoginsPerMinute=1000000
  RateLimits__ConcernsPerHour=100000000
)

# ----- build -----------------------------------------------------------------------------------------------------
command -v curl >/dev/null || apt_install curl
[ "$NICE" = 0 ] || renice -n "$NICE" -p $$ >/dev/null
for url in "$APP_URL" "$MINIMAL_URL"; do
  ! curl -s -o /dev/null --max-time 1 "$url/" || die "something already answers on $url; set RATHAUS_BENCH_APP_PORT / RATHAUS_BENCH_MINIMAL_PORT"
done

log "publishing Rathaus (Release), building the load generator and the minimal endpoint"
# shellcheck disable=SC2086 # RATHAUS_BENCH_PUBLISH_ARGS is a list of arguments
dotnet publish "$RATHAUS_ROOT/src/Rathaus.Web" -c Release -o "$WORK/publish" --artifacts-path /tmp/art-bench-concerns \
  ${RATHAUS_BENCH_PUBLISH_ARGS:-} >"$WORK/publish.log" 2>&1 || { tail -n 30 "$WORK/publish.log" >&2; die "dotnet publish failed"; }
for project in Load Minimal; do
  dotnet publish "$RATHAUS_ROOT/bench/concerns/$project" -c Release -o "$WORK/$project" --artifacts-path /tmp/art-bench-concerns \
    >"$WORK/$project.log" 2>&1 || { tail -n 30 "$WORK/$project.log" >&2; die "building bench/concerns/$project failed"; }
done
source_state="$(git -C "$RATHAUS_ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
[ -z "$(git -C "$RATHAUS_ROOT" status --porcelain -- src 2>/dev/null)" ] || source_state+=" with uncommitted changes in src/"

# ----- data ------------------------------------------------------------------------------------------------------
log "starting PostgreSQL with deploy/postgresql/rathaus.conf on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
start_postgres
GENERATE_S="kept from an earlier run ($DATA)"
for old in $(psql_run -c "SELECT datname FROM pg_database WHERE datname LIKE 'rathaus_generated_%' AND datname <> '$GENERATED_DB'"); do
  log "dropping $old (generated for other code)"
  psql_run -c "DROP DATABASE $old WITH (FORCE)"
done
if [ -z "$(psql_run -c "SELECT 1 FROM pg_database WHERE datname = '$GENERATED_DB'")" ]; then
  log "generating $CONCERNS concerns into $GENERATED_DB (takes minutes)"
  started=$(date +%s)
  psql_run -c "CREATE DATABASE ${GENERATED_DB}_tmp TEMPLATE template0 ENCODING 'UTF8'"
  (cd "$WORK/publish" && env "${APP_ENV[@]}" Database__ConnectionString="${PG_BASE};Database=${GENERATED_DB}_tmp" dotnet Rathaus.Web.dll migrate) \
    >"$WORK/migrate.log" 2>&1 || { tail -n 30 "$WORK/migrate.log" >&2; die "migrate failed"; }
  psql -X -v ON_ERROR_STOP=1 -d "${GENERATED_DB}_tmp" -v concerns="$CONCERNS" -v open_in_unit="$OPEN" -v unit_code="$UNIT_CODE" \
    -f "$RATHAUS_ROOT/bench/concerns/generate.sql" >"$WORK/generate.log" 2>&1 || { tail -n 30 "$WORK/generate.log" >&2; die "generate.sql failed"; }
  # Renamed only when complete, so an interrupted generation is never measured.
  psql_run -c "ALTER DATABASE ${GENERATED_DB}_tmp RENAME TO $GENERATED_DB"
  GENERATE_S="$(( $(date +%s) - started )) s (migrate + generate.sql, including the search index and VACUUM ANALYZE; load average then $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "$GENERATE_S" >"$DATA/$GENERATED_DB.txt"
elif [ -f "$DATA/$GENERATED_DB.txt" ]; then
  GENERATE_S="$(cat "$DATA/$GENERATED_DB.txt"), kept from an earlier run"
fi
psql_run -c "DROP DATABASE IF EXISTS $RUN_DB WITH (FORCE)"
psql_run -c "CREATE DATABASE $RUN_DB TEMPLATE $GENERATED_DB"
CONNECTION="${PG_BASE};Database=$RUN_DB"
# The copy has no planner statistics of its own until analyzed; production has them.
psql_run -d "$RUN_DB" -c "ANALYZE"

# ----- apps ------------------------------------------------------------------------------------------------------
log "starting Rathaus on $APP_URL and the minimal endpoint on $MINIMAL_URL"
(cd "$WORK/publish" && exec env "${APP_ENV[@]}" Database__ConnectionString="$CONNECTION" dotnet Rathaus.Web.dll --urls "$APP_URL") >"$WORK/app.log" 2>&1 &
APP_PID=$!
(cd "$WORK/Minimal" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Rathaus.Bench.Minimal.dll --urls "$MINIMAL_URL") >"$WORK/minimal.log" 2>&1 &
MINIMAL_PID=$!
wait_for "$APP_URL/health/ready" "$APP_PID" Rathaus "$WORK/app.log"
wait_for "$MINIMAL_URL/anliegen/neu" "$MINIMAL_PID" "the minimal endpoint" "$WORK/minimal.log"

read -r DATA_CONCERNS DATA_ENTRIES DATA_OPEN_UNIT DATA_SIZE < <(psql_run -d "$RUN_DB" -F ' ' -c "
  SELECT (SELECT count(*) FROM \"Concerns\"), (SELECT count(*) FROM \"ConcernEntries\"),
         (SELECT count(*) FROM \"Concerns\" c JOIN \"OrgUnits\" u ON u.\"Id\" = c.\"OrgUnitId\" WHERE u.\"Code\" = '$UNIT_CODE' AND c.\"Status\" IN (0, 1, 2)),
         pg_size_pretty(pg_database_size(current_database()))")
SLOW_BEFORE="$(grep -c 'duration:' "$PG_DIR/server.log" || true)"

# ----- measure ---------------------------------------------------------------------------------------------------
log "measuring $SCENARIOS with $CLIENTS clients, ${WARMUP}s warm-up + ${DURATION}s per scenario and target"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$WORK/Load/Rathaus.Bench.Load.dll" --target "rathaus=$APP_URL" --target "minimal=$MINIMAL_URL" \
  --scenarios "$SCENARIOS" --clients "$CLIENTS" --warmup "$WARMUP" --duration "$DURATION" \
  --user "$USER_NAME" --password "$DEMO_PASSWORD" --words "$WORDS" --out "$WORK/load.tsv" \
  || { tail -n 40 "$WORK/app.log" >&2; die "the load generator failed"; }
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
SLOW_AFTER="$(grep -c 'duration:' "$PG_DIR/server.log" || true)"
SUBMITTED="$(psql_run -d "$RUN_DB" -c "SELECT count(*) FROM \"Concerns\"")"
GAPS="$(psql_run -d "$RUN_DB" -c "SELECT count(*) FROM (SELECT \"Sequence\" - lag(\"Sequence\") OVER (ORDER BY \"Sequence\") AS step FROM \"Concerns\" WHERE \"Year\" = extract(year FROM now())::int) s WHERE step <> 1")"

# ----- report ----------------------------------------------------------------------------------------------------
field() { awk -F'\t' -v s="$1" -v t="$2" -v c="$3" '$1 == s && $2 == t { print $c }' "$WORK/load.tsv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "–" }'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f %%", 100 * a / b; else print "–" }'; }
meets() { awk -v v="$1" -v g="$2" -v dir="$3" 'BEGIN { ok = (dir == "min") ? v >= g : v < g; print ok ? "yes" : "**no**" }'; }

report() {
  echo "# Rathaus concerns benchmark, $(date -u +%Y-%m-%d)${LABEL:+ ($LABEL)}"
  echo
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); load generator, Rathaus, the minimal endpoint and PostgreSQL on the same machine"
  echo "- Load average (1, 5, 15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER; all at nice $NICE"
  echo "- .NET: $(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print "ASP.NET Core " v }'), Release build${RATHAUS_BENCH_PUBLISH_ARGS:+ with \`$RATHAUS_BENCH_PUBLISH_ARGS\`} of $source_state, ASPNETCORE_ENVIRONMENT=Production"
  echo "- PostgreSQL $(psql_run -c 'SHOW server_version' | cut -d' ' -f1), private cluster with deploy/postgresql/rathaus.conf (fsync on), over TCP on 127.0.0.1${RATHAUS_BENCH_PG_OPTIONS:+; **diagnostic variant, not production:** \`$RATHAUS_BENCH_PG_OPTIONS\`}"
  echo "- Data: $DATA_CONCERNS concerns, $DATA_ENTRIES timeline entries, $DATA_OPEN_UNIT open in unit $UNIT_CODE; database $DATA_SIZE; generated in $GENERATE_S"
  echo "- $CLIENTS concurrent clients, each with its own keep-alive connection and cookies; per scenario and target ${WARMUP} s warm-up, then ${DURATION} s measured"
  echo "- Search words in turn: $WORDS"
  echo "- After the run: $SUBMITTED concerns; gaps in this year's reference numbers: $GAPS; statements over 250 ms in the PostgreSQL log during the run: $(( SLOW_AFTER - SLOW_BEFORE ))"
  echo
  echo "| Scenario | Rathaus: count | per s | p50 / p95 / p99 (ms) | errors | Minimal: per s | p50 / p95 / p99 (ms) | Rathaus per s in % of minimal | p95 Rathaus ÷ minimal |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  local scenario label
  for scenario in ${SCENARIOS//,/ }; do
    case "$scenario" in
      intake) label="intake: GET form + POST + confirmation (latency: POST)" ;;
      inbox) label="inbox of $USER_NAME, unit view ($OPEN open)" ;;
      search) label="full-text search in the inbox" ;;
      *) label="$scenario" ;;
    esac
    printf "| %s | %s | %s | %s / %s / %s | %s | %s | %s / %s / %s | %s | %s |\n" "$label" \
      "$(field "$scenario" rathaus 3)" "$(field "$scenario" rathaus 4)" \
      "$(field "$scenario" rathaus 5)" "$(field "$scenario" rathaus 6)" "$(field "$scenario" rathaus 7)" "$(field "$scenario" rathaus 8)" \
      "$(field "$scenario" minimal 4)" "$(field "$scenario" minimal 5)" "$(field "$scenario" minimal 6)" "$(field "$scenario" minimal 7)" \
      "$(percent "$(field "$scenario" rathaus 4)" "$(field "$scenario" minimal 4)")" "$(ratio "$(field "$scenario" rathaus 6)" "$(field "$scenario" minimal 6)")"
  done
  echo
  echo "Goals:"
  if [[ ",$SCENARIOS," == *",intake,"* ]]; then
    echo "- intake ≥ $GOAL_INTAKE_PER_S submissions/s: $(meets "$(field intake rathaus 4)" "$GOAL_INTAKE_PER_S" min) ($(field intake rathaus 4)/s);" \
      "POST p99 < $GOAL_INTAKE_P99_MS ms: $(meets "$(field intake rathaus 7)" "$GOAL_INTAKE_P99_MS" max) ($(field intake rathaus 7) ms)"
  fi
  for scenario in inbox search; do
    [[ ",$SCENARIOS," == *",$scenario,"* ]] || continue
    echo "- $scenario p95 < $GOAL_LIST_P95_MS ms: $(meets "$(field "$scenario" rathaus 6)" "$GOAL_LIST_P95_MS" max) ($(field "$scenario" rathaus 6) ms)"
  done
  local errors
  errors="$(awk -F'\t' '$8 > 0 { printf "%s %s: %s errors, first: %s; ", $1, $2, $8, $9 }' "$WORK/load.tsv")"
  [ -z "$errors" ] || { echo; echo "Errors: $errors"; }
}

RESULTS="$RATHAUS_ROOT/bench/concerns/results-$(date -u +%Y-%m-%d)${LABEL:+-$LABEL}.md"
report | tee "$RESULTS"
log "written to ${RESULTS#"$RATHAUS_ROOT"/}"
