"""Demo addresses, the local-demo switch, and which projects get an in-browser demo."""

import json

import pytest
from conftest import PNG, valid_card

from showcase.contract.files import BROWSER_DEMO_FILES, space_host
from showcase.exceptions import DemoError, ImageError
from showcase.reading.project import load_project
from showcase.site.demos import (
    MAX_EXAMPLES,
    check_local_demos,
    embed_for,
    gradio_script,
    runtime_files,
)
from showcase.site.onnx_ops import LITE_RUNTIME
from showcase.site.pages.project import render_project
from showcase.site.plan import SiteContent, plan_site


def test_space_host_and_gradio_pin():
    assert space_host("Ada/My_App.v2") == "https://ada-my-app-v2.hf.space"
    assert gradio_script("6.31.0") == "https://gradio.s3-us-west-2.amazonaws.com/6.31.0/gradio.js"
    assert gradio_script("4.44.1+cpu").endswith("/4.44.1/gradio.js")
    assert gradio_script(None) is None and gradio_script("latest; rm -rf") is None


def test_check_local_demos():
    assert check_local_demos({}) == {}
    assert check_local_demos({"a": "http://127.0.0.1:7861/"}) == {"a": "http://127.0.0.1:7861/"}
    assert check_local_demos({"a": "http://localhost:80"}) == {"a": "http://localhost:80"}
    for bad in ('{"a": "http://127.0.0.1:1/"}', {"a": "https://evil.example/"}, {"a": 7861}, {1: "x"}):
        with pytest.raises(DemoError, match=r"local_demos: .*Fix: leave it unset"):
            check_local_demos(bad)


def with_browser_files(root, kind: str = "image-classification") -> None:
    """Give a test project the files its kind's in-browser demo reads."""
    for rel in BROWSER_DEMO_FILES[kind].values():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x" * 10)


def test_a_trained_project_gets_an_in_browser_demo_with_its_files_and_the_runtime(make_project):
    root = make_project()
    assert embed_for(load_project(root), {}).browser is None  # not trained: no model, no demo here
    with_browser_files(root)
    (root / "examples").mkdir()
    for n in range(MAX_EXAMPLES + 2):
        (root / "examples" / f"{n:02d}.png").write_bytes(PNG)
    embed = embed_for(load_project(root), {})
    browser = embed.browser
    assert embed.mode == "none" and browser.module == "assets/showcase/demos/image-classification.mjs"
    folder = "projects/digits/demo"
    assert browser.files == {"model": f"{folder}/model.onnx", "config": f"{folder}/config.json"}
    assert len(browser.examples) == MAX_EXAMPLES and browser.examples[0] == f"{folder}/examples/00.png"
    assert browser.sources["projects/digits/demo/model.onnx"] == root / "models" / "model.onnx"
    runtime = sum(path.stat().st_size for path in runtime_files().values())
    assert browser.download_bytes == runtime + 20
    planned = {item.path for item in plan_site(SiteContent(projects=[load_project(root)]))}
    assert {*browser.sources, *runtime_files()} <= planned


@pytest.mark.parametrize("content", [b"", b"<html>not found</html>", PNG[: len(PNG) // 2]],
                         ids=["empty", "text", "truncated"])
def test_an_example_that_is_not_a_whole_image_is_refused_naming_it(make_project, content):
    root = make_project()
    with_browser_files(root)
    (root / "examples").mkdir()
    (root / "examples" / "00.png").write_bytes(PNG)
    (root / "examples" / "01.png").write_bytes(content)
    expected = r"the in-browser demo offers it: .*examples/01\.png .*Fix: run `make evaluate`"
    with pytest.raises(ImageError, match=expected):
        embed_for(load_project(root), {})


def test_no_in_browser_demo_for_a_model_too_large_for_a_phone(make_project, monkeypatch):
    root = make_project()
    with_browser_files(root)
    monkeypatch.setattr("showcase.site.demos.BROWSER_DEMO_MAX_BYTES", 19)
    assert embed_for(load_project(root), {}).browser is None


def test_a_text_project_fine_tuned_from_a_transformer_has_no_in_browser_demo(make_project):
    """The page's text demo runs the n-gram model; a transformer project writes an ONNX export and
    a config but no vocabulary (templates' model=transformer), so its page keeps the app's button."""
    card = {**valid_card(), "kind": "text-classification"}
    root = make_project(card=card)
    with_browser_files(root, "text-classification")
    assert embed_for(load_project(root), {}).browser is not None
    (root / BROWSER_DEMO_FILES["text-classification"]["vocabulary"]).unlink()
    for name in ("tokenizer.json", "tokenizer_config.json", "model.safetensors"):
        (root / "models" / name).write_text("{}")
    assert embed_for(load_project(root), {}).browser is None


def test_a_missing_runtime_names_the_fix(make_project, monkeypatch, tmp_path):
    root = make_project()
    with_browser_files(root)
    monkeypatch.setattr("showcase.site.demos.RUNTIME_DIR", tmp_path / "nowhere")
    with pytest.raises(DemoError, match=r"onnxruntime-web is not installed: .* Fix: `make web`"):
        embed_for(load_project(root), {})


def onnx_model(path, op: str) -> None:
    """A one-node ONNX model (`op` over a 2x3 input) at `path`."""
    from onnx import TensorProto, helper, save

    graph = helper.make_graph([helper.make_node(op, ["x"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])])
    save(helper.make_model(graph), str(path))


@pytest.mark.parametrize("op, runtime", [("Relu", "onnx-lite"), ("Softmax", "onnxruntime-web")])
def test_the_page_names_the_runtime_its_model_needs_and_the_bytes_it_costs(make_project, op, runtime):
    root = make_project()
    with_browser_files(root)
    onnx_model(root / BROWSER_DEMO_FILES["image-classification"]["model"], op)
    project = load_project(root)
    browser = embed_for(project, {}).browser
    assert browser.runtime == runtime
    model = sum((root / rel).stat().st_size for rel in BROWSER_DEMO_FILES["image-classification"].values())
    code = (LITE_RUNTIME.stat().st_size if runtime == "onnx-lite"
            else sum(path.stat().st_size for path in runtime_files().values()))
    assert browser.download_bytes == model + code
    page = render_project(project, embed_for(project, {}), project.assets())
    assert f'data-runtime="{runtime}"' in page
    assert f"The model and its runtime, about {(model + code) / 1e6:.1f} MB, download when this part" in page


def test_the_page_offers_the_in_browser_demo_first_and_the_space_beside_it(make_project):
    card = valid_card() | {"demo": {"app": "app.py", "space": "ada/digits"}}
    root = make_project(card=card)
    with_browser_files(root)
    project = load_project(root)
    page = render_project(project, embed_for(project, {}), project.assets())
    browser, space = page.index('data-sc-demo="browser"'), page.index('data-sc-demo="space"')
    assert browser < space and page.index("Try it here") < page.index("Open the hosted demo")
    assert "https://huggingface.co/spaces/ada/digits" in page[space:]
    assert 'data-files=\'{"config": "projects/digits/demo/config.json", "model": ' in page


def test_without_a_trained_model_the_page_keeps_the_space_button(make_project):
    root = make_project(card=valid_card() | {"demo": {"app": "app.py", "space": "ada/digits"}})
    project = load_project(root)
    page = render_project(project, embed_for(project, {}), project.assets())
    assert "Try it here" not in page and "Open the live demo" in page


GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


@pytest.mark.parametrize("env_id, replay", [("LunarLander-v3", True), ("CartPole-v1", False)])
def test_an_rl_task_the_page_cannot_simulate_replays_its_recorded_episodes(make_project, env_id, replay):
    root = make_project(card={**valid_card(), "kind": "reinforcement-learning"})
    with_browser_files(root, "reinforcement-learning")
    (root / "models" / "config.json").write_text(json.dumps({"env_id": env_id}))
    (root / "examples").mkdir()
    (root / "examples" / "episodes.json").write_text('{"episodes": []}')
    for seed in (10000, 10001):
        (root / "examples" / f"episode-{seed}.gif").write_bytes(GIF)
    project = load_project(root)
    browser = embed_for(project, {}).browser
    folder = "projects/digits/demo"
    assert browser.replay is replay
    assert browser.examples == tuple(f"{folder}/examples/episode-{seed}.gif" for seed in (10000, 10001))
    assert browser.files["episodes"] == f"{folder}/episodes.json"
    recording = sum(p.stat().st_size for p in (root / "examples").iterdir())
    config = (root / "models" / "config.json").stat().st_size
    if replay:  # the recording only: no policy, no runtime
        assert "model" not in browser.files and browser.download_bytes == recording + config
    else:  # CartPole plays live: the policy and the runtime, the recording beside them
        runtime = sum(path.stat().st_size for path in runtime_files().values())
        assert browser.files["model"] == f"{folder}/policy.onnx"
        listed = (root / "examples" / "episodes.json").stat().st_size
        assert browser.download_bytes == 10 + config + listed + runtime
    page = render_project(project, embed_for(project, {}), project.assets())
    assert ("Replays the episodes the project's evaluation recorded" in page) is replay
