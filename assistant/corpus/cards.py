"""Parse the project's knowledge cards (corpus/cards/*.md: YAML front matter, then the explainer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.corpus.markdown import front_matter, read_lines
from assistant.errors import CorpusParseError
from assistant.records import NATIONAL, Card

# Maps one written citation (《劳动合同法》第四十二条) to article ids, or raises ValueError.
CiteResolver = Callable[[str], tuple[str, ...]]


def parse_card_file(path: Path, rel: str, resolve: CiteResolver) -> Card:
    """Parse and check one card; every citation must name an article that exists in the corpus."""
    lines = read_lines(path, rel)
    if not lines or lines[0].strip() != "---":
        raise CorpusParseError(rel, 1, "a card starts with '---' and YAML front matter")
    front, body_start = front_matter(lines, rel)
    end = body_start - 1
    for key in ("id", "title", "cites"):
        if not front.get(key):
            raise CorpusParseError(rel, 2, f"missing field '{key}'")
    if str(front["id"]) != path.stem:
        raise CorpusParseError(rel, 2, f"id '{front['id']}' differs from the file name '{path.stem}'")
    body = "\n".join(lines[end + 1:]).strip()
    if not body:
        raise CorpusParseError(rel, end + 2, "card has no text")
    cites: list[str] = []
    for raw in _as_list(front["cites"]):
        try:
            cites.extend(resolve(raw))
        except ValueError as exc:
            line = next((i + 1 for i, ln in enumerate(lines[:end]) if raw in ln), 2)
            raise CorpusParseError(rel, line, f"citation {raw!r}: {exc}") from exc
    return Card(
        id=f"card:{front['id']}",
        title=str(front["title"]).strip(),
        text=body,
        questions=tuple(_as_list(front.get("questions"))),
        keywords=tuple(_as_list(front.get("keywords"))),
        cites=tuple(dict.fromkeys(cites)),
        region=str(front.get("region") or NATIONAL).strip(),
        topic=str(front.get("topic") or "").strip(),
        source=rel,
        asked_when=tuple(_as_list(front.get("asked_when"))),
    )


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]
