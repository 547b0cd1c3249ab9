#!/usr/bin/env bash
# Set up the machine (scripts/setup.sh), then run the whole test suite.
# The tests start their own SeaweedFS, PKI service and Prefect test server on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/python -m pytest -q "$@"
