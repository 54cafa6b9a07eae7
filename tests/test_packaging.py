"""Packaging: a licence file in every distribution, declared so that every build backend we allow
writes it into the metadata (an SPDX ``License-Expression`` and a ``License-File``)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PLUGINS = sorted(p.parent for p in (REPO / "plugins").glob("*/pyproject.toml"))
LICENSE = (REPO / "LICENSE").read_text(encoding="utf-8")


def test_the_core_has_an_mit_licence_file_of_the_supportcore_developers():
    assert LICENSE.startswith("MIT License\n")
    assert "Copyright (c) 2026 supportcore developers" in LICENSE


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda p: p.name)
def test_each_plugin_ships_the_same_licence_file(plugin):
    assert (plugin / "LICENSE").read_text(encoding="utf-8") == LICENSE


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda p: p.name)
def test_each_plugin_declares_an_spdx_licence_with_a_setuptools_that_understands_it(plugin):
    project = tomllib.loads((plugin / "pyproject.toml").read_text(encoding="utf-8"))
    # a license string is an SPDX expression only from setuptools 77 on: older ones fail to build
    assert project["build-system"]["requires"] == ["setuptools>=77"]
    assert project["project"]["license"] == "MIT"
    assert project["project"]["license-files"] == ["LICENSE"]


def test_the_core_declares_an_spdx_licence_with_a_hatchling_that_writes_it():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # hatchling writes License-Expression in metadata 2.4 from 1.27 on
    assert project["build-system"]["requires"] == ["hatchling>=1.27"]
    assert project["project"]["license"] == "MIT"
