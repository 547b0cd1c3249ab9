#!/usr/bin/env bash
# Set up the machine, start the local stack, load a synthetic population, push sample applications
# through it, and print where to look. Running it again is harmless.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export CAPIL_DATA_DIR=${CAPIL_DATA_DIR:-$PWD/var}
.venv/bin/capil up
.venv/bin/capil demo --out "${CAPIL_DEMO_OUT:-$PWD/demo-output}"
