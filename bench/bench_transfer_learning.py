"""Training throughput of each model path of the templates, on this machine (issue 13). Not a test.

    make bench          # or: .venv/bin/python bench/bench_transfer_learning.py [--repeats 3]

Each path is the template rendered with its `model` answer and its own `train` module run as a
user runs it (`python -m <package>.train`, in a fresh process), on real data: the IMDB reviews from
../shared/data for text. The number is `train_examples_per_s` from the run's reports/training.json:
training examples per second of the training loop (validation and saving excluded); the median of
`--repeats` runs. The transformer runs use a DistilBERT-sized encoder (`DistilBertConfig()`: 6 layers,
768 wide, a 30,522-piece WordPiece vocabulary trained here on the reviews) with random weights, since
nothing can be downloaded here: the arithmetic per example, and so the throughput, is the real
model's, the accuracy is not (it is not recorded). The full run also exports the ONNX graph, whose
size is where the in-browser demo's 50 MB line falls. The image paths train on the UCI digits: the
CNN with its defaults, and a ResNet-18-sized backbone (random weights, for the same reason) for one
epoch at the default 64 px and, on 300 digits, at the 224 px ResNets are pre-trained at. Then: the demo's answer time with that model (a
review of about 200 words, probabilities and integrated-gradients highlights, one thread), and the
wall time of the generated transformer project's own offline test suite (target: under a minute).
Results go to bench/results/transfer_learning.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from cookiecutter.main import cookiecutter

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
DATA = ROOT.parent / "shared" / "data" / "imdb-50k.csv.gz"
RESULTS = ROOT / "bench" / "results" / "transfer_learning.json"
REVIEW = " ".join(["The acting is superb and the story moving, though the middle drags a little."] * 15)[:1200]
IMDB = ["--data", str(DATA), "--text-column", "review", "--label-column", "sentiment"]
sys.path.insert(0, str(TEMPLATES / "_shared"))  # the kinds' Jinja extension (hooks.pre_gen_project)


def render(kind: str, model: str, into: Path) -> Path:
    """The kind's template with the given model, rendered as `showcase new` would."""
    package = f"bench_{model}"
    return Path(cookiecutter(str(TEMPLATES / kind), no_input=True, output_dir=str(into),
                             extra_context={"model": model, "project_slug": f"bench-{model}",
                                            "package_name": package}))


def run_training(project: Path, flags: list[str], run_dir: Path) -> dict:
    """`python -m <package>.train` in the project, as `make train` runs it; its training.json."""
    package = json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "HF_HUB_OFFLINE": "1", "TQDM_DISABLE": "1"}
    subprocess.run([sys.executable, "-m", f"{package}.train", *flags, "--model-dir", str(run_dir / "models"),
                    "--reports-dir", str(run_dir / "reports")], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return json.loads((run_dir / "reports" / "training.json").read_text())


def distilbert_sized_encoder(into: Path, texts: list[str]) -> Path:
    """A randomly initialised encoder of DistilBERT's shape, with a WordPiece tokenizer of BERT's
    vocabulary size trained on `texts`, saved as a Hub checkpoint is."""
    from tokenizers import BertWordPieceTokenizer
    from transformers import DistilBertConfig, DistilBertModel, DistilBertTokenizerFast

    config = DistilBertConfig()
    pieces = BertWordPieceTokenizer(lowercase=True)
    pieces.train_from_iterator(texts, vocab_size=config.vocab_size, show_progress=False)
    tokenizer = DistilBertTokenizerFast(vocab=pieces.get_vocab())
    config.vocab_size = len(tokenizer)
    DistilBertModel(config).save_pretrained(into)
    tokenizer.save_pretrained(into)
    return into


def resnet18_sized_backbone(into: Path) -> Path:
    """A randomly initialised backbone of microsoft/resnet-18's shape (ResNet-18: basic blocks, 2-2-2-2,
    64 to 512 channels), with an image processor of ImageNet's statistics, saved as a Hub checkpoint is."""
    from transformers import ConvNextImageProcessor, ResNetConfig, ResNetModel

    config = ResNetConfig(embedding_size=64, hidden_sizes=[64, 128, 256, 512], depths=[2, 2, 2, 2],
                          layer_type="basic")
    ResNetModel(config).save_pretrained(into)
    ConvNextImageProcessor().save_pretrained(into)
    return into


def measure(name: str, project: Path, flags: list[str], repeats: int, work: Path) -> dict:
    """Median examples/s of `repeats` training runs, and what the first run wrote."""
    records = [run_training(project, flags, work / f"{name}-{i}") for i in range(repeats)]
    rates = [record["train_examples_per_s"] for record in records]
    first = records[0]
    models = work / f"{name}-0" / "models"
    onnx = models / "model.onnx"
    result = {"examples_per_s_median": statistics.median(rates), "examples_per_s_runs": rates,
              "train_examples": first["data"]["sizes"]["train"], "epochs": first["config"]["epochs"],
              "device": first["device"], "hardware": first["hardware"],
              "onnx_mb": round(onnx.stat().st_size / 1e6, 1) if onnx.is_file() else None,
              "parameters": first.get("parameters")}
    print(f"  {name}: {result['examples_per_s_median']:,.1f} examples/s (runs {rates})"
          + (f", ONNX {result['onnx_mb']} MB" if result["onnx_mb"] else ""), flush=True)
    return result


def demo_answer_ms(project: Path, models: Path, runs: int) -> dict:
    """The demo's answer time (probabilities and integrated-gradients highlights) for a 200-word review,
    with the model the full run saved: median of `runs`, after one warm-up, in a fresh process."""
    assert 180 <= len(REVIEW.split()) <= 220
    package = json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]
    script = f"""
import json, statistics, sys, time
import torch
from {package}.predict import TextClassifier
torch.set_num_threads(1)  # as app.py does: one request per thread
classifier = TextClassifier({str(models)!r})
review = {REVIEW!r}
classifier.predict(review)
times = []
for _ in range({runs}):
    started = time.perf_counter()
    classifier.predict(review)
    times.append(1000 * (time.perf_counter() - started))
print(json.dumps({{"median_ms": round(statistics.median(times), 1), "runs_ms": [round(t, 1) for t in times]}}))
"""
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", script], cwd=project, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_suite_seconds(project: Path, runs: int) -> dict:
    """Wall time of the generated project's own offline test suite (pytest), median of `runs`."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project, env=env,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(round(time.perf_counter() - started, 1))
    return {"median_s": statistics.median(times), "runs_s": times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="training runs per path (median)")
    parser.add_argument("--texts", type=int, default=160, help="transformer: training texts per run")
    args = parser.parse_args()
    if not DATA.is_file():
        raise SystemExit(f"skipped: {DATA} is absent (the IMDB reviews; see ../shared/data/README.md)")
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "repeats": args.repeats}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ngram = render("text-classification", "ngram", work / "ngram")
        transformer = render("text-classification", "transformer", work / "transformer")
        encoder = distilbert_sized_encoder(work / "encoder", pd.read_csv(DATA)["review"].head(5000).tolist())
        # limit L with test 0.5 and val 0.05 leaves 0.45 L to train on
        limit = str(round(args.texts / 0.45))
        tuned = [*IMDB, "--pretrained-model", str(encoder), "--limit", limit, "--epochs", "1"]
        print("text-classification, IMDB reviews:")
        results["text"] = {
            "ngram": measure("ngram", ngram, IMDB, args.repeats, work),
            "transformer_full": measure("transformer_full", transformer, tuned, args.repeats, work),
            "transformer_lora": measure("transformer_lora", transformer, [*tuned, "--lora", "--no-onnx"],
                                        args.repeats, work),
        }
        print("the transformer demo's answer, DistilBERT-sized, one thread:")
        results["text"]["transformer_full"]["demo_answer"] = answer = demo_answer_ms(
            transformer, work / "transformer_full-0" / "models", args.repeats)
        print(f"  {answer['median_ms']:,.0f} ms (runs {answer['runs_ms']})")
        print("the generated transformer project's offline test suite:")
        results["text"]["transformer_test_suite"] = suite = test_suite_seconds(transformer, args.repeats)
        print(f"  {suite['median_s']} s (runs {suite['runs_s']})")
        cnn = render("image-classification", "cnn", work / "cnn")
        pretrained = render("image-classification", "pretrained", work / "pretrained")
        backbone = ["--pretrained-model", str(resnet18_sized_backbone(work / "backbone")), "--epochs", "1"]
        print("image-classification, the UCI digits:")
        results["image"] = {
            "cnn": measure("cnn", cnn, [], args.repeats, work),
            "pretrained_64px": measure("pretrained_64px", pretrained, backbone, args.repeats, work),
            "pretrained_224px": measure("pretrained_224px", pretrained,
                                        [*backbone, "--backbone-size", "224", "--limit", "300"], args.repeats,
                                        work),
        }
    text = results["text"]
    ngram_rate = text["ngram"]["examples_per_s_median"]
    imdb_train = text["ngram"]["train_examples"]  # the n-gram run trains on all of IMDB's training part
    print(f"""
| text path (this CPU) | training examples/s (median of {args.repeats}) | x slower than n-grams | \
one epoch of IMDB's {imdb_train:,} training reviews |
|---|---|---|---|""")
    for name, row in text.items():
        if "examples_per_s_median" not in row:
            continue
        rate = row["examples_per_s_median"]
        print(f"| {name} | {rate:,.1f} | {ngram_rate / rate:,.0f} | {imdb_train / rate / 3600:.2f} h |")
    image = results["image"]
    print(f"""
| image path (this CPU) | training examples/s (median of {args.repeats}) | x slower than the CNN | ONNX |
|---|---|---|---|""")
    for name, row in image.items():
        rate = row["examples_per_s_median"]
        print(f"| {name} | {rate:,.1f} | {image['cnn']['examples_per_s_median'] / rate:,.1f} | "
              f"{row['onnx_mb']} MB |")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
