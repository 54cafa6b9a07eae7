"""A bounded fuzz of the input side: junk put anywhere in a valid case.

* ``Engine.evaluate`` of a mutated case answers with a decision or raises ``InputError``;
  nothing else escapes (a plugin that trips over the junk is a recorded failure);
* ``supportcore evaluate`` of a mutated case file, or of arbitrary bytes, exits 0, 2 or 3 and
  never prints a traceback (an unexpected error would be exit 1, "internal error").

The cases mutated are the test vendor's complete case and, for each installed vendor plugin
that loads, its example cases.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportcore import Engine, InputError
from supportcore.cli import main
from supportcore.documents import loads_toml, read_text

from ._inputs import CASE, DROP, Digits, as_python, write_case, write_text

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

#: Strings that have broken readers before: instants at the edges, skipped local times,
#: markup, control characters, huge numbers as text.
NASTY_TEXT = [
    "",
    " ",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59+00:00",
    "9999-12-31",
    "0001-01-01",
    "2026-03-29T02:30[Europe/Madrid]",
    "2026-10-25T02:30[Europe/Madrid]",
    "2026-09-06T00:30[America/Santiago]",
    "2026-03-03T10:00[Mars/Base]",
    "2026-03-03T10:00[../../etc/passwd]",
    "2026-03-03T10:00:00",
    "2026-02-30",
    "[/x]",
    "[bold]usage",
    "\x1b[31mred\x1b[0m",
    "NaN",
    "-Infinity",
    "1e400",
    "-5",
    "1" * 40,
    "x" * 5000,
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**30, -(10**30), 10**400, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in ``data`` a value can be put: each key and index, nested."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


def _mutated(base: dict[str, Any], changes: list[tuple[int, Any]]) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for index, value in changes:
        places = list(_paths(data))
        if not places:
            break
        *parents, last = places[index % len(places)]
        target = data
        for step in parents:
            target = target[step]
        if value is DROP and isinstance(target, dict):
            del target[last]
        elif value is DROP:
            target[last] = None
        else:
            target[last] = value
    return data


def _examples() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The example settings tables and the example cases of every vendor that loads."""
    tables: dict[str, Any] = {}
    cases: list[dict[str, Any]] = []
    for settings_file in sorted(EXAMPLES.glob("*/settings.toml")):
        tables.update(loads_toml(read_text(settings_file)))
    for path in sorted(EXAMPLES.glob("*/*.toml")):
        if path.name != "settings.toml":
            cases.append(loads_toml(read_text(path)))
    return tables, cases


@pytest.fixture(scope="module")
def vendors() -> tuple[Engine, list[dict[str, Any]]]:
    """An engine of the installed vendor plugins, and the examples of those that loaded."""
    tables, cases = _examples()
    engine = Engine({k: v for k, v in tables.items() if k != "overlays"})
    usable = [c for c in cases if c.get("vendor") in engine.plugins.vendors]
    return engine, usable


changes = st.lists(
    st.tuples(st.integers(min_value=0, max_value=10_000), st.one_of(st.just(DROP), values)),
    min_size=1,
    max_size=3,
)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _only_input_errors(engine: Engine, data: dict[str, Any]) -> None:
    try:
        decision = engine.evaluate(data)
    except InputError as exc:
        assert exc.problems and all(p.field and p.message for p in exc.problems)
        return
    assert decision.vendor == data["vendor"]


@FUZZ
@given(changes=changes)
def test_only_input_errors_escape_the_engine_for_junk_in_a_case(
    engine: Engine, changes: list[tuple[int, Any]]
) -> None:
    _only_input_errors(engine, _mutated(as_python(CASE), changes))


@FUZZ
@given(which=st.integers(min_value=0), changes=changes)
def test_only_input_errors_escape_the_engine_for_junk_in_a_vendors_example(
    vendors: tuple[Engine, list[dict[str, Any]]], which: int, changes: list[tuple[int, Any]]
) -> None:
    engine, cases = vendors
    if not cases:
        pytest.skip("no vendor plugin loads")
    _only_input_errors(engine, _mutated(cases[which % len(cases)], changes))


@pytest.fixture
def cli(fake_dists: Any) -> Any:
    fake_dists("supportcore-acme", {"acme": "acme_support"})
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(main, [*args])

    return run


def _no_traceback(result: Any) -> None:
    assert result.exit_code in (0, 2, 3), result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=changes, suffix=st.sampled_from([".json", ".toml"]))
def test_the_command_never_prints_a_traceback_for_junk_in_a_case_file(
    cli: Any, tmp_path: Path, changes: list[tuple[int, Any]], suffix: str
) -> None:
    data = _mutated(as_python(CASE), changes)
    try:
        path = write_case(tmp_path, data, suffix)
    except (TypeError, ValueError, OverflowError):  # not writable as TOML (None, NaN, …)
        path = write_case(tmp_path, json.loads(json.dumps(data, default=str)))
    _no_traceback(cli("evaluate", str(path), "--plugins", "acme"))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(content=st.binary(max_size=200), suffix=st.sampled_from([".json", ".toml"]))
def test_the_command_never_prints_a_traceback_for_arbitrary_bytes(
    cli: Any, tmp_path: Path, content: bytes, suffix: str
) -> None:
    path = write_text(tmp_path, "junk" + suffix, content)
    _no_traceback(cli("evaluate", str(path), "--plugins", "acme"))


def test_a_huge_number_anywhere_is_refused_naming_its_field(engine: Engine) -> None:
    data = as_python(CASE)
    data["request"]["environment"]["machines"] = Digits(5000).value
    with pytest.raises(InputError, match=r"request\.environment\.machines"):
        engine.evaluate(data)
