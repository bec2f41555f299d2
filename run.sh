#!/usr/bin/env bash
# Set up a fresh clone, ingest the corpus (only what changed), then open the chat UI.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/assistant ingest || echo "Some files could not be read (see above); the others are in."
echo "Opening the chat UI at http://127.0.0.1:${PORT:-8501} (Ctrl-C stops it)."
exec .venv/bin/streamlit run app.py --server.address 127.0.0.1 --server.port "${PORT:-8501}" \
    --server.headless true --browser.gatherUsageStats false
