"""Agreement of the detections that Triage itself (Java, DJL) wrote in two replays of the same frames, per source.

How the int8 detector's fidelity to the float one is measured on the engine that serves it (DJL's libtorch on
FBGEMM), where quantize_nanodet.py can only measure Python's oneDNN kernels. Replay the same frames once per model
file, with the urban expert at the same input, then compare:

    echo 'experts: {urban: {model: nanodet_m, input_width: 640, input_height: 384}}' > /tmp/float.yaml
    bin/triage replay ../shared/data --config /tmp/float.yaml --out /tmp/rep-float --no-video
    bin/triage replay ../shared/data --out /tmp/rep-int8 --no-video                  # the default: the int8 file
    /usr/bin/python3 training/detection_agreement.py /tmp/rep-float/detections.jsonl /tmp/rep-int8/detections.jsonl

For each frame that ran the urban expert alone in every run given, each run's pedestrian, cyclist and vehicle boxes are
matched to the other's at IoU 0.5, same class (common.matched_detections); "kept" is the share of the reference's
boxes the other run reproduces, "also" the share of the other run's boxes that the reference has, F1 their
harmonic mean. The source is a frame id's first path element (a set folder of ../shared/data).
"""
import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

CLASSES = ("pedestrian", "cyclist", "vehicle")


def urban_detections(jsonl):
    """{frame id: [(class, score, x1, y1, x2, y2)]} of the frames that ran the urban expert alone (a frame that also
    ran the highway expert has that expert's vehicles too, the same in both runs)."""
    out = {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["experts"] == ["urban"]:
                out[r["frame_id"]] = [(d["cls"], d["score"], d["x1"], d["y1"], d["x2"], d["y2"])
                                      for d in r["detections"] if d["cls"] in CLASSES]
    return out


def agreement(reference, other):
    """{source: [reference boxes kept by other, other boxes also in reference, reference count, other count]} over
    the frames that ran the urban expert alone in both runs (routing can differ where the budget decides whether a
    frame the gate is unsure of also runs the second expert)."""
    per = collections.defaultdict(lambda: [0, 0, 0, 0])
    for frame in reference.keys() & other.keys():
        ref, got = reference[frame], other[frame]
        s = per[frame.split("/")[0]]
        s[0] += C.matched_detections(ref, got)
        s[1] += C.matched_detections(got, ref)
        s[2] += len(ref)
        s[3] += len(got)
    return per


def rates(v):
    kept, also = v[0] / max(v[2], 1), v[1] / max(v[3], 1)
    return kept, also, 2 * kept * also / max(kept + also, 1e-9)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reference", help="detections.jsonl of the reference replay (the float file)")
    ap.add_argument("other", nargs="+", help="detections.jsonl of each replay to compare with it (all rows are scored "
                                             "on the frames that every run gave the urban expert alone)")
    a = ap.parse_args()
    reference = urban_detections(a.reference)
    others = {path: urban_detections(path) for path in a.other}
    common = set(reference).intersection(*others.values())   # the same frames for every row
    reference = {frame: reference[frame] for frame in common}
    for path, other in others.items():
        per = agreement(reference, other)
        total = [sum(v[i] for v in per.values()) for i in range(4)]
        print(f"{path}: {len(common)} frames, reference {total[2]} boxes, this run {total[3]}")
        print("| source | kept | also | F1 |\n|---|---|---|---|")
        for source, v in sorted(per.items()) + [("all", total)]:
            print("| {} | {:.3f} | {:.3f} | {:.3f} |".format(source, *rates(v)))


if __name__ == "__main__":
    main()
