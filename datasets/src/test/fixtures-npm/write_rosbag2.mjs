// Writes rosbag2 test fixtures with independent, real writers (test helper of the datasets module):
//   MCAP files with @mcap/core's McapWriter (chunks compressed by @foxglove/wasm-zstd or lz4js, or none), and
//   CDR messages with @foxglove/rosmsg2-serialization from the ros2msg definitions below (parsed by @foxglove/rosmsg),
//   for write_db3.py, which stores them in a rosbag2 sqlite3 file.
//
// Usage: node write_rosbag2.mjs SPEC.json
// SPEC: {
//   "mcap": "out.mcap"              MCAP output (optional)
//   "cdrDir": "dir"                 also write each message's CDR bytes to dir/NNNNNN.cdr and dir/manifest.json
//   "compression": "zstd|lz4|none"  chunk compression (default zstd)
//   "chunked": true                 false: messages as top-level records
//   "chunkSize": 1048576            bytes of records per chunk
//   "summary": true                 false: no summary section (no repeated schemas/channels, no indexes, statistics)
//   "unfinished": false             true: stop without end(), as a recorder killed mid-recording leaves the file
//   "schemaText": {"TYPE": "..."}   replaces a type's stored definition (the CDR is still written with the real one)
//   "messages": [{"topic", "type", "logTime" (ns, string), "message": {...}, "dataFile": "bytes for message.data"}]
// }
import fs from "node:fs";
import path from "node:path";
import { McapWriter } from "@mcap/core";
import { parse } from "@foxglove/rosmsg";
import { MessageWriter } from "@foxglove/rosmsg2-serialization";
import zstd from "@foxglove/wasm-zstd";
import lz4 from "lz4js";

const SEP = "\n" + "=".repeat(80) + "\n";
const TIME = "int32 sec\nuint32 nanosec\n";
const HEADER = "builtin_interfaces/Time stamp\nstring frame_id\n";
const HEADER_DEPS = SEP + "MSG: std_msgs/Header\n" + HEADER + SEP + "MSG: builtin_interfaces/Time\n" + TIME;
const VECTOR3 = "float64 x\nfloat64 y\nfloat64 z\n";
// The ros2msg definitions as rosbag2 stores them: the type's .msg, then every type it uses (comments left out).
const DEFINITIONS = {
  "sensor_msgs/msg/Image": "# an uncompressed image\nstd_msgs/Header header\nuint32 height\nuint32 width\n"
    + "string encoding\nuint8 is_bigendian\nuint32 step\nuint8[] data\n" + HEADER_DEPS,
  "sensor_msgs/msg/CompressedImage": "std_msgs/Header header\nstring format\nuint8[] data\n" + HEADER_DEPS,
  "std_msgs/msg/String": "string data\n",
  "std_msgs/msg/Float32": "float32 data\n",
  "carla_msgs/msg/CarlaSpeedometer": "std_msgs/Header header\nfloat32 speed\n" + HEADER_DEPS,
  "nav_msgs/msg/Odometry": "std_msgs/Header header\nstring child_frame_id\n"
    + "geometry_msgs/PoseWithCovariance pose\ngeometry_msgs/TwistWithCovariance twist\n" + HEADER_DEPS
    + SEP + "MSG: geometry_msgs/PoseWithCovariance\ngeometry_msgs/Pose pose\nfloat64[36] covariance\n"
    + SEP + "MSG: geometry_msgs/Pose\ngeometry_msgs/Point position\ngeometry_msgs/Quaternion orientation\n"
    + SEP + "MSG: geometry_msgs/Point\n" + VECTOR3
    + SEP + "MSG: geometry_msgs/Quaternion\nfloat64 x 0\nfloat64 y 0\nfloat64 z 0\nfloat64 w 1\n"
    + SEP + "MSG: geometry_msgs/TwistWithCovariance\ngeometry_msgs/Twist twist\nfloat64[36] covariance\n"
    + SEP + "MSG: geometry_msgs/Twist\ngeometry_msgs/Vector3 linear\ngeometry_msgs/Vector3 angular\n"
    + SEP + "MSG: geometry_msgs/Vector3\n" + VECTOR3,
};

class FileWritable {
  constructor(file) { this.fd = fs.openSync(file, "w"); this.pos = 0n; }
  async write(buffer) { fs.writeSync(this.fd, buffer); this.pos += BigInt(buffer.byteLength); }
  position() { return this.pos; }
  close() { fs.closeSync(this.fd); }
}

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
await zstd.isLoaded;
const writers = new Map();
function serialize(type, message) {
  if (!DEFINITIONS[type]) { throw new Error("no definition for " + type); }
  if (!writers.has(type)) { writers.set(type, new MessageWriter(parse(DEFINITIONS[type], { ros2: true }))); }
  return writers.get(type).writeMessage(message);
}

const messages = spec.messages.map((m) => {
  const message = structuredClone(m.message);
  if (m.dataFile) { message.data = new Uint8Array(fs.readFileSync(m.dataFile)); }
  return { topic: m.topic, type: m.type, logTime: BigInt(m.logTime), cdr: serialize(m.type, message) };
});

if (spec.cdrDir) {
  fs.mkdirSync(spec.cdrDir, { recursive: true });
  const manifest = messages.map((m, i) => {
    const file = path.join(spec.cdrDir, String(i).padStart(6, "0") + ".cdr");
    fs.writeFileSync(file, m.cdr);
    return { topic: m.topic, type: m.type, logTime: m.logTime.toString(), file };
  });
  fs.writeFileSync(path.join(spec.cdrDir, "manifest.json"), JSON.stringify(manifest));
}

if (spec.mcap) {
  const compression = spec.compression ?? "zstd";
  const summary = spec.summary ?? true;
  const out = new FileWritable(spec.mcap);
  const writer = new McapWriter({
    writable: out,
    useChunks: spec.chunked ?? true,
    chunkSize: spec.chunkSize ?? 1024 * 1024,
    useStatistics: summary, useSummaryOffsets: summary, repeatSchemas: summary, repeatChannels: summary,
    useChunkIndex: summary, useMessageIndex: summary, useAttachmentIndex: summary, useMetadataIndex: summary,
    compressChunk: compression === "none" ? undefined : (data) => ({
      compression,
      compressedData: compression === "zstd" ? zstd.compress(data, 3) : lz4.compress(data),
    }),
  });
  await writer.start({ profile: "ros2", library: "triage-test-fixtures" });
  const channels = new Map();
  for (const m of messages) {
    if (!channels.has(m.topic)) {
      const text = spec.schemaText?.[m.type] ?? DEFINITIONS[m.type];
      const schemaId = await writer.registerSchema({ name: m.type, encoding: "ros2msg",
        data: new TextEncoder().encode(text) });
      channels.set(m.topic, await writer.registerChannel({ topic: m.topic, schemaId, messageEncoding: "cdr",
        metadata: new Map([["offered_qos_profiles", ""]]) }));
    }
    await writer.addMessage({ channelId: channels.get(m.topic), sequence: 0, logTime: m.logTime,
      publishTime: m.logTime, data: m.cdr });
  }
  if (!spec.unfinished) { await writer.end(); }
  out.close();
}
