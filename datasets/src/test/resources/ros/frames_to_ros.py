"""Turns the PNG test frames into sensor_msgs (test helper shared by write_bag.py and publish_frames.py)."""
import io
import os

from PIL import Image as PilImage
from sensor_msgs.msg import CompressedImage, Image


def frame_files(folder):
    """The PNG files of folder, sorted by name."""
    return [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.lower().endswith('.png')]


def to_message(path, kind, fmt, seq, stamp, frame_id='camera'):
    """kind 'raw' with fmt an encoding (bgr8, rgb8, mono8, or any other name: 2 bytes per pixel of filler),
    or kind 'compressed' with fmt 'png' (the file bytes as they are) or 'jpeg'."""
    pil = PilImage.open(path).convert('RGB')
    if kind == 'raw':
        msg = Image()
        msg.height, msg.width = pil.height, pil.width
        msg.encoding = fmt
        msg.is_bigendian = 0
        if fmt == 'bgr8':
            msg.data = pil.tobytes('raw', 'BGR')
            msg.step = 3 * pil.width
        elif fmt == 'rgb8':
            msg.data = pil.tobytes()
            msg.step = 3 * pil.width
        elif fmt == 'mono8':
            msg.data = pil.convert('L').tobytes()
            msg.step = pil.width
        else:
            msg.data = pil.tobytes()[:2 * pil.width * pil.height]
            msg.step = 2 * pil.width
    elif kind == 'compressed':
        msg = CompressedImage()
        msg.format = fmt
        if fmt == 'png':
            with open(path, 'rb') as f:
                msg.data = f.read()
        else:
            buf = io.BytesIO()
            pil.save(buf, format='JPEG', quality=90)
            msg.data = buf.getvalue()
    else:
        raise ValueError('kind must be raw or compressed: ' + kind)
    msg.header.seq = seq
    msg.header.stamp = stamp
    msg.header.frame_id = frame_id
    return msg
