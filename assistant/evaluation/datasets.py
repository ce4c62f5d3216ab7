"""Question sets in the evaluation format: one JSON object per line (JSONL)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus import Corpus
from assistant.errors import InvalidInputError


@dataclass(frozen=True, slots=True)
class EvalRow:
    """One question with the articles a correct answer must cite."""

    id: str
    question: str
    expected_citations: tuple[str, ...]
    expected_ids: tuple[str, ...]
    in_scope: bool = True
    category: str = ""
    must_include: tuple[str, ...] = ()
    expected_templates: tuple[str, ...] = ()
    notes: str = ""


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.replace(";", "；").replace("\n", "；").split("；") if v.strip())
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    raise ValueError(f"expected a list or a string, got {type(value).__name__}")


def row_from_dict(data: dict[str, object], line: int, corpus: Corpus) -> EvalRow:
    """Validate one row; errors name the line and the field."""
    problems = []
    qid = str(data.get("id") or "").strip()
    question = str(data.get("question") or "").strip()
    if not qid:
        problems.append("缺少 id")
    if not question:
        problems.append("缺少 question")
    try:
        cites = _as_tuple(data.get("expected_citations"))
    except ValueError as exc:
        problems.append(f"expected_citations：{exc}")
        cites = ()
    ids: list[str] = []
    for c in cites:
        try:
            ids.extend(corpus.resolve_written(c))
        except ValueError as exc:
            problems.append(f"引用 {c!r} 在语料库中找不到（{exc}）")
    in_scope = data.get("in_scope", True)
    if isinstance(in_scope, str):
        in_scope = in_scope.strip().lower() not in {"false", "0", "no", "否", ""}
    if problems:
        raise InvalidInputError(f"第 {line} 行：" + "；".join(problems), detail=problems)
    return EvalRow(
        id=qid,
        question=question,
        expected_citations=cites,
        expected_ids=tuple(dict.fromkeys(ids)),
        in_scope=bool(in_scope),
        category=str(data.get("category") or "").strip(),
        must_include=_as_tuple(data.get("must_include")),
        expected_templates=_as_tuple(data.get("expected_templates")),
        notes=str(data.get("notes") or ""),
    )


def load_dataset(path: Path, corpus: Corpus) -> list[EvalRow]:
    """Read and validate a JSONL question set; every bad row is reported at once, with its line."""
    if not path.is_file():
        raise InvalidInputError(f"找不到题集文件：{path}")
    rows: list[EvalRow] = []
    errors: list[str] = []
    seen: set[str] = set()
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            errors.append(f"第 {n} 行：不是合法的 JSON 对象（{exc}）")
            continue
        try:
            row = row_from_dict(data, n, corpus)
        except InvalidInputError as exc:
            errors.append(exc.message)
            continue
        if row.id in seen:
            errors.append(f"第 {n} 行：id {row.id!r} 重复")
            continue
        seen.add(row.id)
        rows.append(row)
    if errors:
        raise InvalidInputError(f"题集 {path} 有 {len(errors)} 处错误：\n" + "\n".join(errors), detail=errors)
    if not rows:
        raise InvalidInputError(f"题集 {path} 是空的")
    return rows
