"""Labels a recruiter reads: every metric by its label, direction and meaning, defined once in the
contract (``contract.metric_labels``) and shown on every page instead of its key; kinds by name;
the GAN's long results table folded; the demo section speaking to the visitor; the baseline check;
the NLP skill."""

import json
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import valid_card, valid_metrics
from template_checks import ROOT, TEMPLATES, shared_module

from showcase.contract.card import load_card
from showcase.contract.files import KIND_NAMES, KINDS
from showcase.contract.metric_labels import (
    BASELINES,
    KIND_LABELS,
    MetricLabel,
    beats,
    exported,
    fallback,
    is_labelled,
    metric_label,
)
from showcase.contract.schema import SHARED_CONTRACT
from showcase.contract.skills import VOCABULARY
from showcase.readiness import CHECKS, check_project
from showcase.readiness.baseline import check_baseline
from showcase.reading.project import load_project, read_project
from showcase.site.demos import Embed
from showcase.site.markdown_text import headline_note, humanize
from showcase.site.pages.project import DEMO_INVITES, FOLD_ABOVE, render_project

EXAMPLES = sorted(p.parent for p in (ROOT / "projects").glob("*/portfolio.yaml"))
SLUGS = [p.name for p in EXAMPLES]


def _example_names() -> set[tuple[str, str]]:
    """(kind, metric name) of every metric and per-class column an example project wrote."""
    found = set()
    for project in EXAMPLES:
        kind = load_card(project).kind
        report = json.loads((project / "reports/metrics.json").read_text())
        columns = {c for row in report.get("per_class", {}).values() for c in row}
        found |= {(kind, name) for name in [*report["metrics"], *columns]}
    return found


def _template_classifier_names() -> set[tuple[str, str]]:
    """What the classifier templates' shared metrics.py writes (both classifier kinds, any model)."""
    scores = shared_module("metrics").classification_metrics(np.array([0, 1]), np.array([0, 1]), ["a", "b"],
                                                                 np.array([0, 0, 1]))
    names = [*scores["metrics"], *scores["per_class"]["a"]]
    return {(kind, name) for kind in ("image-classification", "text-classification") for name in names}


WRITTEN = sorted(_example_names() | _template_classifier_names())


# -- the contract -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, name", WRITTEN, ids=[f"{k}:{n}" for k, n in WRITTEN])
def test_every_metric_a_project_writes_has_a_label_direction_and_meaning(kind, name):
    assert is_labelled(name, kind), f"{name} ({kind}) has no label: add it to contract/metric_labels.py"
    label = metric_label(name, kind)
    assert label.direction in ("higher", "lower", None)
    assert label.label[:1].isupper() and label.meaning.endswith(".")


def test_the_examples_cover_every_kind_and_the_gans_fourteen_metrics():
    assert {kind for kind, _ in WRITTEN} == set(KINDS)
    assert sum(kind == "gan" for kind, _ in WRITTEN) == 14


@pytest.mark.parametrize("name, label", [
    ("brand_new_score", "Brand new score"), ("x-y_z", "X y z"),
    ("nn_distance_generated_v2", "Nn distance generated v2"),
])
def test_an_unknown_metric_falls_back_to_its_humanized_name_with_no_direction(name, label):
    assert not is_labelled(name) and metric_label(name, "gan") == fallback(name)
    assert fallback(name) == MetricLabel(label, None, "", False) and fallback(name).better == ""


@pytest.mark.parametrize("name, kind, label, direction", [
    ("precision", "gan", "Precision (realism)", "higher"),
    ("recall", "gan", "Recall (variety)", "higher"),
    ("precision", "image-classification", "Precision", "higher"),
    ("precision", None, "Precision", "higher"),
    ("fcd_ratio", "gan", "FCD ratio", "lower"),
    ("fcd_trivial_ratio", "gan", "Trivial generator's FCD ratio", None),
    ("macro_f1", "text-classification", "Macro F1", "higher"),
    ("mean_return", "reinforcement-learning", "Mean return", "higher"),
    ("std_return", "reinforcement-learning", "Return spread", None),
])
def test_labels_and_directions(name, kind, label, direction):
    assert (metric_label(name, kind).label, metric_label(name, kind).direction) == (label, direction)


@pytest.mark.parametrize("label, inline", [
    ("Accuracy", "accuracy"), ("FCD ratio", "FCD ratio"), ("Macro F1", "macro F1"), ("F1", "F1"),
    ("Mean return", "mean return"),
])
def test_a_label_inside_a_sentence(label, inline):
    assert MetricLabel(label).inline == inline


def test_every_baseline_compares_a_directed_metric_with_a_reference():
    for rule in BASELINES:
        assert is_labelled(rule.metric) and is_labelled(rule.baseline)
        assert metric_label(rule.metric).direction is not None, rule
        assert metric_label(rule.baseline).direction is None, rule  # a reference, not a score


@pytest.mark.parametrize("value, baseline, direction, expected", [
    (1.02, 18.2, "lower", True), (37.0, 18.6, "lower", False), (18.6, 18.6, "lower", False),
    (500, 22.5, "higher", True), (15, 22.5, "higher", False), (22.5, 22.5, "higher", False),
])
def test_beats(value, baseline, direction, expected):
    assert beats(value, baseline, direction) is expected


def test_kinds_have_display_names():
    assert list(KIND_NAMES) == list(KINDS)
    assert KIND_NAMES["gan"] == "GAN" and KIND_NAMES["reinforcement-learning"] == "Reinforcement learning"


def test_labels_are_exported_to_every_new_project():
    contract = json.loads((TEMPLATES / SHARED_CONTRACT / "contract.json").read_text(encoding="utf-8"))
    assert contract["metric_labels"] == json.loads(json.dumps(exported()))
    assert contract["metric_labels"]["all"]["fcd_ratio"]["direction"] == "lower"
    assert set(contract["metric_labels"]["by_kind"]) == set(KIND_LABELS) <= set(KINDS)
    for project in EXAMPLES:  # and each example carries the copy its own tests read
        assert json.loads((project / "schemas/contract.json").read_text())["metric_labels"] == (
            contract["metric_labels"])


# -- the site -------------------------------------------------------------------------------------


class Page(HTMLParser):
    """A built page: each ``h2`` section's tables (rows of cells), the ``aria-label`` of each
    cell's direction mark, which tables sit in a ``<details>``, and the text of some classes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.section = ""
        self.tables: dict[str, list[dict]] = {}
        self.text: dict[str, list[str]] = {}
        self.sections: dict[str, str] = {}
        self._cell: dict | None = None
        self._details = 0
        self._classes: list[tuple[str, str]] = []  # (tag, class) of the open elements we collect
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2" and a.get("id"):
            self.section = a["id"]
        elif tag == "details":
            self._details += 1
        elif tag == "table":
            self.tables.setdefault(self.section, []).append({"rows": [], "folded": self._details > 0})
        elif tag == "tr":
            self.tables[self.section][-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = {"text": "", "marks": []}
            self.tables[self.section][-1]["rows"][-1].append(self._cell)
        elif tag == "span" and "sc-better" in a.get("class", "") and self._cell is not None:
            self._cell["marks"].append(a.get("aria-label"))
        for name in ("sc-card__headline", "sc-meta"):
            if name in (a.get("class") or "").split():
                self._classes.append((tag, name))
                self.text.setdefault(name, []).append("")

    def handle_endtag(self, tag):
        if tag == "details":
            self._details -= 1
        elif tag in ("td", "th"):
            self._cell = None
        if self._classes and self._classes[-1][0] == tag:
            self._classes.pop()

    def handle_data(self, data):
        self.sections[self.section] = self.sections.get(self.section, "") + data
        if self._cell is not None:
            self._cell["text"] += data
        if self._classes:
            name = self._classes[-1][1]
            self.text[name][-1] += data

    def first_column(self, section: str, folded: bool | None = None) -> list[str]:
        """The first cell of each body row of the section's tables (``folded``: only those in, or
        out of, a ``<details>``), without the direction mark and "(headline)"."""
        cells = [row[0] for t in self.tables.get(section, []) if folded is None or t["folded"] is folded
                 for row in t["rows"][1:]]
        return [c["text"].replace("(headline)", "").replace("↑", "").replace("↓", "").strip() for c in cells]


def _page(public: Path, path: str) -> Page:
    return Page((public / path / "index.html").read_text(encoding="utf-8"))


SHOWN = sorted((slug, name) for project, slug in zip(EXAMPLES, SLUGS, strict=True)
               for name in json.loads((project / "reports/metrics.json").read_text())["metrics"])


@pytest.mark.parametrize("slug, name", SHOWN, ids=[f"{s}:{n}" for s, n in SHOWN])
def test_a_project_page_shows_each_metric_by_its_label_direction_and_meaning(real_site, slug, name):
    public, _ = real_site
    page, kind = _page(public, f"projects/{slug}"), load_card(ROOT / "projects" / slug).kind
    label = metric_label(name, kind)
    rows = [row for t in page.tables["results"] for row in t["rows"][1:]]
    row = next((r for r in rows if r[0]["text"].replace("(headline)", "").strip(" ↑↓") == label.label), None)
    assert row is not None, f"{label.label!r} not in the results table of {slug}"
    assert row[0]["marks"] == ([label.better] if label.direction else [])  # read out, not just an arrow
    assert row[2]["text"] == label.meaning
    if humanize(name) != label.label:
        assert humanize(name) not in page.first_column("results"), "the raw key is shown"


@pytest.mark.parametrize("slug", SLUGS)
def test_headlines_kinds_and_per_class_columns_are_labelled(real_site, slug):
    public, _ = real_site
    card = load_card(ROOT / "projects" / slug)
    label = metric_label(card.headline_metric, card.kind)
    page, home, projects, resume = (_page(public, p) for p in (f"projects/{slug}", "", "projects", "resume"))
    headline = next(t for t in home.text["sc-card__headline"] if card.dataset.name in t and label.inline in t)
    header = page.text["sc-meta"][0]
    row = next(r for r in projects.tables[""][0]["rows"] if r[0]["text"] == card.title)
    assert label.inline in header and label.inline in row[2]["text"]
    assert row[1]["text"] == KIND_NAMES[card.kind]  # "GAN", not "Gan"
    listed = resume.sections["projects"].split(card.title)[1]  # the resume's entry for it,
    for other in SLUGS:  # up to the next project's entry
        listed = listed.split(load_card(ROOT / "projects" / other).title)[0]
    assert label.inline in listed
    note = headline_note(card.headline_metric, card.kind)  # "" for a percentage: higher, obviously
    assert note == ("" if card.headline_metric == "accuracy" else label.better)
    for text in (headline, header, row[2]["text"], listed):
        assert (f"({label.better})" in text) is bool(note), text
    per_class = [t for t in page.tables["results"] if t["rows"] and t["rows"][0][0]["text"] == "Class"]
    for t in per_class:
        assert [c["text"] for c in t["rows"][0][1:]] == ["Precision", "Recall", "F1", "Support"]


def test_the_gans_long_table_shows_what_matters_and_folds_the_rest(real_site):
    public, _ = real_site
    page = _page(public, "projects/fashion-gan")
    key = ["fcd_ratio", "fcd_trivial_ratio", "class_accuracy", "precision", "recall"]
    assert page.first_column("results", folded=False) == [metric_label(n, "gan").label for n in key]
    folded = page.first_column("results", folded=True)
    assert len(folded) == 14 - len(key) > FOLD_ABOVE - len(key)
    assert metric_label("nn_distance_generated").label in folded and "Fcd floor std" not in folded
    html = (public / "projects/fashion-gan/index.html").read_text()
    assert '<details class="sc-details">' in html and "<summary>The other 9 metrics</summary>" in html


def test_a_short_results_table_is_not_folded(make_project):
    page = render_project(load_project(make_project()))  # 2 metrics
    assert "The other" not in page and page.count("| Metric | Value | What it means |") == 1


@pytest.mark.parametrize("slug", SLUGS)
def test_the_demo_section_speaks_to_the_visitor(real_site, slug):
    public, _ = real_site
    page = _page(public, f"projects/{slug}")
    demo, reproduce = page.sections["demo"], page.sections["reproduce"]
    for developer_words in ("make demo", "127.0.0.1", "make install"):
        assert developer_words not in demo, f"{slug}: {developer_words!r} in the demo section"
    assert DEMO_INVITES[load_card(ROOT / "projects" / slug).kind] in " ".join(demo.split())
    assert "Run the demo on your computer" in reproduce and "make demo" in reproduce


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("embed", [Embed("none"), Embed("space", src="https://a-b.hf.space",
                                                         page="https://huggingface.co/spaces/a/b")])
def test_every_kinds_demo_section_without_a_browser_demo(make_project, kind, embed):
    root = make_project(card=valid_card() | {"kind": kind}, metrics=valid_metrics() | {"task": kind})
    page = render_project(load_project(root), embed)
    demo, reproduce = page.split("## Demo { #demo }")[1].split("## Reproduce { #reproduce }")
    assert "make demo" not in demo and "make install" not in demo
    assert ("No hosted demo yet" in demo) is (embed.mode == "none")
    assert (DEMO_INVITES[kind] in demo) is (embed.mode == "space")  # an invitation only to what runs
    assert "### Run the demo on your computer { #run-the-demo }" in reproduce and "`make demo`" in reproduce


# -- the baseline check ---------------------------------------------------------------------------

GAN_CARD = valid_card() | {"kind": "gan", "headline_metric": "fcd_ratio"}
RL_CARD = valid_card() | {"kind": "reinforcement-learning", "headline_metric": "mean_return"}


def _metrics(kind: str, values: dict) -> dict:
    metrics = valid_metrics() | {"task": kind, "metrics": values}
    metrics.pop("per_class")
    return metrics


@pytest.mark.parametrize("card, values, ok, words", [
    (GAN_CARD, {"fcd_ratio": 1.02, "fcd_trivial_ratio": 18.2}, True,
     ["beats", "1.02", "18.2", "lower is better"]),
    (GAN_CARD, {"fcd_ratio": 37.1, "fcd_trivial_ratio": 18.6}, False,
     ["does not beat", "FCD ratio 37.1", "18.6", "trivial per-pixel generator", "lower is better"]),
    (GAN_CARD, {"fcd_ratio": 18.6, "fcd_trivial_ratio": 18.6}, False, ["does not beat"]),
    (RL_CARD, {"mean_return": 500, "random_mean_return": 22.52}, True, ["Mean return 500", "22.52"]),
    (RL_CARD, {"mean_return": 9.5, "random_mean_return": 22.52}, False,
     ["does not beat", "Mean return 9.5", "22.52", "random policy", "higher is better"]),
    (valid_card(), {"accuracy": 0.2, "macro_f1": 0.1}, True, ["no baseline recorded"]),
    (GAN_CARD, {"fcd_ratio": 37.1}, True, ["no baseline recorded"]),  # half a pair: nothing to compare
])
def test_the_baseline_check(make_project, card, values, ok, words):
    root = make_project(card=card, metrics=_metrics(card["kind"], values))
    verdict = check_baseline(read_project(root))
    assert verdict.ok is ok and all(w in verdict.detail for w in words), verdict.detail
    assert ("train longer" in verdict.fix and "README" in verdict.fix) is not ok


def test_showcase_check_lists_the_baseline_after_the_metrics(make_project):
    names = [check.name for check in CHECKS]
    assert names.index("baseline") == names.index("metrics") + 1
    losing = _metrics("gan", {"fcd_ratio": 37.1, "fcd_trivial_ratio": 18.6})
    root = make_project(card=GAN_CARD, metrics=losing)
    finding = check_project(root, run_tests=False, run_demo=False).finding("baseline")
    assert not finding.ok and "37.1" in finding.detail and "18.6" in finding.detail


# -- the NLP skill --------------------------------------------------------------------------------


def test_the_text_project_shows_an_nlp_skill(real_site):
    nlp = VOCABULARY["nlp"]
    assert nlp.short == "NLP" and nlp.label.startswith("Natural language processing")
    template_card = TEMPLATES / "text-classification/{{cookiecutter.project_slug|folder_name}}/portfolio.yaml"
    skills_line = next(line for line in template_card.read_text().splitlines() if line.startswith("skills:"))
    assert "nlp, " in skills_line.split("}}")[-1]  # for either model, n-gram or transformer
    assert "nlp" in load_card(ROOT / "projects" / "imdb-sentiment").skills
    schema = json.loads((TEMPLATES / SHARED_CONTRACT / "portfolio.schema.json").read_text())
    assert "nlp" in schema["properties"]["skills"]["description"]
    public, _ = real_site
    skills = (public / "skills" / "index.html").read_text()
    assert 'id="nlp"' in skills and "IMDB Review Sentiment" in skills.split('id="nlp"')[1].split("<h3")[0]
    assert "NLP" in (public / "projects/imdb-sentiment/index.html").read_text()


def test_the_example_cards_validate_with_nlp(tmp_path):
    card = yaml.safe_load((ROOT / "projects/imdb-sentiment/portfolio.yaml").read_text())
    (tmp_path / "portfolio.yaml").write_text(yaml.safe_dump(card))
    assert load_card(tmp_path).skills[0] == "nlp"
