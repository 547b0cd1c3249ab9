#!/usr/bin/env bash
# Refresh requirements-lock.txt: every Python dependency of Capil (runtime, dev and the build backend),
# exact versions with hashes, resolved for CPython 3.11 on x86-64 Linux. Run after changing the
# dependencies in pyproject.toml, then ./scripts/test.sh on a clean clone before committing the lock.
# Uses uv (installed into .venv if missing); only the registry is consulted, nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/uv ] || .venv/bin/python -m pip install -q uv
# The build backend (read from standard input) is locked too, so that the editable install of Capil
# needs no unpinned download. scripts/lock-excludes.txt drops what a dependency declares but Capil must
# not install (opencv-python beside opencv-python-headless).
printf 'setuptools>=68\nwheel\n' | .venv/bin/uv pip compile pyproject.toml - --extra dev --generate-hashes \
  --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
  --excludes scripts/lock-excludes.txt \
  --no-header --annotation-style line --quiet "$@" -o requirements-lock.txt
echo "lock: requirements-lock.txt has $(grep -c '==' requirements-lock.txt) packages" >&2
