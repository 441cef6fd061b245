#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it. Installs what the machine lacks:
# Debian's Chromium (for Playwright; never Playwright's own download), gettext, poppler-utils
# (pdftotext and pdftoppm read the reports' PDFs back), and a
# running PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "missing $*: install with apt-get (needs root)" >&2
    exit 1
  fi
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v chromium >/dev/null || apt_install chromium
command -v msgfmt >/dev/null || apt_install gettext
command -v pdftotext >/dev/null || apt_install poppler-utils  # the reports' PDFs, read back
command -v pg_dump >/dev/null || apt_install postgresql-client  # payung backup on PostgreSQL

PG_URL=${PAYUNG_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/payung}
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

if [ -z "${PAYUNG_DATA_DIR:-}" ]; then
  # A data folder of the run's own, removed when the run ends, passed or failed.
  PAYUNG_DATA_DIR=$(mktemp -d)
  trap 'rm -rf "$PAYUNG_DATA_DIR"' EXIT
fi
export PAYUNG_DATA_DIR
export PAYUNG_CHROMIUM=${PAYUNG_CHROMIUM:-$(command -v chromium)}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "== ruff"
$BIN/ruff check src benchmarks
$BIN/ruff format --check src benchmarks
echo "== mypy"
$BIN/mypy
echo "== pytest on SQLite (with browser tests)"
DATABASE_URL= $BIN/pytest -q -p no:cacheprovider
echo "== pytest on PostgreSQL"
DATABASE_URL=$PG_URL $BIN/pytest -q -p no:cacheprovider -m "not browser"
