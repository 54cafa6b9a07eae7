"""The documentation's examples stay true: the case file in docs/integrators.md is a valid case."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

from supportcore import case_from_dict

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_integrators_guide_case_file_is_a_valid_case():
    text = (DOCS / "integrators.md").read_text()
    block = re.search(r"## Case files.*?```toml\n(.*?)```", text, re.S)
    assert block, "docs/integrators.md lost its case file example"
    case = case_from_dict(tomllib.loads(block[1], parse_float=Decimal))
    assert case.vendor == "binarema" and case.ticket.events[0].at <= case.at
