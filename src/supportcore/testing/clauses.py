"""The clause-coverage registry for a plugin's tests, written once.

A plugin's tests name the clauses they exercise with a marker::

    @pytest.mark.clause("ACME-EXCL-1", "ACME-EXCL-2")
    def test_hardware_is_excluded(): ...

and one of its tests checks the registry against the clause catalogue and the seed document::

    from supportcore.testing.clauses import (
        add_clause_marker, unexercised, unknown_marked, verbatim_problems,
    )

    def pytest_configure(config):              # in tests/conftest.py
        add_clause_marker(config, "ACME")

    def test_every_normative_clause_is_exercised_by_a_test():
        assert unexercised(supportcore_acme.TERMS, TESTS) == []
        assert unknown_marked(supportcore_acme.TERMS, TESTS) == {}

    def test_every_clause_is_verbatim_from_the_document():
        assert verbatim_problems(supportcore_acme.TERMS, SEED.read_text("utf-8")) == []

The marks are found by reading the test files (:mod:`ast`), not by running them: a mark is a call
of ``pytest.mark.clause(...)``, ``mark.clause(...)`` (``from pytest import mark``) or a
module-level alias of them (``clause = pytest.mark.clause``), wherever it stands — a decorator,
``pytest.param(..., marks=...)`` or a module's ``pytestmark``. Only string literal arguments
count. A *catalogue* is a :class:`TermsCatalogue` (all its versions), one
:class:`TermsVersion`, or any iterable of :class:`Clause`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path
from typing import TypeAlias

import pytest

from ..terms import Clause, ClauseKind, TermsCatalogue, TermsVersion

__all__ = [
    "Catalogue",
    "add_clause_marker",
    "catalogue_clauses",
    "known_ids",
    "marked_clauses",
    "normalise",
    "normative_ids",
    "unexercised",
    "unknown_marked",
    "verbatim_problems",
]

Catalogue: TypeAlias = TermsCatalogue | TermsVersion | Iterable[Clause]

#: The marker's name, as in ``@pytest.mark.clause(...)``.
MARKER = "clause"


def add_clause_marker(config: pytest.Config, vendor: str) -> None:
    """Register the ``clause(*ids)`` marker (needed with ``--strict-markers``)."""
    config.addinivalue_line(
        "markers", f"{MARKER}(*ids): the {vendor} clauses (terms ids) a test exercises (registry)"
    )


def normalise(text: str) -> str:
    """``text`` with every run of white space folded into one space, trimmed."""
    return " ".join(text.split())


def catalogue_clauses(catalogue: Catalogue) -> tuple[Clause, ...]:
    """The clauses of a catalogue (every version's, in order), a version, or an iterable."""
    if isinstance(catalogue, TermsCatalogue):
        return tuple(c for v in catalogue.versions for c in v.clauses)
    if isinstance(catalogue, TermsVersion):
        return catalogue.clauses
    return tuple(catalogue)


def known_ids(catalogue: Catalogue) -> set[str]:
    """Every clause id of the catalogue."""
    return {c.id for c in catalogue_clauses(catalogue)}


def normative_ids(catalogue: Catalogue) -> set[str]:
    """The ids of the catalogue's normative clauses (those a rule must apply and a test
    exercise)."""
    return {c.id for c in catalogue_clauses(catalogue) if c.kind is ClauseKind.NORMATIVE}


# --------------------------------------------------------------------------- the marks


def _is_mark(expr: ast.expr) -> bool:
    """``<…>.mark.clause`` or ``mark.clause``."""
    if not (isinstance(expr, ast.Attribute) and expr.attr == MARKER):
        return False
    owner = expr.value
    return (isinstance(owner, ast.Attribute) and owner.attr == "mark") or (
        isinstance(owner, ast.Name) and owner.id == "mark"
    )


def _aliases(tree: ast.Module) -> set[str]:
    """Module-level names bound to the marker (``clause = pytest.mark.clause``)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and _is_mark(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif (
            isinstance(node, ast.AnnAssign)
            and node.value is not None
            and _is_mark(node.value)
            and isinstance(node.target, ast.Name)
        ):
            names.add(node.target.id)
    return names


class _Scan(ast.NodeVisitor):
    """Clause ids of the marks in one file, each with the test (or class, or module) it marks."""

    def __init__(self, where: str, aliases: set[str]) -> None:
        self.where = where
        self.aliases = aliases
        self.scope: list[str] = []
        self.found: dict[str, set[str]] = {}

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        # Decorators are visited inside the scope: they mark the test they decorate.
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = _scoped
    visit_AsyncFunctionDef = _scoped
    visit_ClassDef = _scoped

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if _is_mark(func) or (isinstance(func, ast.Name) and func.id in self.aliases):
            name = "::".join([self.where, *self.scope])
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    self.found.setdefault(arg.value, set()).add(name)
        self.generic_visit(node)


def marked_clauses(test_dir: Path, pattern: str = "test_*.py") -> dict[str, set[str]]:
    """Clause id → the tests that mark it, from the files matching ``pattern`` under
    ``test_dir`` (recursively).

    A test is named like a pytest node id relative to ``test_dir``
    (``test_x.py::TestClass::test_y``); a mark outside any function or class (a module's
    ``pytestmark``) is named by its file.
    """
    found: dict[str, set[str]] = {}
    for path in sorted(test_dir.rglob(pattern)):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        scan = _Scan(path.relative_to(test_dir).as_posix(), _aliases(tree))
        scan.visit(tree)
        for clause_id, tests in scan.found.items():
            found.setdefault(clause_id, set()).update(tests)
    return found


def unexercised(catalogue: Catalogue, test_dir: Path, pattern: str = "test_*.py") -> list[str]:
    """The normative clause ids no test under ``test_dir`` marks, sorted."""
    return sorted(normative_ids(catalogue) - set(marked_clauses(test_dir, pattern)))


def unknown_marked(
    catalogue: Catalogue, test_dir: Path, pattern: str = "test_*.py"
) -> dict[str, set[str]]:
    """Marked clause ids the catalogue does not have → the tests that mark them."""
    known = known_ids(catalogue)
    marked = marked_clauses(test_dir, pattern)
    return {cid: tests for cid, tests in sorted(marked.items()) if cid not in known}


# --------------------------------------------------------------------------- the texts


def verbatim_problems(catalogue: Catalogue, document_text: str) -> list[str]:
    """One message per clause whose text is not in the document, white space aside."""
    document = normalise(document_text)
    problems: list[str] = []
    for clause in catalogue_clauses(catalogue):
        text = normalise(clause.text)
        if not text:
            problems.append(f"{clause.id}: no text")
        elif text not in document:
            shown = text if len(text) <= 80 else text[:77] + "..."
            problems.append(f"{clause.id}: not verbatim in the document: {shown!r}")
    return problems
