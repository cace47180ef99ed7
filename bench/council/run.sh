#!/usr/bin/env bash
# The council information under load on PostgreSQL with 100,000 papers and 10,000 meetings (bench/README.md has the
# figures and their goals):
#
#   bash bench/council/run.sh
#
# 1. publishes Rathaus in Release and the minimal Kestrel endpoint (bench/council/minimal.cs);
# 2. starts a private PostgreSQL with deploy/postgresql/rathaus.conf (fsync on) on its own port;
# 3. migrates a database with the app's `migrate` command (demo council), fills it with generate.sql and copies it
#    for the run;
# 4. starts Rathaus (Production settings) and the minimal endpoint;
# 5. measures with wrk (requests.lua), per scenario first Rathaus and then the minimal endpoint with the same
#    clients: the OParl paper list (first page; a random one of the 1,000 pages of 100), the full-text search
#    (/rat/suche, words in turn) and the search with a paper-type filter;
# 6. writes bench/council/results-<date>[-<label>].md and stops everything it started.
#
# Settings (environment):
#   RATHAUS_BENCH_PAPERS / RATHAUS_BENCH_MEETINGS   generated papers (100000) and meetings (10000)
#   RATHAUS_BENCH_CLIENTS       concurrent connections (32); RATHAUS_BENCH_THREADS wrk threads (2)
#   RATHAUS_BENCH_WARMUP        seconds of warm-up per scenario and target, not counted (10)
#   RATHAUS_BENCH_DURATION      seconds measured per scenario and target (30)
#   RATHAUS_BENCH_SCENARIOS     which scenarios (default list,listrandom,search,searchfiltered)
#   RATHAUS_BENCH_PG_PORT       port of the private PostgreSQL (55436; tests use 55432, other benchmarks 55433–55434)
#   RATHAUS_BENCH_APP_PORT      port of Rathaus (5096); RATHAUS_BENCH_MINIMAL_PORT of the minimal app (5095)
#   RATHAUS_BENCH_DATA          a folder that keeps the cluster and the generated database between runs; unset: a
#                               temporary cluster removed at the end
#   RATHAUS_BENCH_LABEL         a word naming a variant, appended to the results file name
#   RATHAUS_BENCH_NICE          priority of the benchmark and all it starts; default -20 as root
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
HERE="$RATHAUS_ROOT/bench/council"

PAPERS="${RATHAUS_BENCH_PAPERS:-100000}"
MEETINGS="${RATHAUS_BENCH_MEETINGS:-10000}"
CLIENTS="${RATHAUS_BENCH_CLIENTS:-32}"
THREADS="${RATHAUS_BENCH_THREADS:-2}"
WARMUP="${RATHAUS_BENCH_WARMUP:-10}"
DURATION="${RATHAUS_BENCH_DURATION:-30}"
SCENARIOS="${RATHAUS_BENCH_SCENARIOS:-list,listrandom,search,searchfiltered}"
PG_PORT="${RATHAUS_BENCH_PG_PORT:-55436}"
APP_PORT="${RATHAUS_BENCH_APP_PORT:-5096}"
MINIMAL_PORT="${RATHAUS_BENCH_MINIMAL_PORT:-5095}"
LABEL="${RATHAUS_BENCH_LABEL:-}"
NICE="${RATHAUS_BENCH_NICE:-$([ "$(id -u)" -eq 0 ] && echo -20 || echo 0)}"
APP_URL="http://127.0.0.1:$APP_PORT"
MINIMAL_URL="http://127.0.0.1:$MINIMAL_PORT"
GENERATED_DB="rathaus_council_${PAPERS}_${MEETINGS}_$(cd "$RATHAUS_ROOT" && { cat bench/council/generate.sql src/Rathaus/Council/Search/CouncilSearch.cs; ls src/Rathaus.Migrations.PostgreSql/Migrations; } | sha1sum | cut -c1-8)"
RUN_DB="rathaus_council_run"
# Search words: frequent topics (5,000 papers and more, also inflected), districts, streets, rare compounds (~460).
WORDS="Bebauungsplan,Radwege,Kaltenmoor,Sporthalle,Bardowicker,Wassergraben,Klimaschutzkonzept,Hafenbrücke,Kindertagesstätten,Oedeme,Mühlenwiese,Grundsteuer,Breitbandausbau,Salzhof,Häcklingen,Winterdienst"
GOAL_LIST_P95_MS=50
GOAL_SEARCH_P95_MS=100

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

WORK="$(mktemp -d /tmp/rathaus-bench-council.XXXXXX)"
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
      kill -TERM "$pid" 2>/dev/null || true
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
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres PGDATABASE=postgres
psql_run() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
PG_BASE="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"

start_postgres() {
  apt_install postgresql
  PG_BIN="$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || die "port $PG_PORT is taken; set RATHAUS_BENCH_PG_PORT"
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
      || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    echo "include 'rathaus.conf'" >>"$PG_DIR/postgresql.conf"
  fi
  cp "$RATHAUS_ROOT/deploy/postgresql/rathaus.conf" "$PG_DIR/rathaus.conf"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR/rathaus.conf"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$PG_DIR'" -w -t 120 start >/dev/null \
    || { tail -n 30 "$PG_DIR/server.log" >&2; die "could not start PostgreSQL on port $PG_PORT"; }
  PG_STARTED=1
}

wait_for() {
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true)" = 200 ] && return 0
    kill -0 "$2" 2>/dev/null || { tail -n 40 "$3" >&2; die "$1: the process exited before answering"; }
    sleep 0.2
  done
  tail -n 40 "$3" >&2
  die "no answer on $1"
}

APP_ENV=(ASPNETCORE_ENVIRONMENT=Production Database__Provider=PostgreSql Database__DemoData=true Logging__LogLevel__Default=Warning)

# ----- build -----------------------------------------------------------------------------------------------------
command -v curl >/dev/null || apt_install curl
command -v wrk >/dev/null || apt_install wrk
[ "$NICE" = 0 ] || renice -n "$NICE" -p $$ >/dev/null
for url in "$APP_URL" "$MINIMAL_URL"; do
  ! curl -s -o /dev/null --max-time 1 "$url/" || die "something already answers on $url"
done
log "publishing Rathaus (Release) and the minimal endpoint"
dotnet publish "$RATHAUS_ROOT/src/Rathaus.Web" -c Release -o "$WORK/publish" --artifacts-path /tmp/art-bench-council \
  >"$WORK/publish.log" 2>&1 || { tail -n 30 "$WORK/publish.log" >&2; die "dotnet publish failed"; }
dotnet publish "$HERE/minimal.cs" -c Release -o "$WORK/minimal" >"$WORK/minimal-publish.log" 2>&1 \
  || { tail -n 30 "$WORK/minimal-publish.log" >&2; die "publishing minimal.cs failed"; }
source_state="$(git -C "$RATHAUS_ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
[ -z "$(git -C "$RATHAUS_ROOT" status --porcelain -- src 2>/dev/null)" ] || source_state+=" with uncommitted changes in src/"

# ----- data ------------------------------------------------------------------------------------------------------
log "starting PostgreSQL with deploy/postgresql/rathaus.conf on 127.0.0.1:$PG_PORT"
start_postgres
GENERATE_S="kept from an earlier run"
for old in $(psql_run -c "SELECT datname FROM pg_database WHERE datname LIKE 'rathaus_council_%' AND datname NOT IN ('$GENERATED_DB', '$RUN_DB')"); do
  psql_run -c "DROP DATABASE $old WITH (FORCE)"
done
if [ -z "$(psql_run -c "SELECT 1 FROM pg_database WHERE datname = '$GENERATED_DB'")" ]; then
  log "generating $PAPERS papers and $MEETINGS meetings into $GENERATED_DB"
  started=$(date +%s)
  psql_run -c "CREATE DATABASE ${GENERATED_DB}_tmp TEMPLATE template0 ENCODING 'UTF8'"
  (cd "$WORK/publish" && env "${APP_ENV[@]}" Database__ConnectionString="${PG_BASE};Database=${GENERATED_DB}_tmp" dotnet Rathaus.Web.dll migrate) \
    >"$WORK/migrate.log" 2>&1 || { tail -n 30 "$WORK/migrate.log" >&2; die "migrate failed"; }
  psql -X -v ON_ERROR_STOP=1 -d "${GENERATED_DB}_tmp" -v papers="$PAPERS" -v meetings="$MEETINGS" -f "$HERE/generate.sql" \
    >"$WORK/generate.log" 2>&1 || { tail -n 30 "$WORK/generate.log" >&2; die "generate.sql failed"; }
  psql_run -c "ALTER DATABASE ${GENERATED_DB}_tmp RENAME TO $GENERATED_DB"
  GENERATE_S="$(( $(date +%s) - started )) s (migrate + generate.sql with search documents, GIN indexes, VACUUM ANALYZE; load average then $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "$GENERATE_S" >"$DATA/$GENERATED_DB.txt"
elif [ -f "$DATA/$GENERATED_DB.txt" ]; then
  GENERATE_S="$(cat "$DATA/$GENERATED_DB.txt"), kept from an earlier run"
fi
psql_run -c "DROP DATABASE IF EXISTS $RUN_DB WITH (FORCE)"
psql_run -c "CREATE DATABASE $RUN_DB TEMPLATE $GENERATED_DB"
psql_run -d "$RUN_DB" -c "ANALYZE"
BODY_ID="$(psql_run -d "$RUN_DB" -c 'SELECT min("Id") FROM "CouncilBodies"')"
read -r DATA_PAPERS DATA_MEETINGS DATA_ITEMS DATA_FILES DATA_SIZE < <(psql_run -d "$RUN_DB" -F ' ' -c "
  SELECT (SELECT count(*) FROM \"CouncilPapers\"), (SELECT count(*) FROM \"CouncilMeetings\"), (SELECT count(*) FROM \"CouncilAgendaItems\"),
         (SELECT count(*) FROM \"CouncilFiles\"), pg_size_pretty(pg_database_size(current_database()))")

# ----- apps ------------------------------------------------------------------------------------------------------
log "starting Rathaus on $APP_URL and the minimal endpoint on $MINIMAL_URL"
(cd "$WORK/publish" && exec env "${APP_ENV[@]}" Database__ConnectionString="${PG_BASE};Database=$RUN_DB" dotnet Rathaus.Web.dll --urls "$APP_URL") >"$WORK/app.log" 2>&1 &
APP_PID=$!
(cd "$WORK/minimal" && ASPNETCORE_ENVIRONMENT=Production exec ./minimal --urls "$MINIMAL_URL") >"$WORK/minimal.log" 2>&1 &
MINIMAL_PID=$!
wait_for "$APP_URL/health/ready" "$APP_PID" "$WORK/app.log"
wait_for "$MINIMAL_URL/" "$MINIMAL_PID" "$WORK/minimal.log"

# ----- measure ---------------------------------------------------------------------------------------------------
# measure SCENARIO TARGET URL PATH VALUES: warm-up, then the measured run; appends "scenario target per-s p50 p95 p99 non2xx errors".
measure() {
  local scenario="$1" target="$2" url="$3" path="$4" values="$5" out
  BENCH_PATH="$path" BENCH_VALUES="$values" wrk -t "$THREADS" -c "$CLIENTS" -d "${WARMUP}s" -s "$HERE/requests.lua" "$url" >/dev/null
  out="$(BENCH_PATH="$path" BENCH_VALUES="$values" wrk -t "$THREADS" -c "$CLIENTS" -d "${DURATION}s" --timeout 10s -s "$HERE/requests.lua" "$url")"
  echo "$scenario $target $(awk '/^RESULT/ { print $2, $3, $4, $5, $6, $7 }' <<<"$out")" >>"$WORK/results.txt"
  log "$scenario $target: $(tail -n 1 "$WORK/results.txt")"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for scenario in ${SCENARIOS//,/ }; do
  case "$scenario" in
    list) path="/oparl/v1.1/body/$BODY_ID/paper"; values="" ;;
    listrandom) path="/oparl/v1.1/body/$BODY_ID/paper?page=%s"; values="random:$(( (PAPERS + 99) / 100 ))" ;;
    search) path="/rat/suche?suche=%s"; values="$WORDS" ;;
    searchfiltered) path="/rat/suche?suche=%s&art=0&von=2015-01-01"; values="$WORDS" ;;
    *) die "unknown scenario $scenario" ;;
  esac
  measure "$scenario" rathaus "$APP_URL" "$path" "$values"
  measure "$scenario" minimal "$MINIMAL_URL" "$path" "$values"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ----- report ----------------------------------------------------------------------------------------------------
field() { awk -v s="$1" -v t="$2" -v c="$3" '$1 == s && $2 == t { print $c }' "$WORK/results.txt"; }
meets() { awk -v v="$1" -v g="$2" 'BEGIN { print (v != "" && v < g) ? "yes" : "**no**" }'; }
report() {
  echo "# Rathaus council benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC${LABEL:+ ($LABEL)}"
  echo
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr); wrk, Rathaus, the minimal endpoint and PostgreSQL on the same machine"
  echo "- Load average (1, 5, 15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER; all at nice $NICE (other sessions' builds and tests may run)"
  echo "- Release build of $source_state, ASPNETCORE_ENVIRONMENT=Production; PostgreSQL $(psql_run -c 'SHOW server_version' | cut -d' ' -f1) with deploy/postgresql/rathaus.conf (fsync on)"
  echo "- Data: $DATA_PAPERS papers, $DATA_MEETINGS meetings, $DATA_ITEMS agenda items, $DATA_FILES files; database $DATA_SIZE; generated in $GENERATE_S"
  echo "- wrk: $THREADS threads, $CLIENTS connections, ${WARMUP} s warm-up, then ${DURATION} s measured per scenario and target"
  echo "- Search words in turn: $WORDS"
  echo
  echo "| Scenario ($CLIENTS clients) | Rathaus per s | p50 / p95 / p99 (ms) | non-2xx | Minimal per s | Minimal p50 / p95 / p99 (ms) |"
  echo "|---|---:|---:|---:|---:|---:|"
  local scenario label
  for scenario in ${SCENARIOS//,/ }; do
    case "$scenario" in
      list) label="OParl paper list, first page (100 papers)" ;;
      listrandom) label="OParl paper list, random page of $(( (PAPERS + 99) / 100 ))" ;;
      search) label="full-text search /rat/suche" ;;
      searchfiltered) label="full-text search, filtered (Beschlussvorlagen since 2015)" ;;
    esac
    printf "| %s | %s | %s / %s / %s | %s | %s | %s / %s / %s |\n" "$label" \
      "$(field "$scenario" rathaus 3)" "$(field "$scenario" rathaus 4)" "$(field "$scenario" rathaus 5)" "$(field "$scenario" rathaus 6)" "$(field "$scenario" rathaus 7)" \
      "$(field "$scenario" minimal 3)" "$(field "$scenario" minimal 4)" "$(field "$scenario" minimal 5)" "$(field "$scenario" minimal 6)"
  done
  echo
  echo "Goals:"
  for scenario in list listrandom; do
    [[ ",$SCENARIOS," == *",$scenario,"* ]] && echo "- $scenario p95 < $GOAL_LIST_P95_MS ms: $(meets "$(field "$scenario" rathaus 5)" "$GOAL_LIST_P95_MS") ($(field "$scenario" rathaus 5) ms)"
  done
  for scenario in search searchfiltered; do
    [[ ",$SCENARIOS," == *",$scenario,"* ]] && echo "- $scenario p95 < $GOAL_SEARCH_P95_MS ms: $(meets "$(field "$scenario" rathaus 5)" "$GOAL_SEARCH_P95_MS") ($(field "$scenario" rathaus 5) ms)"
  done
  return 0
}
RESULTS="$HERE/results-$(date -u +%Y-%m-%d)${LABEL:+-$LABEL}.md"
report | tee "$RESULTS"
log "written to ${RESULTS#"$RATHAUS_ROOT"/}"
