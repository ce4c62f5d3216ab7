"""Question sets in the evaluation format (JSONL, CSV or XLSX), validated against the corpus before a run."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus import Corpus
from assistant.errors import InvalidInputError
from assistant.evaluation.citation_cells import AppendixCitation, CellError, ExpectedCitation, parse_citation
from assistant.evaluation.inputs import CHINESE, RawRow, read_rows

TRUE_WORDS = frozenset({"true", "1", "yes", "y", "t", "是", "对", "在", "√"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "f", "否", "不是", "不在", "×"})


@dataclass(frozen=True, slots=True)
class EvalRow:
    """One question with the articles a correct answer must cite and what its conclusion must say."""

    id: str
    question: str
    expected_citations: tuple[str, ...]  # as she wrote them, one item per ；-separated part of the cell
    expected_ids: tuple[str, ...]  # every article those items name, de-duplicated, in order
    in_scope: bool = True
    category: str = ""
    must_include: tuple[str, ...] = ()
    expected_templates: tuple[str, ...] = ()
    notes: str = ""
    must_not_include: tuple[str, ...] = ()
    expected_conclusion: str = ""
    expected_refs: tuple[ExpectedCitation, ...] = ()  # with the clause or item she named
    extra: tuple[tuple[str, str], ...] = ()  # her own columns, carried into the results
    # Where the row stands in its file (a JSONL line or a sheet row); not part of the row's content.
    line: int = field(default=0, compare=False)

    @property
    def row_hash(self) -> str:
        """Hash of the question and every expectation: changes when she edits the question or its standard."""
        return row_hash(self)


def row_hash(row: EvalRow) -> str:
    """sha256 (16 hex) of the question, scope, expected articles (with clauses), facts, conclusion and documents."""
    payload = {
        "question": " ".join(row.question.split()),
        "in_scope": row.in_scope,
        "expected": sorted({r.label for r in row.expected_refs} | set(row.expected_ids)),
        "must_include": list(row.must_include),
        "must_not_include": list(row.must_not_include),
        "expected_conclusion": " ".join(row.expected_conclusion.split()),
        "expected_templates": sorted(row.expected_templates),
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        text = value.replace(";", "；").replace("\r", "").replace("\n", "；")
        return tuple(v.strip() for v in text.split("；") if v.strip())
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    raise ValueError(f"应为文字或列表，收到的是 {type(value).__name__}")


def _scalar(value: object) -> str:
    """A cell as text; spreadsheet numbers such as 12.0 become 12."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value if value is not None else "").strip()


def parse_in_scope(value: object) -> bool:
    """是/否, TRUE/FALSE, 1/0 (and JSON booleans); empty means in scope; ValueError otherwise."""
    if value is None or value == "":
        return True
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = _scalar(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(f"无法识别“{value}”，请填 是 或 否")


def _where(raw: RawRow, key: str) -> str:
    """「应引用法条」(C5 单元格) — the column and, in a sheet, the cell."""
    cell = raw.cells.get(key)
    return f"「{CHINESE[key]}」（{cell} 单元格）" if cell else f"「{CHINESE[key]}」"


def _citations(raw: RawRow, corpus: Corpus, problems: list[str]) -> tuple[tuple[str, ...], list[ExpectedCitation],
                                                                           list[str]]:
    try:
        cites = _as_tuple(raw.data.get("expected_citations"))
    except ValueError as exc:
        problems.append(f"{_where(raw, 'expected_citations')}：{exc}")
        return (), [], []
    refs: list[ExpectedCitation] = []
    ids: list[str] = []
    for i, written in enumerate(cites, start=1):
        which = f"第 {i} 项“{written}”" if len(cites) > 1 else f"“{written}”"
        try:
            found = parse_citation(corpus, written)
        except CellError as exc:
            problems.append(f"{_where(raw, 'expected_citations')}{which}：{exc}")
            continue
        if isinstance(found, AppendixCitation):
            ids.extend(found.ids)
        else:
            refs.extend(found)
            ids.extend(r.id for r in found)
    return cites, refs, ids


def _templates(values: tuple[str, ...], templates: Mapping[str, str] | None, raw: RawRow,
               problems: list[str]) -> tuple[str, ...]:
    """Template ids for what she wrote (an id or the Chinese title)."""
    if templates is None:
        return values
    by_title = {title: tid for tid, title in templates.items()}
    out = []
    for v in values:
        tid = v if v in templates else by_title.get(v)
        if tid is None:
            problems.append(f"{_where(raw, 'expected_templates')}：没有名为“{v}”的文书（可用：{'、'.join(templates.values())}）")
        else:
            out.append(tid)
    return tuple(out)


def row_from_raw(raw: RawRow, corpus: Corpus, templates: Mapping[str, str] | None = None) -> EvalRow:
    """Validate one row; errors name the line (or spreadsheet row and cell) and the column."""
    problems: list[str] = []
    qid = _scalar(raw.data.get("id"))
    question = _scalar(raw.data.get("question"))
    if not qid:
        problems.append("缺少「编号」")
    if not question:
        problems.append("缺少「问题」")
    cites, refs, ids = _citations(raw, corpus, problems)
    try:
        in_scope = parse_in_scope(raw.data.get("in_scope"))
    except ValueError as exc:
        problems.append(f"{_where(raw, 'in_scope')}：{exc}")
        in_scope = True
    if in_scope and not cites and not problems:
        problems.append("在范围内的问题至少要填一条「应引用法条」（范围外的问题请把「是否在范围内」填为“否”）")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("expected_templates", "must_include", "must_not_include"):
        try:
            lists[key] = _as_tuple(raw.data.get(key))
        except ValueError as exc:
            problems.append(f"{_where(raw, key)}：{exc}")
            lists[key] = ()
    expected_templates = _templates(lists["expected_templates"], templates, raw, problems)
    clash = set(lists["must_include"]) & set(lists["must_not_include"])
    if clash:
        problems.append(f"“{'、'.join(sorted(clash))}”同时写在「必含要点」和「不应出现」里")
    if problems:
        raise InvalidInputError(f"第 {raw.line} 行：" + "；".join(problems), detail=problems)
    return EvalRow(
        id=qid, question=question, expected_citations=cites, expected_ids=tuple(dict.fromkeys(ids)),
        in_scope=in_scope, category=_scalar(raw.data.get("category")), must_include=lists["must_include"],
        expected_templates=expected_templates, notes=_scalar(raw.data.get("notes")),
        must_not_include=lists["must_not_include"], expected_conclusion=_scalar(raw.data.get("expected_conclusion")),
        expected_refs=tuple(refs), extra=raw.extra, line=raw.line,
    )


def row_from_dict(data: dict[str, object], line: int, corpus: Corpus,
                  templates: Mapping[str, str] | None = None) -> EvalRow:
    """Validate one row given as a dict of canonical column names."""
    return row_from_raw(RawRow(line, data), corpus, templates)


def _template_titles(templates: Mapping[str, str] | Collection[str] | None) -> Mapping[str, str] | None:
    if templates is None or isinstance(templates, Mapping):
        return templates
    return {t: t for t in templates}


def load_dataset(path: Path, corpus: Corpus,
                 templates: Mapping[str, str] | Collection[str] | None = None) -> list[EvalRow]:
    """Read and validate a question set (.jsonl, .csv, .xlsx); every bad row is reported at once, nothing runs.

    `templates` maps template ids to their Chinese titles (either may be written in the sheet).
    """
    if not path.is_file():
        raise InvalidInputError(f"找不到题集文件：{path.name}（{path.parent}）")
    raw_rows, errors = read_rows(path)
    titles = _template_titles(templates)
    rows: list[EvalRow] = []
    seen: set[str] = set()
    for raw in raw_rows:
        try:
            row = row_from_raw(raw, corpus, titles)
        except InvalidInputError as exc:
            errors.append(exc.message)
            continue
        if row.id in seen:
            errors.append(f"第 {raw.line} 行：编号“{row.id}”与前面的题目重复")
            continue
        seen.add(row.id)
        rows.append(row)
    if errors:
        errors.sort(key=_line_of)
        raise InvalidInputError(f"题集 {path.name} 有 {len(errors)} 处错误，请改正后再运行（没有运行任何题目）：\n"
                                + "\n".join(errors), detail=errors)
    if not rows:
        raise InvalidInputError(f"题集 {path.name} 是空的")
    return rows


def _line_of(message: str) -> int:
    digits = message.removeprefix("第 ").split(" ", 1)[0]
    return int(digits) if digits.isdigit() else 0
