#!/usr/bin/env bash
# The browser the UI test drives: Debian's Chromium (never `playwright install`, which downloads one).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
else
  echo "The browser test needs Debian's chromium: sudo apt-get install chromium" >&2
  exit 1
fi
