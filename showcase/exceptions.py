"""All exceptions raised by showcase.

Every message names the file, the field (where there is one) and the fix, so
the CLI and the MkDocs plugin can show it to the user as is.
"""


class ShowcaseError(Exception):
    """Base class of every error showcase raises on purpose.

    The CLI catches it, prints ``error: <message>`` and exits 1; the MkDocs
    plugin turns it into a ``PluginError``.
    """


class CardError(ShowcaseError):
    """Raised when a project's ``portfolio.yaml`` is missing, is not valid YAML,
    does not match the card schema, or points at a file that does not exist."""


class MetricsError(ShowcaseError):
    """Raised when a project's ``reports/metrics.json`` is missing, is not valid
    JSON, does not match the metrics schema, or disagrees with the card (for
    example the card's ``headline_metric`` is not among the metrics)."""


class ImageError(ShowcaseError):
    """Raised when an image the site publishes (the card's cover, a figure ``metrics.json`` lists,
    an image a README or model card shows) is not a whole image it can serve: empty, truncated,
    not an image at all, of another format than its extension says, of a format the site does
    not serve, or so large in pixels that decoding it could exhaust memory (a decompression bomb)."""


class OutsideProjectError(ShowcaseError):
    """Raised when a file the showcase would copy or publish from a project (cover, figure,
    README image, README, model card, demo app) really lies outside the project: an
    absolute path, a ``..`` path, or a symlink that leads out of it."""


class TemplateError(ShowcaseError):
    """Raised when ``showcase new`` is asked for a kind the contract does not list, cannot
    find the templates, or Cookiecutter fails to generate the project (hook failed,
    output exists, ...)."""


class ResumeError(ShowcaseError):
    """Raised when the owner's resume (``content/resume.yaml``, JSON Resume schema) is not
    valid YAML or JSON, does not match the schema, or names a project that is not there."""


class DemoError(ShowcaseError):
    """Raised when the local demo addresses handed to the plugin (its ``local_demos``
    option, set by ``showcase serve``) are malformed."""


class DeployError(ShowcaseError):
    """Raised when ``showcase deploy`` cannot publish: ``deploy.yaml`` is invalid, a project is not
    ready (and ``--force`` was not given), a bundle cannot be built, no token is available, or
    the Hub refuses a call (the message never holds the token)."""


class SecretError(ShowcaseError):
    """Raised when files about to be published look like secrets (``showcase.secrets``): by
    name (``.env``, private keys, token files) or by content (key patterns, the owner's own
    Hugging Face token). The message names each file and the pattern, never the secret."""


class OwnerError(ShowcaseError):
    """Raised when the portfolio's owner cannot be read from the resume (a GitHub or Hugging Face
    profile whose user name is not one, a name on several lines), or a project cannot be brought in
    line with the owner (``showcase owner --apply``): one of its files does not parse, or names the
    author in a way that cannot be rewritten without touching anything else. Names the file."""
