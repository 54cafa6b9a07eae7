"""The clause-coverage registry helpers (supportcore.testing.clauses)."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import acme_support

from supportcore import Clause, ClauseKind, TermsCatalogue, TermsVersion
from supportcore.testing.clauses import (
    catalogue_clauses,
    known_ids,
    marked_clauses,
    normalise,
    normative_ids,
    unexercised,
    unknown_marked,
    verbatim_problems,
)

DOCUMENT = """Terms.

Support is free   for twelve
months from purchase. Hardware is not covered.
"""

FREE = Clause("T-1", "Support is free for twelve months from purchase.", "free support")
HARDWARE = Clause("T-2", "Hardware is not covered.", "no hardware")
NOTE = Clause("T-3", "Terms.", "a heading", kind=ClauseKind.INFORMATIVE)
VERSION = TermsVersion("test", "1", date(2026, 1, 1), (FREE, HARDWARE, NOTE))


def write(folder: Path, name: str, source: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")


def test_ids_of_a_version_a_catalogue_and_an_iterable():
    later = TermsVersion("test", "2", date(2027, 1, 1), (FREE, Clause("T-9", "New.", "new")))
    catalogue = TermsCatalogue("test", (VERSION, later))
    assert normative_ids(VERSION) == {"T-1", "T-2"}
    assert normative_ids(catalogue) == {"T-1", "T-2", "T-9"}
    assert known_ids([NOTE]) == {"T-3"}
    assert catalogue_clauses(VERSION) == (FREE, HARDWARE, NOTE)


def test_marked_clauses_names_the_tests_that_mark_each_clause(tmp_path):
    write(
        tmp_path,
        "test_a.py",
        """
        import pytest
        from pytest import mark

        clause = pytest.mark.clause

        @pytest.mark.clause("T-1", "T-2")
        def test_both(): ...

        @clause("T-1")
        def test_alias(): ...

        @mark.clause("T-2")
        def test_bare_mark(): ...

        class TestGroup:
            @pytest.mark.clause("T-3")
            def test_in_class(self): ...

        @pytest.mark.parametrize("x", [pytest.param(1, marks=pytest.mark.clause("T-4"))])
        def test_param(x): ...
    """,
    )
    write(
        tmp_path,
        "sub/test_b.py",
        """
        import pytest

        pytestmark = [pytest.mark.clause("T-5")]
    """,
    )
    assert marked_clauses(tmp_path) == {
        "T-1": {"test_a.py::test_both", "test_a.py::test_alias"},
        "T-2": {"test_a.py::test_both", "test_a.py::test_bare_mark"},
        "T-3": {"test_a.py::TestGroup::test_in_class"},
        "T-4": {"test_a.py::test_param"},
        "T-5": {"sub/test_b.py"},
    }


def test_other_calls_named_clause_and_other_files_are_not_marks(tmp_path):
    write(
        tmp_path,
        "test_a.py",
        """
        import pytest

        IDS = ("T-1",)

        def test_lookup():
            VERSION.clause("T-1")       # the catalogue's own method, not a mark
            clause("T-2")               # not bound to the marker

        @pytest.mark.clause(*IDS)       # only literal ids are read
        def test_star(): ...

        @pytest.mark.slow("T-3")
        def test_other_marker(): ...
    """,
    )
    write(
        tmp_path,
        "conftest.py",
        """
        import pytest
        mark = pytest.mark.clause("T-4")
    """,
    )
    write(tmp_path, "helpers.py", "import pytest\nx = pytest.mark.clause('T-5')\n")
    assert marked_clauses(tmp_path) == {}


def test_unexercised_and_unknown_marks(tmp_path):
    write(
        tmp_path,
        "test_a.py",
        """
        import pytest

        @pytest.mark.clause("T-1", "T-3", "T-7")
        def test_x(): ...
    """,
    )
    assert unexercised(VERSION, tmp_path) == ["T-2"]
    assert unknown_marked(VERSION, tmp_path) == {"T-7": {"test_a.py::test_x"}}


def test_pattern_selects_the_files(tmp_path):
    write(tmp_path, "test_acme_a.py", "import pytest\n@pytest.mark.clause('T-1')\ndef t(): ...\n")
    write(tmp_path, "test_other.py", "import pytest\n@pytest.mark.clause('T-2')\ndef t(): ...\n")
    assert set(marked_clauses(tmp_path, "test_acme_*.py")) == {"T-1"}
    assert unexercised(VERSION, tmp_path, "test_acme_*.py") == ["T-2"]


def test_verbatim_problems_fold_white_space_and_name_each_clause():
    assert normalise("  a \n b\t c ") == "a b c"
    assert verbatim_problems(VERSION, DOCUMENT) == []
    changed = Clause("T-4", "Hardware is never covered.", "changed")
    empty = Clause("T-5", "  ", "empty")
    assert verbatim_problems([FREE, changed, empty], DOCUMENT) == [
        "T-4: not verbatim in the document: 'Hardware is never covered.'",
        "T-5: no text",
    ]


def test_long_texts_are_shortened_in_messages():
    long = Clause("T-6", "word " * 40, "long")
    (problem,) = verbatim_problems([long], DOCUMENT)
    assert problem.startswith("T-6: not verbatim") and problem.endswith("...'")
    assert len(problem) < 120


def test_the_test_vendor_catalogue():
    terms = acme_support.supportcore_terms()
    assert normative_ids(terms) <= known_ids(terms)
    assert verbatim_problems(terms, " ".join(c.text for c in catalogue_clauses(terms))) == []
