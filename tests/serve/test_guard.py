"""Safe by default: tokens, loopback, body size, concurrency, CORS, the decision log."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from supportcore.serve import ServeConfig, Service, StartupError, create_app

from .conftest import acme_case, acme_engine

TOKEN = b"s3cret-token-of-the-help-desk"


def test_without_a_token_v1_is_401_and_health_stays_open(make_client):
    client = make_client(tokens=(TOKEN,))
    response = client.post("/v1/decisions", json=acme_case())
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["type"] == "/problems/unauthorized"
    assert client.get("/healthz").status_code == 200
    assert client.get("/openapi.json").json()["security"] == [{"bearer": []}]


def test_a_wrong_token_is_401_and_the_right_one_decides(make_client):
    client = make_client(tokens=(b"another-token-0123456789", TOKEN))
    wrong = {"Authorization": "Bearer s3cret-token-of-the-help-des"}
    right = {"Authorization": f"Bearer {TOKEN.decode()}"}
    assert client.post("/v1/decisions", json=acme_case(), headers=wrong).status_code == 401
    assert client.post("/v1/decisions", json=acme_case(), headers=right).status_code == 200


def test_listening_beyond_loopback_needs_a_token_file(tmp_path):
    with pytest.raises(StartupError) as info:
        Service.build(ServeConfig(host="0.0.0.0"))
    assert "--token-file" in str(info.value) and info.value.exit_code == 2
    tokens = tmp_path / "tokens"
    tokens.write_text(f"# the help desk\n{TOKEN.decode()}\n", encoding="utf-8")
    service = Service.build(ServeConfig(host="0.0.0.0", token_file=str(tokens)))
    assert service.tokens == (TOKEN,)


def test_a_token_file_with_a_short_token_is_refused(tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text("abc\n", encoding="utf-8")
    with pytest.raises(StartupError, match="shorter than 16"):
        Service.build(ServeConfig(token_file=str(tokens)))


def test_invalid_settings_stop_start_up_with_the_clis_messages(tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('[binarema]\nno_such_setting = "1"\n', encoding="utf-8")
    with pytest.raises(StartupError) as info:
        Service.build(ServeConfig(settings=(str(settings),)))
    assert info.value.exit_code == 2
    assert "binarema.no_such_setting: unknown setting" in "\n".join(info.value.messages)


def test_a_body_over_the_limit_is_413_declared_or_streamed(make_client):
    client = make_client(max_body=1000)
    big = json.dumps(acme_case(summary="x" * 2000)).encode()
    response = client.post("/v1/decisions", content=big)
    assert response.status_code == 413 and response.json()["type"] == "/problems/too-large"
    streamed = client.post("/v1/decisions", content=iter([big[:600], big[600:]]))
    assert streamed.status_code == 413


def test_one_request_more_than_the_concurrency_is_503_busy_at_once():
    service = Service(ServeConfig(concurrency=1, timeout=5), acme_engine())
    app = create_app(service)

    async def run() -> list[httpx.Response]:
        from concurrent.futures import ThreadPoolExecutor

        app.state.executor = ThreadPoolExecutor(2)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            slow = asyncio.create_task(
                client.post("/v1/decisions", json=acme_case(facts={"sleep": "0.5"}))
            )
            await asyncio.sleep(0.1)
            busy = await client.post("/v1/decisions", json=acme_case())
            return [await slow, busy]

    slow, busy = asyncio.run(run())
    assert slow.status_code == 200
    assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
    assert busy.json()["type"] == "/problems/busy"


def test_cors_is_off_unless_an_origin_is_configured(make_client):
    origin = {"Origin": "https://desk.example.com"}
    plain = make_client().get("/v1/vendors", headers=origin)
    assert "access-control-allow-origin" not in plain.headers
    allowed = make_client(cors_origins=("https://desk.example.com",))
    response = allowed.get("/v1/vendors", headers=origin)
    assert response.headers["access-control-allow-origin"] == "https://desk.example.com"


def test_the_decision_log_has_one_line_per_decision_with_its_provenance(make_client, tmp_path):
    log = tmp_path / "decisions.jsonl"
    client = make_client(decision_log=str(log))
    response = client.post("/v1/decisions", json=acme_case())
    client.post("/v1/decisions/batch", content=(json.dumps(acme_case()) + "\n").encode())
    client.post("/v1/decisions", json=acme_case(channel="pigeon"))  # refused: no decision
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert len(lines) == 2
    first = lines[0]
    assert first["decision_id"] == response.headers["supportcore-decision-id"]
    decision = response.json()
    assert first["input_digest"] == decision["provenance"]["input_digest"]
    assert first["settings_digest"] == decision["provenance"]["settings_digest"]
    assert first["eligibility"] == decision["eligibility"]["status"]
    assert {"time", "duration_ms", "vendor", "case_id", "core_version", "closure"} <= set(first)
    assert "input" not in first


def test_log_input_writes_the_case_too(make_client, tmp_path):
    log = tmp_path / "decisions.jsonl"
    client = make_client(decision_log=str(log), log_input=True)
    client.post("/v1/decisions", json=acme_case())
    assert json.loads(log.read_text())["input"] == acme_case()
