#!/usr/bin/env bash
# Writes the pictures of the demo in other languages in docs/screenshots/:
# in Arabic, right to left, the home page at 1200 px, the top of a module
# (its breadcrumbs) at 360 px and the first charter printed on A4 (page 1);
# in French, the home page at 1200 px. Run by hand after a change to the
# theme's layout; CI does not need it. Needs chromium and pdftoppm
# (poppler-utils).
#
#   bash tests/print/language-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in chromium pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "language-screenshots: $tool is needed" >&2; exit 1; }
done
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release -q
out=docs/screenshots
shoot() {
  local url=$1 file=$2 size=$3
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --force-color-profile=srgb \
    --window-size="$size" --screenshot="$file" "$url" >/dev/null 2>&1
  [ -s "$file" ] || { echo "language-screenshots: no picture of $url" >&2; exit 1; }
}

for language in ar fr; do
  bash tests/browser/demo-in.sh "$language" "$work/program-$language"
  # The public site, with the staff's charters added under it.
  target/release/telemachy build --root "$work/program-$language" --out "$work/site-$language" \
    --today 2026-04-15 >/dev/null 2>&1
  target/release/telemachy build --root "$work/program-$language" --out "$work/staff-$language" \
    --audience staff --today 2026-04-15 >/dev/null 2>&1
  cp -r "$work/staff-$language/charters" "$work/site-$language/"
  port=$((20000 + RANDOM % 20000))
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site-$language" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
    sleep 0.1
  done
  origin="http://127.0.0.1:$port"
  shoot "$origin/" "$out/$language-home-desktop.png" 1200,900
  if [ "$language" = ar ]; then
    shoot "$origin/paths/data-analysis/sql-joins/" "$out/ar-module-mobile.png" 360,780
    charter=$(find "$work/site-ar/charters" -mindepth 1 -maxdepth 1 -type d | sort | head -1)
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$work/profile" --no-pdf-header-footer \
      --print-to-pdf="$work/charter.pdf" "$origin/charters/$(basename "$charter")/" >/dev/null 2>&1
    pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/charter.pdf" "$out/ar-charter-a4-page-1"
  fi
  kill "$server" 2>/dev/null || true
  server=""
done
ls -l "$out"/ar-*.png "$out"/fr-*.png
