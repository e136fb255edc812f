/* The image classifier in the page: drop, choose or take a picture (and, for grey pictures of one
   object, draw on a canvas with mouse, finger or pen), and see the model's top three classes, as the
   project's Gradio demo shows them.

   The picture is prepared exactly as the project's Python code prepares it (preprocess.py,
   images.py): grey levels by Pillow's formula, Pillow's Lanczos resampling in its 8-bit
   fixed-point arithmetic (per channel for colour, as Pillow does), the same crops and roundings in
   float32. So the model sees the same numbers here as on the server, and answers the same
   (tests/browser/test_browser_demo_image.py). The model's config names its input: `channels`
   (1 grey, 3 RGB; 1 when absent) and `preprocessing` ("digits", "centred" or "resize"). */

import { InputError, alertLine, el, fetchBytes, fetchJSON, prefetch as prefetchFiles, report, run, session, softmax, styles }
  from "./common.mjs";

/** common.mjs's prefetch, and the first example: the first answer classifies it. */
export function prefetch(files, examples = []) {
  return Promise.all([prefetchFiles(files), ...examples.slice(0, 1).map(fetchBytes)]);
}

export const MAX_PIXELS = 25_000_000;  // predict.MAX_PIXELS: larger pictures are refused before decoding
const CANVAS = 280;  // the drawing canvas, in pixels
const BRUSH = 18;  // the Gradio demo's brush size
const TOP = 3;  // classes shown, as the Gradio demo's Label(num_top_classes=3)
export const FASHION_MNIST = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
  "Sneaker", "Bag", "Ankle boot"];  // predict.FASHION_MNIST

/** predict.requests: what the demo asks a visitor for, from the model's config alone (its
    preprocessing and class names): a digit, a piece of clothing or one object to draw, or a photo. */
export function requests(config) {
  if (config.preprocessing === "resize") {
    return { nothing: "Upload or take a photo first.",
      blank: "The picture is blank: upload or take a photo with something in it." };
  }
  const names = config.class_names ?? [];
  if (names.every((name) => /^[0-9]+$/.test(name))) {
    return { nothing: "Draw a digit on the canvas or upload an image first.",
      blank: "The picture is blank: draw a digit or upload an image with something in it." };
  }
  const fashion = names.length === FASHION_MNIST.length && names.every((name, i) => name === FASHION_MNIST[i]);
  const subject = fashion ? "a piece of clothing" : "one object";
  return { nothing: `Draw or upload a picture of ${subject} first.`,
    blank: `The picture is blank: draw or upload a picture of ${subject}.` };
}

export const MESSAGES = {  // the Python demo's messages (app.py, predict.py), word for word; the
                           // requests for a picture depend on the model: requests(config)
  notImage: "That file is not an image this demo can read (PNG, JPEG, GIF, BMP or WebP).",
  tooLarge: (width, height) =>
    `The image is ${width}x${height} pixels; the limit is ${Math.floor(MAX_PIXELS / 1_000_000)} megapixels.`,
};

const f32 = Math.fround;

/* ---- Preparation: a port of the project's Python, number for number ---- */

/** RGBA bytes -> grey bytes: transparency on white paper (Image.alpha_composite), then Pillow's
    "L" conversion, L = (19595 R + 38470 G + 7471 B + 2^15) >> 16. */
export function grayscale(rgba, width, height) {
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    let [r, g, b] = [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]];
    const a = rgba[4 * i + 3];
    if (a === 0) [r, g, b] = [255, 255, 255];
    else if (a < 255) [r, g, b] = [r, g, b].map((c) => onWhite(c, a));
    gray[i] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
  }
  return gray;
}

/** One channel of Pillow's alpha_composite of (c, a) over opaque white, in its integer arithmetic. */
function onWhite(c, a) {
  const outa255 = a * 255 + 255 * (255 - a);
  const coef1 = Math.floor((a * 255 * 255 * 128) / outa255);
  const coef2 = 255 * 128 - coef1;
  const sum = c * coef1 + 255 * coef2 + (0x80 << 7);
  return Math.floor((Math.floor(sum / 256) + sum) / 256) >> 7;  // Pillow's SHIFTFORDIV255, then >> 7
}

const PRECISION_BITS = 22;  // Pillow's 8-bit resampling: 32 - 8 - 2

function sinc(x) {
  if (x === 0) return 1;
  x *= Math.PI;
  return Math.sin(x) / x;
}

function lanczos(x) {
  return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0;
}

/** Pillow's precompute_coeffs for the Lanczos filter: per output pixel, its first input pixel,
    how many it reads and their fixed-point weights. */
function coefficients(inSize, outSize) {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 3 * filterScale;
  const taps = [];
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const first = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - first;
    const weights = [];
    for (let x = 0; x < count; x++) weights.push(lanczos((x + first - center + 0.5) / filterScale));
    const total = weights.reduce((a, b) => a + b, 0);
    const fixed = weights.map((w) => {
      const k = (total !== 0 ? w / total : w) * 2 ** PRECISION_BITS;
      return Math.trunc(k < 0 ? k - 0.5 : k + 0.5);
    });
    taps.push({ first, fixed });
  }
  return taps;
}

/** One fixed-point sum clipped to a byte, as Pillow's clip8 does. */
function clip8(sum) {
  return Math.min(255, Math.max(0, Math.floor(sum / 2 ** PRECISION_BITS)));
}

/** RGBA bytes -> three planes of R, G and B bytes, transparency on white paper (images.flatten_alpha). */
export function rgbPlanes(rgba, width, height) {
  const planes = [0, 1, 2].map(() => new Uint8Array(width * height));
  for (let i = 0; i < width * height; i++) {
    const a = rgba[4 * i + 3];
    for (let c = 0; c < 3; c++) {
      const v = rgba[4 * i + c];
      planes[c][i] = a === 255 ? v : a === 0 ? 255 : onWhite(v, a);
    }
  }
  return planes;
}

/** Image.resize((outWidth, outHeight), Image.LANCZOS) of a grey image: Pillow's two passes,
    horizontal over the rows the vertical pass reads, then vertical. */
export function resize(gray, width, height, outWidth, outHeight) {
  const rows = coefficients(height, outHeight);
  let source = gray, sourceWidth = width, offset = 0;
  if (outWidth !== width) {
    const firstRow = rows[0].first;
    const lastRow = rows[outHeight - 1].first + rows[outHeight - 1].fixed.length;
    const columns = coefficients(width, outWidth);
    const temp = new Uint8Array(outWidth * (lastRow - firstRow));
    for (let y = firstRow; y < lastRow; y++) {
      for (let xx = 0; xx < outWidth; xx++) {
        const { first, fixed } = columns[xx];
        let sum = 2 ** (PRECISION_BITS - 1);
        for (let x = 0; x < fixed.length; x++) sum += gray[y * width + first + x] * fixed[x];
        temp[(y - firstRow) * outWidth + xx] = clip8(sum);
      }
    }
    [source, sourceWidth, offset] = [temp, outWidth, firstRow];
  }
  if (outHeight === height) return source;
  const out = new Uint8Array(sourceWidth * outHeight);
  for (let yy = 0; yy < outHeight; yy++) {
    const { first, fixed } = rows[yy];
    for (let x = 0; x < sourceWidth; x++) {
      let sum = 2 ** (PRECISION_BITS - 1);
      for (let y = 0; y < fixed.length; y++) sum += source[(first - offset + y) * sourceWidth + x] * fixed[y];
      out[yy * sourceWidth + x] = clip8(sum);
    }
  }
  return out;
}

function median(values) {
  const sorted = Float32Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : f32((sorted[mid - 1] + sorted[mid]) / 2);
}

/** The outermost pixels (top row, bottom row, left column, right column), which show the paper. */
function edges(values, width, height) {
  const out = [];
  for (let x = 0; x < width; x++) out.push(values[x]);
  for (let x = 0; x < width; x++) out.push(values[(height - 1) * width + x]);
  for (let y = 0; y < height; y++) out.push(values[y * width]);
  for (let y = 0; y < height; y++) out.push(values[y * width + width - 1]);
  return out;
}

/** preprocess.digits_style: ink bright on dark, cropped to the ink, padded square, Lanczos to
    4*size and 4x4 block means, scaled to a maximum of 1; as the UCI digits were made. */
export function digitsStyle(gray, width, height, size) {
  // Plain loops over the pixels: typed arrays' map and reduce call a function per pixel, 5x slower.
  const values = new Float32Array(gray.length);
  for (let i = 0; i < gray.length; i++) values[i] = gray[i] / 255;
  if (median(edges(values, width, height)) > 0.5) {
    for (let i = 0; i < values.length; i++) values[i] = 1 - values[i];  // stored as float32, as NumPy does
  }
  const paper = median(edges(values, width, height));
  const ink = new Float32Array(values.length);
  let peak = 0;
  for (let i = 0; i < values.length; i++) {
    ink[i] = Math.min(1, Math.max(0, f32(values[i] - paper)));
    peak = Math.max(peak, ink[i]);
  }
  let top = height, bottom = -1, left = width, right = -1;
  const threshold = f32(f32(0.2) * peak);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (peak > 0 && ink[y * width + x] > threshold) {
        top = Math.min(top, y); bottom = Math.max(bottom, y);
        left = Math.min(left, x); right = Math.max(right, x);
      }
    }
  }
  if (bottom < 0) return new Float32Array(size * size);
  const [inkHeight, inkWidth] = [bottom - top + 1, right - left + 1];
  const side = Math.trunc(Math.max(inkHeight, inkWidth) * 1.15) + 1;
  const square = new Uint8Array(side * side);  // (square * 255).astype(uint8): truncated
  const [padTop, padLeft] = [Math.floor((side - inkHeight) / 2), Math.floor((side - inkWidth) / 2)];
  for (let y = 0; y < inkHeight; y++) {
    for (let x = 0; x < inkWidth; x++) {
      square[(padTop + y) * side + padLeft + x] = Math.trunc(f32(ink[(top + y) * width + left + x] * 255));
    }
  }
  const big = resize(square, side, side, 4 * size, 4 * size);
  const blocks = new Float32Array(size * size);
  for (let y = 0; y < 4 * size; y++) {
    for (let x = 0; x < 4 * size; x++) blocks[(y >> 2) * size + (x >> 2)] += big[y * 4 * size + x];
  }
  let most = 0;
  for (let i = 0; i < blocks.length; i++) most = Math.max(most, (blocks[i] /= 16));
  for (let i = 0; i < blocks.length; i++) blocks[i] /= most;  // float32 division, as NumPy's
  return blocks;
}

/** preprocess.centred_style: Fashion-MNIST's recipe (Xiao et al., 2017) in 8-bit steps: trim to
    what differs from the background (the median of the outermost pixels) by more than 12 levels,
    Lanczos-resize the longest edge to size, centre on a square of the background, negate a light
    background. */
export function centredStyle(gray, width, height, size) {
  const background = Math.trunc(median(edges(gray, width, height)));
  let top = height, bottom = -1, left = width, right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (Math.abs(gray[y * width + x] - background) > 12) {
        top = Math.min(top, y); bottom = Math.max(bottom, y);
        left = Math.min(left, x); right = Math.max(right, x);
      }
    }
  }
  if (bottom < 0) return new Float32Array(size * size);
  const [objectHeight, objectWidth] = [bottom - top + 1, right - left + 1];
  const object = new Uint8Array(objectHeight * objectWidth);
  for (let y = 0; y < objectHeight; y++) {
    for (let x = 0; x < objectWidth; x++) object[y * objectWidth + x] = gray[(top + y) * width + left + x];
  }
  const longest = Math.max(objectHeight, objectWidth);
  const fit = (side) => Math.max(1, Math.floor((side * size + Math.floor(longest / 2)) / longest));
  const [newWidth, newHeight] = [fit(objectWidth), fit(objectHeight)];
  const small = resize(object, objectWidth, objectHeight, newWidth, newHeight);
  const square = new Uint8Array(size * size).fill(background);
  const [padTop, padLeft] = [Math.floor((size - newHeight) / 2), Math.floor((size - newWidth) / 2)];
  for (let y = 0; y < newHeight; y++) {
    for (let x = 0; x < newWidth; x++) square[(padTop + y) * size + padLeft + x] = small[y * newWidth + x];
  }
  const negate = background > 127;
  return Float32Array.from(square, (v) => f32((negate ? 255 - v : v) / 255));
}

/** images.resized: the whole picture, square Lanczos resize, scaled to [0, 1]; grey (one plane) or
    RGB (three planes, each resized with the same kernel, as Pillow does), channel after channel. */
export function plainResize(planes, width, height, size) {
  const out = new Float32Array(planes.length * size * size);
  planes.forEach((plane, c) => {
    resize(plane, width, height, size, size).forEach((v, i) => { out[c * size * size + i] = f32(v / 255); });
  });
  return out;
}

/** predict.Classifier.prepare: the model's (channels, size, size) input from RGBA bytes, or a clear error. */
export function prepare(rgba, width, height, config) {
  const channels = config.channels ?? 1;
  const size = config.image_size;
  let prepared;
  if (config.preprocessing === "resize") {
    const planes = channels === 3 ? rgbPlanes(rgba, width, height) : [grayscale(rgba, width, height)];
    prepared = plainResize(planes, width, height, size);
  } else {
    const gray = grayscale(rgba, width, height);
    const one = config.preprocessing === "digits"
      ? digitsStyle(gray, width, height, size) : centredStyle(gray, width, height, size);
    prepared = new Float32Array(channels * one.length);
    for (let c = 0; c < channels; c++) prepared.set(one, c * one.length);  // a grey style, R = G = B
  }
  const spread = prepared.reduce((a, b) => Math.max(a, b), -Infinity) - prepared.reduce((a, b) => Math.min(a, b), Infinity);
  if (spread < 1e-3) throw new InputError(requests(config).blank);
  return prepared;
}

/* ---- Pictures in: a file, a drawing ---- */

/** A picture file as RGBA bytes; refuses what is not an image, or too large to decode safely. */
export async function readImage(blob) {
  const url = URL.createObjectURL(blob);
  try {
    const image = new Image();
    image.src = url;
    try {
      await new Promise((resolve, reject) => { image.onload = resolve; image.onerror = reject; });
    } catch {
      throw new InputError(MESSAGES.notImage);
    }
    const [width, height] = [image.naturalWidth, image.naturalHeight];
    if (width * height > MAX_PIXELS) throw new InputError(MESSAGES.tooLarge(width, height));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    return { rgba: context.getImageData(0, 0, width, height).data, width, height };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A canvas to draw on with mouse, finger or pen: black ink on white paper, as the Gradio sketchpad. */
function sketchpad(onChange, drawable = true) {
  const canvas = el("canvas", { width: CANVAS, height: CANVAS, class: "sc-demo__pad",
    "aria-label": drawable ? "Drawing area: draw with the mouse, a finger or a pen" : "The picture being classified" });
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let last = null;
  const clear = () => {
    context.fillStyle = "#fff";
    context.fillRect(0, 0, CANVAS, CANVAS);
    canvas.dataset.drawn = "";
    canvas.dataset.showing = "";
  };
  /** Show the picture being classified (an example, an upload) on the paper, fitted and centred,
   *  so the answer never sits beside a blank canvas; the first stroke starts on clean paper. */
  const show = (picture) => {
    clear();
    const source = new OffscreenCanvas(picture.width, picture.height);
    source.getContext("2d").putImageData(
      new ImageData(new Uint8ClampedArray(picture.rgba), picture.width, picture.height), 0, 0);
    const scale = Math.min(CANVAS / picture.width, CANVAS / picture.height);
    const [w, h] = [picture.width * scale, picture.height * scale];
    context.drawImage(source, (CANVAS - w) / 2, (CANVAS - h) / 2, w, h);
    canvas.dataset.showing = "true";
  };
  const at = (event) => {
    const box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left) * (CANVAS / box.width), (event.clientY - box.top) * (CANVAS / box.height)];
  };
  canvas.addEventListener("pointerdown", (event) => {
    if (!drawable) return;  // a photo model's frame shows the picture; there is nothing to draw
    if (canvas.dataset.showing === "true") clear();  // a drawing replaces the picture shown
    canvas.setPointerCapture(event.pointerId);
    last = at(event);
    stroke(last, last);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (last === null) return;
    const next = at(event);
    stroke(last, next);
    last = next;
  });
  const end = () => { if (last !== null) { last = null; onChange(); } };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  function stroke(from, to) {
    context.strokeStyle = "#000";
    context.lineWidth = BRUSH;
    context.lineCap = context.lineJoin = "round";
    context.beginPath();
    context.moveTo(...from);
    context.lineTo(...to);
    context.stroke();
    canvas.dataset.drawn = "true";
  }
  clear();
  return { canvas, clear, show, pixels: () => context.getImageData(0, 0, CANVAS, CANVAS).data,
    drawn: () => canvas.dataset.drawn === "true" };
}

/* ---- The demo ---- */

/** What the model sees, enlarged: the prepared input (channels, size, size) as grey or coloured squares. */
function drawSeen(canvas, pixels, size, channels) {
  const context = canvas.getContext("2d");
  const image = context.createImageData(size, size);
  const area = size * size;
  for (let i = 0; i < area; i++) {
    const [r, g, b] = [0, 1, 2].map((c) => Math.round(pixels[(channels === 3 ? c * area : 0) + i] * 255));
    image.data.set([r, g, b, 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
}

function bars(list, probabilities, names) {
  const best = names.map((name, i) => [name, probabilities[i]]).sort((a, b) => b[1] - a[1]).slice(0, TOP);
  list.replaceChildren(...best.map(([name, p]) => el("div", { class: "sc-demo__bar" },
    el("span", { text: name }),
    el("span", { style: `width:${(100 * p).toFixed(1)}%`, "aria-hidden": "true" }),
    el("span", { text: `${(100 * p).toFixed(1)}%` }))));
  return best;
}

export async function mount(root, { files, examples = [] }) {
  const [config, model] = await Promise.all([fetchJSON(files.config), session(files.model), styles()]);
  const size = config.image_size;
  const channels = config.channels ?? 1;
  const drawable = config.preprocessing !== "resize";  // a pad for grey pictures of one object only
  const alert = alertLine();
  const list = el("div", { class: "sc-demo__bars", "aria-live": "polite" });
  const seen = el("canvas", { width: size, height: size, class: "sc-demo__seen",
    "aria-label": `What the model sees: the picture shrunk to ${size}x${size}` });
  let upload = null;  // a dropped or chosen file wins over the drawing, as in the Gradio demo
  let decoded = null;  // the upload's pixels, decoded once

  async function classify(picture) {
    try {
      if (picture === undefined) {
        if (upload !== null) {
          picture = decoded ??= await readImage(upload);
          pad.show(picture);
        }
        else if (drawable && pad.drawn()) picture = { rgba: pad.pixels(), width: CANVAS, height: CANVAS };
        else throw new InputError(requests(config).nothing);
      }
      const pixels = prepare(picture.rgba, picture.width, picture.height, config);
      const { outputs, ms } = await run(model, { pixels: ["float32", pixels, [1, channels, size, size]] });
      const probabilities = softmax(outputs.logits.data);
      const top = bars(list, probabilities, config.class_names);
      drawSeen(seen, pixels, size, channels);
      report(root, { probabilities, top, ms });
    } catch (error) {
      report(root, error);
    }
  }

  function use(blob) {
    [upload, decoded] = [blob, null];
    if (blob === null) file.value = "";
    return classify();
  }
  const pad = sketchpad(() => use(null), drawable);
  const file = el("input", { type: "file", accept: "image/*", id: "sc-demo-file",
    onchange: () => use(file.files[0] ?? null) });
  pad.canvas.addEventListener("dragover", (event) => event.preventDefault());
  pad.canvas.addEventListener("drop", (event) => {
    event.preventDefault();
    use(event.dataTransfer.files[0] ?? null);
  });
  async function useExample(url) {
    const blob = new Blob([await fetchBytes(url)]);
    file.value = "";
    await use(blob);
  }
  const exampleButtons = examples.map((url, i) => el("button", {
    type: "button", class: "md-button", text: `Example ${i + 1}`, onclick: () => useExample(url),
  }));
  root.append(
    el("p", { class: "sc-demo__meta", text: (drawable
      ? "Draw one, large and centred, or drop a picture on the canvas. "
      : "Drop a photo on the frame, or choose or take one. ") + "The model runs in this page." }),
    el("div", { class: "sc-demo__row" },
      pad.canvas,
      el("div", { class: "sc-demo__answer" }, list, el("p", { class: "sc-demo__meta", text: "What the model sees:" }), seen)),
    el("div", { class: "sc-demo__row" },
      el("button", { type: "button", class: "md-button md-button--primary", text: "Classify", onclick: () => classify() }),
      el("button", { type: "button", class: "md-button", text: "Clear",
        onclick: () => { pad.clear(); [upload, decoded] = [null, null]; file.value = ""; } }),
      el("label", { for: "sc-demo-file", text: "…or choose a picture" }, file)),
    exampleButtons.length ? el("div", { class: "sc-demo__row" }, ...exampleButtons) : "",
    alert,
  );
  if (examples.length) await useExample(examples[0]);  // the first answer, before any drawing
  return { answer: () => classify() };
}
