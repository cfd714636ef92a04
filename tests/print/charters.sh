#!/usr/bin/env bash
# Prints every charter of the demo program with headless Chromium, on A4 and
# on US Letter, and checks each PDF with poppler: at most two pages, the
# right paper size, every section heading, and both signature lines on the
# same page. Needs chromium, pdfinfo and pdftotext; outside CI a missing
# tool skips the test loudly, in CI it fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=""
for tool in chromium pdfinfo pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  if [ -n "${CI:-}" ]; then
    echo "charter print test: missing$missing" >&2
    exit 1
  fi
  echo "*** SKIPPED: charter print test needs$missing (install chromium poppler-utils) ***"
  exit 0
fi

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release -q
bin=target/release/telemachy
headings=("1. What" "2. What" "3. How we work together" "4. How we will know it worked"
          "5. Our phases" "6. How we start each meeting" "7. If it is not working"
          "8. What the program keeps about us" "9. What" "10. Agreed")
passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

for paper in a4 letter; do
  program="$work/program-$paper"
  mkdir -p "$program"
  cp -r data content "$program/"
  [ -d themes ] && cp -r themes "$program/"
  sed -i "s/^paper: .*/paper: $paper/" "$program/data/program.yaml"
  grep -q "^paper: $paper" "$program/data/program.yaml" || { fail "could not set paper: $paper"; continue; }
  site="$work/site-$paper"
  "$bin" build --root "$program" --out "$site" --audience staff --today 2026-04-15 >/dev/null 2>&1
  port=$((20000 + RANDOM % 20000))
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
    sleep 0.1
  done
  case $paper in a4) want="A4" ;; letter) want="letter" ;; esac
  for dir in "$site"/charters/*/; do
    pair=$(basename "$dir")
    pdf="$work/$pair-$paper.pdf"
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$work/profile" --no-pdf-header-footer \
      --print-to-pdf="$pdf" "http://127.0.0.1:$port/charters/$pair/" >/dev/null 2>&1 || true
    if [ ! -s "$pdf" ]; then fail "$pair ($paper): no PDF"; continue; fi
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    size=$(pdfinfo "$pdf" | grep '^Page size:')
    ok=1
    [ "$pages" -le 2 ] || { fail "$pair ($paper): $pages pages"; ok=0; }
    echo "$size" | grep -qi "($want)" || { fail "$pair ($paper): $size"; ok=0; }
    text=$(pdftotext -layout "$pdf" -)
    for heading in "${headings[@]}"; do
      grep -qF "$heading" <<<"$text" || { fail "$pair ($paper): no heading '$heading'"; ok=0; }
    done
    same_page=0
    for page in $(seq 1 "$pages"); do
      count=$( (pdftotext -f "$page" -l "$page" -layout "$pdf" - | grep -o "Signature:" || true) | wc -l)
      [ "$count" -eq 2 ] && same_page=1
    done
    [ "$same_page" -eq 1 ] || { fail "$pair ($paper): the two signature lines are not on one page"; ok=0; }
    [ "$ok" -eq 1 ] && passed=$((passed + 1))
  done
  kill "$server" 2>/dev/null || true
  server=""
done

echo "charters: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
