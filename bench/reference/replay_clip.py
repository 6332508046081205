#!/usr/bin/python3
"""Python counterpart of `bin/triage replay VIDEO --no-video` for the frames-per-second comparison of issue 20:
reads a video with OpenCV, converts each frame to RGB and runs the reference's per-frame work on it
(reference_work.py: gate, one expert, its decoder), one frame after another, as a plain script would. Prints one
JSON line: frames, wall seconds, frames per second, process CPU ms per frame, torch threads, load average.

    /usr/bin/python3 bench/reference/replay_clip.py ../shared/data/udacity_highway_p1/videos/solidWhiteRight.mp4 \
        [--threads N] [--frames N]
"""
import argparse
import json
import os
import sys
import time

import cv2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_work import ReferenceWork  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("video")
    ap.add_argument("--threads", type=int, default=None, help="torch intra-op threads (default: torch's, one a core)")
    ap.add_argument("--frames", type=int, default=0, help="stop after N frames (0: the whole video)")
    args = ap.parse_args()
    work = ReferenceWork(args.threads)
    capture = cv2.VideoCapture(args.video)
    if not capture.isOpened():
        sys.exit(f"replay_clip: cannot open video {args.video}")
    load_before = os.getloadavg()[0]
    frames = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while args.frames == 0 or frames < args.frames:
        ok, bgr = capture.read()
        if not ok:
            break
        work.detect(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
        frames += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(json.dumps({"frames": frames, "wall_s": round(wall, 3), "fps": round(frames / wall, 2),
                      "cpu_ms_per_frame": round(cpu * 1000 / max(1, frames), 2), "threads": work.threads,
                      "load_average_start": load_before, "load_average_end": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
