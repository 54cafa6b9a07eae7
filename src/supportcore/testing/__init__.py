"""supportcore's conformance kit: an opt-in pytest plugin, and helpers for plugin tests.

Enable it explicitly; it is never auto-loaded into unrelated test runs::

    pytest -p supportcore.testing --supportcore-vendor acme \\
        [--supportcore-settings examples/acme/settings.toml] \\
        [--supportcore-examples examples/acme] [--supportcore-max-examples 200]

or in a ``conftest.py``: ``pytest_plugins = ["supportcore.testing"]`` with the options in
``[tool.pytest.ini_options]`` (``supportcore_vendors``, ``supportcore_settings``,
``supportcore_examples``). Without a vendor named, the plugin adds nothing.

The kit checks that the named installed plugin loads in isolation with a supported hook API and
only known hooks; that every clause has an id, text and gloss; and that its decisions — on its
example cases and on cases generated with hypothesis — are well formed: citations resolve to its
own clauses verbatim, determined answers cite a clause (a category no rule decides is
*undetermined*), amounts are in its currency, non-negative and add up, a ticket never closes
before the events it depends on, decisions are deterministic and survive JSON and TOML round
trips, and no exception but ``supportcore.InputError`` escapes.

For a plugin's own tests: ``supportcore.testing.cases`` has readable case builders,
``supportcore.testing.harness`` engines cached per settings and the clauses a decision cites, and
``supportcore.testing.clauses`` the clause-coverage registry (``@pytest.mark.clause`` marks
against the catalogue's normative clauses) and the verbatim check against the seed document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

KIT = Path(__file__).with_name("kit.py")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("supportcore", "supportcore conformance kit")
    group.addoption(
        "--supportcore-vendor",
        action="append",
        default=[],
        metavar="NAME",
        help="run the conformance suite against this installed vendor plugin "
        "(repeatable; 'all' for every installed vendor)",
    )
    group.addoption(
        "--supportcore-settings",
        default=None,
        metavar="FILE",
        help="settings file used for the conformance decisions",
    )
    group.addoption(
        "--supportcore-examples",
        default=None,
        metavar="DIR",
        help="folder of example case files to check (cases of other vendors are skipped)",
    )
    group.addoption(
        "--supportcore-max-examples",
        type=int,
        default=None,
        metavar="N",
        help="hypothesis examples per generated-case test (default 100)",
    )
    parser.addini("supportcore_vendors", "vendor plugins to check", type="args", default=[])
    parser.addini("supportcore_settings", "settings file for the kit", default="")
    parser.addini("supportcore_examples", "example case folder for the kit", default="")


def _opt(config: pytest.Config, name: str) -> Any:
    value = config.getoption(f"supportcore_{name}")
    if value:
        return value
    ini = config.getini(f"supportcore_{name}" if name != "vendor" else "supportcore_vendors")
    return ini or None


def vendors(config: pytest.Config) -> list[str]:
    names = list(config.getoption("supportcore_vendor") or config.getini("supportcore_vendors"))
    if names == ["all"]:
        from ..plugins import load_plugins

        names = sorted(load_plugins().vendors)
    return names


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "supportcore_kit: a supportcore conformance check")


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if not vendors(config):
        return
    module = pytest.Module.from_parent(session, path=KIT)
    kit_items = [i for i in session.genitems(module) if isinstance(i, pytest.Item)]
    items.extend(kit_items)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "supportcore_vendor" in metafunc.fixturenames:
        metafunc.parametrize("supportcore_vendor", vendors(metafunc.config), scope="session")
    if "supportcore_example" in metafunc.fixturenames:
        folder = _opt(metafunc.config, "examples")
        from .checks import example_cases

        found: list[tuple[str, Any]] = list(example_cases(folder)) if folder else []
        metafunc.parametrize(
            "supportcore_example",
            found or [("(none)", None)],
            ids=[n for n, _ in found] or ["no-examples"],
        )


_ENGINES: dict[str, Any] = {}


@pytest.fixture(scope="session")
def supportcore_kit(request: pytest.FixtureRequest, supportcore_vendor: str) -> Any:
    """``(vendor plugin, engine)`` for the vendor under test, built once per session."""
    from ..engine import Engine
    from .checks import check_loads

    if supportcore_vendor not in _ENGINES:
        plugins = check_loads(supportcore_vendor)
        settings = _opt(request.config, "settings")
        engine = Engine(settings, plugins=plugins)
        _ENGINES[supportcore_vendor] = (plugins.vendors[supportcore_vendor], engine)
    return _ENGINES[supportcore_vendor]


@pytest.fixture(scope="session")
def supportcore_max_examples(request: pytest.FixtureRequest) -> int:
    return int(request.config.getoption("supportcore_max_examples") or 100)


@pytest.fixture(scope="session")
def supportcore_samples(request: pytest.FixtureRequest, supportcore_vendor: str) -> Any:
    """Values the vendor's example cases use (products, plans, references, facts), for the
    generated cases to use too (empty without ``--supportcore-examples``)."""
    from .checks import example_cases
    from .strategies import samples_from

    folder = _opt(request.config, "examples")
    found = [data for _, data in example_cases(folder)] if folder else []
    return samples_from(d for d in found if d.get("vendor") == supportcore_vendor)
