/* A small ONNX runtime in plain JavaScript, for the demos' own models.

   onnxruntime-web is a 14 MB WebAssembly engine (3.7 MB gzipped): on a phone's connection that
   is twenty seconds before the first answer, for models of 0.03-1.2 MB. The models the
   templates train from scratch (a CNN, an n-gram network, a GAN generator, a policy) use a
   handful of operators, which this file runs directly from the .onnx file: a few kB instead.
   A model with any operator (or setting) not here is refused by `createSession` with the
   reason, and the demo loads onnxruntime-web instead (common.mjs): fine-tuned backbones and
   transformers go there.

   Tensors are {type, data, dims}: float32 data in a Float32Array (each operator's output is
   rounded to float32, as onnxruntime does; sums are kept in float64 on the way), integers in a
   Float64Array (exact up to 2^53, ample for shapes and ids). The operators follow the ONNX
   specification (opset 13-21 forms: axes as inputs); `OPERATORS` lists them, and
   showcase/site/onnx_ops.py holds the same list for the site build. */

// ---- reading the protobuf ---------------------------------------------------------------

const DECODER = new TextDecoder();

/** The varint at bytes[at] and the index after it. Exact: one of 8 bytes or more (a negative int64
    takes 10) is read again as a BigInt, and comes back as one past 2^53. */
function varint(bytes, at) {
  let value = 0, scale = 1, byte;
  const start = at;
  do {
    if (at >= bytes.length) throw new Error("the model file is cut short");
    byte = bytes[at++];
    value += (byte & 0x7f) * scale;
    scale *= 128;
  } while (byte & 0x80);
  if (at - start <= 7) return [value, at];
  let big = 0n;
  for (let i = at - 1; i >= start; i--) big = (big << 7n) | BigInt(bytes[i] & 0x7f);
  big = BigInt.asIntN(64, big);
  return [Number.isSafeInteger(Number(big)) ? Number(big) : big, at];
}

/** The fields of one protobuf message: [field number, wire type, value] in order; a varint is a
    Number (or a BigInt past 2^53), a length-delimited field its bytes. */
function fields(bytes) {
  const out = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0, key, value;
  while (at < bytes.length) {
    [key, at] = varint(bytes, at);
    const field = Math.floor(Number(key) / 8), wire = Number(key) % 8;
    if (wire === 0) { [value, at] = varint(bytes, at); out.push([field, wire, value]); }
    else if (wire === 1) { out.push([field, wire, view.getFloat64(at, true)]); at += 8; }
    else if (wire === 2) {
      let length;
      [length, at] = varint(bytes, at);
      if (at + Number(length) > bytes.length) throw new Error("the model file is cut short");
      out.push([field, wire, bytes.subarray(at, at + Number(length))]);
      at += Number(length);
    } else if (wire === 5) { out.push([field, wire, view.getFloat32(at, true)]); at += 4; }
    else throw new Error(`not an ONNX model (protobuf wire type ${wire})`);
  }
  return out;
}

/** Repeated integers, packed (one length-delimited field) or not (one varint each). */
function integers([, wire, value]) {
  if (wire === 0) return [Number(value)];
  const out = [];
  for (let at = 0, v; at < value.length;) {
    [v, at] = varint(value, at);
    out.push(Number(v));
  }
  return out;
}

/** Repeated floats, packed or not. */
function floats(entry) {
  const [, wire, value] = entry;
  if (wire === 5) return [value];
  const copy = value.slice();
  return Array.from(new Float32Array(copy.buffer, 0, copy.length / 4));
}

const TYPES = { 1: "float32", 6: "int32", 7: "int64", 9: "bool" };

/** A TensorProto (an initializer, or a Constant's value). */
function tensor(bytes) {
  let dims = [], typeCode = 0, name = "", raw = null, floatData = [], intData = [], external = false;
  for (const entry of fields(bytes)) {
    const [field, , value] = entry;
    if (field === 1) dims.push(...integers(entry));
    else if (field === 2) typeCode = Number(value);
    else if (field === 4) floatData.push(...floats(entry));
    else if (field === 5 || field === 7) intData.push(...integers(entry));
    else if (field === 8) name = DECODER.decode(value);
    else if (field === 9) raw = value;
    else if (field === 14) external = Number(value) === 1;
  }
  const type = TYPES[typeCode];
  if (!type) throw new Unsupported(`tensor ${name} has data type ${typeCode}`);
  if (external) throw new Unsupported(`tensor ${name} keeps its data in another file`);
  const size = dims.reduce((a, b) => a * b, 1);
  let data;
  if (raw) {
    const width = { float32: 4, int64: 8, int32: 4, bool: 1 }[type];
    if (raw.length !== size * width) throw new Error(`tensor ${name}: ${raw.length} bytes for shape [${dims}]`);
    const copy = raw.slice();  // aligned
    if (type === "float32") data = new Float32Array(copy.buffer, 0, size);
    else if (type === "int64") data = Float64Array.from(new BigInt64Array(copy.buffer, 0, size), Number);
    else if (type === "int32") data = Float64Array.from(new Int32Array(copy.buffer, 0, size));
    else data = Float64Array.from(copy.subarray(0, size));
  } else {
    data = type === "float32" ? Float32Array.from(floatData) : Float64Array.from(intData);
  }
  if (data.length !== size) throw new Error(`tensor ${name}: ${data.length} values for shape [${dims}]`);
  return { name, type, data, dims };
}

function attribute(bytes) {
  let name = "", value;
  const list = [];
  for (const entry of fields(bytes)) {
    const [field, , v] = entry;
    if (field === 1) name = DECODER.decode(v);
    else if (field === 2) value = v;
    else if (field === 3) value = Number(v);
    else if (field === 4) value = DECODER.decode(v);
    else if (field === 5) value = tensor(v);
    else if (field === 7) list.push(...floats(entry));
    else if (field === 8) list.push(...integers(entry));
    else if (field === 6 || field === 9 || field === 10) throw new Unsupported(`attribute ${name} holds graphs or lists of them`);
  }
  return [name, value ?? list];
}

function node(bytes) {
  const out = { inputs: [], outputs: [], opType: "", domain: "", attributes: {} };
  for (const [field, , value] of fields(bytes)) {
    if (field === 1) out.inputs.push(DECODER.decode(value));
    else if (field === 2) out.outputs.push(DECODER.decode(value));
    else if (field === 4) out.opType = DECODER.decode(value);
    else if (field === 5) { const [name, v] = attribute(value); out.attributes[name] = v; }
    else if (field === 7) out.domain = DECODER.decode(value);
  }
  return out;
}

const valueName = (bytes) => DECODER.decode(fields(bytes).find(([field]) => field === 1)?.[2] ?? new Uint8Array());

/** The graph of a .onnx file's bytes: nodes, initializers, input and output names. */
export function parseModel(bytes) {
  const graphBytes = fields(bytes).find(([field, wire]) => field === 7 && wire === 2);
  if (!graphBytes) throw new Error("not an ONNX model: it has no graph");
  const graph = { nodes: [], initializers: new Map(), inputs: [], outputs: [] };
  for (const [field, , value] of fields(graphBytes[2])) {
    if (field === 1) graph.nodes.push(node(value));
    else if (field === 5) { const t = tensor(value); graph.initializers.set(t.name, t); }
    else if (field === 11) graph.inputs.push(valueName(value));
    else if (field === 12) graph.outputs.push(valueName(value));
  }
  graph.inputs = graph.inputs.filter((name) => !graph.initializers.has(name));
  return graph;
}

// ---- shapes and helpers -----------------------------------------------------------------

const sizeOf = (dims) => dims.reduce((a, b) => a * b, 1);
const float = (dims, data = new Float32Array(sizeOf(dims))) => ({ type: "float32", data, dims });
const ints = (values) => ({ type: "int64", data: Float64Array.from(values), dims: [values.length] });
const axis = (a, rank) => (a < 0 ? a + rank : a);

function stridesOf(dims) {
  const strides = new Array(dims.length);
  for (let i = dims.length - 1, s = 1; i >= 0; i--) { strides[i] = s; s *= dims[i]; }
  return strides;
}

/* The inner loops of the convolutions and Gemm, unrolled by four: V8 runs them about twice as fast. */

/** acc[a0 + i] += v * w[w0 + i] for i < length. */
function axpy(acc, a0, v, w, w0, length) {
  let i = 0;
  for (; i + 3 < length; i += 4) {
    acc[a0 + i] += v * w[w0 + i];
    acc[a0 + i + 1] += v * w[w0 + i + 1];
    acc[a0 + i + 2] += v * w[w0 + i + 2];
    acc[a0 + i + 3] += v * w[w0 + i + 3];
  }
  for (; i < length; i++) acc[a0 + i] += v * w[w0 + i];
}

/** The sum of a[a0 + i] * b[b0 + i] for i < length. */
function dot(a, a0, b, b0, length) {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
  for (; i + 3 < length; i += 4) {
    s0 += a[a0 + i] * b[b0 + i];
    s1 += a[a0 + i + 1] * b[b0 + i + 1];
    s2 += a[a0 + i + 2] * b[b0 + i + 2];
    s3 += a[a0 + i + 3] * b[b0 + i + 3];
  }
  for (; i < length; i++) s0 += a[a0 + i] * b[b0 + i];
  return s0 + s1 + s2 + s3;
}

/** numpy's broadcast of two shapes. */
function broadcastShape(a, b, op) {
  const rank = Math.max(a.length, b.length), out = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1, y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`${op}: shapes [${a}] and [${b}] do not broadcast`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** For each flat index of `dims`, the flat index into a tensor of `from` broadcast to it. */
function broadcastIndex(from, dims) {
  const size = sizeOf(dims), index = new Int32Array(size);
  if (sizeOf(from) === size) { for (let i = 0; i < size; i++) index[i] = i; return index; }
  const padded = [...new Array(dims.length - from.length).fill(1), ...from];
  const strides = stridesOf(padded).map((s, i) => (padded[i] === 1 ? 0 : s));
  const outStrides = stridesOf(dims);
  for (let i = 0; i < size; i++) {
    let rest = i, at = 0;
    for (let d = 0; d < dims.length; d++) {
      const coordinate = Math.floor(rest / outStrides[d]);
      rest -= coordinate * outStrides[d];
      at += coordinate * strides[d];
    }
    index[i] = at;
  }
  return index;
}

function elementwise(fn) {
  return (node, [x]) => {
    const out = new Float32Array(x.data.length);
    for (let i = 0; i < out.length; i++) out[i] = fn(x.data[i]);
    return [float(x.dims.slice(), out)];
  };
}

function binary(fn) {
  return (node, [a, b]) => {
    const dims = broadcastShape(a.dims, b.dims, node.opType);
    const ia = broadcastIndex(a.dims, dims), ib = broadcastIndex(b.dims, dims);
    const out = a.type === "float32" ? new Float32Array(ia.length) : new Float64Array(ia.length);
    for (let i = 0; i < out.length; i++) out[i] = fn(a.data[ia[i]], b.data[ib[i]]);
    return [{ type: a.type, data: out, dims }];
  };
}

function reduce(node, [x, axesTensor], mean) {
  const keep = node.attributes.keepdims ?? 1;
  let axes = axesTensor ? Array.from(axesTensor.data) : [];
  if (axes.length === 0) {
    if (node.attributes.noop_with_empty_axes) return [x];
    axes = x.dims.map((_, i) => i);
  }
  axes = axes.map((a) => axis(a, x.dims.length));
  const outDims = x.dims.map((d, i) => (axes.includes(i) ? 1 : d));
  const sums = new Float64Array(sizeOf(outDims));
  const index = broadcastIndex(outDims, x.dims);
  for (let i = 0; i < x.data.length; i++) sums[index[i]] += x.data[i];
  const count = x.data.length / sums.length;
  const out = new Float32Array(sums.length);
  for (let i = 0; i < out.length; i++) out[i] = mean ? sums[i] / count : sums[i];
  return [float(keep ? outDims : x.dims.filter((_, i) => !axes.includes(i)), out)];
}

// ---- convolutions -----------------------------------------------------------------------

function convSettings(node, spatial, kernel) {
  const a = node.attributes;
  if ((a.auto_pad ?? "NOTSET") !== "NOTSET") throw new Unsupported(`${node.opType} with auto_pad ${a.auto_pad}`);
  if (spatial.length !== 2) throw new Unsupported(`${node.opType} over ${spatial.length} dimensions`);
  return {
    kernel: a.kernel_shape ?? kernel,
    strides: a.strides ?? [1, 1],
    dilations: a.dilations ?? [1, 1],
    pads: a.pads ?? [0, 0, 0, 0],
    group: a.group ?? 1,
  };
}

/** A weight's values reordered once (cached on the tensor): `order` maps a new flat index to the old. */
function reordered(w, key, dims, order) {
  w.cache ??= {};
  if (!w.cache[key]) {
    const out = new Float32Array(w.data.length), [a, b, c, d] = dims;
    for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) for (let k = 0; k < c; k++) for (let l = 0; l < d; l++) {
      out[((i * b + j) * c + k) * d + l] = w.data[order(i, j, k, l)];
    }
    w.cache[key] = out;
  }
  return w.cache[key];
}

/* Both convolutions run position by position: the input values a position sees (or sends) times a
   weight matrix laid out with the output channels innermost, so the innermost loop is one long
   contiguous run, and a zero input (half of them, after a ReLU) is skipped. Sums in float64. */

function conv(node, [x, w, b]) {
  const [n, channels, height, width] = x.dims;
  const [outChannels, perGroup, kh, kw] = w.dims;
  const { strides: [sy, sx], dilations: [dy, dx], pads: [top, left, bottom, right], group } =
    convSettings(node, x.dims.slice(2), [kh, kw]);
  const outH = Math.floor((height + top + bottom - dy * (kh - 1) - 1) / sy) + 1;
  const outW = Math.floor((width + left + right - dx * (kw - 1) - 1) / sx) + 1;
  const outPerGroup = outChannels / group, taps = perGroup * kh * kw;
  if (outPerGroup < 8) return convByPlane(node, x, w, b, outH, outW);  // too few outputs for a long inner run
  // [group][ic, ky, kx][oc]: the weights a tap sends to each output channel of its group
  const weights = reordered(w, "conv", [group, taps, outPerGroup, 1],
    (g, t, o) => (g * outPerGroup + o) * taps + t);
  const out = new Float32Array(n * outChannels * outH * outW), xd = x.data;
  const patch = new Float32Array(taps), sums = new Float64Array(outPerGroup);
  for (let image = 0; image < n; image++) {
    for (let g = 0; g < group; g++) {
      const input = (image * channels + g * perGroup) * height * width;
      const groupWeights = weights.subarray(g * taps * outPerGroup, (g + 1) * taps * outPerGroup);
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          for (let ic = 0, t = 0; ic < perGroup; ic++) {
            for (let ky = 0; ky < kh; ky++) {
              const iy = oy * sy - top + ky * dy, inside = iy >= 0 && iy < height;
              for (let kx = 0; kx < kw; kx++, t++) {
                const ix = ox * sx - left + kx * dx;
                patch[t] = inside && ix >= 0 && ix < width ? xd[input + (ic * height + iy) * width + ix] : 0;
              }
            }
          }
          for (let o = 0; o < outPerGroup; o++) sums[o] = b ? b.data[g * outPerGroup + o] : 0;
          for (let t = 0; t < taps; t++) {
            if (patch[t] !== 0) axpy(sums, 0, patch[t], groupWeights, t * outPerGroup, outPerGroup);
          }
          const at = ((image * outChannels + g * outPerGroup) * outH + oy) * outW + ox;
          for (let o = 0; o < outPerGroup; o++) out[at + o * outH * outW] = sums[o];
        }
      }
    }
  }
  return [float([n, outChannels, outH, outW], out)];
}

/** The same convolution, output plane by output plane: each weight times a row of the input,
    added to a row of the output (for a layer with few output channels, such as an image's last). */
function convByPlane(node, x, w, b, outH, outW) {
  const [n, channels, height, width] = x.dims;
  const [outChannels, perGroup, kh, kw] = w.dims;
  const { strides: [sy, sx], dilations: [dy, dx], pads: [top, left], group } = convSettings(node, x.dims.slice(2), [kh, kw]);
  const out = new Float32Array(n * outChannels * outH * outW), xd = x.data;
  const plane = new Float64Array(outH * outW), outPerGroup = outChannels / group;
  for (let image = 0; image < n; image++) {
    for (let oc = 0; oc < outChannels; oc++) {
      plane.fill(b ? b.data[oc] : 0);
      const g = Math.floor(oc / outPerGroup);
      for (let ic = 0; ic < perGroup; ic++) {
        const input = (image * channels + g * perGroup + ic) * height * width;
        for (let ky = 0; ky < kh; ky++) {
          for (let kx = 0; kx < kw; kx++) {
            const weight = w.data[((oc * perGroup + ic) * kh + ky) * kw + kx];
            if (weight === 0) continue;
            // the output columns whose input column (ox * sx - left + kx * dx) is inside the image
            const first = Math.max(0, Math.ceil((left - kx * dx) / sx));
            const last = Math.min(outW - 1, Math.floor((width - 1 + left - kx * dx) / sx));
            for (let oy = 0; oy < outH; oy++) {
              const iy = oy * sy - top + ky * dy;
              if (iy < 0 || iy >= height) continue;
              const row = input + iy * width - left + kx * dx, at = oy * outW;
              if (sx === 1) axpy(plane, at + first, weight, xd, row + first, last - first + 1);
              else for (let ox = first; ox <= last; ox++) plane[at + ox] += weight * xd[row + ox * sx];
            }
          }
        }
      }
      out.set(plane, (image * outChannels + oc) * outH * outW);
    }
  }
  return [float([n, outChannels, outH, outW], out)];
}

function convTranspose(node, [x, w, b]) {
  const [n, channels, height, width] = x.dims;
  const [, perGroup, kh, kw] = w.dims;
  const { strides: [sy, sx], dilations: [dy, dx], pads: [top, left, bottom, right], group } =
    convSettings(node, x.dims.slice(2), [kh, kw]);
  const [py, px] = node.attributes.output_padding ?? [0, 0];
  const outChannels = perGroup * group, inPerGroup = channels / group;
  const outH = (height - 1) * sy - top - bottom + dy * (kh - 1) + py + 1;
  const outW = (width - 1) * sx - left - right + dx * (kw - 1) + px + 1;
  // [ic][ky, kx, oc of its group]: all that one input value sends out, in one contiguous row
  const span = kh * kw * perGroup;
  const weights = reordered(w, "convTranspose", [channels, kh, kw, perGroup],
    (ic, ky, kx, o) => ((ic * perGroup + o) * kh + ky) * kw + kx);
  const out = new Float32Array(n * outChannels * outH * outW), xd = x.data, plane = height * width;
  const sums = new Float64Array(outH * outW * perGroup);  // [position][oc of the group]
  const sent = new Float64Array(span);  // what one input position sends: [ky, kx, oc]
  for (let image = 0; image < n; image++) {
    for (let g = 0; g < group; g++) {
      for (let p = 0; p < outH * outW; p++) {
        for (let o = 0; o < perGroup; o++) sums[p * perGroup + o] = b ? b.data[g * perGroup + o] : 0;
      }
      const first = (image * channels + g * inPerGroup) * plane;
      for (let iy = 0; iy < height; iy++) {
        for (let ix = 0; ix < width; ix++) {
          sent.fill(0);
          for (let i = 0; i < inPerGroup; i++) {
            const v = xd[first + i * plane + iy * width + ix];
            if (v === 0) continue;
            axpy(sent, 0, v, weights, (g * inPerGroup + i) * span, span);
          }
          for (let ky = 0; ky < kh; ky++) {
            const oy = iy * sy - top + ky * dy;
            if (oy < 0 || oy >= outH) continue;
            for (let kx = 0; kx < kw; kx++) {
              const ox = ix * sx - left + kx * dx;
              if (ox < 0 || ox >= outW) continue;
              const at = (oy * outW + ox) * perGroup, from = (ky * kw + kx) * perGroup;
              for (let o = 0; o < perGroup; o++) sums[at + o] += sent[from + o];
            }
          }
        }
      }
      for (let p = 0; p < outH * outW; p++) {
        for (let o = 0; o < perGroup; o++) out[(image * outChannels + g * perGroup + o) * outH * outW + p] = sums[p * perGroup + o];
      }
    }
  }
  return [float([n, outChannels, outH, outW], out)];
}

function maxPool(node, [x]) {
  if (node.outputs.length > 1 && node.outputs[1]) throw new Unsupported("MaxPool's Indices output");
  const [n, channels, height, width] = x.dims;
  const { kernel: [kh, kw], strides: [sy, sx], dilations: [dy, dx], pads: [top, left, bottom, right] } =
    convSettings(node, x.dims.slice(2), null);
  const size = (extent, before, after, k, s, d) => {
    const span = extent + before + after - d * (k - 1) - 1;
    if (!node.attributes.ceil_mode) return Math.floor(span / s) + 1;
    let count = Math.ceil(span / s) + 1;
    if ((count - 1) * s >= extent + before) count -= 1;  // the last window must start inside the image
    return count;
  };
  const outH = size(height, top, bottom, kh, sy, dy), outW = size(width, left, right, kw, sx, dx);
  const out = new Float32Array(n * channels * outH * outW);
  for (let p = 0; p < n * channels; p++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let best = -Infinity;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sy - top + ky * dy;
          if (iy < 0 || iy >= height) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sx - left + kx * dx;
            if (ix >= 0 && ix < width) best = Math.max(best, x.data[(p * height + iy) * width + ix]);
          }
        }
        out[(p * outH + oy) * outW + ox] = best;
      }
    }
  }
  return [float([n, channels, outH, outW], out)];
}

// ---- the operators ----------------------------------------------------------------------

/** A 2-D tensor's values transposed (cached on an initializer, which keeps its values). */
function transposed(t) {
  if (t.cache?.transposed) return t.cache.transposed;
  const [rows, columns] = t.dims, out = new Float32Array(t.data.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) out[j * rows + i] = t.data[i * columns + j];
  if (t.cache) t.cache.transposed = out;
  return out;
}

function gemm(node, [a, b, c]) {
  const { alpha = 1, beta = 1, transA = 0, transB = 0 } = node.attributes;
  const [m, k] = transA ? [a.dims[1], a.dims[0]] : a.dims;
  const n = transB ? b.dims[0] : b.dims[1];
  b.cache ??= {};
  const left = transA ? transposed(a) : a.data, right = transB ? b.data : transposed(b);  // rows of B' are B's columns
  const out = new Float32Array(m * n);
  const bias = c ? broadcastIndex(c.dims, [m, n]) : null;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const sum = dot(left, i * k, right, j * k, k);  // a row of A times a row of B (transposed): both contiguous
      out[i * n + j] = alpha * sum + (c ? beta * c.data[bias[i * n + j]] : 0);
    }
  }
  return [float([m, n], out)];
}

function reshape(node, [x, shape]) {
  const dims = Array.from(shape.data, (d, i) => (d === 0 && !node.attributes.allowzero ? x.dims[i] : d));
  const known = dims.reduce((a, d) => (d === -1 ? a : a * d), 1);
  return [{ ...x, dims: dims.map((d) => (d === -1 ? x.data.length / known : d)) }];
}

function gather(node, [data, indices]) {
  const at = axis(node.attributes.axis ?? 0, data.dims.length);
  const outer = sizeOf(data.dims.slice(0, at)), extent = data.dims[at], inner = sizeOf(data.dims.slice(at + 1));
  const count = indices.data.length;
  const out = new data.data.constructor(outer * count * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < count; i++) {
      let index = indices.data[i];
      if (index < 0) index += extent;
      if (index < 0 || index >= extent) throw new Error(`Gather: index ${indices.data[i]} outside 0..${extent - 1}`);
      out.set(data.data.subarray((o * extent + index) * inner, (o * extent + index + 1) * inner), (o * count + i) * inner);
    }
  }
  return [{ type: data.type, data: out, dims: [...data.dims.slice(0, at), ...indices.dims, ...data.dims.slice(at + 1)] }];
}

function gatherND(node, [data, indices]) {
  if (node.attributes.batch_dims) throw new Unsupported("GatherND with batch_dims");
  const depth = indices.dims.at(-1), inner = sizeOf(data.dims.slice(depth)), strides = stridesOf(data.dims);
  const count = indices.data.length / depth;
  const out = new data.data.constructor(count * inner);
  for (let i = 0; i < count; i++) {
    let start = 0;
    for (let d = 0; d < depth; d++) {
      let index = indices.data[i * depth + d];
      if (index < 0) index += data.dims[d];
      if (index < 0 || index >= data.dims[d]) throw new Error(`GatherND: index ${indices.data[i * depth + d]} outside 0..${data.dims[d] - 1}`);
      start += index * strides[d];
    }
    out.set(data.data.subarray(start, start + inner), i * inner);
  }
  return [{ type: data.type, data: out, dims: [...indices.dims.slice(0, -1), ...data.dims.slice(depth)] }];
}

function concat(node, inputs) {
  const rank = inputs[0].dims.length, at = axis(node.attributes.axis, rank);
  const outer = sizeOf(inputs[0].dims.slice(0, at));
  const dims = inputs[0].dims.slice();
  dims[at] = inputs.reduce((total, t) => total + t.dims[at], 0);
  const out = new inputs[0].data.constructor(sizeOf(dims));
  let offset = 0;
  const row = sizeOf(dims.slice(at));
  for (const t of inputs) {
    const chunk = sizeOf(t.dims.slice(at));
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * row + offset);
    offset += chunk;
  }
  return [{ type: inputs[0].type, data: out, dims }];
}

function unsqueeze(node, [x, axesTensor]) {
  const rank = x.dims.length + axesTensor.data.length;
  const axes = Array.from(axesTensor.data, (a) => axis(a, rank));
  const dims = [];
  for (let i = 0, j = 0; i < rank; i++) dims.push(axes.includes(i) ? 1 : x.dims[j++]);
  return [{ ...x, dims }];
}

function shape(node, [x]) {
  const rank = x.dims.length;
  const clamp = (v) => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  return [ints(x.dims.slice(clamp(node.attributes.start ?? 0), clamp(node.attributes.end ?? rank)))];
}

function expand(node, [x, shapeTensor]) {
  const dims = broadcastShape(x.dims, Array.from(shapeTensor.data), "Expand");
  const index = broadcastIndex(x.dims, dims);
  const out = new x.data.constructor(index.length);
  for (let i = 0; i < out.length; i++) out[i] = x.data[index[i]];
  return [{ type: x.type, data: out, dims }];
}

function flatten(node, [x]) {
  const at = axis(node.attributes.axis ?? 1, x.dims.length);
  return [{ ...x, dims: [sizeOf(x.dims.slice(0, at)), sizeOf(x.dims.slice(at))] }];
}

/** Each operator: (node, input tensors) -> output tensors. */
export const OPERATORS = {
  Add: binary((a, b) => a + b),
  Sub: binary((a, b) => a - b),
  Mul: binary((a, b) => a * b),
  Div: binary((a, b) => a / b),
  Relu: elementwise((v) => (v > 0 ? v : 0)),
  Tanh: elementwise(Math.tanh),
  Sigmoid: elementwise((v) => 1 / (1 + Math.exp(-v))),
  Sqrt: elementwise(Math.sqrt),
  Exp: elementwise(Math.exp),
  Identity: (node, [x]) => [x],
  Constant: (node) => [node.attributes.value],
  Gemm: gemm,
  Conv: conv,
  ConvTranspose: convTranspose,
  MaxPool: maxPool,
  ReduceMean: (node, inputs) => reduce(node, inputs, true),
  ReduceSum: (node, inputs) => reduce(node, inputs, false),
  Reshape: reshape,
  Flatten: flatten,
  Gather: gather,
  GatherND: gatherND,
  Concat: concat,
  Unsqueeze: unsqueeze,
  Shape: shape,
  Expand: expand,
};

/** A model this runtime cannot run (an operator or a setting it does not have). */
export class Unsupported extends Error {
  name = "Unsupported";
}

/** Why this runtime cannot run `node` as its settings ask, or null. */
function unsupportedSetting(node) {
  const a = node.attributes;
  if (!(node.domain === "" || node.domain === "ai.onnx")) return `operator ${node.domain}.${node.opType}`;
  if (!Object.hasOwn(OPERATORS, node.opType)) return `operator ${node.opType}`;
  if (node.opType === "Constant" && !a.value?.data) return "a Constant that is not a tensor";
  if (["Conv", "ConvTranspose", "MaxPool"].includes(node.opType)) {
    if ((a.auto_pad ?? "NOTSET") !== "NOTSET") return `${node.opType} with auto_pad ${a.auto_pad}`;
    if (a.kernel_shape && a.kernel_shape.length !== 2) return `${node.opType} over ${a.kernel_shape.length} dimensions`;
  }
  if (node.opType === "ConvTranspose" && a.output_shape) return "ConvTranspose with output_shape";
  if (node.opType === "MaxPool" && node.outputs[1]) return "MaxPool's Indices output";
  if (node.opType === "GatherND" && a.batch_dims) return "GatherND with batch_dims";
  return null;
}

/** A session on a model's bytes, with onnxruntime-web's `run(feeds)` shape: feeds and outputs
    are {name: {type, data, dims}}. Throws Unsupported when an operator is not here. */
export function createSession(bytes) {
  const graph = parseModel(bytes);
  for (const n of graph.nodes) {
    const reason = unsupportedSetting(n);
    if (reason) throw new Unsupported(reason);
  }
  return {
    lite: true,
    inputNames: graph.inputs,
    outputNames: graph.outputs,
    async run(feeds) {
      const values = new Map(graph.initializers);
      for (const name of graph.inputs) {
        const feed = feeds[name];
        if (!feed) throw new Error(`the model's input ${name} was not given`);
        const data = feed.data instanceof Float32Array ? feed.data
          : feed.type === "float32" ? Float32Array.from(feed.data) : Float64Array.from(feed.data, Number);
        if (data.length !== sizeOf(feed.dims)) throw new Error(`input ${name}: ${data.length} values for shape [${feed.dims}]`);
        values.set(name, { type: feed.type, data, dims: feed.dims.map(Number) });
      }
      for (const n of graph.nodes) {
        const inputs = n.inputs.map((name) => (name ? values.get(name) : undefined));
        const missing = n.inputs.find((name, i) => name && !inputs[i]);
        if (missing) throw new Error(`${n.opType}: no value for its input ${missing}`);
        OPERATORS[n.opType](n, inputs).forEach((value, i) => values.set(n.outputs[i], value));
      }
      const outputs = {};
      for (const name of graph.outputs) {
        const { type, data, dims } = values.get(name);
        outputs[name] = { type, dims, data: type === "int64" ? BigInt64Array.from(data, BigInt) : data };
      }
      return outputs;
    },
  };
}
