#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed and prints its path on stdout
# (all install noise goes to stderr), e.g.  RATHAUS_CHROMIUM="$(bash scripts/chromium.sh)"
#
# Browser tests drive this system Chromium through Playwright because
# `playwright install` cannot download its own browser builds here.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Fonts: with --no-install-recommends Chromium comes without any, and
# screenshots then show boxes or odd fallbacks. DejaVu covers the basics and
# umlauts; Liberation is metric-compatible with Arial/Times/Courier, which
# many stylesheets name.
apt_install chromium fonts-dejavu-core fonts-liberation

path="$(command -v chromium || true)"
if [ -z "$path" ]; then
  echo "chromium.sh: chromium was installed but is not on PATH" >&2
  exit 1
fi
echo "$path"
