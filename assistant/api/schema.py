"""The answer's published JSON Schema (GET /v1/schema/answer, docs/answer.schema.json), versioned.

`python scripts/write_answer_schema.py` rewrites docs/answer.schema.json; a test fails while the file and the wire
model differ, and ANSWER_SCHEMA_VERSION (assistant/answering/jsonshape.py) must change with the shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.answering.jsonshape import ANSWER_SCHEMA_VERSION
from assistant.api.models import AnswerOut

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "answer.schema.json"
SCHEMA_ID = f"https://assistant.example.org/v1/schema/answer/{ANSWER_SCHEMA_VERSION}"


def answer_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one answer, with its version."""
    schema = AnswerOut.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "version": ANSWER_SCHEMA_VERSION,
        **schema,
    }


def schema_text() -> str:
    """The schema as the text kept in docs/answer.schema.json."""
    return json.dumps(answer_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

