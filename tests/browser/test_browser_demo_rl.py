"""The reinforcement-learning kind's in-browser demo (CartPole), in real Chromium, against gymnasium
and the example project's Python agent: the same dynamics to the last bit, the same actions for a
whole episode, the same seed messages; and the demo opening from the real site's project page. A
task the page cannot simulate (lunar-lander-ppo) replays the episodes its evaluation recorded."""

from __future__ import annotations

import json
from pathlib import Path

import gymnasium as gym
import numpy as np
import pytest
from browser_demos import MODULES, answers, call, errors, open_demo, wait_for_answers
from cartpole_ppo import artefacts, predict
from playwright.sync_api import Page

KIND = "reinforcement-learning"
SLUG = "cartpole-ppo"
ENV_ID = "CartPole-v1"
SEEDS = (0, 1, 7, 42, 2024)
PROJECT = Path(__file__).resolve().parents[2] / "projects" / SLUG
REPLAYED = Path(__file__).resolve().parents[2] / "projects" / "lunar-lander-ppo"

# Runs a module's export on each item in the page, errors caught: [{value} | {error, input}].
EACH = """async ([url, name, items]) => {
  const module = await import(new URL(url, document.baseURI).href);
  const common = await import(new URL("common.mjs", new URL(url, document.baseURI)).href);
  return items.map((item) => {
    try { return { value: module[name](item) }; }
    catch (e) { return { error: e.message, input: e instanceof common.InputError }; }
  });
}"""

# Steps the JS environment through `actions` from `state`: every step's result.
STEPS = """async ([url, state, actions]) => {
  const module = await import(new URL(url, document.baseURI).href);
  return actions.map((action) => {
    const result = module.step(state, action);
    state = result.state;
    return result;
  });
}"""


@pytest.fixture
def rl_page(demo_page: Page) -> Page:
    """The project's page (not yet opened): the modules import relative to it."""
    demo_page.goto(f"projects/{SLUG}/")
    return demo_page


def module_url() -> str:
    return f"/{MODULES}{KIND}.mjs"


def model_url(page: Page) -> str:
    """The policy's address in the built site, as the page hands it to the demo."""
    files = json.loads(page.get_attribute(".sc-demo[data-sc-demo=browser]", "data-files"))
    return "/" + files["model"]


def gym_start(seed: int) -> list[float]:
    """CartPole-v1's start state (float64) for `seed`, as gymnasium draws it."""
    env = gym.make(ENV_ID)
    env.reset(seed=seed)
    return env.unwrapped.state.tolist()


def gym_steps(start: list[float], actions: list[int]) -> list[tuple[list[float], list[float], float, bool]]:
    """gymnasium's CartPoleEnv stepped through `actions` from `start`, to termination at most."""
    env = gym.make(ENV_ID).unwrapped
    env.reset(seed=0)
    env.state = np.array(start, dtype=np.float64)
    out = []
    for action in actions:
        observation, reward, terminated, _, _ = env.step(action)
        out.append((env.state.tolist(), observation.tolist(), reward, terminated))
        if terminated:
            break
    return out


def balancing_actions(start: list[float], count: int) -> list[int]:
    """A hand-rolled controller's actions (push towards the lean), played in gymnasium: a long episode."""
    env = gym.make(ENV_ID).unwrapped
    env.reset(seed=0)
    env.state = np.array(start, dtype=np.float64)
    actions = []
    for _ in range(count):
        x, x_dot, theta, theta_dot = env.state
        actions.append(int(theta + 0.5 * theta_dot + 0.01 * x + 0.05 * x_dot > 0))
        if env.step(actions[-1])[2]:
            break
    return actions


def edge_states(env) -> list[list[float]]:
    """States one step from each termination threshold, on both sides of it."""
    x, theta, tau = env.x_threshold, env.theta_threshold_radians, env.tau
    return [[x - 0.001, 0.1 / tau, 0.0, 0.0], [-x + 0.001, -0.1 / tau, 0.0, 0.0],
            [x - 0.001, 0.01 / tau, 0.0, 0.0], [0.0, 0.0, theta - 0.001, 0.1 / tau],
            [0.0, 0.0, -theta + 0.001, -0.1 / tau], [0.0, 0.0, theta - 0.001, 0.01 / tau]]


def assert_same_steps(page: Page, start: list[float], actions: list[int]) -> None:
    python = gym_steps(start, actions)
    js = page.evaluate(STEPS, [module_url(), start, actions[: len(python)]])
    assert len(js) == len(python)
    for i, ((state, observation, reward, terminated), result) in enumerate(zip(python, js, strict=True)):
        np.testing.assert_allclose(result["state"], state, rtol=0, atol=1e-12, err_msg=f"{start} step {i}")
        np.testing.assert_allclose(result["observation"], observation, rtol=1e-6, atol=0, err_msg=f"step {i}")
        assert (result["reward"], result["terminated"]) == (reward, terminated), f"{start} step {i}"


def test_constants_are_gymnasiums_and_the_projects(rl_page: Page) -> None:
    env = gym.make(ENV_ID)
    physics = rl_page.evaluate(
        "async (url) => { const m = await import(new URL(url, document.baseURI).href); return "
        "{physics: m.PHYSICS, steps: m.MAX_EPISODE_STEPS, fps: m.RENDER_FPS, seed: m.MAX_SEED, "
        "input: m.ONNX_INPUT, output: m.ONNX_OUTPUT, env: m.ENV_ID}; }", module_url())
    for name, value in physics["physics"].items():
        assert value == getattr(env.unwrapped, name), name
    assert physics["steps"] == gym.spec(ENV_ID).max_episode_steps
    assert physics["fps"] == env.metadata["render_fps"]
    assert (physics["seed"], physics["env"]) == (predict.MAX_SEED, ENV_ID)
    assert (physics["input"], physics["output"]) == (artefacts.ONNX_INPUT, artefacts.ONNX_OUTPUT)


def test_step_matches_gymnasium(rl_page: Page) -> None:
    """From gymnasium's own start states, random actions (the pole falls) and a balancing controller
    (hundreds of steps, where a difference would grow), and from states at each threshold."""
    rng = np.random.default_rng(0)
    for seed in SEEDS:
        start = gym_start(seed)
        assert_same_steps(rl_page, start, rng.integers(0, 2, 200).tolist())
        assert_same_steps(rl_page, start, balancing_actions(start, 500))
    for start in edge_states(gym.make(ENV_ID).unwrapped):
        assert_same_steps(rl_page, start, [1, 0])


def test_start_states_are_seeded_and_in_gymnasiums_range(rl_page: Page) -> None:
    starts = [call(rl_page, KIND, "startState", seed) for seed in (*SEEDS, predict.MAX_SEED)]
    assert starts[0] == call(rl_page, KIND, "startState", SEEDS[0])  # the same seed, the same start
    assert len({tuple(s) for s in starts}) == len(starts)
    low, high = -0.05, 0.05  # CartPoleEnv.reset's default bounds
    assert all(low <= v < high for s in starts for v in s), starts


def python_episode(agent: predict.Agent, start: list[float]) -> tuple[list[int], float]:
    """The Python agent (onnxruntime) playing CartPole-v1 from `start`: its actions and return."""
    env = gym.make(ENV_ID)  # with the time limit: truncated at 500 steps
    env.reset(seed=0)
    env.unwrapped.state = np.array(start, dtype=np.float64)
    observation, actions, total, done = np.array(start, dtype=np.float32), [], 0.0, False
    while not done:
        actions.append(agent.act(observation))
        observation, reward, terminated, truncated, _ = env.step(actions[-1])
        total, done = total + float(reward), terminated or truncated
    return actions, total


def test_policy_chooses_the_python_agents_actions(rl_page: Page) -> None:
    """gymnasium's starts and the page's own: every action for the whole episode, and the return."""
    agent = predict.Agent(PROJECT / "models")
    starts = [gym_start(seed) for seed in SEEDS] + [call(rl_page, KIND, "startState", s) for s in SEEDS[:3]]
    url = model_url(rl_page)
    for start in starts:
        actions, total = python_episode(agent, start)
        episode = call(rl_page, KIND, "playTrained", url, start)
        differ = [i for i, (a, b) in enumerate(zip(episode["actions"], actions, strict=False)) if a != b]
        assert episode["actions"] == actions, f"from {start}: the actions differ from step {differ[:1]}"
        assert (episode["return"], episode["length"]) == (total, len(actions))


SEED_TEXTS = ["", "   ", "abc", "it's", "1.5", "-0.25", "123456.5", "12345.25", "1e-5", "1e100", "-1",
              "2147483648", "1e23", "inf", "-Infinity", "nan", "0x10", "1_000", " 7 ", "0", "2147483647"]


def test_seed_messages_are_check_seeds(rl_page: Page) -> None:
    js = rl_page.evaluate(EACH, [module_url(), "checkSeed", SEED_TEXTS])
    for text, result in zip(SEED_TEXTS, js, strict=True):
        try:
            expected = {"value": predict.check_seed(text)}
        except predict.InvalidSeedError as e:
            expected = {"error": str(e), "input": True}
        assert result == expected, text


def test_demo_opens_on_the_project_page_and_plays(demo_page: Page) -> None:
    app = open_demo(demo_page, SLUG)
    first = answers(demo_page)[0]
    assert first["seed"] == 0
    assert first["random"] < first["trained"], first
    assert app.locator(".sc-demo__returns").inner_text() == (
        f"Trained policy: {first['trained']:g} · Random policy: {first['random']:g}")
    replay = app.locator(".sc-demo__replay")
    assert replay.inner_text() == "Stop"  # the animation runs on after the first answer
    replay.click()
    assert replay.inner_text() == "Replay"
    app.get_by_label("Watch").select_option("random")  # a short episode: its animation ends by itself
    assert replay.inner_text() == "Stop"
    demo_page.wait_for_function("() => document.querySelector('.sc-demo__replay').textContent === 'Replay'",
                                timeout=5_000)
    seed_box = app.get_by_role("textbox", name="Seed")
    alert = app.locator(".sc-demo__alert[role=alert]")
    for text, count in (("1.5", 1), ("7", 2)):
        seed_box.fill(text)
        app.get_by_role("button", name="Play", exact=True).click()
        if count == 1:
            demo_page.wait_for_function("() => window.scErrors.length > 0")
            message = str(pytest.raises(predict.InvalidSeedError, predict.check_seed, text).value)
            assert errors(demo_page) == [message]
            assert alert.text_content() == message
        else:
            wait_for_answers(demo_page, 2)
            assert answers(demo_page)[1]["seed"] == 7
            assert alert.text_content() == ""


def test_another_environment_with_no_recording_gets_a_sentence_and_keeps_the_picture(demo_page: Page) -> None:
    config = json.loads((PROJECT / "models" / artefacts.MODEL_CONFIG).read_text())
    demo_page.route("**/demo/config.json", lambda route: route.fulfill(
        json={**config, "env_id": "Acrobot-v1"}))
    demo_page.goto(f"projects/{SLUG}/")
    demo_page.evaluate("""() => {  // a project whose evaluation recorded no episodes
      const box = document.querySelector(".sc-demo[data-sc-demo=browser]");
      const files = JSON.parse(box.dataset.files);
      delete files.episodes;
      box.dataset.files = JSON.stringify(files);
    }""")
    demo_page.click(".sc-demo[data-sc-demo=browser] .sc-demo__open")
    status = demo_page.locator(".sc-demo[data-sc-demo=browser] .sc-demo__status")
    status.filter(has_text="Acrobot-v1").wait_for(timeout=10_000)
    assert status.inner_text().startswith("There is no browser version of Acrobot-v1")
    assert demo_page.locator(".sc-demo__app").count() == 0
    assert demo_page.locator(".sc-demo[data-sc-demo=browser] .sc-demo__open").count() == 0
    assert demo_page.locator(".sc-demo[data-sc-demo=browser] img").first.is_visible()


def test_a_task_the_page_cannot_simulate_replays_the_recorded_episodes(demo_page: Page) -> None:
    record = json.loads((REPLAYED / "examples" / "episodes.json").read_text())
    first, second = record["episodes"][:2]
    app = open_demo(demo_page, REPLAYED.name)
    assert answers(demo_page)[0] == {"seed": first["seed"], "trained": first["agent"]["return"],
                                     "random": first["random"]["return"], "steps": first["agent"]["length"],
                                     "recorded": True}  # evaluation's own numbers, nothing computed
    picture = app.locator("img.sc-demo__replay")
    assert picture.get_attribute("src").endswith(f"/{first['gif']}")
    demo_page.wait_for_function("() => document.querySelector('img.sc-demo__replay').naturalWidth > 0")
    assert demo_page.evaluate("() => document.querySelector('img.sc-demo__replay').naturalWidth") == 600
    assert "A recording, not a live run: LunarLander-v3 has no browser version" in app.inner_text()
    app.locator("#sc-rl-episode").select_option(label=f"seed {second['seed']}")
    wait_for_answers(demo_page, 2)
    assert answers(demo_page)[1]["seed"] == second["seed"] and not errors(demo_page)
    agent = second["agent"]
    shown = f"Trained agent: {agent['return']:.1f} in {agent['length']} steps, {agent['outcome']}"
    assert app.locator(".sc-demo__returns").inner_text().startswith(shown)
    assert str(second["seed"]) in picture.get_attribute("alt")
