#!/usr/bin/env bash
# Set up the machine (scripts/setup.sh), then run the whole test suite.
# The tests start their own SeaweedFS, PKI service and Prefect test server on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ $# -gt 0 ]; then  # a chosen part of the suite: one pytest, as asked
    exec .venv/bin/python -m pytest -q "$@"
fi

# The whole run: three jobs side by side, and it fails if any of them fails.
#  - the suite without tests/e2e, in the foreground (its output as it goes);
#  - tests/e2e in a second pytest: its tests mostly wait on whole stacks of their own (`capil up` on free
#    ports, applications settling after a fault), so it costs the first pytest little CPU and no longer
#    adds its minutes to the run (docs/development.md, "Test time");
#  - mypy over the unit tests' types and those of every package they import (about 25 s of CPU cold).
# The two side jobs' outputs are printed after the suite's. Ctrl-C reaches both pytests, which stop their
# stacks as they end (the second one is given back Python's Ctrl-C handler, which a background job lacks).
out=$(mktemp -d)
.venv/bin/python -c 'import signal, sys, pytest; signal.signal(signal.SIGINT, signal.default_int_handler); sys.exit(pytest.main())' \
    -q tests/e2e >"$out/e2e.log" 2>&1 &
e2e=$!
.venv/bin/mypy tests/unit >"$out/mypy.log" 2>&1 &
mypy=$!
trap 'wait $e2e $mypy 2>/dev/null; rm -rf "$out"' EXIT

suite=0 e2e_status=0 mypy_status=0
.venv/bin/python -m pytest -q --ignore=tests/e2e || suite=$?
wait $e2e || e2e_status=$?
wait $mypy || mypy_status=$?
echo
echo "=== tests/e2e (run beside the suite; exit $e2e_status)"
cat "$out/e2e.log"
echo
echo "=== mypy tests/unit (exit $mypy_status)"
cat "$out/mypy.log"
echo
echo "suite exit $suite, tests/e2e exit $e2e_status, mypy exit $mypy_status"
[ "$suite" -eq 0 ] && [ "$e2e_status" -eq 0 ] && [ "$mypy_status" -eq 0 ]
