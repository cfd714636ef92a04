#!/usr/bin/env bash
# Prints every charter of the demo program with headless Chromium, on A4 and
# on US Letter, and checks each PDF with poppler: at most two pages, the
# right paper size, every section heading, and both signature lines on the
# same page. Needs chromium, pdfinfo and pdftotext; outside CI a missing
# tool skips the test loudly, in CI (or with TELEMACHY_REQUIRE_EXTERNAL=1)
# it fails.
#
#   bash tests/print/charters.sh [LANG...]
#
# Each LANG (default `en`) prints the demo built in that language
# (tests/browser/demo-in.sh); the headings and the signature label looked
# for are the words of that language's catalog.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=""
for tool in chromium pdfinfo pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  if [ -n "${CI:-}" ] || [ "${TELEMACHY_REQUIRE_EXTERNAL:-}" = 1 ]; then
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
languages=("$@")
[ "${#languages[@]}" -gt 0 ] || languages=(en)
passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# A message of the catalog that prints LANG (the test's own for a language
# telemachy does not ship), up to its first placed value: what a heading
# starts with whoever the pair is. pdftotext writes a no-break space (French
# "Signature :") as a plain one.
words() {
  local language=$1 key=$2 file
  file="tests/browser/rtl/$language.ftl"
  [ -f "$file" ] || file="themes/default/i18n/$language.ftl"
  grep -m1 "^$key = " "$file" | sed -e "s/^$key = //" -e 's/ *{.*//' \
    -e $'s/\xc2\xa0/ /g' -e $'s/\xe2\x80\xaf/ /g'
}

# How often a phrase occurs in pdftotext's output: as it is, or for a
# right-to-left script word by word (find.py says why).
occurs() {
  if [ "$rtl" -eq 1 ]; then
    python3 tests/print/find.py "$1"
  else
    (grep -oF "$1" || true) | wc -l
  fi
}

# Prints one charter to PDF. Most of the time goes to Chromium starting, so
# two print at once, each with its own profile.
print_pdf() {
  local url=$1 pdf=$2
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$pdf.profile" --no-pdf-header-footer \
    --print-to-pdf="$pdf" "$url" >/dev/null 2>&1 || true
  rm -rf "$pdf.profile"
}

for language in "${languages[@]}"; do
headings=()
for key in charter-goals charter-offer charter-how charter-success charter-phases charter-questions \
           charter-ending charter-data charter-hopes charter-agreed; do
  heading=$(words "$language" "$key")
  [ -n "$heading" ] || heading=$(words en "$key")
  headings+=("$heading")
done
signature=$(words "$language" charter-signature)
[ -n "$signature" ] || signature=$(words en charter-signature)
rtl=$(python3 -c 'import re, sys; print(int(bool(re.search("[\u0590-\u08ff]", sys.argv[1]))))' "${headings[*]}")
for paper in a4 letter; do
  program="$work/program-$language-$paper"
  bash tests/browser/demo-in.sh "$language" "$program" || { fail "could not copy the demo in $language"; continue; }
  sed -i "s/^paper: .*/paper: $paper/" "$program/data/program.yaml"
  grep -q "^paper: $paper" "$program/data/program.yaml" || { fail "could not set paper: $paper"; continue; }
  site="$work/site-$language-$paper"
  "$bin" build --root "$program" --out "$site" --audience staff --today 2026-04-15 >/dev/null 2>&1 \
    || { fail "the demo in $language does not build"; continue; }
  port=$((20000 + RANDOM % 20000))
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
    sleep 0.1
  done
  case $paper in a4) want="A4" ;; letter) want="letter" ;; esac
  printing=()
  for dir in "$site"/charters/*/; do
    pair=$(basename "$dir")
    print_pdf "http://127.0.0.1:$port/charters/$pair/" "$work/$pair-$language-$paper.pdf" &
    printing+=($!)
    [ "${#printing[@]}" -lt 2 ] || { wait "${printing[0]}"; printing=("${printing[@]:1}"); }
  done
  [ "${#printing[@]}" -eq 0 ] || wait "${printing[@]}"
  for dir in "$site"/charters/*/; do
    pair=$(basename "$dir")
    pdf="$work/$pair-$language-$paper.pdf"
    what="$pair ($language, $paper)"
    if [ ! -s "$pdf" ]; then fail "$what: no PDF"; continue; fi
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    size=$(pdfinfo "$pdf" | grep '^Page size:')
    ok=1
    [ "$pages" -le 2 ] || { fail "$what: $pages pages"; ok=0; }
    echo "$size" | grep -qi "($want)" || { fail "$what: $size"; ok=0; }
    text=$(pdftotext -layout "$pdf" -)
    for heading in "${headings[@]}"; do
      [ "$(occurs "$heading" <<<"$text")" -gt 0 ] || { fail "$what: no heading '$heading'"; ok=0; }
    done
    same_page=0
    for page in $(seq 1 "$pages"); do
      count=$(pdftotext -f "$page" -l "$page" -layout "$pdf" - | occurs "$signature")
      [ "$count" -eq 2 ] && same_page=1
    done
    [ "$same_page" -eq 1 ] || { fail "$what: the two signature lines are not on one page"; ok=0; }
    [ "$ok" -eq 1 ] && passed=$((passed + 1))
  done
  kill "$server" 2>/dev/null || true
  server=""
done
done

echo "charters: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
