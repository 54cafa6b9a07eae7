"""Fixtures for the core's tests: the made-up ACME vendor and fake installed distributions."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))

import acme_support  # noqa: E402
from acme_support import ACME_BASE, ACME_SETTINGS  # noqa: E402

from supportcore import Engine  # noqa: E402
from supportcore.testing.cases import CaseFactory  # noqa: E402


@pytest.fixture
def acme() -> CaseFactory:
    return CaseFactory(ACME_BASE)


@pytest.fixture
def engine() -> Engine:
    return Engine(ACME_SETTINGS, entry_points=False, extra=[("acme", acme_support)])


@pytest.fixture
def fake_dists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Path]]:
    """Create installed-looking distributions with ``supportcore`` entry points.

    ``make(dist, {ep_name: "module"}, {"module.py": "source"})`` writes a ``.dist-info`` and the
    modules into a directory put on ``sys.path``, so ``importlib.metadata`` discovers them.
    """
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    created: list[str] = []

    def make(
        dist: str, eps: dict[str, str], modules: dict[str, str] | None = None, version: str = "1.0"
    ) -> Path:
        info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
        lines = "".join(f"{k} = {v}\n" for k, v in eps.items())
        (info / "entry_points.txt").write_text(f"[supportcore]\n{lines}")
        for name, src in (modules or {}).items():
            (root / name).write_text(textwrap.dedent(src))
            created.append(name.removesuffix(".py"))
        return root

    yield make
    for mod in created:
        sys.modules.pop(mod, None)
