"""Every example in examples/softmas runs with the example settings and says what it shows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import supportcore_softmas

from supportcore import Engine, Money, load_case_file, load_settings

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "softmas"
TZ = ZoneInfo("America/Mexico_City")

pytestmark = pytest.mark.skipif(
    not EXAMPLES.is_dir(), reason="examples/softmas is not next to the plugin"
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(
        load_settings(EXAMPLES / "settings.toml"),
        entry_points=False,
        extra=[("softmas", supportcore_softmas)],
        lang="en",  # (the checks below read some of the English templates' words)
    )


def run(engine: Engine, name: str):
    decision = engine.evaluate(load_case_file(EXAMPLES / name))
    assert not decision.failures
    return decision


def test_every_example_is_checked_here():
    cases = sorted(p.name for p in EXAMPLES.glob("[0-9]*.toml"))
    assert len(cases) >= 6
    assert cases == sorted(EXPECTED)


def test_settings_file_is_labelled_as_an_example():
    first = (EXAMPLES / "settings.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# EXAMPLE settings — illustrative values, NOT Softmás's published")


def _malfunction_after_hours(d):
    assert d.eligibility.status == "entitled" and d.coverage.status == "covered"
    assert d.price.status == "free"
    assert d.service.response_due == datetime(2026, 3, 10, 9, 0, tzinfo=TZ)


def _lapsed_purchase(d):
    assert d.eligibility.status == "not_entitled"
    update = next(r for r in d.eligibility.remedies if r.code == "buy-update")
    assert update.price == Money("2900.00", "MXN")


def _network_outdated(d):
    assert d.eligibility.status == "not_entitled"
    assert [r.code for r in d.eligibility.reasons] == ["network-machine-outdated"]


def _accounting_advisory(d):
    assert d.coverage.status == "billable"
    assert d.price.total == Money("1566.00", "MXN")  # 1.5 h × 900 + IVA 16 %


def _data_import(d):
    deliver = next(a for a in d.closure.actions if a.description == "deliver the programmed import")
    assert deliver.due == datetime(2026, 3, 23, 16, 0, tzinfo=TZ)


def _no_news_closed(d):
    assert d.closure.status == "closed"
    assert d.closure.closed_at == datetime(2026, 3, 18, 11, 0, tzinfo=TZ)


def _lost_licence(d):
    assert d.eligibility.status == "not_entitled" and d.coverage.status == "excluded"
    assert d.eligibility.remedies == ()


def _duplicate(d):
    assert d.closure.status == "closed" and d.closure.actions == ()


def _password(d):
    assert d.eligibility.status == "entitled" and d.coverage.status == "excluded"


def _training(d):
    assert d.eligibility.status == "entitled" and d.coverage.status == "excluded"
    assert [r.code for r in d.coverage.remedies] == ["operation-videos"]


def _reopened(d):
    assert d.closure.status == "closed"
    assert [a.description for a in d.closure.actions] == ["open a new ticket for the other problem"]


def _remote_windows(d):
    assert d.eligibility.status == "entitled" and d.coverage.status == "excluded"
    assert d.price.status == "not_applicable"


def _advisory_requested(d):
    assert d.coverage.status == "billable"
    assert d.price.status == "incomplete" and d.price.lines == ()
    assert [r.code for r in d.price.reasons] == ["advisory-time-unknown"]


EXPECTED = {
    "01-malfunction-email-after-hours.toml": _malfunction_after_hours,
    "02-lapsed-purchase-buy-update.toml": _lapsed_purchase,
    "03-network-machine-outdated.toml": _network_outdated,
    "04-accounting-doubt-advisory.toml": _accounting_advisory,
    "05-data-import-48-business-hours.toml": _data_import,
    "06-no-news-ten-business-days-closed.toml": _no_news_closed,
    "07-lost-licence-without-support.toml": _lost_licence,
    "08-duplicate-ticket.toml": _duplicate,
    "09-sql-password-refused.toml": _password,
    "10-rental-training-by-phone.toml": _training,
    "11-reopened-for-another-problem.toml": _reopened,
    "12-remote-session-about-windows.toml": _remote_windows,
    "13-advisory-requested-not-yet-worked.toml": _advisory_requested,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_outcome(engine, name):
    EXPECTED[name](run(engine, name))
