"""A real uvicorn server on 127.0.0.1, started as ``supportcore serve`` in a subprocess."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time

import httpx

from supportcore.convert import read_document
from supportcore.serve.config import _as_json

from .conftest import REPO, SETTINGS, Server, free_port

BINAREMA = REPO / "examples/binarema/01-free-period-usage-question.toml"


def test_a_decision_over_http_is_the_one_made_in_process(live):
    from supportcore import Engine

    case = _as_json(read_document(BINAREMA))
    response = httpx.post(f"{live.url}/v1/decisions", json=case, timeout=10)
    assert response.status_code == 200
    engine = Engine(str(REPO / "examples/binarema/settings.toml"))
    from supportcore.convert import decision_to_dict

    assert response.json() == json.loads(json.dumps(decision_to_dict(engine.evaluate(case))))
    logged = [json.loads(x) for x in live.decision_log.read_text().splitlines()]
    ids = {line["decision_id"] for line in logged}
    assert response.headers["supportcore-decision-id"] in ids


def test_a_batch_is_streamed_back_row_by_row_in_order(live):
    case = _as_json(read_document(BINAREMA))
    lines = [json.dumps({**case, "id": f"T-{i}"}) for i in range(300)]
    lines[7] = "{broken"
    body = ("\n".join(lines) + "\n").encode()
    with httpx.stream("POST", f"{live.url}/v1/decisions/batch", content=body, timeout=30) as r:
        assert r.status_code == 200
        rows = [json.loads(line) for line in r.iter_lines() if line]
    assert [row["line"] for row in rows] == list(range(1, 301))
    assert rows[7]["ok"] is False and rows[8]["decision"]["case_id"] == "T-8"


def test_sigterm_lets_a_request_in_flight_finish_then_the_server_ends(tmp_path):
    server = Server(*(a for s in SETTINGS for a in ("--settings", s)), tmp=tmp_path).start()
    case = _as_json(read_document(BINAREMA))
    body = ("\n".join(json.dumps(case) for _ in range(1500)) + "\n").encode()
    result: dict[str, object] = {}

    def send() -> None:
        with httpx.stream(
            "POST", f"{server.url}/v1/decisions/batch", content=body, timeout=60
        ) as r:
            result["rows"] = sum(1 for line in r.iter_lines() if line)

    thread = threading.Thread(target=send)
    thread.start()
    time.sleep(0.3)
    code = server.stop(timeout=60)
    thread.join(60)
    assert code in (0, -signal.SIGTERM)  # uvicorn ends by the signal once it has shut down
    assert result.get("rows") == 1500


def test_start_up_stops_on_invalid_settings_with_exit_2(tmp_path):
    bad = tmp_path / "settings.toml"
    bad.write_text('[binarema]\nnot_a_setting = "1"\n', encoding="utf-8")
    cmd = [sys.executable, "-m", "supportcore", "serve", "--port", str(free_port())]
    done = subprocess.run([*cmd, "--settings", str(bad)], capture_output=True, timeout=60)
    assert done.returncode == 2
    assert b"binarema.not_a_setting: unknown setting" in done.stderr


def test_a_non_loopback_address_without_a_token_file_is_refused(tmp_path):
    cmd = [sys.executable, "-m", "supportcore", "serve", "--host", "0.0.0.0"]
    done = subprocess.run([*cmd, "--port", str(free_port())], capture_output=True, timeout=60)
    assert done.returncode == 2
    assert b"--token-file" in done.stderr


def test_two_workers_each_answer(tmp_path):
    args = [a for s in SETTINGS for a in ("--settings", s)]
    server = Server(*args, "--workers", "2", tmp=tmp_path).start()
    try:
        case = _as_json(read_document(BINAREMA))
        with httpx.Client(timeout=10) as client:
            codes = {
                client.post(f"{server.url}/v1/decisions", json=case).status_code for _ in range(20)
            }
        assert codes == {200}
    finally:
        assert server.stop() in (0, -signal.SIGTERM)
