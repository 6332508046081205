/**
 * What the ROS 1 bag reader and the rosbag2 readers share: the image message record, the field-reader abstraction
 * over the two wire formats, and the image message bodies both ROS versions lay out alike.
 */
package dev.triage.datasets.rosmsg;
