/**
 * ROS 1 messages of carla-ros-bridge that the ros-client module lacks (tf2_msgs/TFMessage, derived_object_msgs/ObjectArray
 * and their parts), on the ros-client module's codec layer; their .msg files live under {@code msg/} in this module's
 * resources.
 */
package dev.triage.simbridge.msg;
