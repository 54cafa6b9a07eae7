"""The conformance tests, collected only when the kit is enabled with a vendor named.

Each test receives ``supportcore_vendor`` (the plugin's name) through the kit's parametrization.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportcore.testing.checks import (
    ConformanceError,
    Reach,
    check_loads,
    check_terms,
    evaluate_checked,
)
from supportcore.testing.strategies import Samples, cases_for

pytestmark = pytest.mark.supportcore_kit


def test_plugin_loads_in_isolation_with_a_supported_hook_api(supportcore_vendor: str) -> None:
    check_loads(supportcore_vendor)


def test_clauses_have_id_text_and_gloss(supportcore_kit: Any) -> None:
    vp, _ = supportcore_kit
    check_terms(vp)


def test_example_cases_give_well_formed_decisions(
    supportcore_kit: Any, supportcore_example: tuple[str, Any]
) -> None:
    vp, engine = supportcore_kit
    name, data = supportcore_example
    if data is None:
        pytest.skip("no example folder given (--supportcore-examples)")
    if data.get("vendor") != vp.name:
        pytest.skip(f"{name} is a case of another vendor")
    if evaluate_checked(engine, vp, data) is None:
        raise ConformanceError(f"{vp.name}: example {name} is refused as bad input")


def test_generated_cases_give_well_formed_decisions(
    supportcore_kit: Any, supportcore_max_examples: int, supportcore_samples: Samples
) -> None:
    """Generated cases in the vendor's own words give well-formed decisions, and reach its
    rules: most are not refused as bad input, and some are entitled."""
    vp, engine = supportcore_kit
    reach = Reach()

    @settings(
        max_examples=supportcore_max_examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        evaluate_checked(engine, vp, data.draw(cases_for(vp, supportcore_samples)), reach)

    run()
    reach.check(vp.name)
