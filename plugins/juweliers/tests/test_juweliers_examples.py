"""Every example case in examples/juweliers runs with its settings and gives its stated outcome."""

from __future__ import annotations

from pathlib import Path

import pytest
import supportcore_juweliers

from supportcore import Engine, load_case_file

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "juweliers"

#: file → (eligibility, coverage, price status, total or None, a reason code that must appear)
EXPECTED = {
    "01-phone-question-under-agreement.toml": (
        "entitled",
        "covered",
        "free",
        "0.00 EUR",
        "agreement-in-force",
    ),
    "02-virus-problem-billed-at-regie.toml": (
        "entitled",
        "billable",
        "complete",
        "78.65 EUR",
        "external-cause-not-covered",
    ),
    "03-phone-during-summer-holiday.toml": (
        "not_entitled",
        "covered",
        "not_applicable",
        None,
        "phone-help-holiday-period",
    ),
    "04-phone-help-after-cancellation.toml": (
        "not_entitled",
        "billable",
        "complete",
        "78.65 EUR",
        "agreement-cancelled",
    ),
    "05-adaptation-without-agreement-needs-upgrade.toml": (
        "not_entitled",
        "billable",
        "complete",
        "732.05 EUR",
        "adaptation-needs-upgrade",
    ),
    "06-cancellation-by-phone-not-valid.toml": (
        "entitled",
        "excluded",
        "not_applicable",
        None,
        "cancellation-not-valid",
    ),
    "07-cancellation-by-email-settles-quarter.toml": (
        "not_entitled",
        "billable",
        "complete",
        "254.10 EUR",
        "invoiced-quarter-due",
    ),
    "08-internet-help-without-communication-pack.toml": (
        "not_entitled",
        "covered",
        "not_applicable",
        None,
        "communication-pack-missing",
    ),
    "09-new-windows-adaptation-covered.toml": (
        "entitled",
        "covered",
        "free",
        "0.00 EUR",
        "older-version-free-upgrade",
    ),
    "10-upgrade-without-ever-having-an-agreement.toml": (
        "not_entitled",
        "billable",
        "complete",
        "1,730.30 EUR",
        "upgrade-to-buy",
    ),
    "11-written-cancellation-after-phone-call-partly-paid.toml": (
        "not_entitled",
        "billable",
        "complete",
        "99.65 EUR",
        "invoiced-quarter-partly-paid",
    ),
}

pytestmark = pytest.mark.skipif(not EXAMPLES.exists(), reason="examples/juweliers is absent")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(
        EXAMPLES / "settings.toml",
        entry_points=False,
        extra=[("juweliers", supportcore_juweliers)],
    )


def test_every_example_has_a_stated_outcome():
    files = {p.name for p in EXAMPLES.glob("[0-9]*.toml")}
    assert files == set(EXPECTED)
    assert len(files) >= 6


def test_example_settings_are_labelled_as_examples():
    first = (EXAMPLES / "settings.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# EXAMPLE settings — illustrative values, NOT")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gives_its_stated_outcome(engine, name):
    eligibility, coverage, status, total, code = EXPECTED[name]
    path = EXAMPLES / name
    assert path.read_text(encoding="utf-8").startswith("#"), "a comment says what it shows"
    d = engine.evaluate(load_case_file(path))
    assert not d.failures
    assert d.eligibility.status == eligibility
    assert d.coverage.status == coverage
    assert d.price.status == status
    if total is not None:
        assert str(d.price.total) == total
    codes = [
        r.code
        for r in (
            *d.eligibility.basis,
            *d.eligibility.reasons,
            *d.coverage.reasons,
            *d.price.reasons,
        )
    ]
    assert code in codes
