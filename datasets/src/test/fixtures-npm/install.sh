#!/usr/bin/env bash
# Installs the pinned npm writers of the rosbag2 test fixtures (@mcap/core, @foxglove/rosmsg2-serialization,
# @foxglove/rosmsg, @foxglove/wasm-zstd, lz4js) into datasets/src/test/fixtures-npm/node_modules with
# `npm ci --ignore-scripts`: exact versions from package-lock.json, each tarball checked against its sha512
# integrity, no install scripts run. Test-time only: bin/triage never needs them.
# Quiet and idempotent: npm runs only when the lock file changed since the last install (stamp) or a package the
# writers import is missing. Called by scripts/install-deps.sh. Exit status 0 when node_modules is ready.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STAMP="$DIR/node_modules/.triage-install-stamp"
NEEDED=(@mcap/core @foxglove/rosmsg @foxglove/rosmsg2-serialization @foxglove/wasm-zstd lz4js)

command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 || {
  echo "$DIR/install.sh: node and npm are required (Debian: apt-get install nodejs npm)" >&2; exit 2; }

ready() {
  [[ -f "$STAMP" && "$(cat "$STAMP")" == "$(cd "$DIR" && sha256sum package.json package-lock.json)" ]] || return 1
  local p
  for p in "${NEEDED[@]}"; do [[ -f "$DIR/node_modules/$p/package.json" ]] || return 1; done
}

ready && exit 0
exec 9>"${TMPDIR:-/tmp}/triage-rosbag2-fixtures-install.lock"
flock 9 2>/dev/null || true
ready && exit 0
log="$(mktemp)"
if ! (cd "$DIR" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error) >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"
  echo "$DIR/install.sh: npm ci failed (network, or a tarball that does not match package-lock.json)" >&2
  exit 1
fi
rm -f "$log"
(cd "$DIR" && sha256sum package.json package-lock.json) >"$STAMP"
ready || { echo "$DIR/install.sh: npm ci succeeded but a needed package is missing" >&2; exit 1; }
