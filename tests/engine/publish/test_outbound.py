"""What may leave a project (``showcase.outbound``), tried as an attacker would.

Each test is a class of hiding place, tried in many variants: a secret in a folder whose name a
scanner might skip (``build/``, ``dist/``, ``node_modules/``), deep in a large file, in UTF-16,
UTF-32 or gzip, in a binary file's text; a link that leads a copied file out of the project. The
same rule must hold on every route out: ``showcase deploy`` (with the default, relative
``projects/`` folder), ``showcase check``, and the site build. Every fake secret is put together
from pieces, so this file itself holds none.
"""

import codecs
import gzip
import hashlib
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from test_publish import REPO, FakeHub
from test_publish import portfolio as portfolio  # noqa: F401 - the fixture, used by name

from showcase import secrets
from showcase.exceptions import OutsideProjectError, SecretError
from showcase.outbound import published_files, release
from showcase.publish import deploy as deploy_module
from showcase.publish.deploy import DeployOptions, deploy
from showcase.readiness.files import check_secrets
from showcase.reading.project import ProjectFiles
from showcase.secrets import find_leaks

HF = "hf" + "_" + "Zq7" * 12  # a Hugging Face token's shape
AWS = "AK" + "IA" + "Q7ZQ" * 4  # an AWS access key id's shape
PEM = "-" * 5 + "BEGIN OPENSSH " + "PRIVATE KEY" + "-" * 5


def png_with_text(text: str) -> bytes:
    """A 1x1 PNG whose tEXt chunk holds ``text`` (as an image editor or a plotting library writes it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"tEXt", b"Comment\x00" + text.encode())
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


HIDING_PLACES: dict[str, tuple[str, bytes, str]] = {
    "build-folder": ("models/build/notes.txt", f"hf = {HF}\naws = {AWS}\n".encode(), "Hugging Face token"),
    "dist-folder": ("models/dist/deploy_key.txt", f"{PEM}\nb3BlbnNzaC1rZXktdjEAAAAA\n".encode(),
                    "private key block"),
    "node-modules": ("models/node_modules/pkg/README.md", f"token {AWS}\n".encode(), "AWS access key id"),
    "4-mib-deep": ("models/log.txt", b"x" * (4 * 2**20 + 5) + f"\n{HF}\n".encode(), "Hugging Face token"),
    "utf-16-bom": ("models/notes-16.txt", f"token: {HF}\n".encode("utf-16"), "UTF-16"),
    "utf-16-be-bom": ("models/notes-16be.txt", codecs.BOM_UTF16_BE + f"t {HF}\n".encode("utf-16-be"),
                      "UTF-16"),
    "utf-16-le-no-bom": ("models/notes-16le.txt", f"token: {HF}\n".encode("utf-16-le"), "UTF-16"),
    "utf-32": ("models/notes-32.txt", f"token: {AWS}\n".encode("utf-32"), "UTF-32"),
    "gzip": ("models/notes.txt.gz", gzip.compress(f"a,b\n1,{HF}\n".encode(), mtime=0), "gzip"),
    "png-text-chunk": ("examples/00_T-shirt_top.png", png_with_text(f"token={HF}"), "Hugging Face token"),
    "examples-build": ("examples/build/x.txt", f"{HF}\n".encode(), "Hugging Face token"),
    "chunk-boundary": ("models/split.txt", b"y" * (secrets.CHUNK_BYTES - 10) + f" {HF} ".encode(),
                       "Hugging Face token"),
}
"""Case id -> (file in the project, its bytes, words its reason must hold)."""


@pytest.fixture
def relative_portfolio(portfolio, monkeypatch):  # noqa: F811 - pytest's fixture by name
    """The publish tests' portfolio, worked on from its folder: ``projects/`` relative, as the
    README's `make deploy` runs it."""
    monkeypatch.chdir(portfolio)
    return portfolio


def deploy_from_here(hub: FakeHub, **overrides):
    """``showcase deploy`` with its default relative paths, against the stand-in Hub."""
    with pytest.MonkeyPatch.context() as monkey:
        monkey.setattr(deploy_module, "hub_offline", lambda: False)
        monkey.setattr(deploy_module, "probe_hub", lambda: None)
        return deploy(DeployOptions(**overrides), api=hub.api)


@pytest.mark.parametrize("case", HIDING_PLACES, ids=list(HIDING_PLACES))
def test_deploy_refuses_a_secret_wherever_it_hides(relative_portfolio, case):
    rel, data, words = HIDING_PLACES[case]
    path = relative_portfolio / "projects/fashion-cnn" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    hub = FakeHub()
    with pytest.raises(SecretError) as error:
        deploy_from_here(hub, dry_run=False)
    message = str(error.value)
    assert f"  {rel}: " in message and words in message, message
    assert HF not in message and AWS not in message
    hub.api.upload_folder.assert_not_called()
    hub.api.create_repo.assert_not_called()
    # `showcase check` runs the same scan over what the project publishes, and says the same.
    verdict = check_secrets(ProjectFiles(Path("projects/fashion-cnn"), None, None))
    assert not verdict.ok and rel in verdict.detail and words in verdict.detail, verdict.detail


def test_a_clean_portfolio_deploys_from_its_own_folder(relative_portfolio):
    hub = FakeHub()
    deploy_from_here(hub, dry_run=False)
    assert "models/model.onnx" in hub.uploaded["ada/fashion-demo"]


FILLER = st.text(alphabet="abcdefgh \n", min_size=0, max_size=600)
ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gzip")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=FILLER, after=FILLER, encoding=st.sampled_from(ENCODINGS),
       chunk=st.integers(min_value=16, max_value=300))
def test_a_token_is_found_on_its_line_whatever_the_encoding_and_chunking(tmp_path, monkeypatch, before,
                                                                       after, encoding, chunk):
    # Small chunks, so that the token often straddles two of them.
    monkeypatch.setattr(secrets, "CHUNK_BYTES", chunk)
    monkeypatch.setattr(secrets, "OVERLAP_CHARS", 64)
    text = f"{before}\n{HF}\n{after}"
    data = gzip.compress(text.encode(), mtime=0) if encoding == "gzip" else text.encode(encoding)
    (tmp_path / "file.txt").write_bytes(data)
    leaks = find_leaks(tmp_path)
    line = before.count("\n") + 2
    token_leaks = [leak.reason for leak in leaks if "Hugging Face token" in leak.reason]
    assert token_leaks, (encoding, leaks)
    assert all(reason.endswith(f"on line {line}") for reason in token_leaks), (line, token_leaks)


def test_random_binary_files_are_searched_and_not_flagged(tmp_path):
    rng = __import__("numpy").random.default_rng(0)
    for i in range(4):
        (tmp_path / f"weights-{i}.bin").write_bytes(rng.integers(0, 256, 2**20, dtype="uint8").tobytes())
    assert find_leaks(tmp_path) == []


OUTSIDE_LINKS = {
    "config-link": ("models/config.json", "file"),
    "model-link": ("models/model.onnx", "file"),
    "example-link": ("examples/00_T-shirt_top.png", "file"),
    "examples-folder-link": ("examples", "folder"),
}
"""Case id -> (what in the project becomes a link to something outside it, what it links to)."""


def link_out(project: Path, rel: str, kind: str, outside: Path) -> Path:
    """Replace ``rel`` in the project with a link to a copy of it outside the repository."""
    inside = project / rel
    target = outside / rel.replace("/", "-")
    if kind == "folder":
        shutil.copytree(inside, target)
        (target / "token.png").write_bytes(b"not a png")
        shutil.rmtree(inside)
    else:
        shutil.copy(inside, target)
        inside.unlink()
    inside.symlink_to(target, target_is_directory=kind == "folder")
    return target


def digest(folder: Path) -> str:
    """One hash of every file's path and bytes under ``folder``."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def build_site(root: Path, strict: bool = True) -> None:
    build(load_config(config_file=str(root / "mkdocs.yml"), strict=strict))


def build_fails(root: Path, caplog, pattern: str) -> None:
    """The strict build of ``root`` stops, and its error matches ``pattern``."""
    caplog.clear()
    with pytest.raises(Abort):
        build_site(root)
    errors = " ".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert re.search(pattern, errors), errors


@pytest.mark.parametrize("case", OUTSIDE_LINKS, ids=list(OUTSIDE_LINKS))
def test_no_route_copies_a_file_from_outside_the_project(relative_portfolio, tmp_path_factory, caplog, case):
    rel, kind = OUTSIDE_LINKS[case]
    project = relative_portfolio / "projects/fashion-cnn"
    link_out(project, rel, kind, tmp_path_factory.mktemp("outside"))
    build_fails(relative_portfolio, caplog, rf"{rel}.* leads outside the project")
    assert not (relative_portfolio / "public").exists() or not any(
        p.name == "token.png" for p in (relative_portfolio / "public").rglob("*"))
    hub = FakeHub()
    with pytest.raises(OutsideProjectError, match=r"the demo bundle takes it.*leads outside the project"):
        deploy_from_here(hub, dry_run=False)
    hub.api.upload_folder.assert_not_called()
    with pytest.raises(OutsideProjectError):
        release(project, {"x": project / rel}, "a test")


def test_a_failed_build_leaves_the_last_good_site(relative_portfolio, caplog):
    root = relative_portfolio
    build_site(root)
    public = root / "public"
    before, count = digest(public), sum(1 for p in public.rglob("*") if p.is_file())
    assert count > 50
    card = root / "projects/fashion-cnn/portfolio.yaml"
    good = card.read_text()
    card.write_text("title: [unclosed\n")
    build_fails(root, caplog, r"portfolio\.yaml: invalid YAML")
    assert digest(public) == before
    card.write_text(good)
    readme = root / "projects/fashion-cnn/README.md"
    readme.write_text(readme.read_text() + f"\nMy token: {HF}\n")
    # --strict refuses the page, naming the README's line.
    build_fails(root, caplog, r"fashion-cnn/README\.md: a Hugging Face token \(hf_\.\.\.\) on line \d+")
    assert digest(public) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".public")) == []
    readme.write_text(good_readme := readme.read_text().replace(f"\nMy token: {HF}\n", "\nNo token.\n"))
    build_site(root)
    assert digest(public) != before and "No token." in good_readme
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".public")) == []


def test_without_strict_a_secret_in_a_page_is_a_warning_naming_its_line(relative_portfolio, caplog):
    readme = relative_portfolio / "projects/fashion-cnn/README.md"
    lines = readme.read_text().splitlines()
    readme.write_text("\n".join([*lines[:3], f"aws {AWS}", *lines[3:]]) + "\n")
    build_site(relative_portfolio, strict=False)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    expected = "fashion-cnn/README.md: an AWS access key id (AKIA...) on line 4"
    assert any(expected in warning for warning in warnings), warnings


def test_published_files_follow_git_and_the_bundles_not_folder_names(tmp_path):
    project = tmp_path / "p"
    for rel in ("src/pkg/train.py", "models/build/notes.txt", "build/wheel.txt", ".venv/lib/x.py",
                "data/big.csv", "reports/figures/a.png", "node_modules/m/index.js"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("x\n")
    (project / ".gitignore").write_text(".venv/\n/data/\nbuild/\n")
    found = {p.relative_to(project).as_posix() for p in published_files(project)}
    # Outside git: what `git add .` would take, and the published folders whatever .gitignore says.
    assert found == {".gitignore", "src/pkg/train.py", "models/build/notes.txt", "reports/figures/a.png",
                     "node_modules/m/index.js"}
    assert {p.name for p in published_files(REPO / "projects/fashion-cnn")} >= {"model.onnx", "README.md"}
