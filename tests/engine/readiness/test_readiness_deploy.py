"""``showcase check`` reads deploy.yaml first (``readiness.deployment``), with deploy's own loader:
each way deploy would later stop is said up front, before the slow checks. Then the portfolio's
other findings: the site's settings (``readiness.site``) and the owner the projects name
(``readiness.owner``)."""

from pathlib import Path

import pytest
import yaml
from conftest import RESUME, valid_card
from ready_project import write_resume

from showcase.cli import main
from showcase.readiness import check_portfolio
from showcase.readiness.deployment import check_deploy
from showcase.readiness.owner import check_owner
from showcase.readiness.site import check_site


@pytest.fixture
def projects(make_project, tmp_path) -> list[Path]:
    with_space = valid_card() | {"demo": {"app": "app.py", "space": "ada/digits-demo"}}
    placeholder_runs = valid_card() | {"dashboard": "your-hf-user/runs"}
    return [make_project("digits", card=with_space), make_project("no-space", card=placeholder_runs)]


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
    "dashboard without a space": (SITE + "projects: {digits: {dashboard: true}}\n",
                                  "publishes the tracked runs of digits, whose card names no Space",
                                  "dashboard: your-hf-user/<name>"),
    "placeholder dashboard": (SITE + "projects: {no-space: {dashboard: true}}\n",
                              "your-hf-user/runs: the owner is the placeholder", "dashboard"),
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
    detail = "site to ada/portfolio; 1 demo(s), 1 model repo(s), 0 dashboard(s)"
    assert finding.ok and finding.detail == detail
    assert check_deploy(tmp_path / "none.yaml", projects).ok


def test_the_deploy_settings_are_checked_before_any_project(projects, tmp_path):
    deploy = write_deploy(tmp_path, SITE + "projects: {gone: {demo: cpu}}\n")
    order = []
    reports, portfolio = check_portfolio(
        projects, tmp_path / "resume.yaml", deploy_config=deploy, fast=True,
        on_portfolio=lambda finding: order.append(finding.name),
        on_check=lambda slug, check: order.append(f"{slug}:{check}"))
    assert order[:3] == ["deploy", "resume", "owner"] and len(order) > 3  # the site's settings when asked
    assert [f.name for f in portfolio] == ["deploy", "resume", "owner"] and not portfolio[0].ok


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
    finding = check_site(Path(__file__).resolve().parents[3] / "mkdocs.yml")
    assert not finding.ok and "the sample's" in finding.detail and "your-github-user" in finding.detail


def card(author: str = "Ada Lovelace", repository: str | None = "https://github.com/ada/digits") -> dict:
    return valid_card() | {"author": author, "repository": repository}


def sample_resume(tmp_path: Path) -> Path:
    """The repository's sample resume: the templates' placeholder owner, meta.placeholder true."""
    basics = RESUME["basics"] | {"name": "Your Name", "profiles": [
        {"network": "GitHub", "username": "your-github-user"}]}
    path = tmp_path / "sample.yaml"
    path.write_text(yaml.safe_dump(RESUME | {"basics": basics, "meta": {"placeholder": True}}))
    return path


OWNER_CASES = {
    # case -> (cards, ok, words of the detail, words of the fix)
    "in line": ([card(), card(repository=None), card(repository="https://gitlab.com/someone/x")], True,
                "3 project(s) by Ada Lovelace (GitHub ada)", ""),
    "github users ignore case": ([card(repository="https://github.com/ADA/digits")], True,
                                 "by Ada Lovelace", ""),
    "another author": ([card(), card("Zoë O'Brien")], False,
                       "not the owner in {resume}, Ada Lovelace (GitHub ada): b (author \"Zoë O'Brien\")",
                       "run `showcase owner --apply`"),
    "another repository user": ([card(repository="https://github.com/zoe/digits")], False,
                                "a (repository https://github.com/zoe/digits)", "no retraining"),
    "the template's defaults": ([card("Your Name", "https://github.com/your-github-user/x")], False,
                                'a (author "Your Name", repository https://github.com/your-github-user/x)',
                                "showcase owner --apply"),
    "many": ([card("X")] * 5, False, "c (author \"X\"); and 2 more", "showcase owner --apply"),
}


@pytest.mark.parametrize("case", OWNER_CASES, ids=list(OWNER_CASES))
def test_every_card_names_the_resumes_owner(make_project, tmp_path, case):
    cards, ok, detail, fix = OWNER_CASES[case]
    projects = [make_project(chr(ord("a") + i), card=c) for i, c in enumerate(cards)]
    resume = write_resume(tmp_path / "resume.yaml")
    finding = check_owner(resume, projects)
    assert (finding.name, finding.ok) == ("owner", ok), finding
    assert detail.format(resume=resume) in finding.detail and fix in finding.fix, finding
    assert "\n" not in finding.detail + finding.fix


def test_a_sample_resume_and_sample_projects_are_left_to_the_placeholder_checks(make_project, tmp_path):
    # The resume check, and each project's card and readme checks, already say the sample owner
    # is left; the owner check adds nothing to that.
    projects = [make_project("a", card=card("Your Name", "https://github.com/your-github-user/a"))]
    finding = check_owner(sample_resume(tmp_path), projects)
    assert finding.ok and finding.detail == ("1 project(s) by Your Name (GitHub your-github-user) "
                                             "(sample data: see `resume`)")


def test_a_real_name_under_a_sample_resume_says_to_fill_in_the_resume_first(make_project, tmp_path):
    # Applying the sample owner would put "Your Name" over the owner's own: the fix says so.
    projects = [make_project("a", card=card())]
    finding = check_owner(sample_resume(tmp_path), projects)
    assert not finding.ok
    assert 'a (author "Ada Lovelace", repository https://github.com/ada/digits)' in finding.detail
    assert finding.fix.startswith("put your name and GitHub profile in `basics` of ") and \
        finding.fix.endswith("set `meta.placeholder: false`, then run `showcase owner --apply`")


def test_the_owner_check_needs_the_resume_and_skips_invalid_cards(make_project, tmp_path):
    projects = [make_project("a", card=valid_card() | {"skills": ["nope"]})]
    finding = check_owner(tmp_path / "none.yaml", projects)
    assert not finding.ok
    assert finding.detail == "not checked: the resume is missing or invalid (see `resume`)"
    finding = check_owner(write_resume(tmp_path / "resume.yaml"), projects)
    assert finding.ok  # the project's own `card` check says what is wrong with it
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(RESUME | {"basics": RESUME["basics"] | {"profiles": [
        {"network": "GitHub", "username": "ada lovelace"}]}}))
    finding = check_owner(bad, projects)  # a valid resume (the resume check passes) naming no user
    assert not finding.ok
    assert finding.detail.startswith("bad.yaml: basics.profiles[0] (GitHub): 'ada lovelace' is not")
    assert finding.fix.startswith("set its `username` to the user name alone")


def test_the_repositorys_own_projects_and_sample_resume_agree():
    root = Path(__file__).resolve().parents[3]
    projects = sorted(p.parent for p in root.glob("projects/*/portfolio.yaml"))
    finding = check_owner(root / "content" / "resume.yaml", projects)
    assert finding.ok and "(sample data: see `resume`)" in finding.detail, finding
