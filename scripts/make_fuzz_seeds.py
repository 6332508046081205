#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz tests (issue 15) from real ROS 1 encoders: rospy's handshake header and genpy
serialization (TCPROS), Python's xmlrpc.client as rospy and rosmaster use it (XML-RPC), Debian's rosbag (bags, none /
lz4 / bz2 chunks) and OpenCV's encoders (images). Run with Debian's python: /usr/bin/python3 scripts/make_fuzz_seeds.py
Seeds go to each module's src/test/resources/<package>/<Class>Inputs/<method>/ (Jazzer's regression-input folders).
"""
import io
import os
import struct
import sys
import xmlrpc.client

import cv2
import numpy as np
import rosbag
import rospy
from diagnostic_msgs.msg import DiagnosticArray, DiagnosticStatus, KeyValue
from rosgraph.network import encode_ros_handshake_header
from rosgraph_msgs.msg import Clock
from sensor_msgs.msg import CameraInfo, CompressedImage, Image
from std_msgs.msg import Float32

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def out_dir(module, package, cls, method):
    d = os.path.join(ROOT, module, "src/test/resources", package.replace(".", "/"), cls + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    return d


def write(d, name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def ser(msg):
    b = io.BytesIO()
    msg.serialize(b)
    return b.getvalue()


def header(msg_cls, topic):
    return encode_ros_handshake_header({
        "callerid": "/rostopic_4242", "topic": topic, "type": msg_cls._type, "md5sum": msg_cls._md5sum,
        "message_definition": msg_cls._full_text, "latching": "0"})


def image(w, h, enc="rgb8"):
    m = Image()
    m.header.seq, m.header.stamp, m.header.frame_id = 7, rospy.Time(1700000000, 5), "camera"
    m.height, m.width, m.encoding = h, w, enc
    ch = {"mono8": 1, "bgra8": 4, "rgba8": 4}.get(enc, 3)
    m.step = w * ch
    m.data = bytes((i * 37) % 256 for i in range(w * h * ch))
    return m


def jpeg(w, h, params=()):
    y, x = np.mgrid[0:h, 0:w]
    img = np.dstack([(x * 255 // max(1, w - 1)), (y * 255 // max(1, h - 1)), ((x + y) * 7) % 256]).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", img, list(params))
    return buf.tobytes()


def compressed(data, fmt="jpeg"):
    m = CompressedImage()
    m.header.stamp, m.header.frame_id, m.format = rospy.Time(1700000000, 5), "camera", fmt
    m.data = data
    return m


def framed(*payloads):
    return b"".join(struct.pack("<I", len(p)) + p for p in payloads)


def tcpros():
    # TcprosFuzzTest#frames: [type selector byte][publisher header][frames...]; selectors index FRAME_TYPES there
    d = out_dir("ros-client", "dev.triage.ros.tcpros", "TcprosFuzzTest", "frames")
    small_jpeg = jpeg(16, 12)
    diag = DiagnosticArray()
    st = DiagnosticStatus(level=1, name="triage: pipeline", message="ok", hardware_id="/triage")
    st.values = [KeyValue("frames_in", "12"), KeyValue("errors.decode_failed", "0")]
    diag.status = [st]
    cases = [
        (0, Image, "/camera/image_raw", [ser(image(4, 3)), ser(image(2, 2, "mono8"))]),
        (1, CompressedImage, "/camera/image/compressed", [ser(compressed(small_jpeg))]),
        (2, CameraInfo, "/camera/camera_info", [ser(CameraInfo(width=640, height=480, distortion_model="plumb_bob",
                                                                D=[0.1, 0.0, 0.0, 0.0, 0.0]))]),
        (3, DiagnosticArray, "/diagnostics", [ser(diag)]),
        (4, Float32, "/speed", [ser(Float32(13.9)), ser(Float32(-1.0))]),
        (5, Clock, "/clock", [ser(Clock(rospy.Time(12, 50000000)))]),
    ]
    for sel, cls, topic, payloads in cases:
        write(d, "seed-%s" % cls.__name__, bytes([sel]) + header(cls, topic) + framed(*payloads))


def xmlrpc_seeds():
    d = out_dir("ros-client", "dev.triage.ros.xmlrpc", "XmlRpcFuzzTest", "codec")
    calls = [
        ("registerPublisher", ("/rostopic_4242", "/camera/image_raw", "sensor_msgs/Image", "http://127.0.0.1:40123/")),
        ("publisherUpdate", ("/master", "/camera/image_raw", ["http://127.0.0.1:40123/", "http://127.0.0.1:40555/"])),
        ("requestTopic", ("/triage", "/camera/image_raw", [["TCPROS"], ["UDPROS", 1, "x"]])),
        ("getBusInfo", ("/rosnode",)),
        ("paramUpdate", ("/master", "/triage/budget_ms", {"a": 1, "b": [1.5, True, "x"], "c": xmlrpc.client.Binary(b"\x00\x01")})),
        ("shutdown", ("/rosnode", "user request")),
    ]
    for i, (m, p) in enumerate(calls):
        write(d, "seed-call-%s" % m, b"C" + xmlrpc.client.dumps(p, methodname=m).encode())
    responses = [
        ((1, "", [["/camera/image_raw", ["/camera"]]]),),
        ((1, "current system state", [[["/rosout", ["/a", "/b"]]], [["/rosout", ["/rosout"]]], [["/get_loggers", ["/a"]]]]),),
        ((1, "ready on 127.0.0.1:40222", ["TCPROS", "127.0.0.1", 40222]),),
        ((-1, "no such node", 0),),
    ]
    for i, r in enumerate(responses):
        write(d, "seed-response-%d" % i, b"R" + xmlrpc.client.dumps(r, methodresponse=True).encode())
    write(d, "seed-fault", b"R" + xmlrpc.client.dumps(xmlrpc.client.Fault(-1, "bad"), methodresponse=True).encode())
    h = out_dir("ros-client", "dev.triage.ros.xmlrpc", "XmlRpcFuzzTest", "http")
    body = xmlrpc.client.dumps(("/rosnode",), methodname="getPid").encode()
    write(h, "seed-python", b"POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1:40123\r\nAccept-Encoding: gzip\r\n"
          b"Content-Type: text/xml\r\nUser-Agent: Python-xmlrpc/3.11\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    write(h, "seed-roscpp", b"POST / HTTP/1.1\r\nUser-Agent: XMLRPC++ 0.7\r\nHost: 127.0.0.1:40123\r\n"
          b"Content-Type: text/xml\r\nContent-length: %d\r\n\r\n" % len(body) + body)


def bags():
    d = out_dir("datasets", "dev.triage.datasets.bag", "BagFuzzTest", "bag")
    tmp = os.path.join(d, "tmp.bag")
    for comp in ("none", "lz4", "bz2"):
        with rosbag.Bag(tmp, "w", compression=comp, chunk_threshold=2048) as bag:
            for i in range(3):
                m = image(8, 6)
                m.header.seq = i
                bag.write("/camera/image_raw", m, rospy.Time(1700000000 + i))
            bag.write("/camera/image/compressed", compressed(jpeg(16, 12)), rospy.Time(1700000003))
            bag.write("/speed", Float32(3.5), rospy.Time(1700000004))
        with open(tmp, "rb") as f:
            data = f.read()
        write(d, "seed-%s.bag" % comp, data)
        if comp == "none":
            write(d, "seed-cut.bag", data[: len(data) * 2 // 3])
    os.remove(tmp)


def images():
    d = out_dir("perception", "dev.triage.perception.image", "ImageFuzzTest", "decode")
    write(d, "seed-baseline.jpg", b"E" + jpeg(40, 30))
    write(d, "seed-restart.jpg", b"E" + jpeg(40, 30, (cv2.IMWRITE_JPEG_RST_INTERVAL, 2)))
    write(d, "seed-q30.jpg", b"E" + jpeg(24, 16, (cv2.IMWRITE_JPEG_QUALITY, 30)))
    write(d, "seed-progressive.jpg", b"E" + jpeg(24, 16, (cv2.IMWRITE_JPEG_PROGRESSIVE, 1)))
    grey = cv2.imencode(".jpg", np.full((16, 24), 128, np.uint8))[1].tobytes()
    write(d, "seed-grey.jpg", b"E" + grey)
    img = np.dstack([np.arange(24 * 16).reshape(16, 24) % 256] * 3).astype(np.uint8)
    write(d, "seed.png", b"E" + cv2.imencode(".png", img)[1].tobytes())
    write(d, "seed.bmp", b"E" + cv2.imencode(".bmp", img)[1].tobytes())
    # raw: 'R', width u16, height u16, encoding index, then data
    write(d, "seed-raw", b"R" + struct.pack("<HHB", 4, 3, 0) + bytes(range(36)))


if __name__ == "__main__":
    tcpros()
    xmlrpc_seeds()
    bags()
    images()
    print("seeds written")
    sys.exit(0)
