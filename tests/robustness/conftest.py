"""Fixtures of the robustness matrix: fake installed distributions of fault plugins, the
environment a ``supportcore`` subprocess sees them in, and helpers to run it.

Fault plugins are registered without installing anything: a ``*.dist-info`` directory with an
``entry_points.txt`` in a temporary directory on ``PYTHONPATH`` is what ``importlib.metadata``
reads for an installed distribution, in this process and in every subprocess and worker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import tomli_w

ROBUSTNESS = Path(__file__).resolve().parent
FIXTURES = ROBUSTNESS / "fixtures"
CORE_FIXTURES = ROBUSTNESS.parent / "fixtures"
for _path in (FIXTURES, CORE_FIXTURES):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from acme_support import ACME_BASE, ACME_SETTINGS  # noqa: E402
from faulty_vendors import FAULTS  # noqa: E402

#: The ``supportcore`` console script of the environment running the tests.
SUPPORTCORE = str(Path(sys.executable).parent / "supportcore")

#: Every fault plugin's entry-point name and its target.
FAULT_ENTRY_POINTS: dict[str, str] = {
    **{f"f_{fault}_{hook}": f"faulty_vendors:f_{fault}_{hook}" for fault, hook in FAULTS},
    "f_import": "fault_import_error",
    "f_exit_import": "fault_exit_on_import",
}


def fake_distribution(site: Path, dist: str, eps: Mapping[str, str], version: str = "1.0") -> None:
    """An installed-looking distribution ``dist`` with ``supportcore`` entry points."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    lines = "".join(f"{k} = {v}\n" for k, v in eps.items())
    (info / "entry_points.txt").write_text(f"[supportcore]\n{lines}")


def _env(site: Path, allow: Sequence[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTCORE_")}
    path = [str(site), str(FIXTURES), str(CORE_FIXTURES), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in path if p)
    env["SUPPORTCORE_PLUGINS"] = ",".join(allow)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@pytest.fixture(scope="session")
def fault_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A subprocess environment with ACME and every fault plugin installed (and allowed)."""
    site = tmp_path_factory.mktemp("fault-site")
    fake_distribution(site, "supportcore-acme", {"acme": "acme_support"})
    fake_distribution(site, "supportcore-faults", FAULT_ENTRY_POINTS)
    return _env(site, ["acme", *FAULT_ENTRY_POINTS])


@pytest.fixture(scope="session")
def duplicate_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """ACME installed twice: by its own distribution and by an impostor claiming its name."""
    site = tmp_path_factory.mktemp("duplicate-site")
    fake_distribution(site, "supportcore-acme", {"acme": "acme_support"}, version="2.3")
    fake_distribution(site, "supportcore-impostor", {"acme": "fault_impostor:acme"})
    return _env(site, ["acme"])


@pytest.fixture(scope="session")
def settings_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("settings") / "settings.toml"
    path.write_text(tomli_w.dumps(ACME_SETTINGS), encoding="utf-8")
    return path


def case(vendor: str = "acme", case_id: str = "T-1", **changes: Any) -> dict[str, Any]:
    """ACME's sample case for ``vendor``, with top-level ``changes``."""
    data = json.loads(json.dumps(ACME_BASE))
    data.update(vendor=vendor, id=case_id, **changes)
    return data


def run(
    args: Sequence[str],
    env: Mapping[str, str],
    *,
    stdin: str | None = None,
    timeout: float = 60,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``supportcore ARGS`` in a subprocess; output as text."""
    return subprocess.run(
        [SUPPORTCORE, *args],
        env=dict(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        check=False,
    )


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "Traceback" not in proc.stdout, proc.stdout[-3000:]
