#!/usr/bin/env bash
# bench/open311: Open311 throughput and p99 latency on PostgreSQL with a million reports, each as a ratio to a
# minimal Kestrel endpoint (minimal.cs) measured in the same run and on the same machine.
#
#   bash bench/open311/run.sh            # results to bench/open311/results-<date>.md
#
# Needs: the PostgreSQL of scripts/postgres.sh (or RATHAUS_BENCH_PG), wrk (installed if missing), the .NET SDK.
# Settings: BENCH_COUNT (1000000), BENCH_SECONDS per measurement (20), BENCH_CONNECTIONS (32), BENCH_THREADS (2).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
HERE="$RATHAUS_ROOT/bench/open311"
COUNT="${BENCH_COUNT:-1000000}"
SECONDS_EACH="${BENCH_SECONDS:-20}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
PG_ADMIN="${RATHAUS_BENCH_PG:-Host=127.0.0.1;Port=55432;Username=postgres}"
PG_URL="${RATHAUS_BENCH_PG_URL:-postgresql://postgres@127.0.0.1:55432}"
DB=rathaus_bench_open311
WORK="${BENCH_WORK:-/tmp/rathaus-bench-open311}"
APP_URL=http://127.0.0.1:5311
MINIMAL_URL=http://127.0.0.1:5312
OUT="$HERE/results-$(date -u +%F).md"
mkdir -p "$WORK"

command -v wrk >/dev/null || apt_install wrk
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$PG_URL/postgres" -c "$1"; }
wait_for() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; return 1; }
PIDS=()
# SIGTERM: a background job of a script ignores SIGINT.
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 2
  psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
}
trap cleanup EXIT

echo "publishing the app and the minimal endpoint (Release)" >&2
dotnet publish "$RATHAUS_ROOT/src/Rathaus.Web" -c Release -o "$WORK/app" --artifacts-path "$WORK/artifacts" >"$WORK/publish.log" 2>&1
dotnet publish "$HERE/minimal.cs" -c Release -o "$WORK/minimal" >"$WORK/publish-minimal.log" 2>&1

psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_admin "CREATE DATABASE $DB"
(cd "$WORK/app" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=PostgreSql \
  Database__ConnectionString="$PG_ADMIN;Database=$DB;Maximum Pool Size=100" Database__DemoData=true \
  RateLimits__ConcernsPerHour=100000000 Logging__LogLevel__Default=Warning \
  exec dotnet Rathaus.Web.dll --urls "$APP_URL") >"$WORK/app.log" 2>&1 &
PIDS+=($!)
wait_for "$APP_URL/health/ready"

echo "seeding $COUNT reports" >&2
seed_start=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 -v count="$COUNT" "$PG_URL/$DB" -f "$HERE/seed.sql"
SEED_S=$(( $(date +%s) - seed_start ))

(cd "$WORK/minimal" && exec ./minimal --urls "$MINIMAL_URL") >"$WORK/minimal.log" 2>&1 &
PIDS+=($!)
wait_for "$MINIMAL_URL/"

CODE="$(psql -X -At "$PG_URL/$DB" -c "SELECT c.\"Code\" FROM \"Concerns\" x JOIN \"Categories\" c ON c.\"Id\" = x.\"CategoryId\" GROUP BY c.\"Code\" ORDER BY count(*) DESC LIMIT 1")"

# measure NAME URL [SCRIPT] — warms up for 5 s, then runs wrk; prints "NAME|requests/s|p99 ms|non-2xx".
measure() {
  local name="$1" url="$2" script="${3:-}" args=(-t "$THREADS" -c "$CONNECTIONS" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  BENCH_COUNT="$COUNT" wrk "${args[@]}" -d 5s "$url" >/dev/null
  BENCH_COUNT="$COUNT" wrk "${args[@]}" -d "${SECONDS_EACH}s" "$url" >"$WORK/$name.txt"
  local rps p99 errors
  rps="$(awk '/^Requests\/sec/ { print $2 }' "$WORK/$name.txt")"
  p99="$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 } print v }' "$WORK/$name.txt")"
  errors="$(awk '/Non-2xx/ { print $5 }' "$WORK/$name.txt")"
  echo "$name|$rps|$p99|${errors:-0}"
}

echo "measuring" >&2
MIN="$(measure minimal "$MINIMAL_URL/")"
ONE="$(measure get-one "$APP_URL" "$HERE/get-one.lua")"
LIST="$(measure get-list "$APP_URL/open311/v2/requests.json?service_code=$CODE&status=open")"
POST="$(measure post "$APP_URL/open311/v2/requests.json" "$HERE/post.lua")"
POSTED="$(psql -X -At "$PG_URL/$DB" -c "SELECT count(*) FROM \"Concerns\" WHERE \"Channel\" = 6 AND \"Year\" <> 2025")"

min_rps="$(cut -d'|' -f2 <<<"$MIN")"
row() { IFS='|' read -r name rps p99 errors <<<"$1"; awk -v n="$2" -v r="$rps" -v p="$p99" -v e="$errors" -v m="$min_rps" 'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %s |\n", n, r, p, r / m, e }'; }
{
  echo "# bench/open311 — $(date -u '+%F %H:%M') UTC"
  echo
  echo "- Machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- PostgreSQL: $(psql -X -At "$PG_URL/$DB" -c 'SHOW server_version'), $COUNT seeded reports (+ demo city), seeded in ${SEED_S}s"
  echo "- wrk: $THREADS threads, $CONNECTIONS connections, ${SECONDS_EACH}s after a 5 s warm-up; app, PostgreSQL and wrk on the same machine"
  echo "- List query: \`requests.json?service_code=$CODE&status=open\` (default window of 90 days, at most 1,000 per answer)"
  echo
  echo "| Measurement | Requests/s | p99 (ms) | Ratio to minimal endpoint | Non-2xx |"
  echo "|---|---:|---:|---:|---:|"
  row "$MIN" "Minimal Kestrel endpoint (GET /)"
  row "$ONE" "GET requests/{id}.json (random of $COUNT)"
  row "$LIST" "GET requests.json?service_code&status=open"
  row "$POST" "POST requests.json"
  echo
  echo "Reports stored by the POST measurement (warm-up included): $POSTED."
} | tee "$OUT"
