#!/usr/bin/env bash
# Bring this machine from nothing to a working Capil checkout: system packages, virtualenv, the package.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng  # OCR engine, Indonesian model, English model (numbers)
  poppler-utils                     # pdftoppm, pdfsig: rasterize PDFs, independent signature check
  mupdf-tools                       # mutool: a second renderer for the visual tests of issued documents
  libnss3-tools                     # certutil: trust store for pdfsig
  softhsm2                          # PKCS#11 token for the HSM signing tests
  fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf   # fonts for rendered documents
  postgresql                        # server binaries for the PostgreSQL half of the registry tests
  fonts-dejavu-extra fonts-liberation   # more families for the synthetic corpus (condensed, Sans Narrow)
  fonts-urw-base35 fonts-open-sans fonts-crosextra-carlito fonts-crosextra-caladea   # held-out look (~12 MB)
  chromium                          # the browser Playwright drives in the review page test
  ocrmypdf                          # the tool `capil bench e2e` compares our OCR with (brings ghostscript, qpdf)
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
  || { echo "setup: Capil needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi
# Every Python dependency comes from requirements-lock.txt (exact versions with hashes), so a fresh machine
# installs what CI last proved; the project itself goes on top without resolving anything.
# Refresh the lock after changing pyproject.toml: ./scripts/lock.sh.
stamp=.venv/.capil-installed
if [ ! -f "$stamp" ] || [ requirements-lock.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages from requirements-lock.txt (a few minutes on a fresh machine)" >&2
  .venv/bin/python -m pip install -q --require-hashes --no-deps -r requirements-lock.txt
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  # pip check, but for what the lock leaves out on purpose (scripts/lock-excludes.txt: opencv-python, which
  # rapidocr-onnxruntime declares; opencv-python-headless gives the same cv2)
  left=$(.venv/bin/python -m pip check 2>&1 \
    | grep -v -F -f <(sed '/^#/d; /^$/d; s/.*/ requires &, which is not installed./' scripts/lock-excludes.txt) \
    | grep -v -x 'No broken requirements found.' || true)
  if [ -n "$left" ]; then
    printf 'setup: broken requirements:\n%s\n' "$left" >&2
    exit 1
  fi
  touch "$stamp"
fi
echo "setup: ready ($(.venv/bin/python --version), $(tesseract --version 2>&1 | head -1))" >&2
