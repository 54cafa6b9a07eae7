"""A property-based run of the OpenAPI document against a live server (schemathesis): no
request, however odd, gets a 5xx, an undocumented status, or a body off its schema."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schemathesis.serializer("application/x-ndjson")
def _json_lines(_ctx: object, value: object) -> bytes:
    """A batch body: the generated text as it is."""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else b""


#: examples per operation: eight operations, a few hundred requests, well under a minute
EXAMPLES = 40


def test_the_service_keeps_to_its_openapi_document(acme_live):
    schema = schemathesis.openapi.from_url(f"{acme_live}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    calls = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_it(case) -> None:
            nonlocal calls
            calls += 1
            case.call_and_validate(timeout=10, checks=CHECKS)

        keeps_to_it()
    assert calls >= 100
