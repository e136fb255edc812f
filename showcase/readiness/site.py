"""The portfolio's own site settings: its name and address are the owner's, not the samples'.

The repository ships ``mkdocs.yml`` with a generic ``site_name`` and a ``site_url`` on a
placeholder GitHub user. Built as they are, every page's title, social preview and search
result say "Deep-learning portfolio", and the canonical links and sitemap point at a site that
is not the owner's. (A deploy to a Space sets ``site_url`` itself; any other host reads it.)
"""

from pathlib import Path

import yaml

from showcase.contract.validation import read_mkdocs_yaml
from showcase.readiness.report import Finding, failed, passed

SAMPLE_SITE_NAME = "Deep-learning portfolio"
"""The ``site_name`` the repository ships."""
PLACEHOLDER_USER = "your-github-user"
"""The GitHub user in the shipped ``site_url`` (and in a new project's repository URL)."""


def check_site(config_file: Path) -> Finding:
    """``site_name`` is not the sample's and ``site_url`` names no placeholder user."""
    try:
        config = read_mkdocs_yaml(config_file)
    except (OSError, yaml.YAMLError) as e:
        return Finding("site", *failed(f"cannot read {config_file}: {e}", f"restore {config_file}"))
    name, url = str(config.get("site_name") or ""), str(config.get("site_url") or "")
    problems = []
    if name.strip() in ("", SAMPLE_SITE_NAME):
        problems.append(f"site_name is {name!r}, the sample's")
    if PLACEHOLDER_USER in url:
        problems.append(f"site_url {url} names the placeholder user {PLACEHOLDER_USER!r}")
    if problems:
        return Finding("site", *failed(
            f"{config_file}: " + "; ".join(problems),
            f"in {config_file}, set site_name to your portfolio's title (e.g. \"Ada Lovelace: deep "
            "learning\") and site_url to where it is published (a Space deploy sets it itself)"))
    return Finding("site", *passed(f"{name!r} at {url or 'no site_url'}"))
