"""Program versions as the vendors write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportcore import SettingsError
from supportcore.settings import VendorSettings
from supportcore.terms import SettingKind, SettingSpec
from supportcore.versions import Version, VersionError, latest


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("5", (5,)),
        ("v4.2", (4, 2)),
        (" V 2024.1.3 ", (2024, 1, 3)),
        ("5.0", (5,)),
        ("4.10", (4, 10)),
    ],
)
def test_a_version_is_read_as_its_numbers(text, parts):
    assert Version.parse(text).parts == parts


def test_a_newer_version_compares_greater_part_by_part():
    assert Version.parse("4.10") > Version.parse("4.9")
    assert Version.parse("5") == Version.parse("5.0")
    assert Version.parse("5").major == 5


@pytest.mark.parametrize("text", ["", "four", "5.x", "1..2", "-1", "1.2.3.4.5.6.7"])
def test_a_text_that_is_not_a_version_is_refused_naming_the_field(text):
    with pytest.raises(VersionError, match=r"^request\.version: .* is not a version"):
        Version.parse(text, "request.version")


def test_latest_is_the_newest_or_none():
    assert latest([Version.parse("4.2"), Version.parse("5"), Version.parse("4.10")]).text == "5"
    assert latest([]) is None


@given(st.lists(st.integers(0, 999), min_size=1, max_size=3), st.integers(0, 3))
def test_trailing_zeros_never_change_a_version(parts, zeros):
    text = ".".join(map(str, parts))
    assert Version.parse(text) == Version.parse(text + ".0" * zeros)


def test_a_version_setting_is_read_and_a_bad_one_names_the_setting():
    spec = SettingSpec("latest_version", SettingKind.VERSION, "the latest version")
    ok = VendorSettings.build("v", [spec], {"latest_version": "5.1"}, "EUR")
    assert ok.get("latest_version") == Version.parse("5.1")
    with pytest.raises(SettingsError, match=r"v\.latest_version: 'five' is not a version"):
        VendorSettings.build("v", [spec], {"latest_version": "five"}, "EUR")
