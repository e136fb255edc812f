"""The text kind's in-browser demo (demos/text-classification.mjs) against the Python demo's code.

The page's cleaning, tokens, n-gram lookup, word shares and rounding are a second copy of
imdb-sentiment's data.py, tokenizer.py, explain.py and predict.py: here both read the same inputs,
in real Chromium on the real site, and must give the same strings and numbers.
"""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest
from browser_demos import answers, call, errors, open_demo

KIND = "text-classification"
PROJECT = Path(__file__).resolve().parents[2] / "projects" / "imdb-sentiment"

# Each one is a place where Python and JavaScript strings or regular expressions part ways.
TRICKY = [
    "Don't, didn't! Isn't it?? 'quoted' rock'n'roll o'clock''s it's' 'tis",
    "Wow!?!? Really?! ¿Qué? ¡Sí!",
    "Café, naïve, résumé, ÉCOLE, Straße, İstanbul İİ, ΟΔΟΣ ΟΔΟΣ, ǅ ǈ",
    "cafe\u0301 and na\u0308ive and e\u0301te\u0301",
    "I loved it 😀😀 so much 👍🏽! 𝒜𝓌𝑒𝓈𝑜𝓂𝑒 film 🇫🇷 ok",
    "Great film.<br /><br />Bad ending. <i>italic</i><>empty <b unclosed a > b",
    "&amp; &lt;3 &quot;fine&quot; &eacute;t&eacute; &notit; &#39;s &#x27;t &#128512; &#0; &#1; &#127;"
    " &#x110000; &#xD800; &#150; &#13; &#xFFFE; &#64976; &ampx &amp &AMP; &#;  &#x; &unknown; &amp\x00x",
    "1080p 3D 24fps 2nd ½ ² ٣ ໓ 10/10 3.5 1,000",
    "snake_case __init__ _under_ a_b'c_d",
    "Фильм был отличным. 这部电影很好看。 素晴らしい映画です。 فيلم رائع हिन्दी फ़िल्म",
    "a\u00a0b\u2003c\u200bd\ufeffe\x1cf\x85g\u3000h\r\ni\tj\x0bk\x0cl\u2028m\u180en",
    "\x00\x01\x7f nul\x00inside the film was good",
]


def long_text(seed: int = 0, words: int = 4000) -> str:
    """A long text mixing every tricky input's pieces, shuffled (seeded)."""
    rng = random.Random(seed)
    pieces = " ".join(TRICKY).split(" ")
    return " ".join(rng.choice(pieces) for _ in range(words))


REVIEWS = [
    "The film was wonderful. <br />The cast was superb!",
    "Boring, dull and a waste of time: not good. I hated every minute of it.",
    "It was not bad at all, the plot a joy, the ending awful. 7/10, would watch again? Maybe!",
    "Der Film war wonderful, aber die Handlung war langweilig und zu lang",  # the few-known note
    "This movie is terrible terrible terrible. Worst acting ever, and the worst ending... "
    "terrible! But the music was great. <br /><br />Don't bother.",
    "An ok movie. " * 300,  # repeated n-grams: each counted once, shared among its occurrences
]


@pytest.fixture(scope="module")
def classifier():
    from imdb_sentiment.predict import TextClassifier

    return TextClassifier(PROJECT / "models")


@pytest.fixture(scope="module")
def page(chromium, site_url):
    """imdb-sentiment's project page with its in-browser demo open (first answer given)."""
    context = chromium.new_context(base_url=site_url)
    page = context.new_page()
    open_demo(page, "imdb-sentiment")
    yield page
    context.close()


def app_examples() -> list[str]:
    """app.py's EXAMPLES, read from its source (importing it would start Gradio and the model)."""
    tree = ast.parse((PROJECT / "app.py").read_text())
    value = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                 and any(getattr(target, "id", None) == "EXAMPLES" for target in node.targets))
    return ast.literal_eval(value)


def python_answer(classifier, text: str) -> dict:
    result = classifier.predict(text)
    return {"label": result.label, "probabilities": result.probabilities,
            "highlights": [[piece, score] for piece, score in result.highlights], "notes": result.notes}


def assert_same_answer(browser: dict, python: dict) -> None:
    assert browser["label"] == python["label"]
    assert browser["probabilities"] == pytest.approx(python["probabilities"], abs=1e-4)
    assert browser["highlights"] == python["highlights"]
    assert browser["notes"] == python["notes"]


@pytest.mark.parametrize("text", [*TRICKY, long_text()], ids=[*map(str, range(len(TRICKY))), "long"])
def test_cleaning_tokens_and_ngrams_match_python(page, classifier, text):
    from imdb_sentiment.data import clean
    from imdb_sentiment.tokenizer import token_spans, tokenize

    cleaned = clean(text)
    assert call(page, KIND, "clean", text) == cleaned
    assert call(page, KIND, "tokenize", text) == tokenize(text)
    assert call(page, KIND, "tokenize", cleaned) == tokenize(cleaned)
    assert call(page, KIND, "tokenSpans", text) == [list(span) for span in token_spans(text)]
    tokens = tokenize(cleaned)
    positions = classifier.vocabulary.ngram_positions(tokens)
    assert call(page, KIND, "ngramPositions", tokens) == [list(position) for position in positions]


def test_python_white_space_is_what_the_page_splits_on(page):
    """str.split() and str.strip() cut on str.isspace() characters, which are not JavaScript's \\s."""
    from imdb_sentiment.data import clean

    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    near_misses = ["\u200b", "\ufeff", "\u180e", "\x00", "\u2060"]  # JavaScript or folklore calls them space
    text = "x".join([*spaces, *near_misses])
    assert call(page, KIND, "clean", text) == clean(text)


def test_rounding_matches_python(page):
    """round(x, 2) and f"{x:.0%}" round exact ties to even, JavaScript's toFixed away from zero."""
    rng = random.Random(1)
    values = [k / 8 for k in range(-8, 9)] + [rng.uniform(-1, 1) for _ in range(200)] + [0.005, -0.015, 0.285]
    assert [call(page, KIND, "round2", x) for x in values[:40]] == [round(x, 2) for x in values[:40]]
    shares = [k / n for n in (8, 16, 40, 200) for k in range(n + 1)]
    browser = page.evaluate(
        """async ([url, xs, ys]) => { const m = await import(new URL(url, document.baseURI).href);
             return [xs.map(m.round2), ys.map(m.percent)]; }""",
        [f"/assets/showcase/demos/{KIND}.mjs", values, shares])
    assert browser == [[round(x, 2) for x in values], [f"{y:.0%}" for y in shares]]


@pytest.mark.parametrize("index", range(len(REVIEWS) + 3))
def test_answers_match_the_python_demo(page, classifier, index):
    text = [*REVIEWS, *app_examples()][index]
    assert_same_answer(call(page, KIND, "predict", text), python_answer(classifier, text))


@pytest.mark.parametrize("text", ["the film was wonderful. " * 1000, "good film 😀 " * 2000])
def test_a_text_over_max_chars_is_cut_and_says_so(page, classifier, text):
    """Python counts code points: an emoji is one character there and two UTF-16 units here."""
    browser = call(page, KIND, "predict", text)
    assert_same_answer(browser, python_answer(classifier, text))
    assert "Only the first 20,000 of" in browser["notes"][0]


def classify_in_page(page, text: str) -> str:
    """Type ``text``, press Classify, wait for the answer or the error; the error shown, or ''."""
    seen = len(answers(page)) + len(errors(page))
    page.fill("#sc-text-review", text)
    page.get_by_role("button", name="Classify", exact=True).click()
    page.wait_for_function("(n) => window.scAnswers.length + window.scErrors.length > n", arg=seen)
    return page.locator(".sc-demo__alert").text_content()


@pytest.mark.parametrize("text", ["", "   \n\t\u3000 ", "... --- ;;; ()", "\x00\x01\x02\ufffd\x7f\x1b[0m",
                                  "Qzxv wrrpt fjjkq", "Хрустальный подъезд", "<br /><br />&amp; &#128512;"])
def test_bad_text_gets_the_python_demos_message(page, classifier, text):
    from imdb_sentiment.predict import InvalidTextError

    with pytest.raises(InvalidTextError) as python:
        classifier.predict(text)
    assert classify_in_page(page, text) == str(python.value)
    assert errors(page)[-1] == str(python.value)
    assert page.locator(".sc-demo__output").inner_text() == ""  # no stale answer beside the message


def test_the_demo_opens_on_the_project_page_with_a_first_answer(demo_page, classifier):
    app = open_demo(demo_page, "imdb-sentiment")
    examples = app_examples()
    assert demo_page.input_value("#sc-text-review") == examples[0]
    first = answers(demo_page)[0]
    assert_same_answer(first, python_answer(classifier, examples[0]))
    assert app.get_by_label("A movie review").count() == 1
    assert app.locator(".sc-demo__label").inner_text() == f"Sentiment: {first['label']}"
    shaded = app.locator(".sc-demo__text .sc-demo__word")
    scored = [(piece, score) for piece, score in first["highlights"] if score]
    assert shaded.count() == len(scored) and shaded.first.get_attribute("title")
    assert app.locator(".sc-demo__text").inner_text() == "".join(piece for piece, _ in first["highlights"])
    app.get_by_role("button", name="Example 3").click()
    demo_page.wait_for_function("() => window.scAnswers.length > 1")
    assert answers(demo_page)[1]["label"] == python_answer(classifier, examples[2])["label"]
