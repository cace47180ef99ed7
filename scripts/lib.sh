#!/usr/bin/env bash
# Shared helpers for the scripts in this folder. Source it, don't run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Everything a helper prints goes to stderr, so that scripts which answer on
# stdout (chromium.sh prints a path, postgres.sh url prints a connection
# string) stay usable inside $(...).

# Repo root, derived from this file's location so scripts work from any cwd.
RATHAUS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Run a command that needs root. CI and the dev machines run as root (no sudo
# installed there); a developer on their own box may not be root.
need_root_cmd() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

# True when the Debian package is fully installed (not merely known or half-configured).
deb_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# apt_install PKG... — install only what is missing.
# `apt-get update` is slow and needs the network, so it runs only when
# something must actually be installed, and at most once per script tree
# (the flag is exported so child scripts such as postgres.sh/chromium.sh
# started from test.sh don't repeat it).
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    deb_installed "$pkg" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0

  echo "Installing Debian packages: ${missing[*]}" >&2
  if [ -z "${RATHAUS_APT_UPDATED:-}" ]; then
    need_root_cmd apt-get update -q >&2
    export RATHAUS_APT_UPDATED=1
  fi
  need_root_cmd env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# The EF Core command-line tool comes from the repo's local tool manifest, so
# every machine uses the same version as the EF Core 10 packages. The version
# must be one the NuGet mirror serves (10.0.15 is).
DOTNET_EF_VERSION="${DOTNET_EF_VERSION:-10.0.15}"

ensure_dotnet_ef() {
  (
    set -euo pipefail
    cd "$RATHAUS_ROOT"
    # The .NET 10 SDK would put a new manifest in the repo root; keep it in
    # .config/ (the SDK looks there too) so the root stays tidy.
    if [ ! -f .config/dotnet-tools.json ]; then
      dotnet new tool-manifest --output .config >&2
    fi
    if ! grep -q '"dotnet-ef"' .config/dotnet-tools.json; then
      dotnet tool install dotnet-ef --version "$DOTNET_EF_VERSION" >&2
    fi
    # Restores the pinned version on a fresh machine (no-op when present).
    dotnet tool restore >&2
  )
}
