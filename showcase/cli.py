"""The ``showcase`` command: a thin layer over the library.

    showcase new image-classification --no-input --set project_name="Digits CNN"
    showcase check --fast   # the readiness checklist, without the slow checks (demo, tests)
    showcase build --strict
    showcase serve          # the site on http://127.0.0.1:8000 with every demo running locally

Every ``ShowcaseError`` becomes ``error: <message>`` on stderr and exit status 1.
"""

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from showcase.contract.files import KINDS
from showcase.exceptions import ShowcaseError
from showcase.reading.project import find_project_dirs
from showcase.scaffold import new_project, next_steps


def _key_value(text: str) -> tuple[str, str]:
    """Parse ``key=value`` for ``--set``."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected key=value, got {text!r}")
    return key, value


def cmd_new(args: argparse.Namespace) -> int:
    """Create a project from a template."""
    # The template's hook prints what is wrong; cookiecutter's traceback adds nothing to it.
    logging.getLogger("cookiecutter.hooks").setLevel(logging.CRITICAL)
    path = new_project(
        args.kind,
        output_dir=args.output_dir,
        no_input=args.no_input,
        extra_context=dict(args.set) or None,
        templates_dir=args.templates_dir,
        answers=args.answers,
    )
    print(next_steps(path))
    return 0


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
    from showcase.readiness import check_portfolio
    from showcase.readiness.render import portfolio_line, print_reports

    dirs = _project_dirs(args.project, args.projects)
    if not dirs:
        print(f"no projects in {args.projects} (a project is a directory with portfolio.yaml)")

    def early(finding) -> None:  # a broken deploy.yaml is said at once, not after minutes of checks
        if not finding.ok and not args.fast:
            print(portfolio_line(finding), file=sys.stderr)

    with Console(stderr=True).status("checking") as status:  # progress on a terminal only
        reports, portfolio = check_portfolio(
            dirs, args.resume, deploy_config=args.deploy_config, mkdocs_config=args.config_file,
            fast=args.fast, on_portfolio=early,
            on_check=lambda slug, check: status.update(f"checking {slug}: {check}"))
    print_reports(Console(highlight=False), reports, portfolio, verbose=args.verbose)
    return 0 if all(f.ok for f in portfolio) and all(report.passed for report in reports) else 1


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
                            resume=args.resume, site_space=args.space, dry_run=args.dry_run,
                            force=args.force, fast_check=args.fast)
    deploy(options)
    return 0


DESCRIPTION = "The portfolio's engine: new projects, the readiness check, the site, and publishing it."
EPILOG = """examples:
  showcase new image-classification --no-input --set project_name="Digits CNN"
  showcase check --fast     the readiness checklist, without the slow checks (demo, tests)
  showcase build --strict   the site into public/
  showcase serve            the site on http://127.0.0.1:8000 with every demo running locally
  showcase deploy           the publishing plan (a dry run); --no-dry-run publishes"""
"""What ``showcase --help`` says: plain text (the module docstring is reStructuredText for readers
of the code)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per job."""
    parser = argparse.ArgumentParser(prog="showcase", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="create a project from a template")
    new.add_argument("kind", help=", ".join(KINDS))
    new.add_argument("--no-input", action="store_true", help="use defaults, do not prompt")
    new.add_argument("--output-dir", type=Path, default=Path("projects"), help="default: projects")
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
    new.set_defaults(func=cmd_new)

    check = sub.add_parser(
        "check", help="the readiness checklist: is each project (and the resume) ready to publish?"
    )
    check.add_argument("project", nargs="*", help="project folders or names (default: every project)")
    check.add_argument("--projects", type=Path, default=Path("projects"), help="default: projects")
    check.add_argument("--resume", type=Path, default=Path("site/resume.yaml"),
                       help="the owner's resume (default: site/resume.yaml)")
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
    deploy.add_argument("--resume", type=Path, default=Path("site/resume.yaml"),
                        help="the owner's resume the readiness check reads (default: site/resume.yaml)")
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
