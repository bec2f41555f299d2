#!/usr/bin/env bash
# Set up a fresh clone, ingest the corpus (only what changed) and start the product.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/assistant demo
