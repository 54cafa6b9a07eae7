"""Every example case in examples/binarema runs with the example settings and says what its
comment at the top promises."""

from __future__ import annotations

from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import supportcore_binarema

from supportcore import Decision, Engine, load_case_file, load_settings

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "binarema"
CASES = sorted(EXAMPLES.glob("[0-9]*.toml"))

pytestmark = pytest.mark.skipif(not EXAMPLES.exists(), reason="examples/binarema not present")


@pytest.fixture(scope="module")
def example_engine() -> Engine:
    return Engine(
        load_settings(EXAMPLES / "settings.toml"),
        entry_points=False,
        extra=[("binarema", supportcore_binarema)],
    )


def decide(engine: Engine, name: str) -> Decision:
    """The example's decision, explained in English (the templates' language)."""
    return engine.evaluate(load_case_file(EXAMPLES / name), lang="en")


def codes(reasons) -> set[str]:
    return {r.code for r in reasons}


def test_there_are_at_least_six_examples_and_each_says_what_it_shows():
    assert len(CASES) >= 6
    for path in CASES:
        assert path.read_text(encoding="utf-8").startswith("# Shows:"), path.name


def test_example_settings_are_labelled_as_examples():
    first = (EXAMPLES / "settings.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# EXAMPLE settings — illustrative values, NOT Binarema's published prices"


def test_01_free_period_usage_question(example_engine):
    d = decide(example_engine, "01-free-period-usage-question.toml")
    assert d.eligibility.status == "entitled"
    assert d.eligibility.valid_until == date(2026, 7, 14)
    assert d.coverage.status == "covered"
    assert d.price.status == "free"


def test_02_upgrade_from_v4_free_period_lapsed(example_engine):
    d = decide(example_engine, "02-upgrade-from-v4-free-period-lapsed.toml")
    assert d.eligibility.status == "not_entitled"
    assert "free-period-ended" in codes(d.eligibility.reasons)
    assert d.coverage.status == "covered"
    assert d.price.status == "complete"
    assert str(d.price.total) == "136.72 EUR"  # (92.99 + example extra 20.00) + 21 % IVA


def test_03_tpv_follows_factucont_contract(example_engine):
    d = decide(example_engine, "03-tpv-follows-factucont-contract.toml")
    assert d.eligibility.status == "entitled"
    assert d.eligibility.valid_until == date(2026, 9, 30)
    assert {"tpv-follows-factucont", "smart-contract"} <= codes(d.eligibility.basis)
    assert d.price.status == "free"


def test_04_late_notice_renews_another_year(example_engine):
    d = decide(example_engine, "04-late-notice-renews-another-year.toml")
    assert d.eligibility.status == "entitled"
    assert d.eligibility.valid_until == date(2027, 4, 14)
    assert "late-cancellation-notice" in codes(d.eligibility.basis)
    assert d.coverage.status == "covered"


def test_05_email_missing_registration_number(example_engine):
    d = decide(example_engine, "05-email-missing-registration-number.toml")
    assert d.closure.status == "undetermined"
    [action] = d.closure.actions
    assert action.party == "customer" and "registration number" in action.description
    assert d.eligibility.status == "entitled"


def test_06_summer_hours_closed(example_engine):
    d = decide(example_engine, "06-summer-hours-closed.toml")
    assert d.service.open_now is False
    assert d.service.next_opening == datetime(2026, 7, 16, 8, 0, tzinfo=ZoneInfo("Europe/Madrid"))


def test_07_accounting_question_excluded(example_engine):
    d = decide(example_engine, "07-accounting-question-excluded.toml")
    assert d.coverage.status == "excluded"
    assert d.price.status == "not_applicable"


def test_08_installation_registered_without_smart(example_engine):
    d = decide(example_engine, "08-installation-registered-without-smart.toml")
    assert d.eligibility.status == "entitled"
    assert codes(d.eligibility.basis) == {"registered-user"}
    assert d.price.status == "free"


def test_09_new_version_registered_discount(example_engine):
    d = decide(example_engine, "09-new-version-registered-discount.toml")
    assert d.coverage.status == "billable"
    assert str(d.price.total) == "235.95 EUR"  # example registered price 195.00 + 21 % IVA


def test_10_unregistered_physical_purchase(example_engine):
    d = decide(example_engine, "10-unregistered-physical-purchase.toml")
    assert d.eligibility.status == "not_entitled"
    assert d.eligibility.remedies[0].code == "send-registration-card"
    assert d.price.status == "free"


def test_11_renewal_fee_invoiced_contract(example_engine):
    d = decide(example_engine, "11-renewal-fee-invoiced-contract.toml")
    assert d.eligibility.status == "entitled"
    assert d.eligibility.valid_until == date(2026, 9, 30)
    assert d.coverage.status == "billable"
    assert d.price.status == "complete"
    assert str(d.price.total) == "112.52 EUR"  # 92.99 + 21 % IVA, no activation extra


def test_12_contract_before_free_period_ends(example_engine):
    d = decide(example_engine, "12-contract-before-free-period-ends.toml")
    assert d.eligibility.status == "entitled"
    assert d.eligibility.valid_until == date(2026, 7, 20)
    assert d.coverage.status == "billable"
    assert str(d.price.total) == "181.49 EUR"  # 149.99 + 21 % IVA, no activation extra


def test_every_example_has_an_outcome_test():
    tested = {name[5:8] for name in globals() if name.startswith("test_") and name[5:7].isdigit()}
    assert {p.name[:2] + "_" for p in CASES} == tested


def _installed() -> bool:
    return any(ep.name == "binarema" for ep in metadata.entry_points(group="supportcore"))


@pytest.mark.skipif(not _installed(), reason="supportcore-binarema is not installed")
def test_examples_run_from_the_command_line():
    from click.testing import CliRunner

    from supportcore.cli import main

    args = [
        "evaluate",
        *map(str, CASES),
        "--settings",
        str(EXAMPLES / "settings.toml"),
        "--plugins",
        "binarema",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
