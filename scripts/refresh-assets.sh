#!/usr/bin/env bash
# Refresh the vendored front-end assets under src/Rathaus.Web/wwwroot/lib/.
#
# The .NET build never runs npm: the files this script copies are committed.
# Run it by hand (needs node + npm and access to the npm registry) after
# changing the pinned version in scripts/assets/package.json, then regenerate
# the lock file first:
#
#   (cd scripts/assets && npm install --package-lock-only --ignore-scripts)
#   scripts/refresh-assets.sh
#
# What it does: `npm ci` of scripts/assets/package*.json in a temp dir, then
# copies the built CSS of @kern-ux/native plus every file that CSS references
# via url(...) (the fonts) into wwwroot/lib/kern-ux/, keeping relative paths,
# writes VERSION and the licence, and fails if any url(...) does not resolve.
# Re-running with the same pinned version gives byte-identical output.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ASSETS="$ROOT/scripts/assets"
LIB="$ROOT/src/Rathaus.Web/wwwroot/lib"
DEST="$LIB/kern-ux"
PKG="@kern-ux/native"

# Stylesheet entry points, relative to the package's dist/ folder. Files they
# reference by relative url(...) are copied automatically.
#   kern.min.css   - all components, typography, grid and utilities
#                    (kern-grid.min.css / kern-utilities.min.css are subsets of it)
#   fonts/fira-sans.css - @font-face for Fira Sans (the KERN typeface)
# Not vendored: src/ (SCSS sources), the unminified CSS, the optional Noto Sans
# fallback (fonts/noto-sans.css), and dist/js/kern-kopfzeile.js (a web-component
# variant of the header bar; the plain .kern-kopfzeile markup needs no JS).
CSS_ENTRIES=(kern.min.css fonts/fira-sans.css)

command -v npm >/dev/null || { echo "refresh-assets: npm is required" >&2; exit 1; }
command -v node >/dev/null || { echo "refresh-assets: node is required" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cp "$ASSETS/package.json" "$ASSETS/package-lock.json" "$tmp/"
(cd "$tmp" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)

pkgdir="$tmp/node_modules/$PKG"
dist="$pkgdir/dist"
[ -d "$dist" ] || { echo "refresh-assets: $pkgdir/dist not found" >&2; exit 1; }

version="$(node -p 'require(process.argv[1]).version' "$pkgdir/package.json")"
license="$(node -p 'require(process.argv[1]).license' "$pkgdir/package.json")"
pinned="$(node -p 'require(process.argv[1]).dependencies[process.argv[2]]' "$ASSETS/package.json" "$PKG")"
if [ "$version" != "$pinned" ]; then
  echo "refresh-assets: installed $PKG@$version but package.json pins $pinned (stale lock file?)" >&2
  exit 1
fi

# Prints, one per line, the local files a stylesheet references via url(...)
# or @import "...", resolved relative to the stylesheet and relative to BASE.
# Ignores data:, http(s):, protocol-relative and fragment-only references.
# Exits non-zero if a reference points outside BASE.
css_refs() { # css_refs BASE FILE
  node - "$1" "$2" <<'JS'
const fs = require('fs'), path = require('path');
const [base, file] = process.argv.slice(2);
const css = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const refs = new Set();
const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;
let m;
while ((m = re.exec(css))) {
  let ref = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').trim();
  if (!ref || /^(data:|[a-z]+:|\/\/|#)/i.test(ref)) continue;
  ref = ref.replace(/[?#].*$/, '');
  if (ref.startsWith('/')) { console.error(`root-relative url(${ref}) in ${file}`); process.exit(2); }
  const rel = path.relative(base, path.resolve(path.dirname(file), decodeURI(ref)));
  if (rel.startsWith('..')) { console.error(`url(${ref}) in ${file} points outside ${base}`); process.exit(2); }
  refs.add(rel);
}
for (const r of [...refs].sort()) console.log(r);
JS
}

# Stage into $tmp/out, following references (and referenced stylesheets).
out="$tmp/out"
mkdir -p "$out"
queue=("${CSS_ENTRIES[@]}")
declare -A seen=()
while [ "${#queue[@]}" -gt 0 ]; do
  f="${queue[0]}"; queue=("${queue[@]:1}")
  if [ -n "${seen[$f]:-}" ]; then continue; fi
  seen[$f]=1
  if [ ! -f "$dist/$f" ]; then
    echo "refresh-assets: $PKG@$version has no dist/$f" >&2
    exit 1
  fi
  mkdir -p "$out/$(dirname "$f")"
  cp "$dist/$f" "$out/$f"
  if [[ "$f" == *.css ]]; then
    refs="$(css_refs "$dist" "$dist/$f")"
    while IFS= read -r r; do
      if [ -n "$r" ]; then queue+=("$r"); fi
    done <<<"$refs"
  fi
done

# Licence file(s) of the package.
shopt -s nullglob nocaseglob
lic=("$pkgdir"/LICEN[CS]E* "$pkgdir"/COPYING*)
shopt -u nullglob nocaseglob
[ "${#lic[@]}" -gt 0 ] || { echo "refresh-assets: no licence file in $PKG" >&2; exit 1; }
cp "${lic[@]}" "$out/"

# VERSION: keep the previous date if the version did not change, so that
# re-running the script produces no diff.
stamp="$(date -u +%Y-%m-%d)"
if [ -f "$DEST/VERSION" ] && grep -qxF "package: $PKG" "$DEST/VERSION" \
   && grep -qxF "version: $version" "$DEST/VERSION"; then
  old="$(sed -n 's/^refreshed: //p' "$DEST/VERSION")"
  if [ -n "$old" ]; then stamp="$old"; fi
fi
{
  echo "package: $PKG"
  echo "version: $version"
  echo "license: $license"
  echo "source: npm (pinned in scripts/assets/package.json + package-lock.json)"
  echo "refreshed: $stamp"
  echo "refreshed-by: scripts/refresh-assets.sh"
} >"$out/VERSION"

# npm ships some fonts with the executable bit set; normalise.
find "$out" -type d -exec chmod 755 {} +
find "$out" -type f -exec chmod 644 {} +

# Check (before touching wwwroot): every url(...) in every staged stylesheet
# resolves to a staged file.
missing=0
while IFS= read -r -d '' css; do
  refs="$(css_refs "$out" "$css")"
  while IFS= read -r r; do
    if [ -n "$r" ] && [ ! -f "$out/$r" ]; then
      echo "refresh-assets: MISSING ${css#"$out"/} -> $r" >&2
      missing=1
    fi
  done <<<"$refs"
done < <(find "$out" -name '*.css' -print0)
[ "$missing" -eq 0 ] || { echo "refresh-assets: unresolved url() references" >&2; exit 1; }

# Replace the vendored copy.
mkdir -p "$LIB"
rm -rf "$DEST"
cp -R "$out" "$DEST"

echo "Vendored $PKG@$version into ${DEST#"$ROOT"/}:"
(cd "$DEST" && find . -type f | sort | sed 's|^\./||' | while IFS= read -r f; do
  printf '  %8s  %s\n' "$(du -k "$f" | cut -f1)K" "$f"
done)
echo "  total: $(du -sh "$DEST" | cut -f1)"

# Leaflet (the map on /melden and /karte): the minified script, its stylesheet and the marker and layer images the
# stylesheet references, the licence and a VERSION file. Not vendored: the ES module build, source maps, src/.
LEAFLET="$tmp/node_modules/leaflet"
leaflet_version="$(node -p 'require(process.argv[1]).version' "$LEAFLET/package.json")"
leaflet_pinned="$(node -p 'require(process.argv[1]).dependencies.leaflet' "$ASSETS/package.json")"
[ "$leaflet_version" = "$leaflet_pinned" ] || { echo "refresh-assets: installed leaflet@$leaflet_version but package.json pins $leaflet_pinned" >&2; exit 1; }
lout="$tmp/leaflet-out"
mkdir -p "$lout/images"
cp "$LEAFLET/dist/leaflet.js" "$LEAFLET/dist/leaflet.css" "$LEAFLET/LICENSE" "$lout/"
cp "$LEAFLET"/dist/images/*.png "$lout/images/"
lstamp="$(date -u +%Y-%m-%d)"
if [ -f "$LIB/leaflet/VERSION" ] && grep -qxF "version: $leaflet_version" "$LIB/leaflet/VERSION"; then
  lold="$(sed -n 's/^refreshed: //p' "$LIB/leaflet/VERSION")"
  if [ -n "$lold" ]; then lstamp="$lold"; fi
fi
{
  echo "package: leaflet"
  echo "version: $leaflet_version"
  echo "license: $(node -p 'require(process.argv[1]).license' "$LEAFLET/package.json")"
  echo "source: npm (pinned in scripts/assets/package.json + package-lock.json)"
  echo "refreshed: $lstamp"
  echo "refreshed-by: scripts/refresh-assets.sh"
} >"$lout/VERSION"
find "$lout" -type f -exec chmod 644 {} +
rm -rf "$LIB/leaflet"
cp -R "$lout" "$LIB/leaflet"
echo "Vendored leaflet@$leaflet_version into ${LIB#"$ROOT"/}/leaflet"
