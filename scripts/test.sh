#!/usr/bin/env bash
# The full test suite on a fresh Debian 12 machine: installs what the tests need, then runs every test.
# This is the README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh

export DJL_OFFLINE=true OPT_OUT_TRACKING=true DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX2}"
mvn -B -ntp verify "$@"
