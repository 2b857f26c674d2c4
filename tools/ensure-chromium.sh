#!/usr/bin/env bash
# Makes sure headless Chromium is on this machine for the HTML report's browser test
# (test/report/htmlBrowser.test.ts): prints its path, installing Debian's chromium package when it is absent
# and this is root on a Debian machine (as in CI). Otherwise exits 1 with what to do.
set -euo pipefail
for candidate in "${RESNET_MF_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser "$(command -v chromium 2>/dev/null || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the HTML report's browser test (about a minute)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; }
  echo /usr/bin/chromium
  exit 0
fi
echo "headless Chromium is needed for the HTML report's browser test: install Debian's chromium package (apt-get install chromium), or set RESNET_MF_CHROMIUM to a Chromium executable" >&2
exit 1
