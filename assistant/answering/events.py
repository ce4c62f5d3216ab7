"""The events of a streamed answer, and the answer JSON rebuilt from them.

Order, each sent once: `safety` (when she may be in danger, before anything else), `sources` (the articles
quoted, verbatim with version, as soon as retrieval and composing have chosen them), `summary` (the
conclusion), then `token` (LLM mode: the verified body, a sentence at a time) or `body`, then
`calculations`, `cases`, `next_steps`, `documents`, `notices` (empty ones are left out), and last a small
`done` with the fields no section carried and the ids of the citations the answer keeps, in order.
A second `sources` event adds articles the model cited that were not sent yet; a second `summary` or a
`body` after tokens replaces what was shown (the model's reply could not be used, or its first paragraph
leads). Joined, the events are exactly the answer of /v1/ask: `assemble(events) == answer_to_json(answer)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from assistant.answering.jsonshape import citation_json
from assistant.records import Citation

Event = dict[str, Any]  # {"event": name, "data": JSON-ready data}

SECTIONS = ("summary", "body", "calculations", "cases", "next_steps", "documents", "notices")
# The small fields `done` carries; everything else arrived in its own event.
DONE_FIELDS = ("schema_version", "question", "in_scope", "grounding", "mode", "region", "conversation_id",
               "topic", "follow_up", "gap", "disclaimer", "verification")
_EMPTY: dict[str, Any] = {"summary": "", "body": "", "calculations": [], "cases": [], "next_steps": [],
                          "documents": [], "notices": [], "safety": None}


def event(name: str, data: Any) -> Event:
    """One event."""
    return {"event": name, "data": data}


def sources_event(citations: Sequence[Citation]) -> Event:
    """The quoted articles, as soon as they are known."""
    return event("sources", [citation_json(c) for c in citations])


def closing_events(data: Mapping[str, Any], *, sent: Mapping[str, Any], sent_ids: set[str],
                   tokens: str) -> Iterator[Event]:
    """After the answer is finished: new sources, the sections not yet sent (or changed), then `done`."""
    extra = [c for c in data["citations"] if c["id"] not in sent_ids]
    if extra:
        yield event("sources", extra)
    for name in SECTIONS:
        value = data[name]
        if name in sent:
            if sent[name] != value:
                yield event(name, value)  # replaces what she already sees
            continue
        if name == "body" and tokens and value == tokens.strip():
            continue  # the tokens were the body
        if value or (name == "body" and tokens):
            yield event(name, value)
    done = {key: data[key] for key in DONE_FIELDS}
    done["citation_ids"] = [c["id"] for c in data["citations"]]
    yield event("done", done)


def assemble(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The answer JSON from a stream's events (what a client shows once `done` has arrived)."""
    out: dict[str, Any] = dict(_EMPTY)
    sources: dict[str, Any] = {}
    tokens: list[str] = []
    body_sent = False
    done: Mapping[str, Any] | None = None
    for ev in events:
        name, data = ev["event"], ev["data"]
        if name == "sources":
            sources.update((c["id"], c) for c in data)
        elif name == "token":
            tokens.append(str(data))
        elif name == "safety":
            out["safety"] = data
        elif name in SECTIONS:
            out[name] = data
            body_sent = body_sent or name == "body"
        elif name == "done":
            done = data
        elif name == "error":
            raise ValueError(f"the stream ended with an error: {data}")
    if done is None:
        raise ValueError("the stream ended before its done event")
    if not body_sent:
        out["body"] = "".join(tokens).strip()
    out.update({key: done[key] for key in DONE_FIELDS})
    out["citations"] = [sources[i] for i in done["citation_ids"]]
    return out
