/* The reinforcement-learning kind's in-browser demo: the trained policy (models/policy.onnx, run
   by onnxruntime-web) balances CartPole (cartpole.mjs, gymnasium's dynamics in JavaScript) beside
   a random policy from the same start; the returns come first, then the episode is animated.

   Exported for the tests, which check them against gymnasium and the project's Python agent in
   real Chromium: the environment's `step` and `startState` (re-exported), `play` (one episode),
   `greedyPolicy` and `playTrained` (the ONNX policy), `checkSeed` (predict.check_seed's messages).
   A project trained on another environment replays the episodes its evaluation recorded
   (replay.mjs), or, with none, gets a sentence, not a wrong simulation. */

import { ENV_ID, MAX_EPISODE_STEPS, animate, draw, observe, randomPolicy, screen, startState, step }
  from "./cartpole.mjs";
import { InputError, Unsupported, alertLine, el, fetchJSON, report, run, session, styles }
  from "./common.mjs";
import { pyFloat, pyG, pyGroupedWhole, pyRepr } from "./python-text.mjs";
import { mountReplay } from "./replay.mjs";

export { prefetch } from "./common.mjs";

export * from "./cartpole.mjs";

export const MAX_SEED = 2 ** 31 - 1;  // predict.MAX_SEED
export const ONNX_INPUT = "observation";  // artefacts.ONNX_INPUT: (B, 4) float32
export const ONNX_OUTPUT = "logits";  // artefacts.ONNX_OUTPUT: (B, 2), one score per action
const DEFAULT_SEED = "0";  // the Gradio demo's default too

/** predict.check_seed for the seed box's text: the seed, or InputError with its very sentences. */
export function checkSeed(text) {
  if (text === null || text === undefined || !String(text).trim()) {
    throw new InputError("Pick a seed first: a whole number that fixes the episode's start.");
  }
  const number = pyFloat(String(text));
  if (number === undefined) throw new InputError(`The seed must be a whole number, not ${pyRepr(String(text))}.`);
  if (!Number.isInteger(number)) throw new InputError(`The seed must be a whole number, not ${pyG(number)}.`);
  if (!(number >= 0 && number <= MAX_SEED)) {
    throw new InputError(`The seed must be between 0 and ${pyGroupedWhole(MAX_SEED)}; ${pyGroupedWhole(number)} is not.`);
  }
  return number;
}

/** One episode of `policy` (observation -> action, maybe async) from `state`, to its end: the pole
    falls or the cart leaves the track (terminated), or MAX_EPISODE_STEPS pass (CartPole-v1's
    time limit truncates it). `return` is the sum of the rewards. */
export async function play(policy, state, maxSteps = MAX_EPISODE_STEPS) {
  const states = [state], observations = [observe(state)], actions = [];
  let total = 0, terminated = false;
  while (!terminated && actions.length < maxSteps) {
    const action = await policy(observations[observations.length - 1]);
    const next = step(states[states.length - 1], action);
    actions.push(action);
    states.push(next.state);
    observations.push(next.observation);
    total += next.reward;
    terminated = next.terminated;
  }
  return { actions, observations, states, return: total, length: actions.length, terminated };
}

/** The index of the largest score, the first on a tie (as NumPy's argmax). */
export function argmax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if (values[i] > values[best]) best = i;
  return best;
}

/** The trained policy, greedy as predict.Agent.act: argmax of the ONNX model's logits for one
    observation (batch 1). `policy.ms` adds up the time the model took. */
export async function greedyPolicy(modelUrl) {
  const model = await session(modelUrl);  // one session per model (common.mjs)
  const policy = async (observation) => {
    const feeds = { [ONNX_INPUT]: ["float32", Float32Array.from(observation), [1, observation.length]] };
    const { outputs, ms } = await run(model, feeds);
    policy.ms += ms;
    return argmax(outputs[ONNX_OUTPUT].data);
  };
  policy.ms = 0;
  return policy;
}

/** The trained policy's episode from `state` (what the tests compare with the Python agent's). */
export async function playTrained(modelUrl, state) {
  return play(await greedyPolicy(modelUrl), state);
}

/** The form (seed, Play, Stop/Replay, which episode to watch), the canvas and the returns line. */
function build(root) {
  const seed = el("input", { id: "sc-rl-seed", type: "text", inputmode: "numeric", autocomplete: "off",
    value: DEFAULT_SEED });
  const watch = el("select", { id: "sc-rl-watch" },
    el("option", { value: "trained", text: "the trained policy" }),
    el("option", { value: "random", text: "the random policy" }));
  const ui = {
    seed, watch,
    play: el("button", { type: "submit", class: "md-button md-button--primary", text: "Play" }),
    replay: el("button", { type: "button", class: "md-button sc-demo__replay", text: "Stop", disabled: true }),
    canvas: screen({ class: "sc-demo__cartpole", role: "img", "aria-label": `${ENV_ID}, not played yet` }),
    returns: el("p", { class: "sc-demo__returns", "aria-live": "polite" }),
    episodes: null,
  };
  ui.form = el("form", { class: "sc-demo__row" },
    el("label", { for: seed.id }, `Seed (0 to ${pyGroupedWhole(MAX_SEED)}): it fixes this page's start state`, seed),
    ui.play, ui.replay, el("label", { for: watch.id }, "Watch", watch));
  const note = el("p", { class: "sc-demo__meta", text: `The page draws the start state from the seed with its own ` +
    `small generator, so a seed here starts elsewhere than the same seed in the Python demo; the physics ` +
    `(${ENV_ID}'s, written for the page) and the policy are the same. The return is the number of steps ` +
    `the pole stays up, ${MAX_EPISODE_STEPS} at most: higher is better.` });
  root.append(ui.form, ui.canvas, ui.returns, note, alertLine());
  return ui;
}

/** Animate the episode picked in "Watch" (one at a time); Stop halts it, Replay starts it again. */
function player(ui) {
  let stop = null;
  const ended = () => { stop = null; ui.replay.textContent = "Replay"; };
  const halt = () => { if (stop) stop(); ended(); };
  const start = () => {
    halt();
    const episode = ui.episodes[ui.watch.value];
    const who = ui.watch.value === "trained" ? "The trained policy" : "A random policy";
    ui.canvas.setAttribute("aria-label", `${who} playing ${ENV_ID} from seed ${ui.episodes.seed}: ` +
      `the pole stays up ${episode.length} steps, return ${episode.return}`);
    ui.replay.textContent = "Stop";
    stop = animate(ui.canvas, episode.states, ended);
  };
  return { start, halt, toggle: () => (stop ? halt() : start()) };
}

/** Both policies from the seed's start: the returns first (the answer), then the animation,
    which runs on after this resolves. */
async function answer(root, ui, modelUrl) {
  let seed;
  try {
    seed = checkSeed(ui.seed.value);
  } catch (error) {
    ui.returns.textContent = "";
    return report(root, error);
  }
  ui.play.disabled = true;
  try {
    const start = startState(seed);
    const policy = await greedyPolicy(modelUrl);
    const trained = await play(policy, start);
    const random = await play(randomPolicy(seed), start);
    ui.episodes = { seed, trained, random };
    ui.returns.textContent = `Trained policy: ${trained.return} · Random policy: ${random.return}`;
    report(root, { seed, trained: trained.return, random: random.return, steps: trained.length, ms: policy.ms });
  } finally {
    ui.play.disabled = false;
  }
  ui.replay.disabled = false;
  ui.player.start();
}

/** showcase.js calls this on "Try it here": check the environment, build the form, answer seed 0;
    resolves to {answer}, which plays the seed in the box again (the bench times it). Another
    environment's recorded episodes are replayed instead, with no runtime or model loaded. */
export async function mount(root, { files, examples = [] }) {
  const [config] = await Promise.all([fetchJSON(files.config), styles()]);
  if (config.env_id !== ENV_ID && files.episodes) return mountReplay(root, { files, examples });
  if (config.env_id !== ENV_ID) {
    throw new Unsupported(`There is no browser version of ${config.env_id}: this demo simulates ${ENV_ID} ` +
      "only. The picture shows the agent playing; the page's Reproduce section says how to run it live.");
  }
  greedyPolicy(files.model).catch(() => {});  // the runtime and model start loading now; answer() waits
  const ui = build(root);
  ui.player = player(ui);
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    answer(root, ui, files.model);
  });
  ui.replay.addEventListener("click", () => ui.player.toggle());
  ui.watch.addEventListener("change", () => ui.episodes && ui.player.start());
  draw(ui.canvas, startState(Number(DEFAULT_SEED)));
  await answer(root, ui, files.model);
  return { answer: () => answer(root, ui, files.model) };
}
