#!/usr/bin/env bash
# Set up the machine (scripts/setup.sh), then run the whole test suite.
# The tests start their own SeaweedFS, PKI service and Prefect test server on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ $# -eq 0 ]; then  # the whole run: the unit tests' types and those of every package they import
    .venv/bin/mypy tests/unit  # about 25 s of CPU from a cold cache
fi
exec .venv/bin/python -m pytest -q "$@"
