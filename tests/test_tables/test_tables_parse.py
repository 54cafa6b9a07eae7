"""Reading the tables of ``terms.toml``: what a vendor may write, and every mistake named by
its table, row and key."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tables_vendor import bare, catalogue, terms_data, with_tables

from supportcore.calendar import CalendarSpec
from supportcore.decision import CoverageStatus
from supportcore.settings import SettingsError, VendorSettings
from supportcore.tables import EMPTY_TABLES
from supportcore.tables.parse import parse_duration
from supportcore.terms import SettingKind, SettingSpec, TermsError, load_terms

COVERED = {
    "categories": ["usage_question"],
    "status": "covered",
    "message": "Covered",
    "clauses": ["N-COVER-1"],
}
DESK = {"schedules": [{"name": "normal", "days": ["mon-fri"], "windows": ["09:00-14:00"]}]}
URGENT = {"severities": ["urgent"], "calendar": "desk", "response": "4 business hours"}


def test_terms_without_tables_have_the_empty_tables():
    assert catalogue(bare()).tables is EMPTY_TABLES


def test_the_fixture_vendor_loads_every_kind_of_table():
    tables = load_terms("tables_vendor").tables
    assert set(tables.calendar_tables) == {"desk", "evening", "website", "integration"}
    assert tables.channels is not None and tables.channels.hours["phone"] == "desk"
    assert tables.tax is not None and tables.tax.name == "IVA"
    assert tables.coverage_rows["malfunction"].status == CoverageStatus.COVERED
    assert tables.coverage_default is not None and tables.coverage_default.code == "not-ruled"
    assert ("training", "") in tables.fees and "book-training" in tables.remedies
    assert len(tables.service_levels) == 5


def test_a_coverage_row_lists_several_categories_under_one_rule():
    tables = with_tables(coverage=[{**COVERED, "categories": ["usage_question", "startup"]}])
    rows = tables.tables.coverage_rows
    assert rows["usage_question"] is rows["startup"]


def test_a_coverage_code_defaults_to_its_status():
    row = with_tables(coverage=[COVERED]).tables.coverage_rows["usage_question"]
    assert row.code == "covered"


def test_a_vendor_category_from_identity_can_be_listed():
    row = {**COVERED, "categories": ["licence_transfer"]}
    assert "licence_transfer" in with_tables(coverage=[row]).tables.coverage_rows


def test_a_calendar_schedule_keeps_its_clauses_and_words_by_schedule_name():
    desk = {"schedules": [{**DESK["schedules"][0], "clauses": ["N-HOURS-1"], "label": "normal"}]}
    table = with_tables(calendars={"desk": desk}).tables.calendar_tables["desk"]
    assert table.schedule_clauses["normal"] == ("N-HOURS-1",)
    assert table.schedule_labels["normal"] == "normal"


@pytest.mark.parametrize(
    ("text", "kind", "amount", "words"),
    [
        ("4 business hours", "business_hours", 4, "4 business hours"),
        ("1 business hour", "business_hours", 1, "1 business hour"),
        ("1.5 business hours", "business_hours", "1.5", "1.5 business hours"),
        ("2 business days", "business_days", 2, "2 business days"),
        ("48 hours", "hours", 48, "48 hours"),
        ("  At   Opening ", "at_opening", 0, "at opening"),
    ],
)
def test_service_level_durations_are_read_as_written(text, kind, amount, words):
    target = parse_duration(text)
    assert (target.kind, str(target.amount), target.text) == (kind, str(amount), words)


def _problems(**tables: Any) -> str:
    with pytest.raises(TermsError) as info:
        with_tables(**tables)
    return str(info.value)


BAD_TABLES = {
    "coverage-unknown-key": (
        {"coverage": [{**COVERED, "note": "x"}]},
        "nordesk: coverage[0].note: unknown key",
    ),
    "coverage-unknown-clause": (
        {"coverage": [{**COVERED, "clauses": ["N-NOPE"]}]},
        "coverage[0].clauses[0]: no clause 'N-NOPE' in the terms",
    ),
    "coverage-without-clauses": (
        {"coverage": [{**COVERED, "clauses": []}]},
        "coverage[0].clauses: the list must not be empty",
    ),
    "coverage-missing-message": (
        {"coverage": [{k: v for k, v in COVERED.items() if k != "message"}]},
        "coverage[0].message: required key is missing",
    ),
    "coverage-unknown-status": (
        {"coverage": [{**COVERED, "status": "maybe"}]},
        "coverage[0].status: unknown status 'maybe'",
    ),
    "coverage-unknown-category": (
        {"coverage": [{**COVERED, "categories": ["astrology"]}]},
        "coverage[0].categories[0]: unknown category 'astrology'",
    ),
    "coverage-category-listed-twice": (
        {"coverage": [COVERED, {**COVERED, "status": "excluded"}]},
        "coverage[1].categories[0]: category 'usage_question' is already listed in coverage[0]",
    ),
    "coverage-unknown-remedy": (
        {"coverage": [{**COVERED, "remedies": ["pray"]}]},
        "coverage[0].remedies[0]: no [[remedies]] row with id 'pray'",
    ),
    "coverage-unknown-interpretation": (
        {"coverage": [{**COVERED, "interpretations": ["N-I-NOPE"]}]},
        "coverage[0].interpretations[0]: no interpretation 'N-I-NOPE'",
    ),
    "coverage-unknown-placeholder": (
        {"coverage": [{**COVERED, "message": "Covered until {until}"}]},
        "coverage[0].message: unknown placeholder {until}",
    ),
    "coverage-unbalanced-brace": (
        {"coverage": [{**COVERED, "message": "Covered {"}]},
        "coverage[0].message: Single '{' encountered",
    ),
    "coverage-priced-but-not-billable": (
        {"coverage": [{**COVERED, "setting": "resend_price"}]},
        "coverage[0].setting: only a billable row is priced",
    ),
    "coverage-not-an-array": (
        {"coverage": COVERED},
        "coverage: expected an array of tables ([[coverage]])",
    ),
    "variant-unknown-product": (
        {
            "coverage": [
                {**COVERED, "variants": [{"when": {"product": "Abacus"}, "add_clauses": ["N-TAX"]}]}
            ]
        },
        "coverage[0].variants[0].when.product: 'Abacus' is not in [identity] products",
    ),
    "variant-unknown-condition": (
        {
            "coverage": [
                {**COVERED, "variants": [{"when": {"plan": "basic"}, "add_clauses": ["N-TAX"]}]}
            ]
        },
        "coverage[0].variants[0].when.plan: unknown key",
    ),
    "default-unknown-key": (
        {"coverage_default": {"categories": ["other"]}},
        "coverage_default.categories: unknown key",
    ),
    "remedy-unknown-fee": (
        {"remedies": [{"id": "r", "description": "d", "clauses": ["N-TAX"], "fee": "gold"}]},
        "remedies[0].fee: no [[fees]] row with id 'gold' and key ''",
    ),
    "remedy-setting-not-money": (
        {
            "remedies": [
                {"id": "r", "description": "d", "clauses": ["N-TAX"], "setting": "tax_rate"}
            ]
        },
        "remedies[0].setting: setting 'tax_rate' is of kind rate, not money",
    ),
    "remedy-unknown-setting": (
        {"remedies": [{"id": "r", "description": "d", "clauses": ["N-TAX"], "setting": "tip"}]},
        "remedies[0].setting: no setting 'tip' in the terms' [[settings]]",
    ),
    "remedy-priced-twice": (
        {
            "fees": [{"id": "f", "amount": "1", "clauses": ["N-TAX"]}],
            "remedies": [
                {
                    "id": "r",
                    "description": "d",
                    "clauses": ["N-TAX"],
                    "fee": "f",
                    "setting": "resend_price",
                }
            ],
        },
        "remedies[0].setting: give fee or setting, not both",
    ),
    "remedy-given-twice": (
        {"remedies": [{"id": "r", "description": "d", "clauses": ["N-TAX"]}] * 2},
        "remedies[1].id: remedy 'r' is given twice",
    ),
    "fee-not-a-number": (
        {"fees": [{"id": "f", "amount": "cheap", "clauses": ["N-TAX"]}]},
        "fees[0].amount: 'cheap' is not a decimal number",
    ),
    "fee-negative": (
        {"fees": [{"id": "f", "amount": "-1", "clauses": ["N-TAX"]}]},
        "fees[0].amount: '-1' is negative or too large",
    ),
    "fee-given-twice": (
        {"fees": [{"id": "f", "key": "a", "amount": "1", "clauses": ["N-TAX"]}] * 2},
        "fees[1].id: fee 'f' with key 'a' is given twice",
    ),
    "tax-unknown-key": (
        {"tax": {"name": "IVA", "rate": "0.21"}},
        "tax.rate: unknown key",
    ),
    "tax-included-not-boolean": (
        {"tax": {"name": "IVA", "included_setting": "public_holidays"}},
        "tax.included_setting: setting 'public_holidays' is of kind choice, not boolean",
    ),
    "channels-unknown-channel": (
        {"channels": {"offered": ["pigeon"]}},
        "channels.offered[0]: unknown channel 'pigeon'",
    ),
    "channels-hours-of-a-channel-not-offered": (
        {
            "calendars": {"desk": DESK},
            "channels": {"offered": ["email"], "hours": {"phone": "desk"}},
        },
        "channels.hours.phone: channel 'phone' is not in channels.offered",
    ),
    "channels-hours-unknown-calendar": (
        {"channels": {"hours": {"phone": "desk"}}},
        "channels.hours.phone: no calendar 'desk' in [calendars]",
    ),
    "calendar-without-hours": (
        {"calendars": {"desk": {"clauses": ["N-HOURS-1"]}}},
        "calendars.desk: give schedules (the published hours) or setting (the integrator's)",
    ),
    "calendar-setting-with-schedules": (
        {"calendars": {"desk": {**DESK, "setting": "integration_hours"}}},
        "calendars.desk.schedules: a calendar given by a setting takes its zone, hours",
    ),
    "calendar-setting-not-a-calendar": (
        {"calendars": {"desk": {"setting": "closures"}}},
        "calendars.desk.setting: setting 'closures' is of kind closures, not calendar",
    ),
    "calendar-unknown-time-zone": (
        {"calendars": {"desk": {**DESK, "timezone": "Mars/Olympus"}}},
        "calendars.desk.timezone: unknown IANA time zone 'Mars/Olympus'",
    ),
    "calendar-window-ends-before-it-starts": (
        {
            "calendars": {
                "desk": {"schedules": [{"name": "n", "days": ["mon"], "windows": ["14:00-09:00"]}]}
            }
        },
        "calendars.desk.schedules[0].windows[0]: '14:00-09:00' ends before it starts",
    ),
    "calendar-unknown-day": (
        {
            "calendars": {
                "desk": {
                    "schedules": [{"name": "n", "days": ["funday"], "windows": ["09:00-10:00"]}]
                }
            }
        },
        "calendars.desk.schedules[0].days[0]: 'funday' is not a day",
    ),
    "calendar-schedule-unknown-key": (
        {"calendars": {"desk": {"schedules": [{**DESK["schedules"][0], "hours": "9-5"}]}}},
        "calendars.desk.schedules[0].hours: unknown key",
    ),
    "schedule-when-not-a-choice": (
        {
            "calendars": {
                "desk": {"schedules": [{**DESK["schedules"][0], "when": {"closing_times": "late"}}]}
            }
        },
        "calendars.desk.schedules[0].when.closing_times: 'late' is not a choice of 'closing_times'",
    ),
    "schedule-when-boolean-needs-true-or-false": (
        {
            "calendars": {
                "desk": {
                    "schedules": [{**DESK["schedules"][0], "when": {"prices_include_tax": "yes"}}]
                }
            }
        },
        "schedules[0].when.prices_include_tax: setting 'prices_include_tax' is a boolean",
    ),
    "schedule-when-wrong-kind": (
        {
            "calendars": {
                "desk": {"schedules": [{**DESK["schedules"][0], "when": {"tax_rate": "0.21"}}]}
            }
        },
        "schedules[0].when.tax_rate: setting 'tax_rate' is of kind rate, not choice or boolean",
    ),
    "holidays-unknown-country": (
        {"calendars": {"desk": {**DESK, "holidays": {"country": "XX"}}}},
        "calendars.desk.holidays.country: 'XX' is not a country known",
    ),
    "holidays-unknown-subdivision": (
        {"calendars": {"desk": {**DESK, "holidays": {"country": "ES", "subdiv": "ZZ"}}}},
        "calendars.desk.holidays.subdiv: 'ZZ' is not a subdivision of 'ES'",
    ),
    "holidays-subdivision-twice": (
        {
            "calendars": {
                "desk": {
                    **DESK,
                    "holidays": {"country": "ES", "subdiv": "AN", "subdiv_setting": "x"},
                }
            }
        },
        "calendars.desk.holidays.subdiv_setting: give subdiv or subdiv_setting, not both",
    ),
    "holidays-when-not-boolean": (
        {"calendars": {"desk": {**DESK, "holidays": {"country": "ES", "when": "public_holidays"}}}},
        "holidays.when: setting 'public_holidays' is of kind choice, not boolean",
    ),
    "holidays-choice-not-mapped": (
        {
            "calendars": {
                "desk": {
                    **DESK,
                    "holidays": {"setting": "public_holidays", "choices": {"none": False}},
                }
            }
        },
        "holidays.choices.national: choice 'national' of setting 'public_holidays' is not mapped",
    ),
    "holidays-unknown-choice": (
        {
            "calendars": {
                "desk": {
                    **DESK,
                    "holidays": {"setting": "public_holidays", "choices": {"mars": False}},
                }
            }
        },
        "calendars.desk.holidays.choices.mars: unknown key",
    ),
    "holidays-choice-setting-not-a-choice": (
        {"calendars": {"desk": {**DESK, "holidays": {"setting": "tax_rate", "choices": {}}}}},
        "holidays.setting: setting 'tax_rate' is of kind rate, not choice",
    ),
    "closures-when-without-closures": (
        {"calendars": {"desk": {**DESK, "closures_when": "prices_include_tax"}}},
        "calendars.desk.closures_when: needs closures_setting",
    ),
    "closures-setting-wrong-kind": (
        {"calendars": {"desk": {**DESK, "closures_setting": "public_holidays"}}},
        "closures_setting: setting 'public_holidays' is of kind choice, not closures",
    ),
    "service-level-duration-unreadable": (
        {
            "calendars": {"desk": DESK},
            "service_levels": [{**URGENT, "response": "soon", "clauses": ["N-SLA-1"]}],
        },
        "service_levels[0].response: 'soon' is not a duration: write 'N business hours'",
    ),
    "service-level-part-of-a-business-day": (
        {
            "calendars": {"desk": DESK},
            "service_levels": [{**URGENT, "response": "1.5 business days", "clauses": ["N-SLA-1"]}],
        },
        "service_levels[0].response: '1.5 business days': business days are counted whole",
    ),
    "service-level-seconds": (
        {
            "calendars": {"desk": DESK},
            "service_levels": [{**URGENT, "response": "0.001 hours", "clauses": ["N-SLA-1"]}],
        },
        "'0.001 hours' is not a whole number of minutes",
    ),
    "service-level-unknown-severity": (
        {
            "calendars": {"desk": DESK},
            "service_levels": [{**URGENT, "severities": ["p1"], "clauses": ["N-SLA-1"]}],
        },
        "service_levels[0].severities[0]: unknown severity 'p1'",
    ),
    "service-level-unknown-plan": (
        {
            "calendars": {"desk": DESK},
            "service_levels": [{**URGENT, "plans": ["gold"], "clauses": ["N-SLA-1"]}],
        },
        "service_levels[0].plans[0]: unknown plan 'gold' (known: basic, premium)",
    ),
    "service-level-unknown-channel": (
        {
            "calendars": {"desk": DESK},
            "service_levels": [{**URGENT, "channels": ["pigeon"], "clauses": ["N-SLA-1"]}],
        },
        "service_levels[0].channels[0]: unknown channel 'pigeon'",
    ),
    "service-level-unknown-calendar": (
        {"service_levels": [{**URGENT, "clauses": ["N-SLA-1"]}]},
        "service_levels[0].calendar: no calendar 'desk' in [calendars]",
    ),
    "service-level-business-time-without-calendar": (
        {"service_levels": [{"response": "4 business hours", "clauses": ["N-SLA-1"]}]},
        "service_levels[0].calendar: business time and openings need a calendar: name it",
    ),
    "service-level-setting-not-an-hours-table": (
        {
            "calendars": {"desk": DESK},
            "service_levels": [
                {"calendar": "desk", "response_setting": "resend_price", "clauses": ["N-SLA-3"]}
            ],
        },
        "response_setting: setting 'resend_price' is of kind money, not hours_table",
    ),
    "service-level-unknown-clock": (
        {"service_levels": [{"response": "48 hours", "clock": "payment", "clauses": ["N-SLA-1"]}]},
        "service_levels[0].clock: unknown clock 'payment'",
    ),
    "service-level-without-target": (
        {"service_levels": [{"severities": ["urgent"], "clauses": ["N-SLA-1"]}]},
        "service_levels[0]: give a response or a resolution target (or their settings)",
    ),
    "service-level-without-clauses": (
        {"service_levels": [{"response": "48 hours"}]},
        "service_levels[0].clauses: required key is missing",
    ),
}


@pytest.mark.parametrize(("tables", "expected"), BAD_TABLES.values(), ids=BAD_TABLES.keys())
def test_a_mistake_in_a_table_is_named_by_table_row_and_key(tables, expected):
    assert expected in _problems(**copy.deepcopy(tables))


def test_every_problem_is_reported_at_once_one_line_each():
    message = _problems(
        coverage=[{**COVERED, "status": "maybe"}],
        fees=[{"id": "f", "amount": "x", "clauses": ["N-TAX"]}],
    )
    lines = message.splitlines()
    assert len(lines) == 2 and all(line.startswith("nordesk: ") for line in lines)


def test_tax_needs_the_tax_rate_setting_of_kind_rate():
    data = bare()
    data["settings"] = [s for s in data["settings"] if s["key"] != "tax_rate"]
    data["tax"] = {"name": "IVA"}
    with pytest.raises(TermsError, match="tax: the rate is the setting 'tax_rate' of kind rate"):
        catalogue(data)


def test_severities_are_checked_against_normal_when_the_vendor_declares_none():
    data = bare()
    data["identity"]["severities"] = []
    data["service_levels"] = [
        {"severities": ["urgent"], "response": "4 hours", "clauses": ["N-SLA-1"]}
    ]
    with pytest.raises(TermsError, match=r"unknown severity 'urgent' \(known: normal\)"):
        catalogue(data)


def test_without_an_identity_table_names_are_not_checked_against_it():
    data = bare()
    del data["identity"]
    data["service_levels"] = [{"plans": ["gold"], "response": "4 hours", "clauses": ["N-SLA-1"]}]
    assert catalogue(data).tables.service_levels[0].plans == ("gold",)


def test_a_clause_of_any_terms_version_may_be_cited():
    data = terms_data()
    later = copy.deepcopy(data["versions"][0])
    later["version"], later["effective_from"] = "2026", later["effective_from"].replace(year=2026)
    later["clauses"].append({"id": "N-NEW", "text": "New.", "gloss": "New."})
    data["versions"].append(later)
    data["coverage"][0]["clauses"].append("N-NEW")
    assert "N-NEW" in catalogue(data).tables.coverage_rows["usage_question"].clauses


# --------------------------------------------------------------------------- hours_table setting

HOURS = SettingSpec("plan_response_hours", SettingKind.HOURS_TABLE, "response hours by plan")


def test_an_hours_table_setting_reads_whole_and_fractional_hours():
    values = VendorSettings.build("v", [HOURS], {HOURS.key: {"basic": 24, "premium": "4.5"}}, "EUR")
    assert {k: str(v) for k, v in values.get(HOURS.key).items()} == {
        "basic": "24",
        "premium": "4.5",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"basic": 0}, "v.plan_response_hours.basic: 0 is not a number of hours"),
        ({"basic": "-2"}, "v.plan_response_hours.basic: '-2' is not a number of hours"),
        ({"basic": "0.001"}, "in whole minutes"),
        ({"basic": "lots"}, "v.plan_response_hours.basic: 'lots' is not a decimal number"),
        ({"basic": True}, "v.plan_response_hours.basic: expected a number of hours, got true"),
        (["basic=24"], "v.plan_response_hours: expected a table of name = hours"),
    ],
    ids=["zero", "negative", "seconds", "words", "boolean", "a-list"],
)
def test_an_hours_table_setting_refuses_what_is_not_hours(value, expected):
    with pytest.raises(SettingsError) as info:
        VendorSettings.build("v", [HOURS], {HOURS.key: value}, "EUR")
    assert expected in str(info.value)


def test_a_calendar_setting_is_still_a_calendar_spec():
    cat = catalogue()
    spec = {
        "timezone": "UTC",
        "schedules": [{"name": "x", "days": ["mon"], "windows": ["09:00-10:00"]}],
    }
    values = VendorSettings.build(cat.vendor, cat.settings, {"integration_hours": spec}, "EUR")
    assert isinstance(values.get("integration_hours"), CalendarSpec)
