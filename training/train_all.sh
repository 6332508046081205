#!/usr/bin/env bash
# Rebuilds the three shipped models from scratch: exports the synthetic data with the Java generator, then trains
# gate, urban and highway into models/ (TorchScript + sidecar JSON + model card), then re-evaluates the files.
#
#   bash training/train_all.sh                 # the shipped models (about 35 minutes on 2 CPU cores)
#   TRAIN_FRAMES=1000 VAL_FRAMES=200 OUT=/tmp/models bash training/train_all.sh    # a quick smoke run
#
# Needs /usr/bin/python3 with Debian's python3-torch (apt-get install -y python3-torch), JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY=/usr/bin/python3
DATA="${DATA:-training/.data}"
OUT="${OUT:-models}"
TRAIN_FRAMES="${TRAIN_FRAMES:-5000}"
VAL_FRAMES="${VAL_FRAMES:-400}"
TRAIN_SEED="${TRAIN_SEED:-1}"
VAL_SEED="${VAL_SEED:-2}"

export_synth() { # DIR FRAMES SEED
  local dir="$1" frames="$2" seed="$3"
  # the last commit that touched the generator: an export made by another generator version is not reused
  local generator
  generator="$(git log -1 --format=%h -- datasets/src/main/java/dev/triage/datasets/synthetic 2>/dev/null || echo unknown)"
  local cmd="bin/triage synth --out $dir --frames $frames --seed $seed  # generator at git $generator"
  if [ -f "$dir/labels.jsonl" ] && [ "$(wc -l < "$dir/labels.jsonl")" -eq "$frames" ] \
     && [ "$(cat "$dir/EXPORT_COMMAND.txt" 2>/dev/null)" = "$cmd" ]; then
    echo "reusing $dir ($cmd)"
    return
  fi
  rm -rf "$dir"
  echo "+ $cmd"
  bin/triage synth --out "$dir" --frames "$frames" --seed "$seed"
  echo "$cmd" > "$dir/EXPORT_COMMAND.txt"
}

export_synth "$DATA/train" "$TRAIN_FRAMES" "$TRAIN_SEED"
export_synth "$DATA/val" "$VAL_FRAMES" "$VAL_SEED"

$PY training/selftest.py --data "$DATA/val"
$PY training/train_gate.py --data "$DATA/train" --val "$DATA/val" --out "$OUT"
$PY training/train_urban.py --data "$DATA/train" --val "$DATA/val" --out "$OUT" --squeeze 1 1
$PY training/train_highway.py --data "$DATA/train" --val "$DATA/val" --out "$OUT"
$PY training/evaluate.py --val "$DATA/val" --models "$OUT"
