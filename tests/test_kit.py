"""The conformance kit itself, run in sub-runs with pytester."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

SHODDY = '''
"""A deliberately broken vendor: covers everything, citing a clause it does not have."""
from supportcore import Citation, Coverage, Reason, hookimpl
from supportcore.terms import parse_terms
import tomllib, importlib.resources as r

SUPPORTCORE_HOOK_API = 2

@hookimpl
def supportcore_terms():
    data = tomllib.loads(r.files("acme_support").joinpath("terms.toml").read_text())
    data["vendor"] = "shoddy"
    return parse_terms(data)

@hookimpl
def supportcore_exclusions(ctx, eligibility):
    return Coverage("covered", ctx.case.request.category,
                    (Reason("ok", "we do everything",
                            (Citation("shoddy", "Z9", "Everything is covered."),)),))
'''

GUESSER = SHODDY.replace(
    '(Reason("ok", "we do everything",\n'
    '                            (Citation("shoddy", "Z9", "Everything is covered."),)),)',
    "()",
)


@pytest.fixture
def site(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    import os

    import supportcore

    src = Path(supportcore.__file__).resolve().parent.parent
    paths = [str(pytester.path), str(FIXTURES), str(src), os.environ.get("PYTHONPATH", "")]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in paths if p))

    def dist(name: str, module: str) -> None:
        info = pytester.path / f"supportcore_{name}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: supportcore-{name}\nVersion: 1.0\n"
        )
        (info / "entry_points.txt").write_text(f"[supportcore]\n{name} = {module}\n")

    dist("acme", "acme_support")
    pytester.makepyfile(shoddy_mod=SHODDY, guesser_mod=GUESSER.replace('"shoddy"', '"guesser"'))
    dist("shoddy", "shoddy_mod")
    dist("guesser", "guesser_mod")
    pytester.site_dist = dist  # type: ignore[attr-defined]
    return pytester


def run_kit(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        "-p",
        "supportcore.testing",
        "--supportcore-max-examples",
        "25",
        "-p",
        "no:cacheprovider",
        *args,
    )


def test_a_conforming_vendor_passes_the_kit(site: pytest.Pytester) -> None:
    settings = site.makefile(
        ".toml",
        settings=textwrap.dedent("""
        [acme]
        hourly_rate = "40"
    """),
    )
    examples = site.mkdir("examples")
    (examples / "01-case.toml").write_text(
        textwrap.dedent("""
        vendor = "acme"
        at = "2025-03-03T10:00:00[Europe/Madrid]"
        [request]
        product = "Widget"
        category = "training"
        channel = "phone"
        received_at = "2025-03-03T09:00:00+01:00"
        [[licences]]
        product = "Widget"
        acquired_on = "2025-01-10"
    """)
    )
    result = run_kit(
        site,
        "--supportcore-vendor",
        "acme",
        "--supportcore-settings",
        str(settings),
        "--supportcore-examples",
        str(examples),
    )
    result.assert_outcomes(passed=4)


def test_a_vendor_citing_a_clause_it_does_not_have_fails_readably(site: pytest.Pytester) -> None:
    result = run_kit(site, "--supportcore-vendor", "shoddy")
    result.assert_outcomes(passed=2, failed=1, skipped=1)
    result.stdout.fnmatch_lines(
        ["*ConformanceError: shoddy: cites clause 'Z9', which is not in shoddy's terms 2025*"]
    )


def test_a_vendor_that_covers_without_a_reason_fails_readably(site: pytest.Pytester) -> None:
    result = run_kit(site, "--supportcore-vendor", "guesser")
    result.assert_outcomes(passed=2, failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*coverage is 'covered' for * without a reason citing a clause*"])


def test_a_plugin_that_is_not_installed_fails_with_a_clear_message(site: pytest.Pytester) -> None:
    result = run_kit(site, "--supportcore-vendor", "nobody")
    result.stdout.fnmatch_lines(["*no plugin named 'nobody' is installed*"])
    assert result.ret != 0


def test_a_plugin_that_fails_to_import_fails_the_kit(site: pytest.Pytester) -> None:
    site.makepyfile(broken_mod="raise ImportError('missing dependency frobnicate')\n")
    site.site_dist("broken", "broken_mod")  # type: ignore[attr-defined]
    result = run_kit(site, "--supportcore-vendor", "broken")
    result.stdout.fnmatch_lines(["*did not load: failed: import failed*frobnicate*"])
    assert result.ret != 0


def test_the_kit_is_not_active_unless_a_vendor_is_named(site: pytest.Pytester) -> None:
    site.makepyfile(test_unrelated="def test_one():\n    assert True\n")
    result = run_kit(site)
    result.assert_outcomes(passed=1)


def test_the_kit_can_be_enabled_from_conftest_and_ini(site: pytest.Pytester) -> None:
    site.makeconftest('pytest_plugins = ["supportcore.testing"]\n')
    site.makeini("[pytest]\nsupportcore_vendors = acme\n")
    result = site.runpytest_subprocess("--supportcore-max-examples", "10", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, skipped=1)
