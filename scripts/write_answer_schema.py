"""Rewrite docs/answer.schema.json from the answer's wire model (bump ANSWER_SCHEMA_VERSION when it changes)."""

from __future__ import annotations

from assistant.answering.jsonshape import ANSWER_SCHEMA_VERSION
from assistant.api.schema import SCHEMA_FILE, schema_text

if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE} (version {ANSWER_SCHEMA_VERSION})")
