/* Prints the idlc-generated marshalling ops of the top-level ROS 2 types Triage sends or receives, in the
 * text format of ros2/src/main/resources/dds/ops.txt; DdsOpsGuardTest compares both (run by the test setup). */
#include <stdio.h>
#include <stddef.h>
#include "ros2_types.c"
#define DUMP(T) do { \
  const dds_topic_descriptor_t *d = &T##_desc; \
  printf("%s size=%u align=%u flags=%u nops=%u ops=", d->m_typename, d->m_size, d->m_align, \
         d->m_flagset & ~DDS_TOPIC_XTYPES_METADATA, d->m_nops); \
  for (size_t i = 0; i < sizeof(T##_ops) / sizeof(uint32_t); i++) printf("%s%u", i ? "," : "", T##_ops[i]); \
  printf("\n"); } while (0)
int main(void) {
  DUMP(sensor_msgs_msg_dds__Image_);
  DUMP(sensor_msgs_msg_dds__CompressedImage_);
  DUMP(vision_msgs_msg_dds__Detection2DArray_);
  DUMP(diagnostic_msgs_msg_dds__DiagnosticArray_);
  DUMP(rosgraph_msgs_msg_dds__Clock_);
  DUMP(triage_msgs_msg_dds__SceneContext_);
  DUMP(triage_msgs_msg_dds__LaneArray_);
  DUMP(std_msgs_msg_dds__Float32_);
  DUMP(visualization_msgs_msg_dds__MarkerArray_);
  DUMP(sensor_msgs_msg_dds__CameraInfo_);
  DUMP(tf2_msgs_msg_dds__TFMessage_);
  DUMP(derived_object_msgs_msg_dds__ObjectArray_);
  return 0;
}
