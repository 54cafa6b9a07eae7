"""Meta-tests: every hook specification is documented and exercised; the generated reference
and the figures the plugin authors' guide states match the code."""

from __future__ import annotations

import re
from pathlib import Path

import acme_support
import pytest

from supportcore import Engine, load_plugins
from supportcore.docs import REFERENCE, hook_names, hook_reference, main, reference

from .conftest import ACME_SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"
TRIAL = Path(__file__).resolve().parent / "fixtures" / "trial_vendor"


def _between(page: str, marker: str) -> str:
    text = (DOCS / page).read_text()
    block = re.search(rf"<!-- {marker}:begin -->\n(.*)<!-- {marker}:end -->", text, re.S)
    assert block, f"docs/{page} lacks the {marker}:begin/end markers"
    return block[1].strip()


def test_there_are_hook_specifications():
    assert len(hook_names()) >= 10


def test_every_hook_is_documented_in_the_plugin_authors_guide():
    text = (DOCS / "plugin-authors.md").read_text()
    for name in hook_names():
        assert f"### `{name}(" in text, f"{name} is not documented in docs/plugin-authors.md"


def test_the_hook_reference_matches_hookspecs():
    assert _between("plugin-authors.md", "hooks") == hook_reference().strip(), (
        "docs/plugin-authors.md hook reference is stale: regenerate it with "
        "`python -m supportcore.docs hooks --write docs/plugin-authors.md`"
    )


def test_the_reference_matches_the_docstrings_of_the_code():
    assert _between("reference.md", "reference") == reference().strip(), (
        "docs/reference.md is stale: regenerate it with "
        "`python -m supportcore.docs reference --write docs/reference.md`"
    )


def test_the_reference_covers_every_answer_the_context_the_settings_and_the_timeline():
    names = {entry.partition(":")[2] for _, _, entries in REFERENCE for entry in entries}
    assert {
        "Eligibility", "Coverage", "Quote", "QuoteBuilder", "LineItem", "TaxLine", "Closure",
        "Action", "Service", "Remedy", "Reason", "Citation", "MissingSetting", "MissingFact",
        "Problem", "Context", "VendorSettings", "SettingKind", "Timeline", "Segment",
        "WaitingPeriod", "Payment", "Appointment",
    } <= names  # fmt: skip
    text = (DOCS / "reference.md").read_text()
    for name in ("ctx.reason(", "ctx.timeline", "VendorSettings.get(", "`hours_table`"):
        assert name in text, name


def test_the_reference_is_markdown_not_restructured_text():
    text = reference()
    assert ":class:" not in text and ":param" not in text and "``" not in text


def test_writing_a_part_into_a_page_without_its_markers_fails_naming_the_page(tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text("# no markers\n")
    assert main(["reference", "--write", str(page)]) == 2
    assert "reference:begin" in capsys.readouterr().err
    assert page.read_text() == "# no markers\n"


def _python_lines(folder: Path) -> dict[str, int]:
    return {p.name: len(p.read_text().splitlines()) for p in sorted(folder.rglob("*.py"))}


def test_the_guide_states_the_worked_examples_lines_of_python():
    guide = (DOCS / "plugin-authors.md").read_text()
    lines = _python_lines(TRIAL / "src")
    stated = re.search(r"\*\*(\d+) lines of Python\*\*", guide)
    assert stated and int(stated[1]) == sum(lines.values()) < 300
    for module, count in lines.items():
        assert f"| `{module}` | {count} |" in guide, module


def test_the_guide_states_the_scaffolds_lines_of_python(tmp_path):
    from supportcore.scaffold import scaffold

    root = scaffold("acme", tmp_path)
    guide = (DOCS / "plugin-authors.md").read_text()
    for module, count in _python_lines(root / "src").items():
        assert re.search(rf"`src/supportcore_acme/{module}` \|.*\({count} lines\) \|", guide), (
            module,
            count,
        )


@pytest.mark.parametrize("page", ["plugin-authors.md", "reference.md"])
def test_the_plugin_authors_pages_name_no_removed_caching_api(page):
    text = (DOCS / page).read_text()
    for idiom in ("ctx.memo", "fixed_reason", "ctx.prepared(", "terms.fixed", "FIXED_LIMIT"):
        assert idiom not in text, idiom


def test_every_hook_is_exercised(acme):
    """Run an engine with the test vendor under pluggy's call monitoring: every hook is called."""
    called: set[str] = set()
    plugins = load_plugins(entry_points=False, extra=[("acme", acme_support)])
    plugins.pm.add_hookcall_monitoring(
        lambda name, impls, kw: called.add(name), lambda outcome, name, impls, kw: None
    )
    engine = Engine(ACME_SETTINGS, plugins=plugins)
    engine.evaluate(acme.case({"request.category": "training"}))
    # identity hooks are answered at load, which the vendor record proves
    assert next(r for r in plugins.records if r.name == "acme").kind == "vendor"
    called |= {"supportcore_vendor_info", "supportcore_terms"}
    # hook API 2's preparation and assessment, with the API 2 test vendor
    from .test_contract import CASE, Tiny

    plugins = load_plugins(entry_points=False, extra=[("tiny", Tiny())])
    plugins.pm.add_hookcall_monitoring(
        lambda name, impls, kw: called.add(name), lambda outcome, name, impls, kw: None
    )
    Engine({}, plugins=plugins).evaluate(CASE)
    missing = set(hook_names()) - called
    assert not missing, f"hooks never called: {sorted(missing)}"
