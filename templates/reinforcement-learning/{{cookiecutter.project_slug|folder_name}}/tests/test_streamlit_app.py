# The first part is rendered from templates/_shared/include/shared/tests/streamlit_app.py: edit it there.
{% include "shared/tests/streamlit_app.py" %}


def play(at: AppTest, seed: int | float) -> AppTest:
    """The page after a visitor plays the episode `seed` starts."""
    at.number_input[0].set_value(seed)
    return at.button[0].click().run()


def test_a_seed_plays_both_policies_from_the_same_start(app, trained):
    from {{ cookiecutter.package_name }}.predict import Agent

    agent = Agent(trained / "models")
    at = shown(play(app, 7))
    returns = [metric.value for metric in at.metric]
    assert returns == [f"{agent.play(7).total_reward:g}", f"{agent.play_random(7).total_reward:g}"]
    assert [image.value[0].rsplit(".", 1)[1] for image in at.image] == ["gif", "gif"]  # animated
    assert at.image[0].captions[0].startswith(f"The trained agent playing {agent.env_id}")


def test_bad_input_gets_a_clear_message_and_the_app_keeps_running(app):
    for seed in (-3, 10**12):
        at = play(app, seed)
        assert "between 0 and" in only_error(at) and not at.image
    assert float(shown(play(app, 0)).metric[0].value) >= 1
