"""``supportcore new-plugin``: the scaffold installs into a fresh venv and passes the kit."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from supportcore.cli import main

REPO = Path(__file__).resolve().parent.parent
#: The worked example of docs/plugin-authors.md: a made-up vendor written from a scaffold.
TRIAL = REPO / "tests" / "fixtures" / "trial_vendor"


def _new(tmp_path: Path, name: str = "acme_tools", *args: str) -> Path:
    result = CliRunner().invoke(main, ["new-plugin", name, "--dir", str(tmp_path), *args])
    assert result.exit_code == 0, result.output
    return tmp_path / f"supportcore-{name}"


def test_new_plugin_writes_a_package_with_entry_point_classifier_and_licence(tmp_path):
    root = _new(tmp_path, "acme_tools", "--timezone", "Europe/Madrid", "--title", "Acme Tools")
    meta = tomllib.loads((root / "pyproject.toml").read_text())
    assert meta["project"]["name"] == "supportcore-acme_tools"
    assert meta["project"]["entry-points"]["supportcore"] == {
        "acme_tools": "supportcore_acme_tools"
    }
    assert "Framework :: supportcore" in meta["project"]["classifiers"]
    assert (meta["project"]["license"], meta["project"]["license-files"]) == ("MIT", ["LICENSE"])
    assert "setuptools>=77" in meta["build-system"]["requires"]
    assert "locale/*/LC_MESSAGES/*.mo" in meta["tool"]["setuptools"]["package-data"]["*"]
    assert (root / "LICENSE").read_text().startswith("MIT License")


def test_new_plugin_writes_the_layout_of_hook_api_2(tmp_path):
    root = _new(tmp_path)
    package = root / "src/supportcore_acme_tools"
    for module in ("__init__", "prepared", "facts", "eligibility"):
        assert (package / f"{module}.py").is_file(), module
    hooks = (package / "__init__.py").read_text()
    assert "SUPPORTCORE_HOOK_API = 2" in hooks
    assert "supportcore_vendor_info" not in hooks and "memo" not in hooks
    assert (root / "tests/conftest.py").read_text().count('"supportcore.testing"') == 1


def test_new_plugin_terms_hold_identity_clauses_settings_and_tables(tmp_path):
    root = _new(tmp_path, "acme_tools", "--country", "BE", "--timezone", "Europe/Brussels")
    terms = tomllib.loads((root / "src/supportcore_acme_tools/terms.toml").read_text())
    assert terms["vendor"] == "acme_tools"
    assert terms["identity"]["country"] == "BE"
    assert terms["identity"]["timezone"] == "Europe/Brussels"
    assert {s["key"] for s in terms["settings"]} == {"free_months", "yearly_fee", "tax_rate"}
    assert [c["id"] for c in terms["versions"][0]["clauses"]][:3] == [
        "ACME-CHANNELS-1",
        "ACME-HOURS-1",
        "ACME-FREE-1",
    ]
    assert terms["calendars"]["desk"]["holidays"] == {"country": "BE"}
    assert {"channels", "tax", "coverage"} <= set(terms)


def test_new_plugin_ships_compiled_catalogs_in_spanish_dutch_and_english(tmp_path):
    from supportcore.i18n import check_catalogs

    package = _new(tmp_path) / "src/supportcore_acme_tools"
    for lang in ("es", "nl", "en"):
        assert (package / f"locale/{lang}/LC_MESSAGES/supportcore_acme_tools.mo").is_file()
    assert check_catalogs(package) == []


def test_new_plugin_answers_its_example_entitled_and_cites_its_clause(tmp_path, monkeypatch):
    import importlib

    from supportcore import Engine, load_case_file, load_settings

    root = _new(tmp_path, "acme_tools", "--timezone", "America/Mexico_City")
    monkeypatch.syspath_prepend(str(root / "src"))
    plugin = importlib.import_module("supportcore_acme_tools")
    engine = Engine(
        load_settings(root / "examples/settings.toml"),
        entry_points=False,
        extra=[("acme_tools", plugin)],
        strict=True,
    )
    decision = engine.evaluate(
        load_case_file(root / "examples/01-question-in-the-free-period.toml")
    )
    assert decision.eligibility.status == "entitled"
    assert decision.eligibility.basis[0].citations[0].clause == "ACME-FREE-1"
    assert (decision.coverage.status, decision.price.status) == ("covered", "free")
    assert decision.service.open_now is True


def test_new_plugin_cases_generated_by_the_kit_reach_an_entitlement(tmp_path, monkeypatch):
    """The kit's reach check, in process: cases generated from the scaffold's identity and
    example are mostly not refused, and some are entitled."""
    import importlib

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from supportcore import Engine, load_settings
    from supportcore.testing.checks import Reach, check_loads, evaluate_checked, example_cases
    from supportcore.testing.strategies import cases_for, samples_from

    root = _new(tmp_path)
    monkeypatch.syspath_prepend(str(root / "src"))
    plugin = importlib.import_module("supportcore_acme_tools")
    plugins = check_loads("acme_tools", extra=(("acme_tools", plugin),))
    engine = Engine(load_settings(root / "examples/settings.toml"), plugins=plugins)
    vp = plugins.vendors["acme_tools"]
    samples = samples_from(data for _, data in example_cases(root / "examples"))
    reach = Reach()

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        evaluate_checked(engine, vp, data.draw(cases_for(vp, samples)), reach)

    run()
    reach.check("acme_tools")
    assert reach.entitled > 0


@pytest.mark.parametrize("name", ["a", "acme_tools", "x" * 40])
def test_new_plugin_is_lint_clean_and_formatted(tmp_path, name):
    """What a vendor starts from passes the checks this repository runs on its own plugins
    (ruff's default rules plus import order, and its formatter), in the vendor's own project,
    whatever the length of its name."""
    ruff = pytest.importorskip("ruff")  # installed by ``nox -s tests``
    root = _new(tmp_path, name, "--title", 'Acmé \\ "Tools" {x} $y ' + "long " * 30)
    binary = Path(ruff.find_ruff_bin())
    rules = ["--select", "E,F,W,I,B,UP,SIM,RUF", "--line-length", "100"]
    for command in (["check", *rules, "."], ["format", "--check", "--line-length", "100", "."]):
        done = subprocess.run(
            [str(binary), *command, "--no-cache"], cwd=root, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_new_plugin_type_checks_strictly(tmp_path):
    """The generated package passes mypy --strict with the settings of its pyproject.toml."""
    pytest.importorskip("mypy")
    root = _new(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path / "mc")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
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
    terms = (tmp_path / "supportcore-pesos/src/supportcore_pesos/terms.toml").read_text()
    assert 'currency = "COP"' in terms


def test_new_plugin_refuses_to_overwrite(tmp_path):
    CliRunner().invoke(main, ["new-plugin", "acme", "--dir", str(tmp_path)])
    again = CliRunner().invoke(main, ["new-plugin", "acme", "--dir", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output


@pytest.mark.slow
def test_scaffold_installs_in_a_fresh_venv_and_passes_its_tests_and_the_kit(tmp_path):
    """supportcore installed from its wheel writes the package (its templates are package
    data), which installs beside it and passes its own tests and the conformance kit."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    py = bin_dir / ("python.exe" if os.name == "nt" else "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), cwd=cwd, capture_output=True, text=True, env=env, timeout=900
        )

    core = run(str(py), "-m", "pip", "install", "-q", str(REPO))
    assert core.returncode == 0, core.stderr[-2000:]
    new = run(str(bin_dir / "supportcore"), "new-plugin", "acme_tools", "--dir", str(tmp_path))
    assert new.returncode == 0, new.stdout + new.stderr
    root = tmp_path / "supportcore-acme_tools"
    plugin = run(str(py), "-m", "pip", "install", "-q", f"{root}[test]")
    assert plugin.returncode == 0, plugin.stderr[-2000:]
    tests = run(str(py), "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=root)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert "18 passed" in tests.stdout


def test_the_worked_example_passes_its_tests_and_the_kit_as_a_project_of_its_own(tmp_path):
    """The trial vendor of the plugin authors' guide, run as its CI would run it: its own tests
    and the conformance kit, the plugin installed (its distribution's metadata on the path)."""
    dist = tmp_path / "supportcore_helpdesk_norte-0.1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: supportcore-helpdesk_norte\nVersion: 0.1.0\n"
    )
    (dist / "entry_points.txt").write_text(
        "[supportcore]\nhelpdesk_norte = supportcore_helpdesk_norte\n"
    )
    path = [str(TRIAL / "src"), str(tmp_path), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=TRIAL,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "38 passed" in run.stdout
