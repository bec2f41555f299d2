#!/usr/bin/env bash
# Set up a fresh clone and run the test suite; extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
scripts/browser.sh
exec .venv/bin/python -m pytest "$@"
