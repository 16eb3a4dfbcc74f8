#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the HTML report's browser tests
# (test/html-report.test.ts drives it with playwright-core; no browser download of its own).
# CI runs this before the tests; locally it is safe to run again: it does nothing when present.
# CHROMIUM_PATH overrides the location (default /usr/bin/chromium).
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

works() {
  [ -x "$CHROMIUM" ] && "$CHROMIUM" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1
}

if works; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no Chromium at $CHROMIUM and no apt-get to install it;" >&2
  echo "install Chromium and set CHROMIUM_PATH to its executable" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo"
fi

echo "ensure-chromium: installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

if ! works; then
  echo "ensure-chromium: chromium installed but $CHROMIUM does not start" >&2
  exit 1
fi
echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
