"""A fine-tuned backbone's ONNX export (image model=pretrained) runs in the page's own runtime.

The page's in-browser image demo feeds `models/model.onnx` the CNN's input; with a pre-trained
backbone the graph also holds the channel repeat, the resize and the normalisation. This renders the
template with `model: pretrained`, exports a tiny random backbone through the project's own
`save_model`, and runs the file with onnxruntime-web (the npm package the site copies, in Node)
against the project's PyTorch model.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cookiecutter.main import cookiecutter
from template_checks import SHARED, TEMPLATES

from showcase.site.demos import RUNTIME_DIR

EXPORT = """
import json, sys, torch
from pathlib import Path
from transformers import ConvNextImageProcessor, ResNetConfig, ResNetModel
from {package}.model import load_pretrained, save_model
out = Path(sys.argv[1])
torch.manual_seed(0)
ResNetModel(ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[1, 1], layer_type="basic")
            ).save_pretrained(out / "backbone")
ConvNextImageProcessor().save_pretrained(out / "backbone")
model, config, _ = load_pretrained(str(out / "backbone"), list("0123456789"), 8, "digits", 64)
save_model(model.eval(), config, out / "models")
x = torch.rand(3, 1, 8, 8)
with torch.no_grad():
    logits = model(x)
(out / "case.json").write_text(json.dumps({{"x": x.flatten().tolist(), "logits": logits.tolist()}}))
"""
RUN = """
import * as ort from "onnxruntime-web";
import fs from "fs";
const [model, case_] = process.argv.slice(2);
const { x } = JSON.parse(fs.readFileSync(case_));
ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(fs.readFileSync(model));
const out = await session.run({ pixels: new ort.Tensor("float32", Float32Array.from(x), [3, 1, 8, 8]) });
console.log(JSON.stringify(Array.from(out.logits.data)));
"""


def test_the_pretrained_export_answers_in_onnxruntime_web_as_in_pytorch(tmp_path, monkeypatch):
    node = shutil.which("node")
    assert node and RUNTIME_DIR.is_dir(), "Node.js and onnxruntime-web are needed: run `make web`"
    monkeypatch.syspath_prepend(str(SHARED))  # the kinds' Jinja extension (hooks.pre_gen_project)
    project = Path(cookiecutter(str(TEMPLATES / "image-classification"), no_input=True,
                                output_dir=str(tmp_path), extra_context={"model": "pretrained"}))
    package = json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]
    subprocess.run([sys.executable, "-c", EXPORT.format(package=package), str(tmp_path)], cwd=project,
                   env={**os.environ, "PYTHONPATH": str(project / "src"), "HF_HUB_OFFLINE": "1"},
                   check=True, capture_output=True)
    script = RUNTIME_DIR.parents[1] / f"check-{tmp_path.name}.mjs"  # beside node_modules, to import it
    script.write_text(RUN)
    try:
        done = subprocess.run([node, str(script), str(tmp_path / "models" / "model.onnx"),
                               str(tmp_path / "case.json")], capture_output=True, text=True, check=True)
    finally:
        script.unlink()
    expected = json.loads((tmp_path / "case.json").read_text())["logits"]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got == pytest.approx([v for row in expected for v in row], abs=1e-4)
