"""The API with the real embedding model (hybrid search); marked `model` (index under var/index)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.model
MODEL = PROJECT_ROOT / "models" / "multilingual-e5-small"
if not (MODEL / "config.json").exists() and not (MODEL / "modules.json").exists():
    pytest.skip(f"embedding model not provisioned at {MODEL}", allow_module_level=True)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data: Path = tmp_path_factory.mktemp("model-data")
    settings = Settings(embedding_model=str(MODEL), data_dir=data, api_auth=False, rate_limits=False)
    with TestClient(create_app(settings)) as c:
        yield c


def test_ready_in_hybrid_mode(api: TestClient) -> None:
    ready = api.get("/readyz").json()
    assert ready["mode"] == "hybrid" and ready["status"] == "ready", ready


def test_hybrid_search_and_answer(api: TestClient) -> None:
    hits = api.get("/v1/search", params={"q": "老板说我怀孕了就要给我减工资", "k": 8}).json()["hits"]
    assert "女职工劳动保护特别规定#5" in [h["id"] for h in hits]
    answer = api.post("/v1/ask", json={"question": "怀孕了公司要给我降薪合法吗"})
    assert answer.status_code == 200
    assert any(c["id"] == "女职工劳动保护特别规定#5" for c in answer.json()["citations"])
