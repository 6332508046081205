#!/usr/bin/env bash
# Debian packages the tests and training need. Idempotent; quiet when everything is present.
# ROS 1 (Debian's own packages): rosmaster, rosbag record and the python rosbag API make real bags for the bag
# reader's tests (datasets, launch); rospy publishes the test frames.
set -euo pipefail
PACKAGES=(openjdk-17-jdk-headless maven python3-torch python3-numpy python3-pil
  ros-core rosbash ros-sensor-msgs ros-std-msgs python3-rosbag python3-sensor-msgs python3-std-msgs python3-genpy
  python3-roslz4 python3-rospy)
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
