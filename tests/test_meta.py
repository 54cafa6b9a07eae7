"""Meta-tests: every hook specification is documented and exercised."""

from __future__ import annotations

import re
from pathlib import Path

import acme_support

from supportcore import Engine, load_plugins
from supportcore.docs import hook_names, hook_reference

from .conftest import ACME_SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_there_are_hook_specifications():
    assert len(hook_names()) >= 10


def test_every_hook_is_documented_in_the_plugin_authors_guide():
    text = (DOCS / "plugin-authors.md").read_text()
    for name in hook_names():
        assert f"### `{name}(" in text, f"{name} is not documented in docs/plugin-authors.md"


def test_the_hook_reference_matches_hookspecs():
    text = (DOCS / "plugin-authors.md").read_text()
    block = re.search(r"<!-- hooks:begin -->\n(.*)<!-- hooks:end -->", text, re.S)
    assert block, "docs/plugin-authors.md lacks the hooks:begin/end markers"
    assert block[1].strip() == hook_reference().strip(), (
        "docs/plugin-authors.md hook reference is stale: regenerate it with "
        "`python -m supportcore.docs`"
    )


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
