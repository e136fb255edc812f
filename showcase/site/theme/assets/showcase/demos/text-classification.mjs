/* The text classifier's in-browser demo: type or paste a review, get its label, each class's
   confidence and the words that decided it, as the project's Python demo (predict.py) answers.

   The model file (models/model.onnx) maps a text's distinct known n-gram indices to the logits
   and to each n-gram's per-class scores; everything around it (cleaning, tokens, n-gram lookup,
   each word's share, the rounding) is written here once, to the letter of the Python code:
   tests/browser/test_browser_demo_text.py checks it against that code in Chromium. Python counts
   characters in code points and JavaScript in UTF-16 units, so lengths and cuts go through
   Array.from(text) (code points). */

import { InputError, alertLine, el, fetchBytes, fetchJSON, once, prefetch as prefetchFiles, report, run, session, softmax,
  styles } from "./common.mjs";
import { percent, pyGroupedWhole as grouped, round2 } from "./python-text.mjs";

/** common.mjs's prefetch, and the vocabulary read into its index. */
export function prefetch(files) {
  return Promise.all([prefetchFiles(files), loadVocabulary(files.vocabulary)]);
}

export { percent, round2 };  // the tests compare them with Python's

export const MAX_CHARS = 20_000; // predict.MAX_CHARS
export const FEW_KNOWN = 0.3; // predict.FEW_KNOWN
// app.py's EXAMPLES: the first one is the first answer.
export const EXAMPLES = [
  "One of the most moving films I have seen in years. The acting is superb and the ending stayed " +
    "with me for days.",
  "I wanted to like it, but the plot makes no sense and the dialogue is painfully bad. " +
    "Two hours I will never get back.",
  "Not bad at all! A silly premise, yet the cast clearly had fun and so did I.",
];
export const MESSAGES = {
  empty: "The text is empty: paste a review first.",
  noWords: "No words found in the text: paste a review written in words.",
  unknown: "None of these words is in the model's vocabulary: it was trained on English movie reviews.",
};

// Python's str.isspace() characters (what str.split() and str.strip() cut on); JS's \s differs.
const SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const SPACES = new RegExp(`[${SPACE}]+`, "u");
const BLANK = new RegExp(`^[${SPACE}]*$`, "u");
const TAG = /<[^>]+>/g; // data.TAG
// html.unescape's pattern: numeric references, or up to 32 characters that may name an entity.
const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;
// tokenizer.TOKEN; Python's \w is a letter, a digit or "_" (combining marks are not).
const TOKEN = /[\p{L}\p{N}_]+(?:'[\p{L}\p{N}_]+)?|[!?]/gu;

let state; // what mount() loaded: {model, config, index}; predict() reads it

/** Code points html.unescape drops from a numeric reference (its _invalid_codepoints less the
    ones _invalid_charrefs maps); the browser's parser keeps them. */
function droppedByPython(code) {
  return (code >= 0x1 && code <= 0x8) || code === 0xb || (code >= 0xe && code <= 0x1f) || code === 0x7f ||
    (code >= 0xfdd0 && code <= 0xfdef) || (code <= 0x10ffff && (code & 0xfffe) === 0xfffe);
}

/** The browser's own HTML parser decodes a reference (its entity table is the one Python copies);
    a textarea reads its content as text, so nothing but references is interpreted. */
function decodeReference(reference) {
  const box = document.createElement("textarea");
  box.innerHTML = reference;
  return box.value;
}

/** html.unescape's per-match rule. A named entity can only lie in the leading run of ASCII letters
    and digits, so only that goes to the parser: it would rewrite a NUL or CR anywhere else. */
function unescapeOne(match, body) {
  if (body.startsWith("#")) {
    const hex = body[1] === "x" || body[1] === "X";
    const code = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    return droppedByPython(code) ? "" : decodeReference(match);
  }
  const name = body.match(/^[A-Za-z0-9]*;?/)[0];
  return (name ? decodeReference(`&${name}`) : "&") + body.slice(name.length);
}

/** data.clean: no HTML tags or entities, single spaces (Python's white space). */
export function clean(text) {
  const unescaped = text.replace(TAG, " ").replace(CHARREF, unescapeOne);
  return unescaped.split(SPACES).filter(Boolean).join(" ");
}

/** tokenizer.tokenize: lower-cased words, inner apostrophes kept, and "!" and "?". */
export function tokenize(text) {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** tokenizer.token_spans: [start, end) of each token, in code points of the lower-cased text
    (Python cuts the original text at those places, even where lower-casing changed a length). */
export function tokenSpans(text) {
  const lower = text.toLowerCase();
  const codePoint = new Uint32Array(lower.length + 1); // UTF-16 index -> code point index
  let count = 0;
  for (let i = 0; i < lower.length; i += 1) {
    codePoint[i] = count;
    if (!(lower.codePointAt(i) > 0xffff)) count += 1; // a pair's second unit has the same index
  }
  codePoint[lower.length] = count;
  return Array.from(lower.matchAll(TOKEN), (m) => [codePoint[m.index], codePoint[m.index + m[0].length]]);
}

/** NgramVocabulary.ngram_positions: [n-gram index, first token, last token + 1] of every known
    n-gram occurrence, by length then position (the loaded vocabulary by default). */
export function ngramPositions(tokens, index = state.index, maxN = state.config.max_n) {
  const found = [];
  for (let n = 1; n <= maxN; n += 1) {
    for (let start = 0; start + n <= tokens.length; start += 1) {
      const gram = index.get(tokens.slice(start, start + n).join(" "));
      if (gram !== undefined) found.push([gram, start, start + n]);
    }
  }
  return found;
}

/** explain.token_contributions, step for step in float32 where PyTorch and numpy use it, so the
    rounded highlights match: `scores` are the model's (N, C) n-gram scores (row-major) for `bag`,
    the sorted distinct n-grams of `positions`. */
export function tokenContributions(scores, bag, positions, numTokens, target, numClasses) {
  const f = Math.fround;
  const root = f(Math.sqrt(bag.length)); // torch divides a float32 tensor by the scalar as float32
  const toward = bag.map((_, g) => {
    const row = Array.from({ length: numClasses }, (__, c) => f(scores[g * numClasses + c] / root));
    const mean = f(row.reduce((sum, v) => f(sum + v), 0) / numClasses);
    return f(row[target] - mean);
  });
  const row = new Map(bag.map((gram, g) => [gram, g]));
  const occurrences = new Map();
  for (const [gram] of positions) occurrences.set(gram, (occurrences.get(gram) ?? 0) + 1);
  const result = new Float32Array(numTokens); // np.add.at adds in float64, stores in float32
  const longest = Math.max(0, ...positions.map(([, start, end]) => end - start));
  for (let k = 0; k < longest; k += 1) {
    for (const [gram, start, end] of positions) {
      if (end - start > k) result[start + k] += toward[row.get(gram)] / occurrences.get(gram) / (end - start);
    }
  }
  return result;
}

/** predict.highlight: one piece per token (with the gap after it), its score scaled to -1..1 and
    rounded to hundredths; the text before the first token is a piece of its own. */
export function highlight(text, scores) {
  const spans = tokenSpans(text);
  const chars = Array.from(text);
  const cut = (a, b) => chars.slice(a, b).join("");
  if (!spans.length) return [[text, null]];
  const scale = Math.max(...Array.from(scores, Math.abs)) || 1;
  const pieces = spans[0][0] > 0 ? [[cut(0, spans[0][0]), null]] : [];
  const starts = [...spans.slice(1).map(([start]) => start), chars.length];
  spans.forEach(([start], i) => pieces.push([cut(start, starts[i]), round2(scores[i] / scale)]));
  return pieces;
}

const vocabularies = new Map();

/** The vocabulary file, one n-gram per line, as n-gram -> index, read once per page (150,000
    n-grams take a phone about half a second: the prefetch does it before the tap). A host that
    sends it with Content-Encoding: gzip has the browser unzip it already: gzip data starts with 1f 8b. */
function loadVocabulary(url) {
  return once(vocabularies, url, () => readVocabulary(url));
}

async function readVocabulary(url) {
  const bytes = await fetchBytes(url);
  let stream = new Blob([bytes]).stream();
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) stream = stream.pipeThrough(new DecompressionStream("gzip"));
  const lines = (await new Response(stream).text()).split("\n");
  if (lines.at(-1) === "") lines.pop();
  return new Map(lines.map((gram, i) => [gram, i]));
}

/** TextClassifier.predict: {label, probabilities, highlights, notes, ms}, or an InputError with
    the Python demo's message. Needs mount() first. */
export async function predict(text) {
  if (!state) throw new Error("predict() needs mount() first: it loads the model");
  if (typeof text !== "string" || BLANK.test(text)) throw new InputError(MESSAGES.empty);
  const notes = [];
  const chars = Array.from(text);
  if (chars.length > MAX_CHARS) {
    notes.push(`Only the first ${grouped(MAX_CHARS)} of ${grouped(chars.length)} characters were read.`);
    text = chars.slice(0, MAX_CHARS).join("");
  }
  text = clean(text);
  const tokens = tokenize(text);
  if (!tokens.length) throw new InputError(MESSAGES.noWords);
  const positions = ngramPositions(tokens, state.index, state.config.max_n);
  if (!positions.length) throw new InputError(MESSAGES.unknown);
  const known = tokens.filter((token) => state.index.has(token)).length / tokens.length;
  if (known < FEW_KNOWN) {
    notes.push(`The model knows only ${percent(known)} of these words (it learned English movie ` +
      "reviews): treat the answer with care.");
  }
  const bag = [...new Set(positions.map(([gram]) => gram))].sort((a, b) => a - b);
  const { outputs, ms } = await run(state.model, { ngrams: ["int64", BigInt64Array.from(bag, BigInt), [bag.length]] });
  const probabilities = softmax(outputs.logits.data);
  const target = probabilities.indexOf(Math.max(...probabilities));
  const names = state.config.class_names;
  const scores = tokenContributions(outputs.ngram_scores.data, bag, positions, tokens.length, target, names.length);
  return {
    label: names[target],
    probabilities: Object.fromEntries(names.map((name, c) => [name, probabilities[c]])),
    highlights: highlight(text, scores),
    notes,
    ms,
  };
}

/** A piece's colour: green toward the answer, red against, stronger the larger the score. */
function shade(score) {
  const [r, g, b] = score >= 0 ? [46, 125, 50] : [198, 40, 40];
  return `rgba(${r}, ${g}, ${b}, ${(Math.abs(score) * 0.6).toFixed(2)})`;
}

/** The answer: the label, a bar per class, the notes, and the review with its words shaded
    (each shaded word's title says its score, for a pointer or a screen reader). */
function render(output, result) {
  const bars = Object.entries(result.probabilities).map(([name, p]) =>
    el("div", { class: "sc-demo__bar", role: "listitem" }, el("span", { text: name }),
      el("span", { style: `width: ${(100 * p).toFixed(1)}%`, "aria-hidden": "true" }),
      el("span", { text: `${(100 * p).toFixed(1)}%` })));
  const pieces = result.highlights.map(([piece, score]) => (score === null || score === 0
    ? piece
    : el("span", { class: "sc-demo__word", style: `background: ${shade(score)}`, "data-score": score,
      title: `${score > 0 ? "+" : ""}${score} (${score > 0 ? "toward" : "against"} ${result.label})` }, piece)));
  output.replaceChildren(
    el("p", { class: "sc-demo__label" }, "Sentiment: ", el("strong", { text: result.label })),
    el("div", { class: "sc-demo__bars", role: "list", "aria-label": "Confidence per class" },
      ...bars),
    ...result.notes.map((note) => el("p", { class: "sc-demo__caveat", text: note })),
    el("p", { class: "sc-demo__meta" }, "Words that pushed the answer: ",
      el("span", { class: "sc-demo__word", style: `background: ${shade(1)}`, text: "toward it" }), " ",
      el("span", { class: "sc-demo__word", style: `background: ${shade(-1)}`, text: "against it" }),
      "; the stronger the colour, the larger the push."),
    el("p", { class: "sc-demo__text" }, ...pieces),
    el("p", { class: "sc-demo__meta", text: `The model took ${result.ms.toFixed(1)} ms in this browser.` }),
  );
}

/** The form (a labelled text box, Classify, the examples), answering the first example. */
export async function mount(root, { files }) {
  const [model, config, index] = await Promise.all([
    session(files.model), fetchJSON(files.config), loadVocabulary(files.vocabulary), styles()]);
  state = { model, config, index };
  const box = el("textarea", { id: "sc-text-review", rows: 6, placeholder: "Paste or write a review..." });
  const output = el("div", { class: "sc-demo__output", "aria-live": "polite" });
  const classify = async () => {
    try {
      const result = await predict(box.value);
      render(output, result);
      report(root, result);
    } catch (error) {
      output.replaceChildren();
      report(root, error);
    }
  };
  const example = (text, i) => el("button", { type: "button", title: text,
    onclick: () => { box.value = text; classify(); } }, `Example ${i + 1}: ${text.slice(0, 32)}…`);
  root.append(
    el("label", { for: "sc-text-review", text: "A movie review" }), box,
    el("div", { class: "sc-demo__row" }, el("button", { type: "button", class: "md-button md-button--primary",
      onclick: classify }, "Classify"), ...EXAMPLES.map(example)),
    alertLine(), output);
  box.value = EXAMPLES[0];
  await classify();
  return { answer: classify };
}
