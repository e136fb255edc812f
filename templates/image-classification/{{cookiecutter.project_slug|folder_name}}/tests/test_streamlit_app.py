# The first part is rendered from templates/_shared/include/shared/tests/streamlit_app.py: edit it there.
{% include "shared/tests/streamlit_app.py" %}


def png(image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def a_one():
    """A dark "1" on white paper, as a phone photo of a written digit would be."""
    import numpy as np
    from PIL import Image

    pixels = np.full((120, 90), 255, dtype=np.uint8)
    pixels[15:105, 40:52] = 0
    return Image.fromarray(pixels)


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "image/png"))
    return at.run()


def guesses(at: AppTest) -> list[str]:
    """The guesses on the page, best first, as "name: percent"."""
    return [bar.text for bar in shown(at).progress]


def test_an_upload_gets_the_models_top_three_guesses_and_what_it_saw(app, trained):
    from {{ cookiecutter.package_name }}.predict import Classifier

    classifier = Classifier(trained / "models")
    probabilities, seen = classifier.predict(a_one())
    best = sorted(probabilities, key=probabilities.get, reverse=True)[:3]
    at = upload(app, "one.png", png(a_one()))
    assert guesses(at) == [f"{name}: {probabilities[name]:.1%}" for name in best]
    assert at.subheader[0].value == f"Prediction: {best[0]}"
    assert at.image[0].captions == [f"What the model sees: {seen.shape[-1]}x{seen.shape[-2]} pixels"]


def test_an_example_beside_the_app_can_be_picked(trained, tmp_path, monkeypatch):
    import shutil

    shutil.copy(PROJECT / "streamlit_app.py", tmp_path)
    (tmp_path / "examples").mkdir()
    a_one().save(tmp_path / "examples" / "01_1.png")
    monkeypatch.setenv("MODEL_DIR", str(trained / "models"))
    at = AppTest.from_file(str(tmp_path / "streamlit_app.py"), default_timeout=TIMEOUT_S).run()
    assert not at.progress and at.selectbox[0].options == ["01_1"]
    assert len(guesses(at.selectbox[0].select("01_1").run())) == 3


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # refused, as checked
def test_every_bad_upload_gets_the_demos_message_and_the_app_keeps_running(app, hostile_pictures):
    import re

    for name, (data, message) in hostile_pictures.items():
        at = upload(app, f"{name}.png", data)
        assert re.search(message, only_error(at)), name
        assert not at.progress
    assert len(guesses(upload(app, "one.png", png(a_one())))) == 3
