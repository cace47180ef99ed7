#!/usr/bin/env bash
# Cold start and memory of Rathaus on SQLite and PostgreSQL (bench/README.md has the figures and their goals).
#
#   bash bench/startup/run.sh
#
# Publishes the app once in Release, then per provider and run:
#   empty database  start on a fresh, empty database (migrations + demo data run before the first response)
#   restart         start again on the database the previous start left (already migrated, demo data present)
# and measures each start: seconds from process start to the first 200 of GET / (and the CPU time used until then),
# resident memory (VmRSS) right after it, then after a round of mixed requests (/, /impressum, /health/ready,
# /anmelden), with that round's throughput and latency. Prints a Markdown table and writes it to
# bench/startup/results-<date>[-<label>].md.
#
# Settings (environment):
#   RATHAUS_BENCH_RUNS          runs per provider (default 5)
#   RATHAUS_BENCH_PROVIDERS     which providers (default "Sqlite PostgreSql")
#   RATHAUS_BENCH_REQUESTS      requests per round (default 1000)
#   RATHAUS_BENCH_CONCURRENCY   connections in parallel during the round (default 4)
#   RATHAUS_BENCH_POSTGRES      Npgsql connection string of a server whose user may CREATE DATABASE; unset: a private
#                               cluster with deploy/postgresql/rathaus.conf (fsync on) on RATHAUS_BENCH_PG_PORT
#   RATHAUS_BENCH_PG_PORT       port of that private cluster (default 55433; the test cluster uses 55432)
#   RATHAUS_BENCH_APP_PORT      port of the app (default 5099)
#   RATHAUS_BENCH_PUBLISH_ARGS  extra `dotnet publish` arguments, e.g. "-r linux-x64 -p:PublishReadyToRun=true"
#   RATHAUS_BENCH_PUBLISHED     an existing publish folder to measure instead of publishing the work tree (compare
#                               runtime settings on the very same binaries)
#   RATHAUS_BENCH_LABEL         a word naming a variant, appended to the results file name (e.g. gcServer0)
#   RATHAUS_BENCH_NICE          priority of the benchmark and all it starts (app, curl, PostgreSQL); default -20 as
#                               root, 0 otherwise. On a shared machine parallel builds would otherwise be measured
#                               too; a production server runs nothing else. The CPU-time column is unaffected.
# DOTNET_* variables (DOTNET_gcServer=0, DOTNET_TieredPGO=0, ...) reach the app unchanged and are listed in the results.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

RUNS="${RATHAUS_BENCH_RUNS:-5}"
PROVIDERS="${RATHAUS_BENCH_PROVIDERS:-Sqlite PostgreSql}"
REQUESTS="${RATHAUS_BENCH_REQUESTS:-1000}"
CONCURRENCY="${RATHAUS_BENCH_CONCURRENCY:-4}"
PG_PORT="${RATHAUS_BENCH_PG_PORT:-55433}"
APP_PORT="${RATHAUS_BENCH_APP_PORT:-5099}"
LABEL="${RATHAUS_BENCH_LABEL:-}"
BASE_URL="http://127.0.0.1:$APP_PORT"
START_TIMEOUT_S=120

# Goals from the requirement; a figure meets its goal when every run stays below it (not just the median).
GOAL_FIRST_RESPONSE_S=3
GOAL_RSS_MB=250
NICE="${RATHAUS_BENCH_NICE:-$([ "$(id -u)" -eq 0 ] && echo -20 || echo 0)}"

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

WORK="$(mktemp -d /tmp/rathaus-bench.XXXXXX)"
# The private PostgreSQL runs as the postgres user and must reach its data dir inside.
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
  rm -rf "$WORK"
}
trap cleanup EXIT

# ----- helpers ---------------------------------------------------------------------------------------------------

now_ns() { date +%s%N; }

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# CPU seconds (user + system, all threads) the process has used. Unlike the wall-clock time it hardly changes when
# other work competes for the cores, so it tells a slower app from a busy machine.
CLK_TCK="$(getconf CLK_TCK)"
cpu_s() { sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$CLK_TCK" '{ printf "%.2f", ($12 + $13) / hz }'; }

# stats VALUE... -> "median (min–max)"; values are numbers with the same number of decimals.
stats() {
  printf "%s\n" "$@" | sort -g | awk '
    { v[NR] = $1; if (index($1, ".")) { d = length($1) - index($1, "."); if (d > dec) dec = d } }
    END {
      med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      f = "%." dec "f"
      if (NR == 1) { printf f, med } else { printf f " (" f "–" f ")", med, v[1], v[NR] }
    }'
}

max_of() { printf "%s\n" "$@" | sort -g | tail -n 1; }

# as_postgres CMD... — initdb and pg_ctl refuse root (same rule as scripts/postgres.sh).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# ----- PostgreSQL ------------------------------------------------------------------------------------------------

# Npgsql keys of RATHAUS_BENCH_POSTGRES (or the private cluster) without Database; the app gets one database per run.
PG_BASE=""

# Exports libpq variables for psql from an Npgsql connection string ("Host=...;Port=...;Username=...;Password=...").
# Sets PG_BASE to the same string without its Database key.
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
  [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
  if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    die "port $PG_PORT is taken; set RATHAUS_BENCH_PG_PORT or RATHAUS_BENCH_POSTGRES"
  fi

  PG_DIR="$WORK/pg"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR"
  chmod 700 "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }

  # The production settings (fsync on, shared_buffers, ...); only where it listens is the benchmark's own.
  cp "$RATHAUS_ROOT/deploy/postgresql/rathaus.conf" "$PG_DIR/rathaus.conf"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR/rathaus.conf"
  echo "include 'rathaus.conf'" >>"$PG_DIR/postgresql.conf"
  local opts="-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$PG_DIR'"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -o "$opts" -w -t 60 start >/dev/null \
    || { tail -n 30 "$PG_DIR/server.log" >&2; die "could not start PostgreSQL on port $PG_PORT"; }
  use_npgsql_server "Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
}

psql_run() { psql -X -q -v ON_ERROR_STOP=1 -At -c "$1"; }

# ----- the app ---------------------------------------------------------------------------------------------------

# start_app PROVIDER CONNECTION_STRING — starts the app and waits for the first 200 of GET /.
# Sets APP_PID, FIRST_S (seconds from process start to that response) and CPU_S (CPU seconds used until then).
start_app() {
  local provider="$1" connection="$2" started code
  started="$(now_ns)"
  # cwd = publish folder: the content root, so wwwroot is found as on a server. The login rate limit (per client
  # address, GET /anmelden included) would answer most of the round with 429, so it is lifted here.
  (
    cd "$PUBLISH"
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider="$provider" \
    Database__ConnectionString="$connection" \
    Database__DemoData=true \
    RateLimits__LoginsPerMinute=1000000 \
      exec dotnet Rathaus.Web.dll --urls "$BASE_URL"
  ) >>"$WORK/app.log" 2>&1 &
  APP_PID=$!

  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/" || true)"
    [ "$code" = 200 ] && break
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      tail -n 40 "$WORK/app.log" >&2
      die "the app exited before answering (provider $provider)"
    fi
    if [ $(( ($(now_ns) - started) / 1000000000 )) -ge "$START_TIMEOUT_S" ]; then
      tail -n 40 "$WORK/app.log" >&2
      die "no 200 from GET / within ${START_TIMEOUT_S}s (last status $code)"
    fi
    sleep 0.01
  done
  FIRST_S="$(awk -v ns="$(( $(now_ns) - started ))" 'BEGIN { printf "%.2f", ns / 1e9 }')"
  CPU_S="$(cpu_s "$APP_PID")"
}

stop_app() {
  # SIGINT = Ctrl+C: the host shuts down gracefully, as systemd's KillSignal in deploy/ does.
  kill -INT "$APP_PID"
  local i
  for i in $(seq 1 300); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# One curl process runs the whole round over reused keep-alive connections, so the figure is the app's speed and
# not the cost of starting a process per request.
LOAD_CONFIG="$WORK/requests.curl"
write_load_config() {
  local paths=(/ /impressum /health/ready /anmelden) i
  : >"$LOAD_CONFIG"
  for i in $(seq 0 $((REQUESTS - 1))); do
    printf 'url = "%s%s"\noutput = "/dev/null"\n' "$BASE_URL" "${paths[i % ${#paths[@]}]}" >>"$LOAD_CONFIG"
  done
}

# Sets RPS, P50_MS, P95_MS for a round of $REQUESTS requests; fails on any answer other than 200.
load_round() {
  local out="$WORK/round.txt" started elapsed_ns bad
  started="$(now_ns)"
  curl -s --no-progress-meter --parallel --parallel-max "$CONCURRENCY" -K "$LOAD_CONFIG" -w '%{http_code} %{time_total}\n' >"$out"
  elapsed_ns=$(( $(now_ns) - started ))
  bad="$(awk '$1 != 200' "$out" | wc -l)"
  [ "$bad" -eq 0 ] || die "$bad of $REQUESTS requests did not answer 200: $(awk '$1 != 200 { print $1 }' "$out" | sort | uniq -c | tr '\n' ' ')"
  [ "$(wc -l <"$out")" -eq "$REQUESTS" ] || die "expected $REQUESTS answers, got $(wc -l <"$out")"
  RPS="$(awk -v n="$REQUESTS" -v ns="$elapsed_ns" 'BEGIN { printf "%.0f", n / (ns / 1e9) }')"
  read -r P50_MS P95_MS < <(awk '{ print $2 * 1000 }' "$out" | sort -g | awk '
    { v[NR] = $1 } END { printf "%.1f %.1f\n", v[int(NR * 0.50 + 0.5)], v[int(NR * 0.95 + 0.5)] }')
}

# ----- measuring -------------------------------------------------------------------------------------------------

# measure PROVIDER SCENARIO CONNECTION_STRING — one start, appended to $WORK/results.tsv.
measure() {
  local provider="$1" scenario="$2" connection="$3" rss_start rss_round
  start_app "$provider" "$connection"
  rss_start="$(rss_mb "$APP_PID")"
  load_round
  rss_round="$(rss_mb "$APP_PID")"
  stop_app
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$provider" "$scenario" "$FIRST_S" "$rss_start" "$rss_round" "$RPS" "$P50_MS" "$P95_MS" \
    "$CPU_S" >>"$WORK/results.tsv"
  log "$provider, $scenario: first 200 after ${FIRST_S}s (${CPU_S}s CPU), RSS ${rss_start} MB -> ${rss_round} MB, $RPS req/s, p50 ${P50_MS} ms, p95 ${P95_MS} ms"
}

run_provider() {
  local provider="$1" run connection db
  for run in $(seq 1 "$RUNS"); do
    case "$provider" in
      Sqlite)
        connection="Data Source=$WORK/rathaus-$run.db"
        ;;
      PostgreSql)
        db="rathaus_bench_$$_$run"
        psql_run "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8'"
        connection="${PG_BASE}Database=$db"
        ;;
      *) die "unknown provider $provider" ;;
    esac
    log "$provider run $run/$RUNS"
    measure "$provider" "empty database" "$connection"
    measure "$provider" "restart" "$connection"
    case "$provider" in
      Sqlite) rm -f "$WORK/rathaus-$run.db"* ;;
      PostgreSql) psql_run "DROP DATABASE $db WITH (FORCE)" ;;
    esac
  done
}

# ----- report ----------------------------------------------------------------------------------------------------

column_of() { # column_of PROVIDER SCENARIO N -> the values of column N
  awk -F'\t' -v p="$1" -v s="$2" -v c="$3" '$1 == p && $2 == s { print $c }' "$WORK/results.tsv"
}

stats_of() { # stats_of PROVIDER SCENARIO N -> "median (min–max)" of column N
  local values
  mapfile -t values < <(column_of "$@")
  stats "${values[@]}"
}

verdict() { # verdict WORST GOAL -> "yes"/"no"
  awk -v w="$1" -v g="$2" 'BEGIN { print (w < g) ? "yes" : "**no**" }'
}

report() {
  local provider scenario first rss
  local dotnet_env
  # Only what changes the runtime; the SDK's own switches (DOTNET_CLI_*, DOTNET_NOLOGO, ...) do not reach the app.
  dotnet_env="$(env | grep -E '^DOTNET_' | grep -vE '^DOTNET_(CLI_|NOLOGO|GENERATE_ASPNET_CERTIFICATE|SKIP_FIRST_TIME|ROOT|HOST_PATH)' \
    | sort | tr '\n' ' ' || true)"
  echo "# Rathaus startup benchmark, $(date -u +%Y-%m-%d)${LABEL:+ ($LABEL)}"
  echo
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
  # Other work on the machine (builds, tests) slows the starts down: the load average tells whether it was quiet.
  echo "- Load average (1, 5, 15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER; benchmark, app and PostgreSQL at nice $NICE"
  echo "- .NET: $(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print "ASP.NET Core " v }'), $BUILD"
  if [[ " $PROVIDERS " == *" PostgreSql "* ]]; then
    echo "- PostgreSQL: $(psql_run 'SHOW server_version' | cut -d' ' -f1)$([ -n "$PG_DIR" ] && echo ", local cluster with deploy/postgresql/rathaus.conf (fsync on), over TCP on 127.0.0.1")"
  fi
  echo "- Runtime settings: ${dotnet_env:-defaults (Server GC with DATAS, tiered compilation, Dynamic PGO)}"
  echo "- $RUNS runs per row; each figure is median (min–max). Round: $REQUESTS GET requests cycling /, /impressum, /health/ready, /anmelden over $CONCURRENCY keep-alive connections (curl --parallel)."
  echo
  echo "| Provider | Start | First 200 of GET / (s) | CPU time until then (s) | RSS after start (MB) | RSS after $REQUESTS requests (MB) | Throughput (req/s) | Latency p50 (ms) | Latency p95 (ms) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  local worst_first=0 worst_rss=0
  for provider in $PROVIDERS; do
    for scenario in "empty database" "restart"; do
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$provider" "$scenario" \
        "$(stats_of "$provider" "$scenario" 3)" "$(stats_of "$provider" "$scenario" 9)" "$(stats_of "$provider" "$scenario" 4)" \
        "$(stats_of "$provider" "$scenario" 5)" "$(stats_of "$provider" "$scenario" 6)" \
        "$(stats_of "$provider" "$scenario" 7)" "$(stats_of "$provider" "$scenario" 8)"
      mapfile -t first < <(column_of "$provider" "$scenario" 3)
      mapfile -t rss < <(column_of "$provider" "$scenario" 4; column_of "$provider" "$scenario" 5)
      worst_first="$(max_of "$worst_first" "${first[@]}")"
      worst_rss="$(max_of "$worst_rss" "${rss[@]}")"
    done
  done
  echo
  echo "Goals (every run): first response under ${GOAL_FIRST_RESPONSE_S} s — $(verdict "$worst_first" "$GOAL_FIRST_RESPONSE_S") (slowest ${worst_first} s);" \
    "resident memory under ${GOAL_RSS_MB} MB — $(verdict "$worst_rss" "$GOAL_RSS_MB") (highest ${worst_rss} MB)."
}

# ----- main ------------------------------------------------------------------------------------------------------

command -v curl >/dev/null || apt_install curl
# Children inherit the priority: the app, curl and the private PostgreSQL (started below).
[ "$NICE" = 0 ] || renice -n "$NICE" -p $$ >/dev/null
if curl -s -o /dev/null --max-time 1 "$BASE_URL/"; then
  die "something already answers on $BASE_URL; set RATHAUS_BENCH_APP_PORT"
fi

if [ -n "${RATHAUS_BENCH_PUBLISHED:-}" ]; then
  PUBLISH="$(realpath "$RATHAUS_BENCH_PUBLISHED")"
  [ -f "$PUBLISH/Rathaus.Web.dll" ] || die "no Rathaus.Web.dll in $PUBLISH"
  BUILD="the publish folder $PUBLISH"
else
  log "publishing Release build to $PUBLISH"
  # shellcheck disable=SC2086 # RATHAUS_BENCH_PUBLISH_ARGS is a list of arguments
  dotnet publish "$RATHAUS_ROOT/src/Rathaus.Web" -c Release -o "$PUBLISH" --artifacts-path /tmp/art-bench \
    ${RATHAUS_BENCH_PUBLISH_ARGS:-} >"$WORK/publish.log" 2>&1 \
    || { tail -n 30 "$WORK/publish.log" >&2; die "dotnet publish failed"; }
  source_state="$(git -C "$RATHAUS_ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
  if [ -n "$(git -C "$RATHAUS_ROOT" status --porcelain -- src 2>/dev/null)" ]; then
    source_state+=" with uncommitted changes in src/"
  fi
  BUILD="Release build${RATHAUS_BENCH_PUBLISH_ARGS:+ with \`$RATHAUS_BENCH_PUBLISH_ARGS\`} of $source_state"
fi

if [[ " $PROVIDERS " == *" PostgreSql "* ]]; then
  if [ -n "${RATHAUS_BENCH_POSTGRES:-}" ]; then
    use_npgsql_server "$RATHAUS_BENCH_POSTGRES"
  else
    log "starting a private PostgreSQL with deploy/postgresql/rathaus.conf on 127.0.0.1:$PG_PORT"
    start_private_postgres
  fi
fi

write_load_config
: >"$WORK/results.tsv"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for provider in $PROVIDERS; do
  run_provider "$provider"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

RESULTS="$RATHAUS_ROOT/bench/startup/results-$(date -u +%Y-%m-%d)${LABEL:+-$LABEL}.md"
report | tee "$RESULTS"
log "written to ${RESULTS#"$RATHAUS_ROOT"/}"
