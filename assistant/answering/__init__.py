"""Grounded answers: quoted and verified citations, cases, next steps, multi-turn and safe refusals.

AnswerService(runtime, settings)          built once; .ask(question, region=, conversation_id=) -> Answer
AnswerService.stream(question, ...)       events: safety / sources / summary / token / body … / done (events.py)
answer_to_json(answer)                    the JSON form shared by the CLI and the API
assemble(events)                          the same JSON rebuilt from a stream's events
"""

from __future__ import annotations

from assistant.answering.conversations import ConversationStore
from assistant.answering.events import assemble
from assistant.answering.jsonshape import ANSWER_SCHEMA_VERSION, answer_to_json, citation_json
from assistant.answering.service import AnswerService
from assistant.privacy import redact

__all__ = ["ANSWER_SCHEMA_VERSION", "AnswerService", "ConversationStore", "answer_to_json", "assemble",
           "citation_json", "redact"]
