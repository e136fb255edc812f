"""README and model-card Markdown fitted into a page (markdown-it tokens), and the README cut."""

from showcase.reading.markdown import fit, link_targets, project_path, strip_front_matter
from showcase.reading.model_card import model_card_section
from showcase.reading.readme import parse_readme


def drop(target: str, is_image: bool) -> None:
    return None


def keep_absolute(target: str, is_image: bool) -> str | None:
    return target if target.startswith("https://") else None


def test_front_matter_and_project_paths():
    assert strip_front_matter("---\na: 1\n---\n# T\n") == "# T\n"
    assert strip_front_matter("--- no\n# T\n") == "--- no\n# T\n"
    assert project_path("reports/../reports/a.png#x") == ("reports/a.png", "x")
    assert project_path("docs/a%20b.png") == ("docs/a b.png", "")  # a file name, decoded
    for outside in ("../x.png", "/etc/passwd", "https://x.org/a.png", "#anchor", "C:x"):
        assert project_path(outside) is None


def test_headings_move_down_but_code_stays():
    shifted = fit("# a\n## b\n###### c\n```\n# d\n```\n\n    # e\n\nSetext\n---", drop)
    assert shifted == "## a\n### b\n###### c\n```\n# d\n```\n\n    # e\n\n### Setext\n"


def test_raw_html_shows_as_text_outside_code():
    assert fit("[a](a.md) <i>b</i> `<c>`", drop) == "a &lt;i>b&lt;/i> `<c>`\n"
    block = fit('<div align="center">\n<img src="x.png"> [web](https://w.org)\n</div>', keep_absolute)
    assert block == '&lt;div align="center">\n&lt;img src="x.png"> [web](https://w.org)\n&lt;/div>\n'
    assert fit("```html\n<b>x</b>\n```", drop) == "```html\n<b>x</b>\n```\n"
    comments = fit("A <!-- inline --> B\n\n<!-- block\ncomment -->\n\nC", drop)
    assert comments == "A  B\n\n\n\n\nC\n"  # a comment block's lines are left blank


def test_links_are_resolved_in_every_block():
    text = ("> see [rel](a.md) and <https://auto.org>\n\n- [x](https://x.org \"t\")\n  ![i](i.png)\n\n"
            "| a \\| b | [l](l.md) |\n|---|---|\n| `c` | [w](https://w.org) |")
    assert fit(text, keep_absolute) == (
        "> see rel and [https://auto.org](https://auto.org)\n\n- [x](https://x.org \"t\")\n  i\n\n"
        "| a \\| b | l |\n|---|---|\n| `c` | [w](https://w.org) |\n"
    )
    moved = fit("![d](docs/my%20d.png)", lambda target, is_image: "slug/docs/my d.png")
    assert moved == "![d](slug/docs/my%20d.png)\n"  # a space would end the link


def test_link_targets_come_from_the_tokens():
    text = "[a](a.md) ![b](b.png) `[c](c.md)`\n\n```\n![d](d.png)\n```\n\n<p>![e](e.png)</p>"
    assert link_targets(text) == ["a.md", "b.png", "e.png"]
    assert link_targets(text, images_only=True) == ["b.png", "e.png"]


def test_model_card_section():
    card = "---\nlicense: mit\n---\n# Model Card for x\n\n<!-- hub -->\n## Use\n\n"
    card += "[x](https://x.org) [y](y.md)"
    assert model_card_section(card) == "### Use\n\n[x](https://x.org) y\n"
    assert model_card_section("# T\n\n[x](https://x.org) [y](y.md)") == "[x](https://x.org) y\n"


def test_parse_readme_sections():
    story = parse_readme("# T\n\nLead.\n\n## Problem\n\nP.\n\n## How to reproduce\n\n`make`\n"
                         "\n## Results\n\n<!-- results:start -->\n|a|\n<!-- results:end -->\n"
                         "\n## Only a comment\n\n<!-- nothing here -->\n")
    assert [s.title for s in story.sections] == ["Problem", "How to reproduce"]
    assert story.take("reproduce").body == "`make`" and story.take("reproduce") is None
    environment = parse_readme("## Environment\n\nCartPole-v1 from Gymnasium.\n")  # an agent's data
    assert environment.take("data").body == "CartPole-v1 from Gymnasium."
    assert [s.title for s in parse_readme("# T\n\nJust text.\n").sections] == ["About"]
    assert parse_readme("# T\n").sections == []
    fenced = parse_readme("## Use\n\n```\n## not a section\n```\n\n> ## nor this\n")
    assert [s.title for s in fenced.sections] == ["Use"] and "## not a section" in fenced.sections[0].body


def test_a_code_span_over_two_lines_stays_in_its_paragraph():
    assert fit("- a `b\n  c` [x](y.md)\n  d <i>", drop) == "- a `b c` x d &lt;i>\n"
