#!/usr/bin/env bash
# The project's single test command (local and CI):
#
#   bash scripts/test.sh [extra test args, e.g. --filter-class "*Units*"]
#
# Brings up what the tests need (a throwaway PostgreSQL, Debian's Chromium),
# runs the whole solution, and ends with one summary line
#   Tests: N passed, M failed[, K skipped]
# taken from the TRX files. The exit code is dotnet test's own.
#
# Environment the tests read (set here unless the caller already set them,
# e.g. to point the tests at another server or browser):
#   RATHAUS_TEST_POSTGRES  superuser connection string; tests create and drop
#                          their own databases
#   RATHAUS_CHROMIUM       path of the Chromium executable
#   RATHAUS_TEST_SMTP      host:port of a mail server accepting any address of the test domains
#   RATHAUS_TEST_IMAP      host:port of its IMAP side (password "test"; see scripts/mailserver.sh)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$RATHAUS_ROOT"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

RESULTS_DIR="TestResults"
LOG_FILE="$RESULTS_DIR/test.log"

# --- services --------------------------------------------------------------

# Stop PostgreSQL afterwards only if this run started it: a developer's
# already-running cluster (or one another engineer is using) stays up.
# The same holds for the mail server.
started_pg=0
started_mail=0
# shellcheck disable=SC2317  # called through the trap
cleanup() {
  if [ "$started_pg" -eq 1 ]; then
    bash scripts/postgres.sh stop || echo "test.sh: could not stop PostgreSQL" >&2
  fi
  if [ "$started_mail" -eq 1 ]; then
    bash scripts/mailserver.sh stop || echo "test.sh: could not stop the mail server" >&2
  fi
}
trap cleanup EXIT
# Turn Ctrl-C / kill into a normal exit so the EXIT trap still cleans up.
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${RATHAUS_TEST_POSTGRES:-}" ]; then
  if ! bash scripts/postgres.sh status >/dev/null; then
    bash scripts/postgres.sh start
    started_pg=1
  fi
  RATHAUS_TEST_POSTGRES="$(bash scripts/postgres.sh url)"
fi
export RATHAUS_TEST_POSTGRES

if [ -z "${RATHAUS_TEST_SMTP:-}" ]; then
  if ! bash scripts/mailserver.sh status >/dev/null; then
    bash scripts/mailserver.sh start
    started_mail=1
  fi
  mail_env="$(bash scripts/mailserver.sh env)"
  RATHAUS_TEST_SMTP="$(sed -n 's/^RATHAUS_TEST_SMTP=//p' <<<"$mail_env")"
  RATHAUS_TEST_IMAP="${RATHAUS_TEST_IMAP:-$(sed -n 's/^RATHAUS_TEST_IMAP=//p' <<<"$mail_env")}"
fi
export RATHAUS_TEST_SMTP RATHAUS_TEST_IMAP

if [ -z "${RATHAUS_CHROMIUM:-}" ]; then
  RATHAUS_CHROMIUM="$(bash scripts/chromium.sh)"
fi
export RATHAUS_CHROMIUM

# --- tests -----------------------------------------------------------------

# Old TRX files would be counted again; remove them (and only them).
mkdir -p "$RESULTS_DIR"
find "$RESULTS_DIR" -name '*.trx' -type f -delete

# set +e around the pipeline: a failing run must still reach the summary,
# and the exit code we want is dotnet's, not tee's.
set +e
# global.json opts into Microsoft.Testing.Platform (xunit v3); xunit writes the TRX files itself.
dotnet test --solution Rathaus.slnx -c Release --results-directory "$RESULTS_DIR" --report-xunit-trx "$@" 2>&1 | tee "$LOG_FILE"
rc="${PIPESTATUS[0]}"
set -e

# --- code style ------------------------------------------------------------

# "dotnet format clean" is a project rule; checked after the tests so that they always run.
if ! dotnet format Rathaus.slnx --verify-no-changes --no-restore >"$RESULTS_DIR/format.log" 2>&1; then
  echo "test.sh: dotnet format found code that is not formatted (run: dotnet format Rathaus.slnx):"
  head -n 20 "$RESULTS_DIR/format.log"
  [ "$rc" -eq 0 ] && rc=1
fi

# --- summary ---------------------------------------------------------------

# Reads one attribute from a <Counters .../> element given as a string.
counter() {
  local value
  value="$(grep -o " $1=\"[0-9]*\"" <<<"$2" | head -n 1 | grep -o '[0-9][0-9]*' || true)"
  echo "${value:-0}"
}

mapfile -t trx_files < <(find "$RESULTS_DIR" -name '*.trx' -type f | sort)
if [ "${#trx_files[@]}" -eq 0 ]; then
  echo
  echo "test.sh: no TRX result file in $RESULTS_DIR: the build failed or no test project ran (dotnet test exit code $rc; log: $LOG_FILE)"
  [ "$rc" -ne 0 ] && exit "$rc"
  exit 1
fi

total=0 executed=0 passed=0 failed=0
for trx in "${trx_files[@]}"; do
  # Join lines first: the element's attributes could be wrapped.
  counters="$(tr '\n\r' '  ' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1 || true)"
  if [ -z "$counters" ]; then
    echo "test.sh: $trx has no <Counters> element (test run aborted?)" >&2
    [ "$rc" -eq 0 ] && rc=1
    continue
  fi
  total=$((total + $(counter total "$counters")))
  executed=$((executed + $(counter executed "$counters")))
  passed=$((passed + $(counter passed "$counters")))
  # Errors and timeouts are failures too, as far as anyone reading the line is concerned.
  failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters")))
done
skipped=$((total - executed))

# The runner's own closing summary covers every test project; TRX files named by start time can collide when two
# projects start in the same instant, so the summary wins when it is there.
if summary_total="$(grep -E '^[[:space:]]+total: [0-9]+' "$LOG_FILE" | tail -n 1 | grep -o '[0-9][0-9]*')"; then
  total="$summary_total"
  passed="$(grep -E '^[[:space:]]+succeeded: [0-9]+' "$LOG_FILE" | tail -n 1 | grep -o '[0-9][0-9]*' || echo 0)"
  failed="$(grep -E '^[[:space:]]+failed: [0-9]+' "$LOG_FILE" | tail -n 1 | grep -o '[0-9][0-9]*' || echo 0)"
  skipped="$(grep -E '^[[:space:]]+skipped: [0-9]+' "$LOG_FILE" | tail -n 1 | grep -o '[0-9][0-9]*' || echo 0)"
fi

summary="Tests: $passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
  summary+=", $skipped skipped"
fi
echo
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with code $rc although no test failed (build error or crashed test host?); see $LOG_FILE"
fi
echo "$summary"
exit "$rc"
