"""showcase.secrets: files that look like secrets are found, by name and by content, and the
message that refuses them never holds the secret.

Every fake secret is put together here from pieces (``fake``), so that this file itself holds
nothing a secret scanner would flag, and the repository test at the end stays green.
"""

import json
import random
import string
import subprocess
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file

from showcase.exceptions import SecretError, ShowcaseError
from showcase.secrets import KEY_PATTERNS, Leak, find_leaks, refuse_leaks

ROOT = Path(__file__).resolve().parents[3]
ALNUM = string.ascii_letters + string.digits


def fake(prefix: str, length: int, alphabet: str = ALNUM, seed: int = 0) -> str:
    """``prefix`` and ``length`` characters drawn from ``alphabet``: the shape of a key, no key."""
    rng = random.Random(seed)
    return prefix + "".join(rng.choice(alphabet) for _ in range(length))


def begin(kind: str) -> str:
    """The first line of a PEM block, e.g. ``begin("RSA PRIVATE KEY")``."""
    return "-" * 5 + "BEGIN " + kind + "-" * 5


CONTENT = {
    "hugging-face": (fake("hf" + "_", 34), "Hugging Face token"),
    "aws-key-id": (fake("AK" + "IA", 16, string.ascii_uppercase + string.digits), "AWS access key id"),
    "aws-secret": ("aws_secret_access_key = " + fake("", 40, ALNUM + "/+"), "AWS secret access key"),
    "rsa-key": (begin("RSA " + "PRIVATE KEY") + "\n" + fake("MII", 60), "private key block"),
    "openssh-key": (begin("OPENSSH " + "PRIVATE KEY"), "private key block"),
    "pkcs8-key": (begin("PRIVATE" + " KEY"), "private key block"),
    "github-classic": (fake("gh" + "p_", 36), "GitHub token"),
    "github-app": (fake("gh" + "s_", 36), "GitHub token"),
    "github-fine-grained": (fake("github" + "_pat_", 82, ALNUM + "_"), "GitHub fine-grained token"),
    "openai": (fake("s" + "k-proj-", 48, ALNUM + "_-"), "API key (sk-...)"),
    "anthropic": (fake("s" + "k-ant-api03-", 90, ALNUM + "_-"), "API key (sk-...)"),
    "slack": (fake("xo" + "xb-1234-5678-", 24), "Slack token"),
    "slack-webhook": ("https://hooks.slack" + ".com/services/T0123/B0456/" + fake("", 24), "Slack webhook"),
    "google": (fake("AI" + "za", 35, ALNUM + "_-"), "Google API key"),
    "service-account": ('{"type": "service' + '_account", "project_id": "p"}', "service-account key"),
    "gitlab": (fake("gl" + "pat-", 20, ALNUM + "_-"), "GitLab token"),
    "stripe": (fake("s" + "k_live_", 24), "Stripe live key"),
    "npm": (fake("np" + "m_", 36), "npm token"),
    "npmrc": ("//registry.npmjs.org/:_auth" + "Token=" + fake("", 36), "npm auth setting"),
    "pypi": (fake("py" + "pi-AgE", 60, ALNUM + "_-"), "PyPI token"),
    "sendgrid": (fake("S" + "G.", 22) + "." + fake("", 43), "SendGrid key"),
    "replicate": (fake("r" + "8_", 37), "Replicate token"),
    "azure": ("AccountKey=" + fake("", 86, ALNUM + "+/") + "==", "Azure storage account key"),
    "wandb": ("WANDB_API" + "_KEY=" + fake("", 40, "0123456789abcdef"), "Weights & Biases API key"),
    "jwt": (fake("ey" + "J", 30, ALNUM + "_-") + "." + fake("ey" + "J", 40, ALNUM + "_-", seed=1) + "."
            + fake("", 43, ALNUM + "_-", seed=2), "JSON Web Token"),
}
"""Pattern id -> (a fake secret of that shape, the words its reason must hold)."""


@pytest.fixture(autouse=True)
def no_own_token(monkeypatch):
    """The owner's real token, if this machine has one, plays no part in these tests."""
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("huggingface_hub.get_token", lambda: None)


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_never_shown(secret: str, leaks: list[Leak], root: Path) -> None:
    """The secret appears in no reason and not in the refusal's message."""
    assert all(secret not in leak.reason for leak in leaks)
    with pytest.raises(SecretError) as info:
        refuse_leaks(root)
    assert secret not in str(info.value)


@pytest.mark.parametrize("pattern", CONTENT, ids=list(CONTENT))
def test_key_patterns_are_found_in_text(tmp_path, pattern):
    secret, words = CONTENT[pattern]
    write(tmp_path, "config/settings.ini", f"# settings\n\n[keys]\n\n{secret}\n")
    leaks = find_leaks(tmp_path)
    assert len(leaks) == 1, leaks
    assert leaks[0].path == "config/settings.ini"
    assert words in leaks[0].reason and leaks[0].reason.endswith("on line 5")
    assert_never_shown(secret, leaks, tmp_path)


def test_at_least_twelve_distinct_patterns_are_covered():
    reasons = {words for _, words in CONTENT.values()}
    assert len(reasons) >= 12
    secrets = [secret for secret, _ in CONTENT.values()]
    matched = {reason for reason, regex in KEY_PATTERNS if any(regex.search(s) for s in secrets)}
    assert matched == {reason for reason, _ in KEY_PATTERNS}  # every pattern has a test


NAMES = {
    ".env": "environment file",
    "deploy/.env.production": "environment file",
    "certs/server.pem": "private key or certificate",
    "tls.key": "private key or certificate",
    "signing.p12": "key store",
    "signing.pfx": "key store",
    "id_rsa": "SSH private key",
    "keys/id_ed25519": "SSH private key",
    ".netrc": ".netrc",
    ".pypirc": ".pypirc",
    ".git-credentials": "git credential store",
    ".cache/huggingface/token": "Hugging Face token file",
    ".cache/huggingface/stored_tokens": "Hugging Face token file",
    ".huggingface/token": "Hugging Face token file",
    "hf_token.txt": "Hugging Face token file",
    "credentials.json": "cloud credentials",
    "client_secret_1234.json": "cloud credentials",
    "kaggle.json": "Kaggle",
    ".streamlit/secrets.toml": "Streamlit secrets",
    ".aws/credentials": "AWS credentials",
}
"""A file that holds credentials by convention -> words of its reason (its content is harmless)."""


@pytest.mark.parametrize("rel", NAMES, ids=list(NAMES))
def test_secret_file_names_are_found_whatever_they_hold(tmp_path, rel):
    write(tmp_path, rel, "nothing secret-looking in here\n")
    write(tmp_path, "README.md", "# A project\n")
    assert [(leak.path, NAMES[rel] in leak.reason) for leak in find_leaks(tmp_path)] == [(rel, True)]


def notebook(outputs: list[dict]) -> str:
    """A Jupyter notebook (nbformat 4) with one code cell and these outputs."""
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": outputs,
            "source": ["from huggingface_hub import whoami\n", "print(my_token)"]}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def test_a_token_printed_in_a_notebook_output_is_found(tmp_path):
    token = fake("hf" + "_", 34)
    image = {"output_type": "display_data", "metadata": {},
             "data": {"image/png": fake("iVBORw0KGgo", 200_000, ALNUM + "+/")}}
    printed = {"output_type": "stream", "name": "stdout", "text": ["logged in\n", f"token: {token}\n"]}
    write(tmp_path, "notebooks/explore.ipynb", notebook([image, printed]))
    write(tmp_path, "notebooks/clean.ipynb", notebook([image]))  # a large base64 image alone is fine
    leaks = find_leaks(tmp_path)
    assert [(leak.path, "Hugging Face token" in leak.reason) for leak in leaks] == [
        ("notebooks/explore.ipynb", True)
    ]
    assert_never_shown(token, leaks, tmp_path)


def test_the_owners_own_token_is_found_whatever_its_shape(tmp_path, monkeypatch):
    token = fake("", 40, seed=7)  # no known prefix: only the value itself gives it away
    monkeypatch.setenv("HF_TOKEN", token)
    write(tmp_path, "notes.md", f"# Notes\n\nmy token is {token}\n")
    leaks = find_leaks(tmp_path)
    assert [leak.reason for leak in leaks] == ["the value of your Hugging Face token on line 3"]
    assert_never_shown(token, leaks, tmp_path)
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.setattr("huggingface_hub.get_token", lambda: token)  # stored by `hf auth login`
    assert find_leaks(tmp_path) == leaks


def test_binary_files_are_searched_and_random_bytes_match_nothing(tmp_path):
    token = fake("hf" + "_", 34)
    rng = np.random.default_rng(0)
    noise = rng.integers(0, 256, 50_000, dtype=np.uint8).tobytes()
    write(tmp_path, "reports/figures/noise.png", bytes.fromhex("89504e470d0a1a0a0000000d49484452") + noise)
    save_file({"w": rng.standard_normal((64, 64)).astype(np.float32)}, str(tmp_path / "model.safetensors"))
    write(tmp_path, "models/model.onnx", b"\x08\x07\x12\x07pytorch\x00" + noise)
    assert find_leaks(tmp_path) == []
    # A token in a binary file's text (a weights file's metadata) is found all the same.
    save_file({"w": np.zeros(4, np.float32)}, str(tmp_path / "tuned.safetensors"), metadata={"note": token})
    write(tmp_path, "reports/figures/fake.png", f"token: {token}\n")  # text, whatever its name says
    assert [leak.path for leak in find_leaks(tmp_path)] == ["reports/figures/fake.png", "tuned.safetensors"]


HARMLESS = {
    "src/pkg/hub.py": (
        "import os\n\nfrom huggingface_hub import hf_hub_download\n\n"
        "TOKEN_ENV = 'HF_TOKEN'\n\n\ndef download(repo_id: str) -> str:\n"
        "    token = os.environ.get('HF_TOKEN')  # never in a file\n"
        "    return hf_hub_download(repo_id, 'model.safetensors', token=token)\n\n\n"
        "def tokenize(text: str) -> list[str]:\n    return text.split()\n"
        "api_key = os.environ['OPENAI_API_KEY']\n"
        "ESTIMATOR = 'sk-learn-compatible-estimator-wrapper-for-models'\n"
    ),
    ".env.example": "HF_TOKEN=\nOPENAI_API_KEY=your-key-here\n",
    ".npmrc": "//registry.npmjs.org/:_auth" + "Token=${NPM_TOKEN}\n",
    "keys/id_ed25519.pub": "ssh-ed25519 " + fake("AAAAC3NzaC1lZDI1NTE5AAAAI", 43) + " ada@laptop\n",
    "keys/server.pub": begin("PUBLIC KEY") + "\n" + fake("MIIB", 60) + "\n",
    "reports/metrics.json": json.dumps({
        "data": {"checksum": "sha256:" + fake("", 64, "0123456789abcdef")},
        "provenance": {"git_commit": fake("", 12, "0123456789abcdef"),
                       "run_id": "0b3f9e9a-3c1e-4a52-9d1e-7c0c8f3a2b11"},
    }),
    "README.md": "# Tokens\n\nThe tokenizer splits text into tokens; set `HF_TOKEN` to deploy.\n",
}
"""Files that talk about tokens and keys without holding one."""


def test_normal_files_that_mention_tokens_are_not_flagged(tmp_path):
    for rel, text in HARMLESS.items():
        write(tmp_path, rel, text)
    assert find_leaks(tmp_path) == []
    refuse_leaks(tmp_path)  # returns quietly


def test_a_walk_skips_only_version_control_and_files_given_are_searched_as_paths(tmp_path, monkeypatch):
    # No folder is skipped for its name: a walk searches what is there (``outbound.published_files``
    # decides what a project publishes); only version control's own folders are left out.
    write(tmp_path, ".venv/lib/site.py", "KEY = '" + fake("hf" + "_", 34) + "'\n")
    write(tmp_path, "build/notes.txt", "KEY = '" + fake("hf" + "_", 34) + "'\n")
    write(tmp_path, "env/.env", "X=1\n")
    write(tmp_path, ".git/config", "[credential]\n" + fake("hf" + "_", 34))
    write(tmp_path, "app.py", "print('hi')\n")
    found = [leak.path for leak in find_leaks(tmp_path)]
    assert found == [".venv/lib/site.py", "build/notes.txt", "env/.env"]
    monkeypatch.chdir(tmp_path)  # paths given are paths, relative to where we are, named from the root
    given = [Path(".venv/lib/site.py"), tmp_path / "env", Path("app.py")]
    assert [leak.path for leak in find_leaks(tmp_path, given)] == [".venv/lib/site.py", "env/.env"]
    assert [leak.path for leak in find_leaks(Path("."), given)] == [".venv/lib/site.py", "env/.env"]
    outside = write(tmp_path.parent / "elsewhere", ".env", "X=1\n")
    assert [leak.path for leak in find_leaks(tmp_path, [outside])] == [outside.as_posix()]


def test_the_refusal_names_every_file_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ".env", "HF_TOKEN=" + fake("hf" + "_", 34) + "\n")
    write(tmp_path, "keys/id_rsa", begin("RSA " + "PRIVATE KEY") + "\n")
    with pytest.raises(SecretError) as info:
        refuse_leaks(tmp_path, [Path(".env"), Path("keys/id_rsa")])
    message = str(info.value)
    assert isinstance(info.value, ShowcaseError)
    assert message.startswith(f"{tmp_path}: 2 file(s) look like secrets")
    assert "  .env: an environment file" in message and "  .env: a Hugging Face token" in message
    assert "  keys/id_rsa: an SSH private key" in message
    assert "  keys/id_rsa: a private key block" in message
    assert "Fix: remove each file" in message and "environment variable" in message


def test_the_repository_holds_no_secrets():
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    files = [ROOT / name for name in tracked.stdout.decode().split("\0") if name]
    assert len(files) > 100
    assert find_leaks(ROOT, [path for path in files if path.is_file()]) == []
