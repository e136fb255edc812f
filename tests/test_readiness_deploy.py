"""``showcase check`` reads deploy.yaml first (``readiness.deployment``), with deploy's own loader:
each way deploy would later stop is said up front, before the slow checks."""

from pathlib import Path

import pytest
import yaml
from conftest import valid_card

from showcase.cli import main
from showcase.readiness import check_portfolio
from showcase.readiness.deployment import check_deploy
from showcase.readiness.site import check_site


@pytest.fixture
def projects(make_project, tmp_path) -> list[Path]:
    with_space = valid_card() | {"demo": {"app": "app.py", "space": "ada/digits-demo"}}
    return [make_project("digits", card=with_space), make_project("no-space")]


def write_deploy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deploy.yaml"
    path.write_text(text)
    return path


SITE = "site: {space: ada/portfolio}\n"
CASES = {
    "unknown project": (SITE + "projects: {gone: {demo: cpu}}\n", "no project named 'gone'", "folder name"),
    "not yaml": ("site: [unclosed\n", "invalid YAML", "correct the syntax"),
    "not a mapping": ("- a\n- b\n", "deploy.yaml", ""),
    "bad plan": (SITE + "projects: {digits: {demo: gpu}}\n", "projects.digits.demo", ""),
    "bad space id": ("site: {space: 'not a space'}\n", "site.space", ""),
    "extra field": (SITE + "extra: 1\n", "extra", ""),
    "demo without a space": (SITE + "projects: {no-space: {demo: zerogpu}}\n",
                             "publishes a demo for no-space, whose card names no Space", "demo.space"),
    "placeholder site": ("site: {space: your-hf-user/portfolio}\n", "placeholder 'your-hf-user'",
                         "your Hugging Face user"),
    "placeholder model repo": (SITE + "projects: {digits: {model_repo: your-hf-user/m}}\n",
                               "your-hf-user/m: the owner is the placeholder", "deploy.yaml"),
}
"""Case -> (deploy.yaml, words of the detail, words of the fix)."""


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_way_deploy_would_stop_is_found_up_front(projects, tmp_path, case):
    text, detail, fix = CASES[case]
    finding = check_deploy(write_deploy(tmp_path, text), projects)
    assert (finding.name, finding.ok) == ("deploy", False)
    assert detail in finding.detail and fix in finding.fix, finding


def test_a_valid_or_missing_deploy_yaml_passes(projects, tmp_path):
    good = write_deploy(tmp_path, SITE + "projects: {digits: {demo: cpu, model_repo: ada/digits}}\n")
    finding = check_deploy(good, projects)
    assert finding.ok and finding.detail == "site to ada/portfolio; 1 demo(s), 1 model repo(s)"
    assert check_deploy(tmp_path / "none.yaml", projects).ok


def test_the_deploy_settings_are_checked_before_any_project(projects, tmp_path):
    deploy = write_deploy(tmp_path, SITE + "projects: {gone: {demo: cpu}}\n")
    order = []
    reports, portfolio = check_portfolio(
        projects, tmp_path / "resume.yaml", deploy_config=deploy, fast=True,
        on_portfolio=lambda finding: order.append(finding.name),
        on_check=lambda slug, check: order.append(f"{slug}:{check}"))
    assert order[:2] == ["deploy", "resume"] and len(order) > 2  # the site's settings when asked
    assert [f.name for f in portfolio] == ["deploy", "resume"] and not portfolio[0].ok


def test_the_cli_fails_on_a_deploy_yaml_naming_a_removed_project(projects, tmp_path, capsys):
    write_deploy(tmp_path, yaml.safe_dump({"site": {"space": "ada/portfolio"},
                                           "projects": {"removed": {"demo": "cpu"}}}))
    code = main(["check", "--fast", "--projects", str(tmp_path / "projects"),
                 "--deploy-config", str(tmp_path / "deploy.yaml"), "--resume", str(tmp_path / "r.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    assert "portfolio: deploy FAILED" in out and "no project named 'removed'" in out


SITES = {
    "the sample name": ("site_name: Deep-learning portfolio\nsite_url: https://ada.example.org/\n",
                        "site_name is 'Deep-learning portfolio', the sample's"),
    "no name": ("site_url: https://ada.example.org/\n", "site_name is '', the sample's"),
    "the placeholder user": ("site_name: Ada's work\nsite_url: https://your-github-user.github.io/p/\n",
                             "names the placeholder user 'your-github-user'"),
    "both": ("site_name: Deep-learning portfolio\nsite_url: https://your-github-user.github.io/p/\n",
             "the sample's; site_url"),
    "not yaml": ("site_name: [unclosed\n", "cannot read"),
}
"""Case -> (mkdocs.yml, words of the detail)."""


@pytest.mark.parametrize("case", SITES, ids=list(SITES))
def test_the_sites_name_and_address_must_be_the_owners(tmp_path, case):
    text, detail = SITES[case]
    config = tmp_path / "mkdocs.yml"
    config.write_text(text)
    finding = check_site(config)
    assert (finding.name, finding.ok) == ("site", False) and detail in finding.detail, finding
    assert "mkdocs.yml" in finding.fix


def test_an_owners_site_passes_and_mkdocs_tags_are_read(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Ada Lovelace, deep learning\nsite_url: https://ada.example.org/\n"
                      "extra:\n  analytics: !ENV [ANALYTICS, null]\nmarkdown_extensions:\n"
                      "  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    finding = check_site(config)
    assert finding.ok and finding.detail == "'Ada Lovelace, deep learning' at https://ada.example.org/"


def test_the_repositorys_own_site_settings_are_flagged_as_samples():
    finding = check_site(Path(__file__).resolve().parents[1] / "mkdocs.yml")
    assert not finding.ok and "the sample's" in finding.detail and "your-github-user" in finding.detail
