"""``supportcore new-plugin``: the scaffold installs into a fresh venv and passes the kit."""

from __future__ import annotations

import os
import subprocess
import tomllib
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from supportcore.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_new_plugin_writes_a_package_with_entry_point_and_classifier(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "new-plugin",
            "acme_tools",
            "--dir",
            str(tmp_path),
            "--timezone",
            "Europe/Madrid",
            "--title",
            "Acme Tools",
        ],
    )
    assert result.exit_code == 0, result.output
    root = tmp_path / "supportcore-acme_tools"
    meta = tomllib.loads((root / "pyproject.toml").read_text())
    assert meta["project"]["name"] == "supportcore-acme_tools"
    assert meta["project"]["entry-points"]["supportcore"] == {
        "acme_tools": "supportcore_acme_tools"
    }
    assert "Framework :: supportcore" in meta["project"]["classifiers"]
    terms = tomllib.loads((root / "src/supportcore_acme_tools/terms.toml").read_text())
    assert terms["vendor"] == "acme_tools" and "clauses" not in terms["versions"][0]
    assert (root / "tests/conftest.py").read_text().count("supportcore.testing") == 1
    module = (root / "src/supportcore_acme_tools/__init__.py").read_text()
    assert "EligibilityStatus.UNDETERMINED" in module and "SUPPORTCORE_HOOK_API = 1" in module


def test_new_plugin_is_lint_clean_and_formatted(tmp_path):
    """What a vendor starts from passes the checks this repository runs on its own plugins
    (ruff's default rules plus import order, and its formatter), in the vendor's own project."""
    ruff = pytest.importorskip("ruff")  # installed by ``nox -s tests``
    result = CliRunner().invoke(main, ["new-plugin", "acme_tools", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    root = tmp_path / "supportcore-acme_tools"
    binary = Path(ruff.find_ruff_bin())
    rules = ["--select", "E,F,W,I,B,UP,SIM,RUF", "--line-length", "100"]
    for command in (["check", *rules, "."], ["format", "--check", "--line-length", "100", "."]):
        done = subprocess.run(
            [str(binary), *command, "--no-cache"], cwd=root, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new-plugin", "Acme"], "must be lowercase"),
        (["new-plugin", "class"], "must be lowercase"),
        (["new-plugin", "acme", "--currency", "XYZ"], "--currency: unknown currency"),
        (["new-plugin", "acme", "--timezone", "Mars/Base"], "--timezone: unknown IANA"),
    ],
)
def test_new_plugin_refuses_bad_names_and_options(tmp_path, args, message):
    result = CliRunner().invoke(main, [*args, "--dir", str(tmp_path)])
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize(
    "title", ["Acme \\ Tools", 'Acme "Quoted" Tools', "Acme \\d\\n Tools", "Acmé {Tools}"]
)
def test_a_title_with_backslashes_quotes_or_braces_writes_valid_files(tmp_path, title):
    import ast

    result = CliRunner().invoke(
        main, ["new-plugin", "acme", "--dir", str(tmp_path), "--title", title]
    )
    assert result.exit_code == 0, result.output
    root = tmp_path / "supportcore-acme"
    for path in root.rglob("*.py"):
        ast.parse(path.read_text(), str(path))
    for path in root.rglob("*.toml"):
        tomllib.loads(path.read_text())
    terms = tomllib.loads((root / "src/supportcore_acme/terms.toml").read_text())
    assert terms["versions"][0]["title"] == title.replace('"', "'") + " support terms"


#: (id, arguments after new-plugin, what the message says); "DIR" is the target directory
REFUSALS = [
    ("title-with-a-newline", ["acme", "--title", "two\nlines"], "--title: must be one line"),
    ("title-with-an-escape", ["acme", "--title", "red\x1b[31m"], "--title: must be one line"),
    ("title-empty", ["acme", "--title", " "], "--title: must not be empty"),
    ("title-too-long", ["acme", "--title", "A" * 201], "--title: at most 200"),
    ("name-300-characters", ["a" * 300], "is longer than 40 characters"),
    ("name-with-a-slash", ["../acme"], "must be lowercase"),
    ("currency-unknown", ["acme", "--currency", "ABC"], "--currency: unknown currency"),
    ("zone-traversal", ["acme", "--timezone", "../../etc/passwd"], "--timezone: unknown"),
    ("country-lowercase", ["acme", "--country", "es"], "--country:"),
]


@pytest.mark.parametrize(("args", "message"), [pytest.param(a, m, id=i) for i, a, m in REFUSALS])
def test_new_plugin_refuses_bad_options_with_a_message(tmp_path, args, message):
    result = CliRunner().invoke(main, ["new-plugin", *args, "--dir", str(tmp_path)])
    assert result.exit_code == 2 and message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not any(tmp_path.iterdir())  # nothing written


def test_new_plugin_refuses_a_dangling_symlink_as_directory(tmp_path):
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    result = CliRunner().invoke(main, ["new-plugin", "acme", "--dir", str(tmp_path / "gone")])
    assert result.exit_code == 2 and "symbolic link to nothing" in result.output


def test_new_plugin_refuses_a_dangling_symlink_in_its_place(tmp_path):
    (tmp_path / "supportcore-acme").symlink_to(tmp_path / "nowhere")
    result = CliRunner().invoke(main, ["new-plugin", "acme", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "already exists (a symbolic link to nothing)" in result.output


def test_new_plugin_refuses_a_directory_it_cannot_create(tmp_path):
    (tmp_path / "file").write_text("")
    result = CliRunner().invoke(main, ["new-plugin", "acme", "--dir", str(tmp_path / "file/sub")])
    assert result.exit_code == 2 and "--dir: cannot create" in result.output


def test_new_plugin_that_cannot_write_leaves_nothing_behind(tmp_path, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    result = CliRunner().invoke(main, ["new-plugin", "acme", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "cannot write (No space left on device)" in result.output
    assert not (tmp_path / "supportcore-acme").exists()


def test_new_plugin_takes_every_iso_currency_with_its_minor_unit(tmp_path):
    result = CliRunner().invoke(
        main, ["new-plugin", "pesos", "--currency", "COP", "--dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    module = (tmp_path / "supportcore-pesos/src/supportcore_pesos/__init__.py").read_text()
    assert 'currency="COP"' in module


def test_new_plugin_refuses_to_overwrite(tmp_path):
    CliRunner().invoke(main, ["new-plugin", "acme", "--dir", str(tmp_path)])
    again = CliRunner().invoke(main, ["new-plugin", "acme", "--dir", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output


@pytest.mark.slow
def test_scaffold_installs_in_a_fresh_venv_and_passes_its_tests_and_the_kit(tmp_path):
    CliRunner().invoke(main, ["new-plugin", "acme_tools", "--dir", str(tmp_path)])
    root = tmp_path / "supportcore-acme_tools"
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run(
        [str(py), "-m", "pip", "install", "-q", str(REPO), f"{root}[test]"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    run = subprocess.run(
        [str(py), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "5 passed" in run.stdout
