/* A ROS 2 peer in C++ on eProsima Fast DDS 2.9 (the DDS under rmw_fastrtps_cpp) with fastddsgen-generated types
 * from idl/ros2_types.idl, for the cross-vendor tests of the ros2 and launch modules. Built by the tests:
 *   fastddsgen -replace ros2_types.idl && g++ fastdds_peer.cpp ros2_types.cxx ros2_typesPubSubTypes.cxx
 *       -lfastrtps -lfastcdr
 * ROS 2 naming as the rmw layers do it: DDS topics rt/..., types sensor_msgs::msg::dds_::Image_, XCDR1.
 *
 * The participant is created from the XML profile "triage_loopback" only (FASTRTPS_DEFAULT_PROFILES_FILE must name
 * ros2/fastdds-loopback.xml: UDPv4 on 127.0.0.1, no shared memory, no multicast, initial peers on 127.0.0.1); without
 * it the peer exits 1 instead of falling back to Fast DDS's defaults (every interface, multicast).
 *
 *   fastdds_peer camera IMAGE_TOPIC DET_TOPIC COUNT RATE_HZ FRAME_ID [malformed] [rgb=FILE]
 *       publishes COUNT 640x480 rgb8 images (a horizontal grey ramp, or the 921600 raw rgb8 bytes of FILE)
 *       best effort, keep last 5 (SensorDataQoS; stamp sec = 1000 + i,
 *       nanosec = 1000 * i) at a fixed rate, and prints every Detection2DArray it takes from DET_TOPIC (reliable,
 *       keep last 10) field by field (see print_detections) until 2 s after the last image; then
 *       "published COUNT". With 'malformed', after every good image it also writes a sample under the same type
 *       name whose bytes are not a valid Image_ (truncated, a string or sequence length past the end, a string
 *       without its NUL; stamp sec 999 where it gets that far).
 * Exit 0 on success, 2 when no match came within 20 s. */
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <fastdds/dds/domain/DomainParticipant.hpp>
#include <fastdds/dds/domain/DomainParticipantFactory.hpp>
#include <fastdds/dds/publisher/DataWriter.hpp>
#include <fastdds/dds/publisher/Publisher.hpp>
#include <fastdds/dds/subscriber/DataReader.hpp>
#include <fastdds/dds/subscriber/SampleInfo.hpp>
#include <fastdds/dds/subscriber/Subscriber.hpp>
#include <fastdds/dds/topic/TopicDataType.hpp>
#include <fastdds/dds/topic/TypeSupport.hpp>

#include "ros2_typesPubSubTypes.h"

using namespace eprosima::fastdds::dds;
using eprosima::fastrtps::rtps::SerializedPayload_t;
using Clock = std::chrono::steady_clock;
namespace sm = sensor_msgs::msg::dds_;
namespace vm = vision_msgs::msg::dds_;

namespace {

DomainParticipant* participant() {
  const char* profiles = std::getenv("FASTRTPS_DEFAULT_PROFILES_FILE");
  if (profiles == nullptr) {
    std::fprintf(stderr, "FASTRTPS_DEFAULT_PROFILES_FILE must name the loopback profile file\n");
    std::exit(1);
  }
  const char* d = std::getenv("ROS_DOMAIN_ID");
  DomainParticipant* p = DomainParticipantFactory::get_instance()->create_participant_with_profile(
      d ? std::atoi(d) : 0, "triage_loopback");
  if (p == nullptr) {
    std::fprintf(stderr, "no participant from profile triage_loopback in %s\n", profiles);
    std::exit(1);
  }
  return p;
}

/* The ROS 2 profiles' policies on a writer's or reader's QoS: volatile, keep last DEPTH, no data sharing; the
 * history may grow per sample (the types are unbounded). */
template <typename Qos>
Qos ros_qos(Qos q, ReliabilityQosPolicyKind reliability, int32_t depth) {
  q.reliability().kind = reliability;
  q.durability().kind = VOLATILE_DURABILITY_QOS;
  q.history().kind = KEEP_LAST_HISTORY_QOS;
  q.history().depth = depth;
  q.endpoint().history_memory_policy = eprosima::fastrtps::rtps::PREALLOCATED_WITH_REALLOC_MEMORY_MODE;
  q.data_sharing().off();
  return q;
}

/* SensorDataQoS: best effort, keep last 5; asynchronous as in rmw_fastrtps (large samples are fragmented). */
DataWriterQos sensor_writer_qos(const Publisher* pub) {
  DataWriterQos q = ros_qos(pub->get_default_datawriter_qos(), BEST_EFFORT_RELIABILITY_QOS, 5);
  q.publish_mode().kind = ASYNCHRONOUS_PUBLISH_MODE;
  return q;
}

/* Same lines as ros2_peer.c: "det SEC NANOSEC FRAME_ID N -1", then one "d ..." line per detection. */
int print_detections(DataReader* reader) {
  int got = 0;
  vm::Detection2DArray_ a;
  SampleInfo info;
  while (reader->take_next_sample(&a, &info) == ReturnCode_t::RETCODE_OK) {
    if (!info.valid_data) continue;
    got++;
    std::printf("det %d %u %s %zu -1\n", a.header().stamp().sec(), a.header().stamp().nanosec(),
                a.header().frame_id().c_str(), a.detections().size());
    for (const vm::Detection2D_& d : a.detections()) {
      std::printf("d %d %u %s id=%s n=%zu", d.header().stamp().sec(), d.header().stamp().nanosec(),
                  d.header().frame_id().c_str(), d.id().c_str(), d.results().size());
      for (const vm::ObjectHypothesisWithPose_& h : d.results())
        std::printf(" class=%s score=%.4f w=%.1f", h.hypothesis().class_id().c_str(), h.hypothesis().score(),
                    h.pose().pose().orientation().w());
      std::printf(" cx=%.3f cy=%.3f theta=%.3f sx=%.3f sy=%.3f\n", d.bbox().center().position().x(),
                  d.bbox().center().position().y(), d.bbox().center().theta(), d.bbox().size_x(), d.bbox().size_y());
    }
  }
  std::fflush(stdout);
  return got;
}

bool wait_matched(DataWriter* w, DataReader* r) {
  for (int i = 0; i < 400; i++) {
    PublicationMatchedStatus ws;
    SubscriptionMatchedStatus rs;
    bool ok = true;
    if (w != nullptr) ok = w->get_publication_matched_status(ws) == ReturnCode_t::RETCODE_OK && ws.current_count > 0;
    if (ok && r != nullptr)
      ok = r->get_subscription_matched_status(rs) == ReturnCode_t::RETCODE_OK && rs.current_count > 0;
    if (ok) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

/* What the camera writes: a good Image_, or (malformed_variant >= 0) bytes that only claim to be one. */
struct CameraSample {
  sm::Image_ image;
  int malformed_variant = -1;
};

/* sensor_msgs::msg::dds_::Image_ under its ROS 2 name, serialising good images with the generated code and
 * malformed ones by hand; the node's reader cannot tell the two writers apart by anything but the bytes. */
class CameraType : public TopicDataType {
 public:
  CameraType() {
    setName("sensor_msgs::msg::dds_::Image_");
    m_typeSize = 4 + 64;  /* grows per sample through getSerializedSizeProvider */
    m_isGetKeyDefined = false;
  }

  bool serialize(void* data, SerializedPayload_t* payload) override {
    auto* s = static_cast<CameraSample*>(data);
    if (s->malformed_variant < 0) return good_.serialize(&s->image, payload);
    std::vector<uint8_t> bytes = malformed(s->malformed_variant);
    if (bytes.size() > payload->max_size) return false;
    std::memcpy(payload->data, bytes.data(), bytes.size());
    payload->length = static_cast<uint32_t>(bytes.size());
    payload->encapsulation = CDR_LE;
    return true;
  }

  bool deserialize(SerializedPayload_t*, void*) override { return false; }  /* write only */

  std::function<uint32_t()> getSerializedSizeProvider(void* data) override {
    auto* s = static_cast<CameraSample*>(data);
    if (s->malformed_variant < 0) return good_.getSerializedSizeProvider(&s->image);
    size_t n = malformed(s->malformed_variant).size();
    return [n]() { return static_cast<uint32_t>(n); };
  }

  void* createData() override { return new CameraSample(); }
  void deleteData(void* data) override { delete static_cast<CameraSample*>(data); }
  bool getKey(void*, eprosima::fastrtps::rtps::InstanceHandle_t*, bool) override { return false; }

  /* XCDR1 little endian after the 00 01 00 00 header (4 bytes, so offsets align as in the body); each variant
   * breaks the Image_ layout differently. */
  static std::vector<uint8_t> malformed(int variant) {
    std::vector<uint8_t> b = {0x00, 0x01, 0x00, 0x00};
    auto pad4 = [&b]() { while (b.size() % 4) b.push_back(0); };
    auto u32 = [&b](uint32_t v) {
      for (int k = 0; k < 4; k++) b.push_back(static_cast<uint8_t>(v >> (8 * k)));
    };
    auto str = [&](const char* s) {  /* a well-formed CDR string: length with NUL, bytes, NUL */
      u32(static_cast<uint32_t>(std::strlen(s) + 1));
      b.insert(b.end(), s, s + std::strlen(s) + 1);
      pad4();
    };
    u32(999);  /* stamp.sec */
    u32(0);    /* stamp.nanosec */
    switch (variant % 4) {
      case 0:  /* cut right after the stamp */
        break;
      case 1:  /* frame_id's length runs far past the end of the sample */
        u32(0x7ffffff0u);
        b.insert(b.end(), {'c', 'a', 'm', 0});
        break;
      case 2:  /* the pixel sequence claims 100 MB, 16 bytes follow */
        str("cam");
        u32(480);
        u32(640);
        str("rgb8");
        b.push_back(0);  /* is_bigendian */
        pad4();
        u32(1920);
        u32(100000000u);
        b.insert(b.end(), 16, 7);
        break;
      default:  /* the encoding string has no NUL terminator */
        str("cam");
        u32(480);
        u32(640);
        u32(4);
        b.insert(b.end(), {'r', 'g', 'b', '8'});
        b.push_back(0);  /* is_bigendian */
        pad4();
        u32(1920);
        u32(0);
        break;
    }
    return b;
  }

 private:
  sm::Image_PubSubType good_;
};

int camera(int argc, char** argv) {
  const char *image_topic = argv[2], *det_topic = argv[3], *frame_id = argv[6];
  int count = std::atoi(argv[4]);
  double rate = std::atof(argv[5]);
  bool with_malformed = false;
  const char* rgb_path = nullptr;
  for (int i = 7; i < argc; i++) {
    if (std::strcmp(argv[i], "malformed") == 0) with_malformed = true;
    if (std::strncmp(argv[i], "rgb=", 4) == 0) rgb_path = argv[i] + 4;
  }
  DomainParticipant* p = participant();
  TypeSupport image_type(new CameraType());
  TypeSupport det_type(new vm::Detection2DArray_PubSubType());
  image_type.register_type(p);
  det_type.register_type(p);
  Topic* it = p->create_topic(image_topic, image_type.get_type_name(), TOPIC_QOS_DEFAULT);
  Topic* dt = p->create_topic(det_topic, det_type.get_type_name(), TOPIC_QOS_DEFAULT);
  Publisher* pub = p->create_publisher(PUBLISHER_QOS_DEFAULT);
  Subscriber* sub = p->create_subscriber(SUBSCRIBER_QOS_DEFAULT);
  DataWriter* w = pub->create_datawriter(it, sensor_writer_qos(pub));
  DataReader* r =
      sub->create_datareader(dt, ros_qos(sub->get_default_datareader_qos(), RELIABLE_RELIABILITY_QOS, 10));
  if (w == nullptr || r == nullptr) { std::fprintf(stderr, "writer/reader failed\n"); return 1; }
  if (!wait_matched(w, r)) { std::fprintf(stderr, "no match\n"); return 2; }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  /* let the node's reader see us too */
  const uint32_t width = 640, height = 480;
  CameraSample good;
  good.image.header().frame_id(frame_id);
  good.image.height(height);
  good.image.width(width);
  good.image.encoding("rgb8");
  good.image.step(width * 3);
  std::vector<uint8_t>& px = good.image.data();
  px.resize(static_cast<size_t>(width) * height * 3);
  for (uint32_t y = 0; y < height; y++)
    for (uint32_t x = 0; x < width * 3; x++) px[y * width * 3 + x] = static_cast<uint8_t>((x / 3) * 255 / (width - 1));
  if (rgb_path != nullptr) {
    FILE* f = std::fopen(rgb_path, "rb");
    if (f == nullptr || std::fread(px.data(), 1, px.size(), f) != px.size()) {
      std::fprintf(stderr, "%s: not %zu bytes of 640x480 rgb8\n", rgb_path, px.size());
      return 1;
    }
    std::fclose(f);
  }
  CameraSample bad;
  auto period = std::chrono::nanoseconds(static_cast<long long>(1e9 / rate));
  auto start = Clock::now();
  for (int i = 0; i < count; i++) {
    good.image.header().stamp().sec(1000 + i);
    good.image.header().stamp().nanosec(1000u * static_cast<uint32_t>(i));
    if (!w->write(&good)) std::fprintf(stderr, "write %d failed\n", i);
    if (with_malformed) {
      bad.malformed_variant = i;
      if (!w->write(&bad)) std::fprintf(stderr, "malformed write %d failed\n", i);
    }
    auto next = start + (i + 1) * period;
    while (Clock::now() < next) {  /* fixed rate; collect detections while waiting */
      print_detections(r);
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }
  auto end = Clock::now() + std::chrono::seconds(2);
  while (Clock::now() < end) { print_detections(r); std::this_thread::sleep_for(std::chrono::milliseconds(20)); }
  std::printf("published %d\n", count);
  std::fflush(stdout);
  p->delete_contained_entities();
  DomainParticipantFactory::get_instance()->delete_participant(p);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 7 && std::strcmp(argv[1], "camera") == 0) return camera(argc, argv);
  std::fprintf(stderr, "usage: see fastdds_peer.cpp\n");
  return 1;
}
