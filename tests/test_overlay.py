"""The example overlay plugin wraps every vendor's pricing hook."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import acme_support
import pytest

from supportcore import Engine

from .conftest import ACME_SETTINGS

PATH = Path(__file__).resolve().parent.parent / "examples/overlays/supportcore_reseller_markup.py"


@pytest.fixture(scope="module")
def markup():
    spec = importlib.util.spec_from_file_location("supportcore_reseller_markup", PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make(markup, table):
    return Engine(
        {**ACME_SETTINGS, "reseller_markup": table},
        entry_points=False,
        extra=[("acme", acme_support), ("reseller_markup", markup)],
    )


def test_overlay_adds_its_markup_line_and_recomputes_tax(markup, acme):
    d = make(markup, {"rate": "0.10"}).evaluate(acme.case({"request.category": "training"}))
    assert [li.description for li in d.price.lines][-1] == "Reseller markup (10 %)"
    assert str(d.price.subtotal) == "55.00 EUR"
    assert str(d.price.total) == "66.55 EUR"  # 55.00 + 21 % IVA
    assert d.price.reasons[-1].code == "reseller-markup"


def test_overlay_limited_to_other_vendors_changes_nothing(markup, acme):
    d = make(markup, {"rate": "0.10", "vendors": ["itplusnet"]}).evaluate(
        acme.case({"request.category": "training"})
    )
    assert str(d.price.total) == "60.50 EUR"


def test_overlay_without_its_rate_flags_it_missing(markup, acme):
    d = make(markup, {}).evaluate(acme.case({"request.category": "training"}))
    assert d.price.status == "incomplete"
    assert [(m.vendor, m.key) for m in d.price.missing] == [("reseller_markup", "rate")]


def test_overlay_is_listed_as_overlay(markup):
    engine = make(markup, {"rate": "0.1"})
    kinds = {r.name: r.kind for r in engine.plugins.records}
    assert kinds == {"acme": "vendor", "reseller_markup": "overlay"}
    assert engine.plugins.overlays == ["reseller_markup"]


def test_overlay_settings_are_validated(markup):
    from supportcore import SettingsError

    with pytest.raises(SettingsError, match=r"reseller_markup\.rate"):
        make(markup, {"rate": "ten percent"})
