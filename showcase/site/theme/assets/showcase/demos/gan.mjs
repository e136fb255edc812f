/* The GAN kind's in-browser demo: pick a class and a seed, see what the generator draws; walk
   from one seed's noise to another's. The same images as the project's Python demo (its
   predict.Sampler): the noise is the project's noise.standard_normal re-written here, the
   checks and their messages are predict.whole_number's, Sampler.labels' and interpolate's.
   Tests (tests/browser/test_browser_demo_gan.py) hold both to that. */

import { InputError, alertLine, el, fetchJSON, report, run, session, styles } from "./common.mjs";
import { pyFloat, pyRepr as pyString } from "./python-text.mjs";

export { prefetch } from "./common.mjs";

// predict.py's limits and its word for "every class" (tests check they are the same).
export const ALL = "all";
export const MAX_COUNT = 64;
export const MAX_STEPS = 16;
export const MAX_SEED = 2 ** 32 - 1;

// The Python demo's first request (app.py's EXAMPLE_REQUEST: the first class, seed 0, 16 images)
// and its Interpolation tab as it opens.
const FIRST = { seed: 0, count: 16 };
const WALK = { from: 0, to: 1, steps: 10 };
const COLUMNS = 8; // images per row, as predict.to_picture lays them out
const SCALE = 12; // screen pixels per image pixel, as to_picture enlarges them

// ---- Python's way of writing a value, for the messages -----------------------------------

/** `value` as Python's repr() writes it, for the value the Python demo would have received:
    a whole number as an int, another number as a float, text as a str (ASCII control
    characters escaped as Python does: python-text.mjs). */
export function pyRepr(value) {
  if (value === null || value === undefined) return "None";
  if (typeof value === "number") return pyNumber(value);
  return pyString(String(value));
}

function pyNumber(x) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Number.isInteger(x)) return BigInt(x).toString(); // Gradio's Number(precision=0) sends ints
  if (Math.abs(x) >= 1e-4) return String(x); // both write the shortest digits that round-trip
  return x.toExponential().replace(/e([+-])(\d)$/, "e$10$2"); // Python: 1.5e-05, JS: 1.5e-5
}

/** predict.whole_number: `value` as an integer in [low, high], or the same InputError. */
export function wholeNumber(value, name, low, high) {
  // float(value) as Python reads it; text it refuses (undefined), None, inf and nan all fail alike
  const number = typeof value === "number" ? value : typeof value === "string" ? pyFloat(value) : NaN;
  if (!Number.isInteger(number) || !(low <= number && number <= high)) {
    throw new InputError(`${name} must be a whole number from ${low} to ${high}, not ${pyRepr(value)}.`);
  }
  return number;
}

// ---- the noise: noise.standard_normal of the project ----------------------------------------

const GOLDEN = 0x9e3779b97f4a7c15n; // splitmix64's increment
const ULP = 2 ** -53;

/** splitmix64's output mix of a 64-bit state (BigInt: JS numbers hold 53 bits exactly). */
function mix(state) {
  let z = BigInt.asUintN(64, (state ^ (state >> 30n)) * 0xbf58476d1ce4e5b9n);
  z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
  return z ^ (z >> 31n);
}

/** `count` x `dim` standard normals of `seed`, row by row, float64: normal k is Box-Muller on
    splitmix64's outputs 2k and 2k + 1 (their top 53 bits), exactly as the Python noise. */
export function noise(seed, count, dim) {
  const out = new Float64Array(count * dim);
  let state = BigInt(seed);
  const next = () => { state = BigInt.asUintN(64, state + GOLDEN); return Number(mix(state) >> 11n); };
  for (let k = 0; k < out.length; k++) {
    const u1 = (next() + 1) * ULP; // (0, 1]: the log is finite
    const u2 = next() * ULP;
    out[k] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  return out;
}

/** Sampler.labels: `count` labels of class `name`, or every class in turn for ALL. */
export function labels(name, count, classNames) {
  if (name === ALL) return Array.from({ length: count }, (_, i) => i % classNames.length);
  const index = classNames.indexOf(name);
  if (index < 0) {
    throw new InputError(`Unknown class ${pyRepr(name)}: choose one of ${classNames.join(", ")} or ${pyRepr(ALL)}.`);
  }
  return new Array(count).fill(index);
}

// ---- the generator -----------------------------------------------------------------------

const generators = new Map();

/** The generator of `files` ({model, config} URLs) and its config, loaded once per model. */
function generator(files) {
  if (!generators.has(files.model)) {
    generators.set(files.model, Promise.all([session(files.model), fetchJSON(files.config)]).then(
      ([model, config]) => ({ model, classNames: config.class_names, dim: config.latent_dim, side: config.image_size,
        channels: config.channels ?? 1 })));
  }
  return generators.get(files.model);
}

/** Sampler.run: images (N, C, side, side) flat, in [0, 1], for noise z (float32) and class ids. */
async function generate(gen, z, ids) {
  const n = ids.length;
  const { outputs, ms } = await run(gen.model, {
    z: ["float32", z, [n, gen.dim]],
    labels: ["int64", BigInt64Array.from(ids, BigInt), [n]],
  });
  return { images: outputs.images.data, shape: [n, gen.channels, gen.side, gen.side], ms };
}

/** Sampler.sample: `count` images of class `name` (or of every class) from `seed`'s noise,
    with the class of each; the same checks, in the same order. */
export async function sample(files, name, seed, count) {
  count = wholeNumber(count, "count", 1, MAX_COUNT);
  seed = wholeNumber(seed, "seed", 0, MAX_SEED);
  const gen = await generator(files);
  const ids = labels(name, count, gen.classNames);
  const answer = await generate(gen, Float32Array.from(noise(seed, count, gen.dim)), ids);
  return { ...answer, names: ids.map((i) => gen.classNames[i]) };
}

/** Sampler.interpolate: `steps` images of class `name` on the straight line between the noise
    of two seeds, mixed in float64 as NumPy does (np.linspace's t), then cast to float32. */
export async function interpolate(files, name, seedFrom, seedTo, steps) {
  steps = wholeNumber(steps, "steps", 2, MAX_STEPS);
  const from = wholeNumber(seedFrom, "first seed", 0, MAX_SEED);
  const to = wholeNumber(seedTo, "second seed", 0, MAX_SEED);
  if (name === ALL) throw new InputError("Pick one class to interpolate within.");
  const gen = await generator(files);
  const ids = labels(name, steps, gen.classNames);
  const [a, b] = [noise(from, 1, gen.dim), noise(to, 1, gen.dim)];
  const z = new Float32Array(steps * gen.dim);
  for (let i = 0; i < steps; i++) {
    const t = i === steps - 1 ? 1 : i * (1 / (steps - 1)); // np.linspace(0, 1, steps)
    for (let j = 0; j < gen.dim; j++) z[i * gen.dim + j] = (1 - t) * a[j] + t * b[j];
  }
  return generate(gen, z, ids);
}

// ---- the page ------------------------------------------------------------------------------

/** Images (N, C, side, side) side by side in rows of `columns` on `canvas`, as predict.to_picture
    lays them out: one canvas pixel per image pixel, enlarged by CSS (pixelated, demos.css).
    One channel is grey (R = G = B); three are red, green and blue. */
function paint(canvas, { images, shape: [n, channels, side] }, columns) {
  columns = Math.min(columns, n);
  const rows = Math.ceil(n / columns);
  canvas.width = columns * side;
  canvas.height = rows * side;
  canvas.style.width = `${canvas.width * SCALE}px`;
  const picture = new ImageData(canvas.width, canvas.height); // RGBA, all 0
  for (let p = 3; p < picture.data.length; p += 4) picture.data[p] = 255; // opaque black, as to_picture's empty cells
  images.forEach((value, k) => {
    const plane = Math.floor(k / (side * side)), y = Math.floor(k / side) % side, x = k % side;
    const i = Math.floor(plane / channels), c = plane % channels;
    const p = 4 * ((Math.floor(i / columns) * side + y) * canvas.width + (i % columns) * side + x);
    const level = Math.round(value * 255); // Uint8ClampedArray clamps to [0, 255]
    if (channels === 1) picture.data.fill(level, p, p + 3);
    else picture.data[p + c] = level;
  });
  canvas.getContext("2d").putImageData(picture, 0, 0);
}

function numberField(label, name, value, min, max) {
  return el("label", {}, label,
    el("input", { type: "number", name, value: String(value), min, max, step: 1, inputmode: "numeric" }));
}

function classField(name, choices, value) {
  const select = el("select", { name }, ...choices.map((c) => el("option", { value: c, text: c })));
  select.value = value;
  return el("label", {}, "Class", select);
}

/** A number field's value as the Python demo would get it: a number, or None when empty. */
function valueOf(form, name) {
  const text = form.querySelector(`[name="${name}"]`).value.trim();
  if (text === "") return null;
  return Number.isFinite(Number(text)) ? Number(text) : text;
}

/** Run `work` and show its outcome: the answer, or the input error in the alert line. */
async function answer(root, work) {
  try {
    report(root, await work());
  } catch (error) {
    report(root, error);
  }
}

function section(title, fields, button, canvas, meta) {
  return el("fieldset", { class: "sc-demo__gan" }, el("legend", { text: title }),
    el("div", { class: "sc-demo__row" }, ...fields, button), canvas, meta);
}

/** The Samples form: class, seed, count, Draw. */
function samplesForm(root, files, choices) {
  const canvas = el("canvas", { role: "img", "aria-label": "Generated images" });
  const meta = el("p", { class: "sc-demo__meta" });
  const draw = (name, seed, count) => answer(root, async () => {
    const drawn = await sample(files, name, seed, count);
    paint(canvas, drawn, COLUMNS);
    const which = name === ALL ? `classes ${drawn.names.join(", ")}` : `class ${name}`;
    meta.textContent = `${drawn.names.length} images of ${which}, seed ${seed}: ${drawn.ms.toFixed(1)} ms`;
    return { task: "sample", class: name, seed: Number(seed), count: drawn.names.length, ms: drawn.ms };
  });
  const again = () => draw(form.querySelector("[name=class]").value, valueOf(form, "seed"), valueOf(form, "count"));
  const form = section("Samples", [classField("class", choices, choices[1]),
    numberField("Seed", "seed", FIRST.seed, 0, MAX_SEED), numberField("How many", "count", FIRST.count, 1, MAX_COUNT)],
  el("button", { type: "button", class: "md-button md-button--primary", text: "Draw", onclick: again }),
  canvas, meta);
  return { form, again, first: () => draw(choices[1], FIRST.seed, FIRST.count) };
}

/** The Interpolation form: class, from seed, to seed, steps, Walk. */
function walkForm(root, files, classNames) {
  const canvas = el("canvas", { role: "img", "aria-label": "Images from one seed's noise to the other's" });
  const meta = el("p", { class: "sc-demo__meta" });
  const walk = (name, from, to, steps) => answer(root, async () => {
    const walked = await interpolate(files, name, from, to, steps);
    paint(canvas, walked, walked.shape[0]);
    meta.textContent = `Class ${name}, from seed ${from} to seed ${to} in ${walked.shape[0]} steps: ${walked.ms.toFixed(1)} ms`;
    return { task: "interpolate", class: name, from: Number(from), to: Number(to), steps: walked.shape[0], ms: walked.ms };
  });
  const form = section("Interpolation", [classField("walk-class", classNames, classNames[0]),
    numberField("From seed", "from", WALK.from, 0, MAX_SEED), numberField("To seed", "to", WALK.to, 0, MAX_SEED),
    numberField("Steps", "steps", WALK.steps, 2, MAX_STEPS)],
  el("button", { type: "button", class: "md-button md-button--primary", text: "Walk",
    onclick: () => walk(form.querySelector("[name=walk-class]").value, valueOf(form, "from"), valueOf(form, "to"),
      valueOf(form, "steps")) }),
  canvas, meta);
  return { form, first: () => walk(classNames[0], WALK.from, WALK.to, WALK.steps) };
}

/** Build the demo in `root`, answer the Python demo's first request (then its first walk), and
    resolve to {answer}: Draw again on the Samples form's current input (the bench times it). */
export async function mount(root, { files }) {
  const [gen] = await Promise.all([generator(files), styles()]);
  const samples = samplesForm(root, files, [ALL, ...gen.classNames]);
  const walk = walkForm(root, files, gen.classNames);
  root.append(alertLine(), samples.form, walk.form);
  await samples.first();
  await walk.first();
  return { answer: samples.again };
}
