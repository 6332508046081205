#!/usr/bin/env bash
# JMH micro-benchmarks (preprocessing and decoding). Not part of the test suite.
# The whole-pipeline and per-model numbers come from `bin/triage bench`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests install
CP="bench/target/classes:$(mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
source scripts/runtime-env.sh
java -Dai.djl.offline=true -cp "$CP" org.openjdk.jmh.Main "$@"
