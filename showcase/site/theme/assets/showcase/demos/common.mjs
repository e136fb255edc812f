/* What every in-browser demo shares: a model session (this site's small runtime,
   onnx-lite.mjs, or onnxruntime-web served by this site for a model it cannot run), the files
   fetched once, the demos' stylesheet, a few DOM helpers, and how an answer or a clear error is shown.

   A kind's module (image-classification.mjs, ...) exports `mount(root, {files, examples})`:
   it builds its form inside `root`, answers a first example, and resolves to `{answer}`, a
   function that answers the form's current input again; showcase.js calls it on the
   visitor's click, so none of this loads with the page. Before that, when the demo comes
   near the screen, showcase.js calls the module's `prefetch(files)` (this file's): the files
   download and the model is prepared, and mount finds them ready. Every answer dispatches an
   "sc-answer" event (detail: {ms}, the time the model took) that tests and the bench read. */

import { Unsupported as UnsupportedModel, createSession } from "./onnx-lite.mjs";

const RUNTIME = new URL("../../ort/", import.meta.url);
const STYLESHEET = new URL("demos.css", import.meta.url);

let ortLoaded;

/** onnxruntime-web's plain WebAssembly build, loaded once, from this site. */
export function runtime() {
  // The 14 MB engine downloads while the API's script loads, instead of after it (80 ms sooner to
  // the first answer here); its JavaScript glue is bundled in ort.wasm.bundle.min.mjs.
  ortLoaded ??= Promise.all([
    import(new URL("ort.wasm.bundle.min.mjs", RUNTIME).href),
    fetchBytes(new URL("ort-wasm-simd-threaded.wasm", RUNTIME).href),
  ]).then(([ort, engine]) => {
    ort.env.wasm.wasmBinary = engine;
    // A static host sends no cross-origin isolation headers, so threads are unavailable anyway;
    // one thread and no proxy worker start fastest, and a tiny model gains nothing from more.
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    return ort;
  });
  return ortLoaded;
}

const sessions = new Map();

/** An inference session on the ONNX model at `url`, one per model: onnx-lite.mjs when it runs every
    operator of the model (the templates' own networks: a few kB of code), else onnxruntime-web. */
export function session(url) {
  return once(sessions, url, () => fetchBytes(url).then(async (bytes) => {
    try {
      return createSession(bytes);
    } catch (error) {
      if (!(error instanceof UnsupportedModel)) throw error;
      const ort = await runtime();
      return ort.InferenceSession.create(bytes, { executionProviders: ["wasm"] });
    }
  }));
}

const downloads = new Map();

/** The bytes at `url`, fetched once per page: a prefetch and the demo share them. */
export function fetchBytes(url) {
  return once(downloads, url, () => fetch(url).then(async (response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }));
}

/** The promise `make()` gives, made once per `key` of `map`; forgotten if it fails, so that asking
    again tries again. */
export function once(map, key, make) {
  if (!map.has(key)) {
    const promise = make();
    map.set(key, promise);
    promise.catch(() => map.delete(key));
  }
  return map.get(key);
}

/** Run `model` on `feeds` ({name: [type, data, dims]}); returns {name: tensor ({data, dims})} and the time taken. */
export async function run(model, feeds) {
  const ort = model.lite ? null : await runtime();
  const inputs = {};
  for (const [name, [type, data, dims]] of Object.entries(feeds)) {
    inputs[name] = ort ? new ort.Tensor(type, data, dims) : { type, data, dims };
  }
  const start = performance.now();
  const outputs = await model.run(inputs);
  return { outputs, ms: performance.now() - start };
}

/** Download what a demo of `files` (role -> URL) reads and prepare its model, before the visitor
    asks for it; the demos' stylesheet too (it styles only what a demo adds). */
export function prefetch(files) {
  return Promise.all([styles(), ...Object.values(files).map((url) => (
    new URL(url).pathname.endsWith(".onnx") ? session(url) : fetchBytes(url)))]);
}

export async function fetchJSON(url) {
  const bytes = await fetchBytes(url);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new Error(`${url}: not JSON (${error.message})`);
  }
}

/** The demos' stylesheet, added once (it is not part of the page until a demo is asked for). */
export function styles() {
  if (document.querySelector("link[data-sc-demos]")) return Promise.resolve();
  const link = el("link", { rel: "stylesheet", href: STYLESHEET.href, "data-sc-demos": "" });
  const loaded = new Promise((resolve) => { link.onload = link.onerror = resolve; });
  document.head.append(link);
  return loaded;
}

/** An element with attributes (`on*` functions become listeners) and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

/** Probabilities from logits (float64, shifted so exp cannot overflow). */
export function softmax(logits) {
  const top = Math.max(...logits);
  const exps = Array.from(logits, (v) => Math.exp(v - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / total);
}

/** A message the visitor can act on (bad input), shown in the demo's alert line. */
export class InputError extends Error {}

/** This project cannot be shown in the page (e.g. an environment with no browser version): mount
    rejects with it, and showcase.js shows its message instead of offering to try again. */
export class Unsupported extends Error {
  name = "Unsupported";
}

/** Show an answer's outcome: clear the alert and announce it, or show the input error.
    Other errors are bugs and are re-thrown after being shown. */
export function report(root, outcome) {
  const alert = root.querySelector(".sc-demo__alert");
  if (outcome instanceof Error) {
    alert.textContent = outcome.message;
    root.dispatchEvent(new CustomEvent("sc-error", { bubbles: true, detail: { message: outcome.message } }));
    if (!(outcome instanceof InputError)) throw outcome;
    return;
  }
  alert.textContent = "";
  root.dataset.answers = String(Number(root.dataset.answers || 0) + 1);
  root.dispatchEvent(new CustomEvent("sc-answer", { bubbles: true, detail: outcome }));
}

/** The alert line every demo has: errors (bad input) appear there, read out by screen readers. */
export function alertLine() {
  return el("p", { class: "sc-demo__alert", role: "alert" });
}
