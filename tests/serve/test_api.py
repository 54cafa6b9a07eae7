"""The service in process: decisions as the CLI makes them, batches as supportcore batch
writes them, problems as RFC 9457 documents naming each field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supportcore.batch import evaluate_lines
from supportcore.cli import main
from supportcore.convert import read_document
from supportcore.serve.config import _as_json

from .conftest import EXAMPLES, REPO, SETTINGS, acme_case, acme_engine

BINAREMA = REPO / "examples/binarema/01-free-period-usage-question.toml"


@pytest.fixture(scope="module")
def installed():
    from starlette.testclient import TestClient

    from supportcore.serve import ServeConfig, Service, create_app

    service = Service.build(ServeConfig(settings=SETTINGS, examples=(EXAMPLES,)))
    with TestClient(create_app(service)) as client:
        yield client


def cli_json(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_decision_is_exactly_what_evaluate_json_prints(installed):
    settings = str(REPO / "examples/binarema/settings.toml")
    expected = cli_json("evaluate", str(BINAREMA), "--settings", settings, "--json")
    response = installed.post("/v1/decisions", json=_as_json(read_document(BINAREMA)))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == expected


def test_the_case_may_come_in_an_envelope_with_its_instant(client):
    case = acme_case()
    at = "2025-03-04T10:00:00+01:00"
    enveloped = client.post("/v1/decisions", json={"case": case, "at": at})
    queried = client.post("/v1/decisions", json=case, params={"at": at})
    assert enveloped.status_code == queried.status_code == 200
    assert enveloped.json()["evaluated_at"] == queried.json()["evaluated_at"] == at


def test_a_case_without_its_instant_is_evaluated_now_when_asked(client):
    case = {k: v for k, v in acme_case().items() if k != "at"}
    assert client.post("/v1/decisions", json=case).status_code == 422
    assert client.post("/v1/decisions", json=case, params={"at": "now"}).status_code == 200


def test_accept_text_plain_gives_the_explanation_the_cli_prints(client):
    response = client.post("/v1/decisions", json=acme_case(), headers={"Accept": "text/plain"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "T-1" in response.text


def test_a_body_that_is_not_json_is_400_naming_where(client):
    response = client.post("/v1/decisions", content=b'{"vendor": ')
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/problems/invalid-json" and problem["status"] == 400
    assert problem["errors"][0]["field"] == "(body)"


def test_a_key_given_twice_is_refused_as_a_case_file_is(client):
    response = client.post("/v1/decisions", content=b'{"vendor": "acme", "vendor": "x"}')
    assert response.status_code == 400
    assert "vendor" in json.dumps(response.json()["errors"])


def test_an_invalid_case_is_422_with_one_entry_per_field(client):
    case = acme_case(channel="pigeon", received_at="2025-03-03T09:00:00")
    response = client.post("/v1/decisions", json=case)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"request.channel", "request.received_at"} <= fields


def test_an_unknown_vendor_is_bad_input(client):
    response = client.post("/v1/decisions", json={**acme_case(), "vendor": "nobody"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "vendor"


def test_a_number_too_long_to_read_is_refused_by_its_field(client):
    body = json.dumps(acme_case()).replace('"T-1"', "1" + "0" * 5000, 1).encode()
    response = client.post("/v1/decisions", content=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "id"


def test_an_envelope_with_an_unknown_key_is_refused(client):
    response = client.post("/v1/decisions", json={"case": acme_case(), "when": "now"})
    assert response.status_code == 400
    assert "when" in response.json()["detail"]


def test_a_plugin_failure_is_500_with_the_partial_decision(client):
    response = client.post("/v1/decisions", json=acme_case(facts={"explode": "1"}))
    assert response.status_code == 500
    problem = response.json()
    assert problem["type"] == "/problems/plugin-failure"
    assert problem["errors"][0]["field"] == "acme.supportcore_pricing"
    assert "ZeroDivisionError" in problem["errors"][0]["message"]
    assert problem["decision"]["price"]["status"] == "undetermined"
    assert problem["decision"]["eligibility"]["status"] != "undetermined"


def test_in_strict_mode_a_plugin_failure_has_no_decision(make_client):
    client = make_client(acme_engine(strict=True), strict=True)
    response = client.post("/v1/decisions", json=acme_case(facts={"explode": "1"}))
    assert response.status_code == 500
    assert "decision" not in response.json()


def test_a_decision_past_the_time_limit_is_503(make_client):
    client = make_client(timeout=0.2)
    response = client.post("/v1/decisions", json=acme_case(facts={"sleep": "1"}))
    assert response.status_code == 503
    assert response.json()["type"] == "/problems/time-limit"


def test_an_unexpected_error_names_only_its_type(client, monkeypatch):
    engine = client.app.state.service.engine

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret path /etc/x at line 12")

    monkeypatch.setattr(engine, "evaluate", broken)
    response = client.post("/v1/decisions", json=acme_case())
    assert response.status_code == 500
    text = response.text
    assert "RuntimeError" in text and "secret" not in text and "Traceback" not in text


def test_unknown_paths_and_methods_are_problems_too(client):
    assert client.get("/v2/nothing").json()["type"] == "/problems/not-found"
    response = client.get("/v1/decisions")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"


def test_vendors_is_what_vendors_json_prints(installed):
    assert installed.get("/v1/vendors").json() == cli_json("vendors", "--json")


def test_terms_are_what_terms_json_prints(installed):
    expected = cli_json("terms", "softmas", "--json")
    assert installed.get("/v1/vendors/softmas/terms").json() == expected


def test_terms_of_an_unknown_vendor_or_version_are_404(installed):
    assert installed.get("/v1/vendors/nobody/terms").status_code == 404
    assert installed.get("/v1/vendors/softmas/terms", params={"version": "1890"}).status_code == 404


def test_examples_are_listed_and_served_as_json_cases(installed):
    names = installed.get("/v1/vendors/juweliers/examples").json()
    assert names and all(n[0].isdigit() for n in names)
    case = installed.get(f"/v1/vendors/juweliers/examples/{names[0]}").json()
    assert case["vendor"] == "juweliers"
    assert installed.post("/v1/decisions", json=case).status_code == 200
    assert installed.get("/v1/vendors/juweliers/examples/nothing").status_code == 404


# --------------------------------------------------------------------------- batches


def jsonl(*rows: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode()


def test_a_batch_gives_the_rows_supportcore_batch_writes_in_order(client):
    body = jsonl(acme_case(), "{not json", "", acme_case(channel="pigeon"), acme_case())
    response = client.post("/v1/decisions/batch", content=body)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in response.text.splitlines()]
    expected = list(evaluate_lines(body.decode().splitlines(), client.app.state.service.engine))
    assert rows == json.loads(json.dumps(expected))
    assert [(r["line"], r["ok"]) for r in rows] == [(1, True), (2, False), (4, False), (5, True)]


def test_a_batch_row_past_the_time_limit_is_a_timeout_row_and_the_rest_go_on(make_client):
    client = make_client(timeout=0.2)
    body = jsonl(acme_case(facts={"sleep": "1"}), acme_case())
    rows = [
        json.loads(x) for x in client.post("/v1/decisions/batch", content=body).text.splitlines()
    ]
    assert rows[0]["errors"][0]["field"] == "(timeout)" and rows[1]["ok"] is True


def test_a_batch_line_longer_than_the_body_limit_is_an_error_row(make_client):
    client = make_client(max_body=2000)
    long_case = acme_case(summary="x" * 5000)
    body = jsonl(acme_case(), long_case, acme_case())
    rows = [
        json.loads(x) for x in client.post("/v1/decisions/batch", content=body).text.splitlines()
    ]
    assert [r["ok"] for r in rows] == [True, False, True]
    assert rows[1]["errors"][0]["field"] == "(line)"


def test_a_batch_with_a_bad_instant_is_refused_before_any_row(client):
    response = client.post("/v1/decisions/batch", content=jsonl(acme_case()), params={"at": "x"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "at"


def test_a_batch_at_an_instant_evaluates_every_row_then(client):
    at = "2025-03-05T11:00:00+01:00"
    body = jsonl(acme_case(), acme_case())
    rows = client.post("/v1/decisions/batch", content=body, params={"at": at}).text.splitlines()
    assert {json.loads(r)["decision"]["evaluated_at"] for r in rows} == {at}


# --------------------------------------------------------------------------- lang


@pytest.mark.parametrize(
    ("where", "expected"),
    [("query", "es"), ("body", "nl-BE"), ("header", "nl"), ("none", None)],
)
def test_lang_is_taken_from_the_body_the_query_or_accept_language(where, expected):
    from starlette.requests import Request

    from supportcore.serve.routes import parse_decision_request

    query = b"lang=es" if where == "query" else b""
    header = b"fr-BE,fr;q=0.9,nl-BE;q=0.8" if where == "header" else b"fr"
    headers = [(b"accept-language", header)]
    scope = {"type": "http", "query_string": query, "headers": headers}
    case = acme_case()
    body = {"case": case, "lang": "nl-BE"} if where == "body" else case
    parsed = parse_decision_request(json.dumps(body).encode(), Request(scope))
    assert parsed.lang == expected and parsed.case == case


def test_the_explanations_come_in_the_language_asked_for(installed):
    case = _as_json(read_document(BINAREMA))
    english = installed.post("/v1/decisions", json=case, params={"lang": "en"}).json()
    dutch = installed.post("/v1/decisions", json=case, headers={"Accept-Language": "nl"})
    assert english["lang"] == "en" and dutch.json()["lang"] == "nl"
    assert english["eligibility"]["status"] == dutch.json()["eligibility"]["status"]


def test_a_batch_is_explained_in_the_language_asked_for_on_every_row(installed):
    case = json.dumps(_as_json(read_document(BINAREMA)))
    body = f"{case}\n{case}\n".encode()
    queried = installed.post("/v1/decisions/batch", content=body, params={"lang": "en"})
    headed = installed.post("/v1/decisions/batch", content=body, headers={"Accept-Language": "nl"})
    own = installed.post("/v1/decisions/batch", content=body)
    for response, lang in ((queried, "en"), (headed, "nl"), (own, "es")):
        rows = [json.loads(line) for line in response.text.splitlines()]
        assert [r["decision"]["lang"] for r in rows] == [lang, lang]
    english = json.loads(queried.text.splitlines()[0])["decision"]
    single = installed.post("/v1/decisions", content=case, params={"lang": "en"}).json()
    assert english == single


def test_a_batch_in_a_language_explanations_are_not_written_in_is_refused_before_any_row(client):
    response = client.post(
        "/v1/decisions/batch", content=jsonl(acme_case()), params={"lang": "tlh"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "lang"


def test_a_language_explanations_are_not_written_in_is_refused_by_name(client):
    response = client.post("/v1/decisions", json=acme_case(), params={"lang": "tlh"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "lang"


# --------------------------------------------------------------------------- OpenAPI, page


def test_the_openapi_document_is_3_1_and_documents_every_route(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    assert {"Case", "Decision", "Problem", "Provenance"} <= set(doc["components"]["schemas"])
    routes = {r.path for r in client.app.routes if r.path.startswith("/v1/")}
    assert routes <= set(doc["paths"])


def test_the_page_and_the_docs_use_no_external_asset(client):
    for path in ("/", "/docs", "/static/app.js", "/static/docs.js", "/static/app.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "http://" not in response.text and "https://" not in response.text, path
    assert "innerHTML" not in client.get("/static/app.js").text


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["vendors"] == ["acme"]


def test_examples_folder_of_vendor_folders_and_a_vendor_folder_are_both_read(tmp_path: Path):
    from supportcore.serve.config import load_examples

    vendors = {"binarema": object()}
    whole = load_examples((EXAMPLES,), vendors)
    one = load_examples((str(REPO / "examples/binarema"),), vendors)
    assert whole == one and len(one["binarema"]) >= 10
