"""Property-based: schemathesis generates requests from the OpenAPI spec; no response may be a 5xx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from api_support import answer_service, make_settings, shared_runtime
from asr_standin import asr_server
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from assistant.api import create_app

schemathesis = pytest.importorskip("schemathesis")

_DATA = Path(__import__("tempfile").mkdtemp(prefix="assistant-fuzz-"))
# A recogniser is configured (a stand-in), so POST /v1/speech answers by the generated body, not 503.
_ASR = asr_server()
_SETTINGS = make_settings(_DATA, rate_limits=False, asr_base_url=_ASR.__enter__().base_url)
_APP = create_app(_SETTINGS, runtime=shared_runtime(), answers=answer_service(shared_runtime(), _SETTINGS))
_CLIENT = TestClient(_APP)
_CLIENT.__enter__()  # run the lifespan once; the app keeps its state for every generated call
_KEY = _APP.state.assistant.storage.keys.create("fuzz", ["ask", "admin"])[1]  # every route, the statistics too

schema = schemathesis.openapi.from_asgi("/openapi.json", _APP)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    response = case.call(headers={"X-API-Key": _KEY})
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    if response.status_code >= 400:  # every error is {"code", "message"} with a Chinese message
        body = response.json()
        assert set(body) >= {"code", "message"}, body
