#!/usr/bin/env bash
# Copies the demo program (content/, data/, themes/) to DEST with
# `language: LANG` in data/program.yaml. For a language telemachy does not
# ship, the test catalog tests/browser/rtl/LANG.ftl goes into the copy's
# theme folder, as a program adds a language of its own.
#
#   bash tests/browser/demo-in.sh LANG DEST
set -euo pipefail
cd "$(dirname "$0")/../.."
language="${1:?usage: demo-in.sh LANG DEST}"
dest="${2:?usage: demo-in.sh LANG DEST}"
mkdir -p "$dest"
cp -r content data themes "$dest/"
sed -i "s/^language: .*/language: $language/" "$dest/data/program.yaml"
grep -q "^language: $language\$" "$dest/data/program.yaml" || {
  echo "demo-in.sh: could not set language: $language" >&2
  exit 1
}
if [ -f "tests/browser/rtl/$language.ftl" ]; then
  mkdir -p "$dest/themes/default/i18n"
  cp "tests/browser/rtl/$language.ftl" "$dest/themes/default/i18n/$language.ftl"
fi
