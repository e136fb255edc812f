/* CartPole-v1 for the page: gymnasium 1.4's CartPoleEnv (classic_control/cartpole.py) written
   again in JavaScript, so the in-browser RL demo needs no Python. The tests step it beside
   gymnasium from the same states and compare every float64.

   What cannot be the same: NumPy's seeding (PCG64 behind SeedSequence) is too much to redo for
   a demo, so `startState(seed)` draws from mulberry32 instead; a seed fixes this page's start. */

export const ENV_ID = "CartPole-v1";
export const MAX_EPISODE_STEPS = 500;  // CartPole-v1's time limit in gymnasium's registry: truncation
export const RENDER_FPS = 50;  // CartPoleEnv.metadata["render_fps"]: one step is tau = 0.02 s

/* CartPoleEnv.__init__'s constants, computed in the same order, so they are the same float64s. */
const masspole = 0.1, masscart = 1.0, length = 0.5;
export const PHYSICS = Object.freeze({
  gravity: 9.8, masscart, masspole, total_mass: masspole + masscart, length,
  polemass_length: masspole * length, force_mag: 10.0, tau: 0.02,
  theta_threshold_radians: 12 * 2 * Math.PI / 360, x_threshold: 2.4,
});
const P = PHYSICS;

/** What the agent sees of a float64 state: the float32 array CartPoleEnv returns. */
export function observe(state) {
  return state.map(Math.fround);
}

/** CartPoleEnv.step from `state` = [x, x_dot, theta, theta_dot] (float64): the Euler integrator,
    every product in gymnasium's order (floating point is not associative), reward 1 on every
    step including the one that ends the episode. Truncation is the time limit's (the caller's). */
export function step(state, action) {
  const [x, xDot, theta, thetaDot] = state;
  const force = action === 1 ? P.force_mag : -P.force_mag;
  const costheta = Math.cos(theta);
  const sintheta = Math.sin(theta);
  const temp = (force + P.polemass_length * (thetaDot * thetaDot) * sintheta) / P.total_mass;
  const thetaacc = (P.gravity * sintheta - costheta * temp) /
    (P.length * (4.0 / 3.0 - P.masspole * (costheta * costheta) / P.total_mass));
  const xacc = temp - P.polemass_length * thetaacc * costheta / P.total_mass;
  const next = [x + P.tau * xDot, xDot + P.tau * xacc, theta + P.tau * thetaDot, thetaDot + P.tau * thetaacc];
  const terminated = next[0] < -P.x_threshold || next[0] > P.x_threshold ||
    next[2] < -P.theta_threshold_radians || next[2] > P.theta_threshold_radians;
  return { state: next, observation: observe(next), reward: 1.0, terminated };
}

/** Uniform numbers in [0, 1) from a 32-bit seed: mulberry32 (Tommy Ettinger's, public domain),
    a few lines with a full 2^32 period, plenty for four start values and a coin per step. */
export function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START_LOW = -0.05, START_HIGH = 0.05;  // CartPoleEnv.reset's default bounds

/** The start state for `seed`: the generator's first four numbers, uniform in [-0.05, 0.05)
    (low + (high - low) * u, as NumPy's uniform). */
export function startState(seed) {
  const uniform = generator(seed);
  return Array.from({ length: 4 }, () => START_LOW + (START_HIGH - START_LOW) * uniform());
}

/** Uniformly random actions, the baseline: the seed's generator after the start's four numbers
    (one seed fixes both the start and the random policy's coin flips). */
export function randomPolicy(seed) {
  const uniform = generator(seed);
  for (let i = 0; i < 4; i += 1) uniform();
  return () => (uniform() < 0.5 ? 0 : 1);
}

/* How CartPoleEnv.render draws, in its pixels (600 x 400, y up, then flipped): a track line, a
   black cart, a brown pole on a blue axle. The canvas has the same size; CSS scales it. */
const SCREEN = { width: 600, height: 400 };
const SCALE = SCREEN.width / (P.x_threshold * 2);
const POLE = { width: 10.0, length: SCALE * (2 * P.length) };
const CART = { width: 50.0, height: 30.0, top: 100 };
const AXLE = CART.height / 4.0;

/** A canvas of the render's size, for `draw`. */
export function screen(attributes) {
  const canvas = document.createElement("canvas");
  canvas.width = SCREEN.width;
  canvas.height = SCREEN.height;
  for (const [name, value] of Object.entries(attributes)) canvas.setAttribute(name, value);
  return canvas;
}

/** Draw `state` as gymnasium renders it (canvas y points down, so heights are flipped). */
export function draw(canvas, state) {
  const context = canvas.getContext("2d");
  const flip = (y) => SCREEN.height - y;
  const cartx = state[0] * SCALE + SCREEN.width / 2.0;
  context.fillStyle = "rgb(255, 255, 255)";
  context.fillRect(0, 0, SCREEN.width, SCREEN.height);
  context.fillStyle = "rgb(0, 0, 0)";
  context.fillRect(0, flip(CART.top), SCREEN.width, 1);  // the track
  context.fillRect(cartx - CART.width / 2, flip(CART.top + CART.height / 2), CART.width, CART.height);
  context.save();
  context.translate(cartx, flip(CART.top + AXLE));
  context.rotate(state[2]);  // gymnasium turns the pole by -theta with y up: theta > 0 leans right
  context.fillStyle = "rgb(202, 152, 101)";
  context.fillRect(-POLE.width / 2, -(POLE.length - POLE.width / 2), POLE.width, POLE.length);
  context.restore();
  context.fillStyle = "rgb(129, 132, 203)";
  context.beginPath();
  context.arc(cartx, flip(CART.top + AXLE), POLE.width / 2, 0, 2 * Math.PI);
  context.fill();
}

/** Play `states` on `canvas` at RENDER_FPS with requestAnimationFrame (one state per env step,
    whatever the screen's refresh rate); `done` is called at the last one. Returns a stop function. */
export function animate(canvas, states, done) {
  let frame = 0;
  const start = performance.now();
  const tick = (now) => {
    const index = Math.min(Math.floor(((now - start) * RENDER_FPS) / 1000), states.length - 1);
    draw(canvas, states[Math.max(index, 0)]);
    if (index < states.length - 1) frame = requestAnimationFrame(tick);
    else done();
  };
  frame = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(frame);
}
