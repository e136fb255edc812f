# The first part is rendered from templates/_shared/include/shared/tests/evaluated.py: edit it there.
{% include "shared/tests/evaluated.py" %}

from PIL import Image  # noqa: E402

from {{ cookiecutter.package_name }}.envs import make_env, play_episode  # noqa: E402
from {{ cookiecutter.package_name }}.model import load_model  # noqa: E402


def test_the_agent_is_measured_beside_a_random_policy_on_100_separate_episodes(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    m, data = report["metrics"], report["data"]
    assert data["sizes"]["evaluation episodes"] == 100 and "seeds 10000-10099" in data["split"]
    assert m["mean_return"] > m["random_mean_return"]  # even the tiny run beats chance
    assert m["min_return"] <= m["mean_return"] and m["std_return"] >= 0
    assert data["reward_threshold"] == 475.0  # CartPole-v1: solved at a mean return of 475


def test_an_evaluation_episode_is_a_gif_and_the_cover_is_a_png(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    with Image.open(evaluated / report["figures"]["episode"]) as gif:
        assert gif.format == "GIF" and gif.n_frames > 10
    cover = yaml.safe_load((evaluated / "portfolio.yaml").read_text())["cover"]
    with Image.open(evaluated / cover) as still:
        assert still.format == "PNG" and still.size == (600, 400)  # four 300x200 frames


def test_the_first_episodes_are_recorded_for_the_page_to_replay_with_their_returns(evaluated):
    record = json.loads((evaluated / "examples/episodes.json").read_text())
    assert record["env_id"] == "CartPole-v1"
    assert [e["seed"] for e in record["episodes"]] == [10000, 10001, 10002, 10003]  # the first, not the best
    model, _ = load_model(evaluated / "models")
    env = make_env("CartPole-v1")
    for entry in record["episodes"]:
        with Image.open(evaluated / "examples" / entry["gif"]) as gif:
            assert gif.format == "GIF" and gif.size == (600, 216)  # agent | random, under captions
        played = play_episode(env, evaluate.greedy(model), entry["seed"])  # drawing changed nothing
        assert entry["agent"] == {"return": round(played.total_reward, 2), "length": played.length,
                                  "outcome": None}
    assert sorted(p.name for p in (evaluated / "examples").glob("*.gif")) == sorted(
        e["gif"] for e in record["episodes"])


def test_the_returns_spread_is_drawn(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    with Image.open(evaluated / report["figures"]["return_distribution"]) as figure:
        assert figure.format == "PNG"


def test_evaluation_seeds_that_meet_training_seeds_are_refused(trained):
    with pytest.raises(SystemExit, match="first_seed 3: evaluation seeds 3-102 overlap training's 0-7"):
        evaluate.main(["--first-seed", "3", "--reports-dir", str(trained / "reports"),
                       "--model-dir", str(trained / "models")])
