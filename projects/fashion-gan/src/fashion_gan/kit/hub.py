# Rendered from templates/_shared/include/shared/python/kit/hub.py: edit it there, not here.
"""The Hugging Face Hub: why a pre-trained model or a data set did not load, and how a card names it.

Data sets (`data: hf:<id>`) can come from the Hub for every kind that reads data; pre-trained
models only for the transfer-learning ones (text `transformer`, image `pretrained`).
"""

from __future__ import annotations

import os
from pathlib import Path


class ModelLoadError(ValueError):
    """Raised when the pre-trained model named in the config cannot be loaded or used."""


def cannot_load(name: str, error: Exception) -> ModelLoadError:
    """The error for a `pretrained_model` that did not load, naming the setting and what to give instead."""
    return ModelLoadError(f"pretrained_model {name!r} cannot be loaded ({load_problem(name, error)}). Give a "
                          "Hugging Face model id (downloaded once, online) or a folder written by "
                          "save_pretrained.")


def load_problem(name: str, error: Exception) -> str:
    """Why `name` did not load, in a few words: a missing folder and an offline Hub are the usual two."""
    path = Path(name).expanduser()
    if (path.is_absolute() or name.startswith((".", "~"))) and not path.exists():
        return f"there is no folder {path}"
    reason = str(error).strip().splitlines()[0]
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        reason += "; HF_HUB_OFFLINE is set, so nothing is downloaded: unset it once to download it"
    return reason


def dataset_unavailable(name: str, error: Exception, fix: str) -> str:
    """The message for a Hub data set (`data: hf:<name>`) that did not load: the cause, then `fix`,
    the local data to use instead (offline, there is no other way)."""
    return (f"hf:{name} could not be loaded ({load_problem(name, error)}). Fix: {fix}; or, with "
            "internet access, run once to download it (it is cached after that)")


def hub_id(name: str) -> str | None:
    """The pre-trained model's Hub id for a model card's `base_model`; None for a local folder."""
    return None if Path(name).exists() else name
