#!/usr/bin/env bash
# The full test suite on a fresh Debian 12 machine: installs what the tests need, then runs every test.
# This is the README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh

source scripts/runtime-env.sh
# the launchers' oneDNN level (AVX2 on AMD, ALL elsewhere) for the tests of the kernels this machine will run;
# under AVX2 they would repeat the default run, so they run only where the level differs
machine_kernels_skip=false; [ "$DNNL_MAX_CPU_ISA" = AVX2 ] && machine_kernels_skip=true
mvn -B -ntp verify -Dtriage.dnnl.isa="$DNNL_MAX_CPU_ISA" -Dtriage.machineKernels.skip="$machine_kernels_skip" "$@"
