"""Fit a project's ``MODEL_CARD.md`` into its page on the site.

The card is Markdown written by ``huggingface_hub.ModelCard``: YAML front
matter for the Hub, then an ``h1`` and sections. On the site it sits under a
"Model card" ``h2``, so its front matter and its own ``h1`` title go, its other
headings move one level down, raw HTML is shown as text, and links go through
the page's resolver (see ``showcase.site.fit``).
"""

from showcase.reading.markdown import strip_comments, strip_front_matter
from showcase.reading.url_policy import is_absolute, is_allowed
from showcase.site.fit import Resolver, drop_title, fit


def keep_known(known_files: set[str] | frozenset[str] = frozenset()) -> Resolver:
    """A resolver that keeps absolute links and links to ``known_files`` that ``url_policy``
    allows, and drops the rest."""

    def resolve(target: str, is_image: bool) -> str | None:
        return target if is_allowed(target) and (is_absolute(target) or target in known_files) else None

    return resolve


def model_card_body(text: str) -> str:
    """The card without its front matter, comments and ``h1`` title."""
    return drop_title(strip_comments(strip_front_matter(text)))


def model_card_section(text: str, resolve: Resolver | None = None) -> str:
    """The body of a model card, ready to sit under a "Model card" ``h2``.

    Args:
        text: the whole ``MODEL_CARD.md``.
        resolve: where each relative link points on the site; by default only
            absolute links are kept.
    """
    return fit(model_card_body(text), resolve or keep_known())
