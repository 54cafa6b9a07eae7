"""nox sessions: tests, each plugin alone, lint, type-check, examples (the main job), bench.

``python -m nox`` runs the default sessions (everything but ``bench``); ``python -m nox -s tests``
runs one. Sessions use the interpreter that runs nox (Python >= 3.11).
"""

from __future__ import annotations

import json
from pathlib import Path

import nox
from nox.command import CommandFailed

ROOT = Path(__file__).parent
VENDORS = sorted(p.parent.name for p in (ROOT / "plugins").glob("*/pyproject.toml"))
TEST_DEPS = ["pytest>=8", "hypothesis>=6.100"]
#: ruff's formatting changes between minor versions: pin the one the tree is formatted with
RUFF = "ruff>=0.17,<0.18"

nox.options.sessions = ["tests", "plugin", "lint", "typecheck", "examples", "i18n"]
nox.options.reuse_existing_virtualenvs = False


def _plugins() -> list[str]:
    return [f"./plugins/{v}" for v in VENDORS]


@nox.session
def tests(session: nox.Session) -> None:
    """The whole suite: the core, the conformance kit and every plugin, all installed together."""
    # RUFF and mypy too: a test lints and type-checks a freshly scaffolded plugin
    # the dask and parquet extras, and pandas for Dask dataframes: their tests run, not skip
    # and the serve extra with its test tools (ASGI client, jsonschema, schemathesis, selenium)
    session.install(
        ".[dask,parquet,serve,test]", "dask[dataframe]", *_plugins(), *TEST_DEPS, RUFF, "mypy"
    )
    session.run("pytest", *session.posargs)


@nox.session
@nox.parametrize("vendor", VENDORS)
def plugin(session: nox.Session, vendor: str) -> None:
    """One plugin installed alone with the core: catches hidden cross-plugin dependencies."""
    session.install(".", f"./plugins/{vendor}", *TEST_DEPS)
    # the plugin's own tests, plus the conformance kit exactly as a vendor would run it
    session.run(
        "pytest",
        f"plugins/{vendor}",
        "-p",
        "supportcore.testing",
        "--supportcore-vendor",
        vendor,
        "--supportcore-settings",
        f"examples/{vendor}/settings.toml",
        "--supportcore-examples",
        f"examples/{vendor}",
        *session.posargs,
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the core, the plugins, the tests, the examples and the benchmarks: the lint
    rules and the formatting (``ruff format --check``; ``ruff format`` fixes it)."""
    session.install(RUFF)
    paths = ["src", "tests", "plugins", "examples", "benchmarks", "noxfile.py"]
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the core (src/) and on every plugin package against the installed core."""
    session.install(".[serve,test]", "mypy", *_plugins())
    session.run("mypy")
    session.run("mypy", *(f"plugins/{v}/src/supportcore_{v}" for v in VENDORS))


@nox.session
def examples(session: nox.Session) -> None:
    """The main job: evaluate every vendor's example cases with its example settings.

    The decisions (thousands of lines) go to files under ``.nox/examples/tmp/``, not into the
    log: the session checks them (exit code 0 in strict mode, one decision per case file, each
    with its four answers) and prints a one-line summary.
    """
    session.install(".", *_plugins())
    logs = Path(session.create_tmp())
    with (logs / "vendors.txt").open("w", encoding="utf-8") as out:
        session.run("supportcore", "vendors", stdout=out, stderr=out)
    total = 0
    for vendor in VENDORS:
        folder = ROOT / "examples" / vendor
        cases = sorted(str(p.relative_to(ROOT)) for p in folder.glob("[0-9]*.toml"))
        if not cases:
            session.error(f"examples/{vendor} has no case files")
        decisions, errors = logs / f"{vendor}.json", logs / f"{vendor}.stderr.txt"
        with decisions.open("w", encoding="utf-8") as out, errors.open("w") as err:
            try:
                session.run(
                    "supportcore",
                    *("evaluate", *cases, "--settings", f"examples/{vendor}/settings.toml"),
                    *("--strict", "--json"),
                    stdout=out,
                    stderr=err,
                    log=False,
                )
            except CommandFailed as exc:
                tail = errors.read_text(encoding="utf-8").splitlines()[-20:]
                session.error(f"examples/{vendor}: {exc.reason}\n" + "\n".join(tail))
        data = json.loads(decisions.read_text(encoding="utf-8"))
        found = data if isinstance(data, list) else [data]
        answered = [
            d
            for d in found
            if d.get("vendor") == vendor
            and all(d.get(q, {}).get("status") for q in ("eligibility", "coverage", "closure"))
            and d.get("price", {}).get("status")
            and not d.get("failures")
        ]
        if len(answered) != len(cases):
            session.error(
                f"examples/{vendor}: {len(answered)} complete decisions for {len(cases)} case "
                f"files; see {decisions} and {errors}"
            )
        total += len(cases)
    session.log(
        f"examples: {total} cases of {len(VENDORS)} vendors, each with a decision "
        f"(decisions in {logs})"
    )


@nox.session
def i18n(session: nox.Session) -> None:
    """The message catalogs: the core's and every plugin's that ships one (a ``locale`` folder)
    hold every template, translated into es, nl and en with the same placeholders, compiled.
    ``python -m supportcore.i18n update`` / ``compile`` (with ``--package``) fix them."""
    session.install(".")
    session.run("python", "-m", "supportcore.i18n", "check")
    for vendor in VENDORS:
        package = ROOT / "plugins" / vendor / "src" / f"supportcore_{vendor}"
        if (package / "locale").is_dir():
            session.run("python", "-m", "supportcore.i18n", "check", "--package", str(package))


@nox.session
def bench(session: nox.Session) -> None:
    """Performance benchmark (not part of the default run); results in benchmarks/results/."""
    session.install(".", *_plugins())
    session.run("python", "benchmarks/bench.py", *session.posargs)
