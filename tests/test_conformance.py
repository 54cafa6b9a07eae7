"""The conformance suite against every installed vendor plugin (and the test vendor).

Parametrized over the entry points of the group ``supportcore``, so whatever is installed in
this environment is checked: all five vendors in ``nox -s tests``, one in ``nox -s plugin``.
Each vendor is evaluated with its example settings and example cases when the repository has
them (``examples/<vendor>/``).
"""

from __future__ import annotations

from pathlib import Path

import acme_support
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportcore import Engine, load_plugins
from supportcore.testing.checks import (
    Reach,
    check_loads,
    check_terms,
    evaluate_checked,
    example_cases,
)
from supportcore.testing.strategies import cases_for, samples_from

from .conftest import ACME_SETTINGS

REPO = Path(__file__).resolve().parent.parent
INSTALLED = sorted(load_plugins().vendors)
ALL = [*INSTALLED, "acme"]
_cache: dict[str, tuple[object, Engine]] = {}


def kit(name: str):
    if name not in _cache:
        if name == "acme":
            plugins = check_loads("acme", extra=(("acme", acme_support),))
            engine = Engine(ACME_SETTINGS, plugins=plugins)
        else:
            plugins = check_loads(name)
            settings_file = REPO / "examples" / name / "settings.toml"
            engine = Engine(settings_file if settings_file.exists() else None, plugins=plugins)
        _cache[name] = (plugins.vendors[name], engine)
    return _cache[name]


def examples():
    for name in INSTALLED:
        folder = REPO / "examples" / name
        for file, data in example_cases(folder) if folder.exists() else []:
            yield pytest.param(name, data, id=f"{name}/{file}")


@pytest.mark.parametrize("vendor", ALL)
def test_vendor_loads_alone_with_supported_hook_api(vendor):
    vp, _ = kit(vendor)
    assert vp.name == vendor


@pytest.mark.parametrize("vendor", ALL)
def test_clauses_have_id_text_and_gloss(vendor):
    vp, _ = kit(vendor)
    check_terms(vp)


@pytest.mark.parametrize(("vendor", "data"), list(examples()))
def test_example_decisions_conform(vendor, data):
    vp, engine = kit(vendor)
    assert evaluate_checked(engine, vp, data) is not None, "example refused as bad input"


@pytest.mark.parametrize("vendor", ALL)
def test_generated_cases_conform(vendor):
    vp, engine = kit(vendor)
    folder = REPO / "examples" / vendor
    samples = samples_from(d for _, d in example_cases(folder)) if folder.exists() else None
    reach = Reach()

    @settings(
        max_examples=150,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def run(data):
        evaluate_checked(engine, vp, data.draw(cases_for(vp, samples)), reach)

    run()
    reach.check(vendor)
