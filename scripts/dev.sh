#!/usr/bin/env bash
# One entry point for a fresh machine. It creates and reuses .venv, installs the
# pinned Python and npm dependencies, and then:
#   bash scripts/dev.sh serve   build the site and serve it on http://127.0.0.1:8000
#   bash scripts/dev.sh test    build the site and run every check and test
#   bash scripts/dev.sh setup   only install what the other two need
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
export PIP_DISABLE_PIP_VERSION_CHECK=1

VENV=.venv
PY="$VENV/bin/python"

say() { printf '\n==> %s\n' "$*"; }

python_deps() {
  if [ ! -x "$PY" ]; then
    say "Creating $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.deps-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "Installing pinned Python dependencies"
    "$PY" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml","rb"))["project"]["optional-dependencies"]["dev"]))' \
      > "$VENV/requirements-dev.txt"
    "$PY" -m pip install --quiet -r "$VENV/requirements-dev.txt"
    rm -f "$VENV"/.deps-*
    touch "$stamp"
  fi
}

npm_deps() {
  local stamp="node_modules/.deps-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "Installing pinned npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    touch "$stamp"
  fi
}

wheels() {
  # Pure-Python wheels for the browser and for the in-Pyodide test run.
  local missing=()
  read -r -a missing <<< "$("$PY" -c 'from scripts.wheels import missing_downloads; print(" ".join(missing_downloads()))')"
  if [ ${#missing[@]} -gt 0 ]; then
    say "Downloading pure-Python wheels: ${missing[*]}"
    "$PY" -m pip download --quiet --no-deps --only-binary :all: -d .cache/wheels "${missing[@]}"
  fi
}

chromium() {
  if "$PY" -c 'import sys; sys.path.insert(0, "."); from tests.support import system_chromium; sys.exit(0 if system_chromium() else 1)'; then
    return
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    say "Installing Playwright's Chromium"
    "$PY" -m playwright install chromium
  fi
}

setup() {
  python_deps
  npm_deps
  wheels
}

build() {
  say "Building the site (mkdocs build --strict)"
  "$VENV/bin/mkdocs" build --strict --quiet
}

case "${1:-}" in
  setup)
    setup
    ;;
  serve)
    setup
    build
    say "Serving on http://127.0.0.1:8000 (live reload; Ctrl+C to stop)"
    exec "$VENV/bin/mkdocs" serve --strict -a 127.0.0.1:8000
    ;;
  test)
    setup
    chromium
    build
    say "Static checks: ruff, ruff format, mypy"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    "$VENV/bin/mypy"
    say "Tests: unit, content, browser and the Pyodide runtime"
    "$PY" -m pytest "${@:2}"
    ;;
  *)
    echo "usage: bash scripts/dev.sh serve|test|setup" >&2
    exit 2
    ;;
esac
