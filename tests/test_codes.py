"""docs/codes.md lists every stable code of the core and of the installed vendor plugins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from supportcore.codes import codes_of, markdown
from supportcore.plugins import load_plugins

DOC = Path(__file__).resolve().parent.parent / "docs" / "codes.md"
VENDORS = ("binarema", "informapuntcom", "itplusnet", "juweliers", "softmas")


@pytest.mark.skipif(
    not set(VENDORS) <= set(load_plugins().vendors), reason="the five plugins are not installed"
)
def test_the_codes_page_matches_the_installed_plugins():
    block = re.search(r"<!-- codes:begin -->\n(.*)<!-- codes:end -->", DOC.read_text(), re.S)
    assert block, "docs/codes.md lacks its markers"
    assert block[1].strip() == markdown().strip(), (
        "docs/codes.md is stale: regenerate the block with `python -m supportcore.codes`"
    )


def test_a_code_written_in_the_terms_or_in_a_rule_is_found():
    from supportcore.terms import parse_terms

    terms = parse_terms(
        {
            "vendor": "x",
            "identity": {
                "title": "X",
                "country": "ES",
                "currency": "EUR",
                "timezone": "Europe/Madrid",
            },
            "versions": [
                {
                    "version": "1",
                    "effective_from": "2025-01-01",
                    "clauses": [{"id": "X-1", "text": "t", "gloss": "g"}],
                }
            ],
            "reasons": {"free": {"text": "Free until {until}", "clauses": ["X-1"]}},
            "actions": {"call": {"text": "Call us", "party": "customer"}},
        }
    )
    found = {(c.code, c.kind) for c in codes_of("supportcore.tables", terms)}
    assert {("free", "reason"), ("call", "action")} <= found
