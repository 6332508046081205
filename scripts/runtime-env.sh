# Process environment for every JVM that runs Triage's networks. Sourced by bin/triage, scripts/test.sh,
# scripts/golden.sh, bench/run.sh and the ROS node script; the surefire configuration in pom.xml sets the same
# values for the test JVMs. Each value can be overridden from the caller's environment.
#
# DJL_OFFLINE, OPT_OUT_TRACKING: DJL must never reach the network (no model-zoo lookups, no usage tracking).
# DNNL_MAX_CPU_ISA: AVX2 on AMD CPUs, where libtorch 2.5.1's oneDNN AVX-512 convolutions gave wrong outputs (the
#   AMD EPYC machines of earlier rounds; ShippedModelParityTest failed without the cap); ALL elsewhere, so that on an
#   Intel Xeon with AMX oneDNN runs the int8 models on its AMX tiles (the default detector 16.6 ms instead of 31.9 ms
#   on FBGEMM; inference's Int8Kernels then picks oneDNN; parity checked on that machine, 2026-12-07).
# OPENBLAS_NUM_THREADS=1: OpenCV's OpenBLAS must not start its own thread pool beside libtorch's.
# MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_: glibc returns freed multi-megabyte tensors to the kernel by
#   default, so every forward pass page-faults its activation buffers in again. For the 448x336 urban expert that
#   tripled the forward time in DJL (36.8 ms -> 11.4 ms median with these values; README, Performance). Tensors
#   below 64 MiB stay on the heap and up to 256 MiB of free heap is kept for reuse.
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
if [ -z "${DNNL_MAX_CPU_ISA:-}" ]; then
  if grep -q -m1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo 2>/dev/null; then DNNL_MAX_CPU_ISA=AVX2; else DNNL_MAX_CPU_ISA=ALL; fi
fi
export DNNL_MAX_CPU_ISA
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-67108864}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-268435456}"
