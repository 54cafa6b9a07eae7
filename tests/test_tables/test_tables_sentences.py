"""``[reasons.<id>]`` and ``[actions.<id>]``: the words of a vendor's reasons and actions as
data beside the clauses they cite; and the remedies and coverage rows a rule offers itself."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tables_vendor import context, terms_data, with_tables

from supportcore import Money
from supportcore.terms import TermsError

REASONS = {
    "free-until": {
        "text": "Free support until {until}",
        "clauses": ["N-COVER-1"],
        "interpretations": ["N-I-MALFUNCTION"],
        "settings": ["tax_rate"],
    },
    "renamed": {"code": "covered", "text": "Covered", "clauses": ["N-COVER-1"]},
}
ACTIONS = {"send-logs": {"party": "customer", "text": "Send the log files", "clauses": []}}


def vendor(**tables):
    return with_tables(reasons=REASONS, actions=ACTIONS, **tables)


def test_a_listed_reason_has_its_rows_code_words_clauses_and_grounds():
    reason = context(vendor()).listed_reason("free-until", until=date(2026, 7, 14))
    assert reason.code == "free-until"
    assert reason.message == "Free support until 14 July 2026"
    assert reason.params == {"until": "2026-07-14"}
    assert [c.clause for c in reason.citations] == ["N-COVER-1"]
    assert (reason.interpretations, reason.settings) == (("N-I-MALFUNCTION",), ("tax_rate",))


def test_a_listed_reason_may_cite_more_clauses_and_keep_another_code():
    reason = context(vendor()).listed_reason("renamed", "N-EXCL-1")
    assert reason.code == "covered"
    assert [c.clause for c in reason.citations] == ["N-COVER-1", "N-EXCL-1"]


def test_a_listed_action_is_owed_by_its_party():
    action = context(vendor()).listed_action("send-logs")
    assert (action.party, action.description) == ("customer", "Send the log files")


def test_an_unknown_row_is_a_bug_of_the_plugin():
    with pytest.raises(KeyError, match=r"no \[reasons\.nope\]"):
        context(vendor()).listed_reason("nope")


@pytest.mark.parametrize(
    ("table", "row", "problem"),
    [
        ("reasons", {"clauses": ["N-COVER-1"]}, r"reasons\.x\.text: required key is missing"),
        ("reasons", {"text": "a", "clauses": ["N-NOPE"]}, r"reasons\.x\.clauses\[0\]"),
        ("reasons", {"text": "a {0}"}, r"reasons\.x\.text: \{0\} is not a placeholder"),
        ("reasons", {"text": "a", "settings": ["nope"]}, r"reasons\.x\.settings\[0\]: no setting"),
        ("reasons", {"text": "a", "interpretations": ["N-I-X"]}, r"no interpretation 'N-I-X'"),
        ("reasons", {"text": "a", "colour": "red"}, r"reasons\.x"),
        ("actions", {"text": "a"}, r"actions\.x\.party: required key is missing"),
        ("actions", {"text": "a", "party": "nobody"}, r"actions\.x\.party: 'nobody'"),
    ],
)
def test_a_wrong_row_is_refused_naming_it(table, row, problem):
    with pytest.raises(TermsError, match=problem):
        with_tables(**{table: {"x": row}})


def test_a_listed_remedy_is_priced_as_its_row_says_unless_the_rule_prices_it():
    ctx = context(with_tables(**{k: terms_data()[k] for k in ("fees", "remedies", "tax")}))
    booked = ctx.listed_remedy("book-training")
    assert booked.price is not None and booked.code == "book-training"
    priced = ctx.listed_remedy("book-training", price=Money(Decimal("1"), "EUR"))
    assert priced.price == Money(Decimal("1"), "EUR")
    assert priced.citations == booked.citations


def test_the_coverage_table_answers_for_another_category_than_the_requests():
    ctx = context(category="usage_question")
    other = ctx.listed_coverage_of("virus_malware")
    assert other is not None and other.category == "virus_malware"
    assert ctx.listed_coverage_of("usage_question") is ctx.listed_coverage
