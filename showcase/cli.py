"""The ``showcase`` command: a thin layer over the library.

    showcase new image-classification --no-input --set project_name="Digits CNN"
    showcase owner --apply  # the owner in content/resume.yaml, into every project
    showcase check --fast   # the readiness checklist, without the slow checks (demo, tests)
    showcase add https://github.com/you/fashion-cnn   # a project in its own repository, as a submodule
    showcase update         # every project submodule to its latest commit, with its metrics' changes
    showcase workflows      # .github/workflows/ for the portfolio, and every workflow linted (actionlint)
    showcase build --strict
    showcase serve          # the site on http://127.0.0.1:8000 with every demo running locally

Every ``ShowcaseError`` becomes ``error: <message>`` on stderr and exit status 1.
"""

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from showcase.contract.files import KINDS
from showcase.exceptions import ShowcaseError
from showcase.owner import OWNER_FIELDS, new_project_answers, resume_path
from showcase.reading.project import find_project_dirs
from showcase.scaffold import new_project, next_steps, own_repository, own_repository_steps
from showcase.submodules import add_project, describe_added, describe_updated, update_projects


def _key_value(text: str) -> tuple[str, str]:
    """Parse ``key=value`` for ``--set``."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected key=value, got {text!r}")
    return key, value


def _resume(args: argparse.Namespace) -> Path:
    """``--resume``, else the resume the site reads (the showcase plugin's setting in mkdocs.yml)."""
    return args.resume or resume_path(args.config_file)


def cmd_new(args: argparse.Namespace) -> int:
    """Create a project from a template; the owner's answers come from the resume."""
    # The template's hook prints what is wrong; cookiecutter's traceback adds nothing to it.
    logging.getLogger("cookiecutter.hooks").setLevel(logging.CRITICAL)
    given = dict(args.set)
    context = given
    if args.answers is None and not all(key in given for key in OWNER_FIELDS):
        owner, note = new_project_answers(_resume(args), given)
        context = owner | given
        print(note)
    path = new_project(
        args.kind,
        output_dir=args.output_dir or (Path("..") if args.own_repo else Path("projects")),
        no_input=args.no_input,
        extra_context=context or None,
        templates_dir=args.templates_dir,
        answers=args.answers,
    )
    if not args.own_repo:
        print(next_steps(path))
        return 0
    note = own_repository(path, args.kind, templates_dir=args.templates_dir)
    if note:
        print(f"note: no .cruft.json: {note}.")
    answers = json.loads((path / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    print(own_repository_steps(path, answers["github_user"]))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Bring a project from its own repository into the portfolio as a submodule."""
    print(describe_added(add_project(args.source, projects_dir=args.projects, slug=args.slug)))
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    """Move project submodules to their latest commit; say what changed in their metrics."""
    print(describe_updated(update_projects(args.project or None)))
    return 0


def cmd_workflows(args: argparse.Namespace) -> int:
    """Write the portfolio's GitHub Actions workflows (or check they are current), then lint every
    workflow the portfolio holds."""
    from showcase.workflows import lint, stale_workflows, workflow_files, write_workflows

    stale = stale_workflows(args.root) if args.check else []
    for path in stale:
        print(f"{path}: missing or not the showcase's. Fix: `showcase workflows` writes it.")
    for path in [] if args.check else write_workflows(args.root):
        print(f"wrote {path}")
    files = workflow_files(args.root)
    problems = lint(files)
    for problem in problems:
        print(problem)
    print(f"{len(files)} workflow file(s) linted (actionlint, pinned actions): "
          f"{len(problems) or 'no'} problem{'s' * (len(problems) != 1)}")
    return 1 if problems or stale else 0


def _project_dirs(names: list[str], projects_dir: Path) -> list[Path]:
    """The projects named on the command line (a path, or a folder of ``projects_dir``), or all."""
    if not names:
        return find_project_dirs(projects_dir)
    dirs = []
    for name in names:
        path = Path(name) if Path(name).is_dir() else projects_dir / name
        if not path.is_dir():
            raise ShowcaseError(f"{name}: no such project (nor {projects_dir / name}). "
                                f"Fix: name a folder of {projects_dir}, or give the project's path.")
        dirs.append(path)
    return dirs


def cmd_check(args: argparse.Namespace) -> int:
    """Run the readiness checklist on each project and the resume; a table, then every failure."""
    from showcase.readiness import check_portfolio, portfolio_line, print_reports

    dirs = _project_dirs(args.project, args.projects)
    if not dirs:
        print(f"no projects in {args.projects} (a project is a directory with portfolio.yaml)")

    def early(finding) -> None:  # a broken deploy.yaml is said at once, not after minutes of checks
        if not finding.ok and not args.fast:
            print(portfolio_line(finding), file=sys.stderr)

    with Console(stderr=True).status("checking") as status:  # progress on a terminal only
        reports, portfolio = check_portfolio(
            dirs, _resume(args), deploy_config=args.deploy_config, mkdocs_config=args.config_file,
            fast=args.fast, on_portfolio=early,
            on_check=lambda slug, check: status.update(f"checking {slug}: {check}"))
    print_reports(Console(highlight=False), reports, portfolio, verbose=args.verbose)
    return 0 if all(f.ok for f in portfolio) and all(report.passed for report in reports) else 1


def cmd_owner(args: argparse.Namespace) -> int:
    """List what each project says differently from the owner in the resume; --apply rewrites it."""
    from showcase.owner import plan_alignment, plan_deploy_alignment, read_owner

    resume = _resume(args)
    owner = read_owner(resume)
    print(f"The owner, from {resume}: {owner}.")
    if owner.placeholder:
        print(f"{resume} still holds sample data (meta.placeholder: true): put your name and GitHub "
              "profile in its `basics` first.")
    if owner.github_user is None:
        print("It has no GitHub profile (basics.profiles, network: GitHub): repository links and "
              "github_user answers are left as they are.")
    dirs = _project_dirs(args.project, args.projects)
    plans, problems = [], []
    for project_dir in dirs:
        try:
            plans.append(plan_alignment(project_dir, owner))
        except ShowcaseError as e:
            problems.append(f"{project_dir.name}: {e}")
    deploy = None
    try:  # the Hugging Face repos deploy.yaml publishes to: the placeholder owner becomes the owner's
        if (deploy := plan_deploy_alignment(args.deploy_config, owner)) is not None:
            plans.append(deploy)
    except ShowcaseError as e:
        problems.append(f"{args.deploy_config}: {e}")
    differ = [plan for plan in plans if not plan.in_line]

    def name(plan) -> str:  # a project by its folder; deploy.yaml is the portfolio's own
        return "portfolio" if plan is deploy else plan.root.name

    for plan in plans:
        print(f"{name(plan)}: " + ("in line" if plan.in_line else "differs"))
        for change in plan.changes:
            print(f"  {change}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"error: {len(problems)} project(s) cannot be compared with the owner (above); "
              "nothing was changed.", file=sys.stderr)
        return 1
    if not differ:
        print(f"Every project ({len(dirs)}) is in line with the owner"
              + (f", and so is {args.deploy_config}." if deploy else "."))
        return 0
    if not args.apply:
        projects_differ = len([plan for plan in differ if plan is not deploy])
        print(f"{projects_differ} of {len(dirs)} project(s)"
              + (f" and {args.deploy_config}" if deploy in differ else "") + " differ from the owner. "
              "Fix: `showcase owner --apply` rewrites them.")
        return 1
    if owner.placeholder:
        print(f"error: not applied: {resume} is sample data, and would overwrite the projects' "
              f"names with it. Fix: edit `basics` in {resume}, set `meta.placeholder: false`, "
              "then run `showcase owner --apply`.", file=sys.stderr)
        return 1
    for plan in differ:
        plan.write()
        print(f"{name(plan)}: rewrote {', '.join(plan.texts)}")
    print(f"Brought {', '.join(name(plan) for plan in differ)} in line with the owner. Commit them; "
          "no retraining is "
          "needed (the author is not part of what made the numbers).")
    return 0


def _mkdocs_logging() -> None:
    """Show MkDocs' progress the way ``mkdocs`` itself does."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site with MkDocs (the plugin generates the project pages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _mkdocs_logging()
    try:
        build(load_config(config_file=args.config_file, strict=args.strict))
    except MkDocsException as e:
        raise ShowcaseError(f"{args.config_file}: build failed: {e.format_message()}") from e
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the projects' demos, build the site against them and serve it."""
    from showcase.serve import ServeOptions, serve_site

    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise ShowcaseError(f"--dev-addr: expected IP:PORT, got {args.dev_addr!r}. Fix: e.g. 127.0.0.1:8000.")
    _mkdocs_logging()
    options = ServeOptions(
        config_file=args.config_file, host=host, port=int(port), demos=not args.no_demos
    )
    try:
        serve_site(options)
    except KeyboardInterrupt:  # stopped while the demos were starting: they are stopped too
        return 130
    return 0


def cmd_deploy(args: argparse.Namespace) -> int:
    """Publish the site to a static Space, and the demos and models deploy.yaml names."""
    from showcase.publish.deploy import DeployOptions, deploy

    options = DeployOptions(config=args.config, projects_dir=args.projects, mkdocs_config=args.config_file,
                            resume=_resume(args), site_space=args.space, dry_run=args.dry_run,
                            force=args.force, fast_check=args.fast)
    deploy(options)
    return 0


DESCRIPTION = "The portfolio's engine: new projects, the readiness check, the site, and publishing it."
EPILOG = """examples:
  showcase new image-classification --no-input --set project_name="Digits CNN"
  showcase owner --apply    put the owner in content/resume.yaml into every project
  showcase check --fast     the readiness checklist, without the slow checks (demo, tests)
  showcase build --strict   the site into public/
  showcase serve            the site on http://127.0.0.1:8000 with every demo running locally
  showcase deploy           the publishing plan (a dry run); --no-dry-run publishes"""
"""What ``showcase --help`` says: plain text (the module docstring is reStructuredText for readers
of the code)."""


RESUME_DEFAULT = "default: the showcase plugin's `resume` in mkdocs.yml, content/resume.yaml"


def _owner_options(parser: argparse.ArgumentParser, why: str) -> None:
    """``--resume`` and ``-f``: the owner's resume, found as the site finds it."""
    parser.add_argument("--resume", type=Path, default=None,
                        help=f"the owner's resume: {why} ({RESUME_DEFAULT})")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's settings, which name the resume (default: mkdocs.yml)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per job."""
    parser = argparse.ArgumentParser(prog="showcase", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="create a project from a template")
    new.add_argument("kind", help=", ".join(KINDS))
    new.add_argument("--no-input", action="store_true", help="use defaults, do not prompt")
    new.add_argument("--output-dir", type=Path, default=None,
                     help="default: projects (with --own-repo: the folder above the portfolio, ..)")
    new.add_argument("--own-repo", action="store_true",
                     help="make the project its own git repository (git init, .cruft.json for template "
                     "updates, a first commit), outside projects/: train it, push it, then `showcase add` it")
    new.add_argument(
        "--set",
        type=_key_value,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="answer a template question (repeatable)",
    )
    new.add_argument(
        "--answers",
        type=Path,
        metavar="FILE",
        help="replay a project's .cookiecutter.json (regenerate it with the same answers)",
    )
    new.add_argument(
        "--templates-dir",
        type=Path,
        default=None,
        help="the templates folder (default: $SHOWCASE_TEMPLATES, the repository's templates/, "
        "or ./templates)",
    )
    _owner_options(new, "where author and github_user come from (unless --set gives them)")
    new.set_defaults(func=cmd_new)

    add = sub.add_parser(
        "add", help="bring a project from its own git repository into projects/ as a submodule",
        description="Clones SOURCE, checks it is a project the site can show (its card, metrics and the "
        "files they name), then `git submodule add`s it under projects/<slug>, pinned to its current "
        "commit. A refused project changes nothing.")
    add.add_argument("source", help="a git URL (https://github.com/you/project) or a path to a repository")
    add.add_argument("--slug", help="the folder name under projects/ (default: the repository's name)")
    add.add_argument("--projects", type=Path, default=Path("projects"), help="default: projects")
    add.set_defaults(func=cmd_add)

    update = sub.add_parser(
        "update", help="move project submodules to their latest commit and show their metrics' changes",
        description="`git submodule update --remote` for each named project (default: every submodule), "
        "each new commit checked like `showcase add` checks a project; one that fails is put back.")
    update.add_argument("project", nargs="*", help="submodule folder names under projects/ (default: all)")
    update.set_defaults(func=cmd_update)

    workflows = sub.add_parser(
        "workflows", help="write the portfolio's GitHub Actions workflows; lint every workflow (actionlint)",
        description="Writes .github/workflows/ (tests, each project in this repository, the readiness "
        "check, a strict build; publishing on a push to main), then lints it and each project's own "
        "workflow with actionlint and checks every action is pinned to a version. Exit status 1 on a "
        "problem (or, with --check, a workflow that is missing or not the showcase's).")
    workflows.add_argument("--check", action="store_true", help="write nothing: report stale workflows")
    workflows.add_argument("--root", type=Path, default=Path("."), help="the portfolio's root (default: .)")
    workflows.set_defaults(func=cmd_workflows)

    owner = sub.add_parser(
        "owner", help="what each project says differently from the owner in the resume; --apply rewrites it",
        description="The owner (basics.name and the GitHub profile of the resume) is set once. Lists, per "
        "project, where its card (author, repository user), README byline, pyproject.toml authors or "
        ".cookiecutter.json answers differ, and deploy.yaml's repos still on the placeholder Hugging Face "
        "owner. Exit status 0 when every project is in line (or --apply "
        "made it so), 1 when differences remain.")
    owner.add_argument("project", nargs="*", help="project folders or names (default: every project)")
    owner.add_argument("--apply", action="store_true",
                       help="rewrite them (only those values: every other line stays as it is)")
    owner.add_argument("--projects", type=Path, default=Path("projects"), help="default: projects")
    owner.add_argument("--deploy-config", type=Path, default=Path("deploy.yaml"),
                       help="its Hugging Face repos on the placeholder owner move to the resume's "
                       "Hugging Face user (default: deploy.yaml)")
    _owner_options(owner, "who the owner is")
    owner.set_defaults(func=cmd_owner)

    check = sub.add_parser(
        "check", help="the readiness checklist: is each project (and the resume) ready to publish?"
    )
    check.add_argument("project", nargs="*", help="project folders or names (default: every project)")
    check.add_argument("--projects", type=Path, default=Path("projects"), help="default: projects")
    check.add_argument("--resume", type=Path, default=None, help=f"the owner's resume ({RESUME_DEFAULT})")
    check.add_argument("--deploy-config", type=Path, default=Path("deploy.yaml"),
                       help="what `showcase deploy` publishes, checked first (default: deploy.yaml)")
    check.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                       help="the site's settings, whose name and address must be yours (default: mkdocs.yml)")
    check.add_argument("--fast", action="store_true",
                       help="skip the slow checks (the demo answering, the project's tests)")
    check.add_argument("-v", "--verbose", action="store_true", help="show every check's detail")
    check.set_defaults(func=cmd_check)

    for name, func, helptext in (
        ("build", cmd_build, "build the site into public/"),
        ("serve", cmd_serve, "run the demos, build the site against them and serve it"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("-f", "--config-file", default="mkdocs.yml", help="default: mkdocs.yml")
        p.set_defaults(func=func)
    sub.choices["build"].add_argument("--strict", action="store_true", help="warnings fail")
    deploy = sub.add_parser(
        "deploy", help="publish the site, demos and models to the Hugging Face Hub (a dry run by default)"
    )
    deploy.add_argument("--space", metavar="OWNER/NAME",
                        help="the site's static Space (default: deploy.yaml's site.space)")
    deploy.add_argument("--config", type=Path, default=Path("deploy.yaml"),
                        help="what to publish: demos, model repos (default: deploy.yaml)")
    deploy.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True,
                        help="print the plan and upload nothing (the default); --no-dry-run publishes")
    deploy.add_argument("--force", action="store_true", help="publish even if `showcase check` fails")
    deploy.add_argument("--fast", action="store_true",
                        help="skip the slow readiness checks (demo start, the projects' tests)")
    deploy.add_argument("--projects", type=Path, default=Path("projects"), help="default: projects")
    deploy.add_argument("--resume", type=Path, default=None,
                        help=f"the owner's resume the readiness check reads ({RESUME_DEFAULT})")
    deploy.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="default: mkdocs.yml")
    deploy.set_defaults(func=cmd_deploy)

    serve = sub.choices["serve"]
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
    serve.add_argument("--no-demos", action="store_true", help="serve the site without the demos")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 ok, 1 on a showcase error)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ShowcaseError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
