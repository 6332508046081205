/* A ROS 2 peer in C on Cyclone DDS with idlc-generated types (what rmw_cyclonedds does underneath rclcpp), for
 * the ros2 tests. Built by the tests: idlc ../../main/resources/dds/ros2_types.idl && gcc ros2_peer.c ros2_types.c -lddsc.
 *
 *   ros2_peer camera IMAGE_TOPIC DET_TOPIC COUNT RATE_HZ FRAME_ID [reliable] [malformed] [rgb=FILE]
 *       publishes COUNT 640x480 rgb8 images (a grey ramp, or the 921600 raw rgb8 bytes of FILE; stamp
 *       sec = 1000 + i, nanosec = 1000 * i), best effort unless
 *       'reliable', at a fixed rate; with 'malformed' first sends images whose data does not match step x height;
 *       prints "det SEC NANOSEC FRAME_ID N RTT_US" for every Detection2DArray received on DET_TOPIC (reliable;
 *       RTT_US: microseconds from writing the image with that stamp to taking its detections), until 4 s after
 *       the last image; then "published COUNT". With 'jpeg=FILE' it publishes that file as
 *       sensor_msgs/CompressedImage (format "jpeg") instead, and the malformed samples are 7 bytes that are no JPEG.
 *   ros2_peer echo DET_TOPIC N
 *       prints every field of N Detection2DArray samples, one detection a line.
 *   ros2_peer markers MARKER_TOPIC N
 *       a reliable MarkerArray reader: prints "matched" once a writer matched, then every field of N
 *       MarkerArray samples: "ma COUNT" per array, then one "m ..." line per marker (see print_marker).
 *   ros2_peer stall DET_TOPIC SECONDS
 *       a slow subscriber: a reliable keep-all Detection2DArray reader limited to 10 samples that never takes;
 *       prints "matched" once a writer matched, then "held N" every second (N: samples waiting in its
 *       history, read without taking), and exits 0 after SECONDS.
 *   ros2_peer truth CAMERA_INFO_TOPIC TF_TOPIC OBJECTS_TOPIC
 *       reliable readers of sensor_msgs CameraInfo, tf2_msgs TFMessage and derived_object_msgs ObjectArray: prints
 *       "ready", then every field of the first sample of each ("ci ...", "tf ..." + "t ..." per transform, "oa ..." +
 *       "o ..." per object), in the order they come.
 * DDS topic names are passed as they are (rt/...). Exit 0 on success, 2 when no match came within 20 s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dds/dds.h"
#include "ros2_types.h"

static dds_entity_t participant(void) {
  const char *d = getenv("ROS_DOMAIN_ID");
  dds_entity_t p = dds_create_participant(d ? (dds_domainid_t) atoi(d) : 0, NULL, NULL);
  if (p < 0) { fprintf(stderr, "participant: %s\n", dds_strretcode(p)); exit(1); }
  return p;
}

static dds_qos_t *qos(int reliable, int depth) {
  dds_qos_t *q = dds_create_qos();
  dds_qset_reliability(q, reliable ? DDS_RELIABILITY_RELIABLE : DDS_RELIABILITY_BEST_EFFORT, DDS_MSECS(100));
  dds_qset_history(q, DDS_HISTORY_KEEP_LAST, depth);
  return q;
}

/* camera mode: when image i was written (dds_time), to print each detection's round trip */
static dds_time_t *sent_at = NULL;
static int sent_n = 0;

static int drain_detections(dds_entity_t reader, int print_all) {
  void *samples[8] = {0};
  dds_sample_info_t infos[8];
  int got = 0;
  for (;;) {
    int n = dds_take(reader, samples, infos, 8, 8);
    if (n <= 0) break;
    for (int i = 0; i < n; i++) {
      if (!infos[i].valid_data) continue;
      const vision_msgs_msg_dds__Detection2DArray_ *a = samples[i];
      got++;
      int idx = a->header.stamp.sec - 1000;
      long long rtt_us = sent_at && idx >= 0 && idx < sent_n && sent_at[idx] ? (dds_time() - sent_at[idx]) / 1000 : -1;
      printf("det %d %u %s %u %lld\n", a->header.stamp.sec, a->header.stamp.nanosec, a->header.frame_id,
             a->detections._length, rtt_us);
      if (print_all) {
        for (uint32_t k = 0; k < a->detections._length; k++) {
          const vision_msgs_msg_dds__Detection2D_ *d = &a->detections._buffer[k];
          printf("d %d %u %s id=%s n=%u", d->header.stamp.sec, d->header.stamp.nanosec, d->header.frame_id, d->id,
                 d->results._length);
          for (uint32_t h = 0; h < d->results._length; h++)
            printf(" class=%s score=%.4f w=%.1f", d->results._buffer[h].hypothesis.class_id,
                   d->results._buffer[h].hypothesis.score, d->results._buffer[h].pose.pose.orientation.w);
          printf(" cx=%.3f cy=%.3f theta=%.3f sx=%.3f sy=%.3f\n", d->bbox.center.position.x,
                 d->bbox.center.position.y, d->bbox.center.theta, d->bbox.size_x, d->bbox.size_y);
        }
      }
    }
    dds_return_loan(reader, samples, n);
  }
  fflush(stdout);
  return got;
}

static int wait_matched(dds_entity_t e, int writer) {
  for (int i = 0; i < 400; i++) {
    if (writer) {
      dds_publication_matched_status_t s;
      if (dds_get_publication_matched_status(e, &s) == 0 && s.current_count > 0) return 1;
    } else {
      dds_subscription_matched_status_t s;
      if (dds_get_subscription_matched_status(e, &s) == 0 && s.current_count > 0) return 1;
    }
    dds_sleepfor(DDS_MSECS(50));
  }
  return 0;
}

static int camera(int argc, char **argv) {
  const char *image_topic = argv[2], *det_topic = argv[3], *frame_id = argv[6];
  int count = atoi(argv[4]);
  double rate = atof(argv[5]);
  int reliable = 0, malformed = 0;
  const char *jpeg_path = NULL, *rgb_path = NULL;
  for (int i = 7; i < argc; i++) {
    if (!strcmp(argv[i], "reliable")) reliable = 1;
    if (!strcmp(argv[i], "malformed")) malformed = 1;
    if (!strncmp(argv[i], "jpeg=", 5)) jpeg_path = argv[i] + 5;
    if (!strncmp(argv[i], "rgb=", 4)) rgb_path = argv[i] + 4;
  }
  uint8_t *jpeg = NULL;
  uint32_t jpeg_len = 0;
  if (jpeg_path) {
    FILE *f = fopen(jpeg_path, "rb");
    if (!f) { perror(jpeg_path); return 1; }
    fseek(f, 0, SEEK_END);
    jpeg_len = (uint32_t) ftell(f);
    fseek(f, 0, SEEK_SET);
    jpeg = malloc(jpeg_len);
    if (fread(jpeg, 1, jpeg_len, f) != jpeg_len) { fclose(f); return 1; }
    fclose(f);
  }
  dds_entity_t p = participant();
  dds_entity_t it = dds_create_topic(p, jpeg ? &sensor_msgs_msg_dds__CompressedImage__desc
                                             : &sensor_msgs_msg_dds__Image__desc, image_topic, NULL, NULL);
  dds_entity_t dt = dds_create_topic(p, &vision_msgs_msg_dds__Detection2DArray__desc, det_topic, NULL, NULL);
  dds_qos_t *wq = qos(reliable, 5), *rq = qos(1, 10);
  dds_entity_t w = dds_create_writer(p, it, wq, NULL);
  dds_entity_t r = dds_create_reader(p, dt, rq, NULL);
  dds_delete_qos(wq);
  dds_delete_qos(rq);
  if (w < 0 || r < 0) { fprintf(stderr, "writer/reader: %d %d\n", w, r); return 1; }
  if (!wait_matched(w, 1) || !wait_matched(r, 0)) { fprintf(stderr, "no match\n"); return 2; }
  dds_sleepfor(DDS_MSECS(300));  /* let the node's reader see us too */
  const uint32_t width = 640, height = 480;
  uint8_t *px = malloc(width * height * 3);
  for (uint32_t y = 0; y < height; y++)
    for (uint32_t x = 0; x < width * 3; x++) px[y * width * 3 + x] = (uint8_t) ((x / 3) * 255 / (width - 1));
  if (rgb_path) {
    FILE *f = fopen(rgb_path, "rb");
    size_t got = f ? fread(px, 1, width * height * 3, f) : 0;
    if (f) fclose(f);
    if (got != width * height * 3) { fprintf(stderr, "%s: not 640x480 rgb8 bytes\n", rgb_path); return 1; }
  }
  sensor_msgs_msg_dds__Image_ img;
  memset(&img, 0, sizeof img);
  img.header.frame_id = (char *) frame_id;
  img.height = height;
  img.width = width;
  img.encoding = "rgb8";
  img.step = width * 3;
  img.data._buffer = px;
  img.data._release = false;
  sensor_msgs_msg_dds__CompressedImage_ cimg;
  memset(&cimg, 0, sizeof cimg);
  cimg.header.frame_id = (char *) frame_id;
  cimg.format = "jpeg";
  cimg.data._buffer = jpeg;
  cimg.data._release = false;
  void *sample = jpeg ? (void *) &cimg : (void *) &img;
  dds_duration_t period = (dds_duration_t) (1e9 / rate);
  sent_at = calloc((size_t) count + 1, sizeof *sent_at);
  sent_n = count;
  if (malformed) {  /* 7 bytes for a 640x480 rgb8 image; or 7 bytes that are not a JPEG */
    img.header.stamp.sec = cimg.header.stamp.sec = 999;
    img.data._length = img.data._maximum = cimg.data._length = cimg.data._maximum = 7;
    for (int k = 0; k < 3; k++) { dds_write(w, sample); dds_sleepfor(period); }
  }
  img.data._length = img.data._maximum = width * height * 3;
  cimg.data._length = cimg.data._maximum = jpeg_len;
  dds_time_t start = dds_time();
  for (int i = 0; i < count; i++) {
    img.header.stamp.sec = cimg.header.stamp.sec = 1000 + i;
    img.header.stamp.nanosec = cimg.header.stamp.nanosec = 1000u * (uint32_t) i;
    sent_at[i] = dds_time();
    dds_return_t rc = dds_write(w, sample);
    if (rc < 0) fprintf(stderr, "write: %s\n", dds_strretcode(rc));
    dds_time_t next = start + (dds_time_t) (i + 1) * period;
    do {  /* fixed rate; collect detections while waiting */
      drain_detections(r, 0);
      dds_time_t left = next - dds_time();
      if (left > 0) dds_sleepfor(left > DDS_USECS(250) ? DDS_USECS(250) : left);
    } while (dds_time() < next);
  }
  dds_time_t end = dds_time() + DDS_SECS(4);
  while (dds_time() < end) { drain_detections(r, 0); dds_sleepfor(DDS_MSECS(20)); }
  printf("published %d\n", count);
  fflush(stdout);
  free(px);
  free(jpeg);
  dds_delete(p);
  return 0;
}

/* a reliable keep-last-10 reader of TOPIC with the type DESC */
static dds_entity_t reliable_reader(dds_entity_t p, const dds_topic_descriptor_t *desc, const char *topic) {
  dds_entity_t t = dds_create_topic(p, desc, topic, NULL, NULL);
  dds_qos_t *rq = qos(1, 10);
  dds_entity_t r = dds_create_reader(p, t, rq, NULL);
  dds_delete_qos(rq);
  return r;
}

static int echo(char **argv) {
  int want = atoi(argv[3]);
  dds_entity_t p = participant();
  dds_entity_t r = reliable_reader(p, &vision_msgs_msg_dds__Detection2DArray__desc, argv[2]);
  printf("ready\n");
  fflush(stdout);
  int got = 0;
  dds_time_t end = dds_time() + DDS_SECS(20);
  while (got < want && dds_time() < end) { got += drain_detections(r, 1); dds_sleepfor(DDS_MSECS(10)); }
  dds_delete(p);
  return got >= want ? 0 : 2;
}

static void print_marker(const visualization_msgs_msg_dds__Marker_ *m) {
  printf("m %d %u %s ns=%s id=%d type=%d action=%d pose=%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f scale=%.3f,%.3f,%.3f"
         " color=%.4f,%.4f,%.4f,%.4f life=%d.%09u locked=%d colors=%u tex=[%s] texfmt=[%s] texdata=%u uv=%u"
         " text=[%s] mesh=[%s] meshfile=[%s]:%u embedded=%d pts=", m->header.stamp.sec, m->header.stamp.nanosec,
         m->header.frame_id, m->ns, m->id, m->type, m->action, m->pose.position.x, m->pose.position.y,
         m->pose.position.z, m->pose.orientation.x, m->pose.orientation.y, m->pose.orientation.z,
         m->pose.orientation.w, m->scale.x, m->scale.y, m->scale.z, m->color.r, m->color.g, m->color.b, m->color.a,
         m->lifetime.sec, m->lifetime.nanosec, m->frame_locked, m->colors._length, m->texture_resource,
         m->texture.format, m->texture.data._length, m->uv_coordinates._length, m->text, m->mesh_resource,
         m->mesh_file.filename, m->mesh_file.data._length, m->mesh_use_embedded_materials);
  for (uint32_t k = 0; k < m->points._length; k++)
    printf("%s%.3f:%.3f:%.3f", k ? ";" : "", m->points._buffer[k].x, m->points._buffer[k].y, m->points._buffer[k].z);
  printf("\n");
}

static int markers(char **argv) {
  int want = atoi(argv[3]);
  dds_entity_t p = participant();
  dds_entity_t r = reliable_reader(p, &visualization_msgs_msg_dds__MarkerArray__desc, argv[2]);
  if (r < 0 || !wait_matched(r, 0)) { fprintf(stderr, "no match\n"); return 2; }
  printf("matched\n");
  fflush(stdout);
  int got = 0;
  dds_time_t end = dds_time() + DDS_SECS(30);
  while (got < want && dds_time() < end) {
    void *samples[8] = {0};
    dds_sample_info_t infos[8];
    int n = dds_take(r, samples, infos, 8, 8);
    if (n <= 0) { dds_sleepfor(DDS_MSECS(10)); continue; }
    for (int i = 0; i < n; i++) {
      if (!infos[i].valid_data) continue;
      const visualization_msgs_msg_dds__MarkerArray_ *a = samples[i];
      printf("ma %u\n", a->markers._length);
      for (uint32_t k = 0; k < a->markers._length; k++) print_marker(&a->markers._buffer[k]);
      got++;
    }
    dds_return_loan(r, samples, n);
    fflush(stdout);
  }
  dds_delete(p);
  return got >= want ? 0 : 2;
}

static int stall(char **argv) {
  int seconds = atoi(argv[3]);
  dds_entity_t p = participant();
  dds_entity_t dt = dds_create_topic(p, &vision_msgs_msg_dds__Detection2DArray__desc, argv[2], NULL, NULL);
  dds_qos_t *rq = qos(1, 10);
  dds_qset_history(rq, DDS_HISTORY_KEEP_ALL, 0);
  dds_qset_resource_limits(rq, 10, DDS_LENGTH_UNLIMITED, 10);
  dds_entity_t r = dds_create_reader(p, dt, rq, NULL);
  dds_delete_qos(rq);
  if (r < 0 || !wait_matched(r, 0)) { fprintf(stderr, "no match\n"); return 2; }
  printf("matched\n");
  fflush(stdout);
  for (int s = 0; s < seconds; s++) {
    dds_sleepfor(DDS_SECS(1));
    void *samples[16] = {0};
    dds_sample_info_t infos[16];
    int n = dds_read(r, samples, infos, 16, 16);  /* read, not take: the history stays full */
    if (n > 0) dds_return_loan(r, samples, n);
    printf("held %d\n", n);
    fflush(stdout);
  }
  dds_delete(p);
  return 0;
}

static void print_truth(int which, const void *sample) {
  if (which == 0) {
    const sensor_msgs_msg_dds__CameraInfo_ *c = sample;
    printf("ci %d %u %s %ux%u %s d=", c->header.stamp.sec, c->header.stamp.nanosec, c->header.frame_id, c->width,
           c->height, c->distortion_model);
    for (uint32_t k = 0; k < c->d._length; k++) printf("%s%g", k ? "," : "", c->d._buffer[k]);
    printf(" k=");
    for (int k = 0; k < 9; k++) printf("%s%g", k ? "," : "", c->k[k]);
    printf(" r=");
    for (int k = 0; k < 9; k++) printf("%s%g", k ? "," : "", c->r[k]);
    printf(" p=");
    for (int k = 0; k < 12; k++) printf("%s%g", k ? "," : "", c->p[k]);
    printf(" bin=%u,%u roi=%u,%u,%u,%u,%d\n", c->binning_x, c->binning_y, c->roi.x_offset, c->roi.y_offset,
           c->roi.height, c->roi.width, c->roi.do_rectify);
  } else if (which == 1) {
    const tf2_msgs_msg_dds__TFMessage_ *m = sample;
    printf("tf %u\n", m->transforms._length);
    for (uint32_t k = 0; k < m->transforms._length; k++) {
      const geometry_msgs_msg_dds__TransformStamped_ *t = &m->transforms._buffer[k];
      printf("t %d %u %s <- %s %g,%g,%g %g,%g,%g,%g\n", t->header.stamp.sec, t->header.stamp.nanosec,
             t->header.frame_id, t->child_frame_id, t->transform.translation.x, t->transform.translation.y,
             t->transform.translation.z, t->transform.rotation.x, t->transform.rotation.y, t->transform.rotation.z,
             t->transform.rotation.w);
    }
  } else {
    const derived_object_msgs_msg_dds__ObjectArray_ *a = sample;
    printf("oa %d %u %s %u\n", a->header.stamp.sec, a->header.stamp.nanosec, a->header.frame_id, a->objects._length);
    for (uint32_t k = 0; k < a->objects._length; k++) {
      const derived_object_msgs_msg_dds__Object_ *o = &a->objects._buffer[k];
      printf("o %d %u %s id=%u level=%u classified=%d pose=%g,%g,%g,%g,%g,%g,%g twist=%g accel=%g polygon=%u "
             "shape=%u dims=", o->header.stamp.sec, o->header.stamp.nanosec, o->header.frame_id, o->id,
             o->detection_level, o->object_classified, o->pose.position.x, o->pose.position.y, o->pose.position.z,
             o->pose.orientation.x, o->pose.orientation.y, o->pose.orientation.z, o->pose.orientation.w,
             o->twist.linear.x + o->twist.angular.z, o->accel.linear.x + o->accel.angular.z, o->polygon.points._length,
             o->shape.type);
      for (uint32_t j = 0; j < o->shape.dimensions._length; j++)
        printf("%s%g", j ? "," : "", o->shape.dimensions._buffer[j]);
      printf(" shape_polygon=%u class=%u certainty=%u age=%u\n", o->shape.polygon.points._length,
             o->classification, o->classification_certainty, o->classification_age);
    }
  }
}

static int truth(char **argv) {
  const dds_topic_descriptor_t *descs[3] = {&sensor_msgs_msg_dds__CameraInfo__desc,
                                            &tf2_msgs_msg_dds__TFMessage__desc,
                                            &derived_object_msgs_msg_dds__ObjectArray__desc};
  dds_entity_t p = participant();
  dds_entity_t readers[3];
  for (int i = 0; i < 3; i++) readers[i] = reliable_reader(p, descs[i], argv[2 + i]);
  printf("ready\n");
  fflush(stdout);
  int got[3] = {0, 0, 0};
  dds_time_t end = dds_time() + DDS_SECS(20);
  while (!(got[0] && got[1] && got[2]) && dds_time() < end) {
    for (int i = 0; i < 3; i++) {
      if (got[i]) continue;
      void *samples[1] = {0};
      dds_sample_info_t infos[1];
      int n = dds_take(readers[i], samples, infos, 1, 1);
      if (n > 0 && infos[0].valid_data) {
        print_truth(i, samples[0]);
        got[i] = 1;
        fflush(stdout);
      }
      if (n > 0) dds_return_loan(readers[i], samples, n);
    }
    dds_sleepfor(DDS_MSECS(10));
  }
  dds_delete(p);
  return got[0] && got[1] && got[2] ? 0 : 2;
}

int main(int argc, char **argv) {
  if (argc >= 7 && !strcmp(argv[1], "camera")) return camera(argc, argv);
  if (argc == 4 && !strcmp(argv[1], "echo")) return echo(argv);
  if (argc == 4 && !strcmp(argv[1], "stall")) return stall(argv);
  if (argc == 4 && !strcmp(argv[1], "markers")) return markers(argv);
  if (argc == 5 && !strcmp(argv[1], "truth")) return truth(argv);
  fprintf(stderr, "usage: see ros2_peer.c\n");
  return 1;
}
