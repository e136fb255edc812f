# The first part is rendered from templates/_shared/include/shared/tests/streamlit_app.py: edit it there.
{% include "shared/tests/streamlit_app.py" %}


def draw(at: AppTest, name: str, seed: int, count: int) -> AppTest:
    """The Samples tab after a visitor asks for `count` images of `name` from `seed`."""
    at.selectbox[0].select(name)
    at.number_input[0].set_value(seed)
    at.slider[0].set_value(count)
    return at.button[0].click().run()


def walk(at: AppTest, name: str, seed_from: int, seed_to: int, steps: int) -> AppTest:
    """The Interpolation tab after a visitor asks for a walk."""
    at.selectbox[1].select(name)
    at.number_input[1].set_value(seed_from)
    at.number_input[2].set_value(seed_to)
    at.slider[1].set_value(steps)
    return at.button[1].click().run()


def picture(at: AppTest) -> tuple[str, str]:
    """The one picture on the page: its address (a hash of its pixels) and its caption."""
    (image,) = shown(at).image
    return image.value[0], image.captions[0]


def test_a_seed_always_draws_the_same_samples_and_another_seed_others(app):
    first, caption = picture(draw(app, "7", 3, 16))
    assert caption == "16 images of 7, seed 3"
    assert picture(draw(app, "7", 3, 16))[0] == first
    assert picture(draw(app, "7", 4, 16))[0] != first


def test_an_interpolation_is_drawn(app):
    _, caption = picture(walk(app, "2", 0, 1, 6))
    assert caption == "2, from seed 0's noise to seed 1's in 6 steps"


def test_bad_input_gets_a_clear_message_and_the_app_keeps_running(app):
    # The selectbox and sliders only offer valid choices; a seed typed out of range is ours to refuse.
    for seed in (-5, 2**33):
        at = draw(app, "3", seed, 4)
        assert "seed must be a whole number" in only_error(at) and not at.image
    assert "first seed must be" in only_error(walk(app, "3", -1, 1, 4))
    assert picture(draw(app, "all", 0, 10))[1] == "10 images of all, seed 0"
