"""Question sets in the evaluation format (JSONL, CSV or XLSX), validated against the corpus before a run."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus import Corpus
from assistant.errors import InvalidInputError
from assistant.evaluation.inputs import read_rows

TRUE_WORDS = frozenset({"true", "1", "yes", "y", "t", "是", "对", "在", "√"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "f", "否", "不是", "不在", "×"})


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
        text = value.replace(";", "；").replace("\r", "").replace("\n", "；")
        return tuple(v.strip() for v in text.split("；") if v.strip())
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    raise ValueError(f"expected a list or a string, got {type(value).__name__}")


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
    raise ValueError(f"无法识别 {value!r}，请填 是/否、TRUE/FALSE 或 1/0")


def row_from_dict(
    data: dict[str, object], line: int, corpus: Corpus, templates: Collection[str] | None = None
) -> EvalRow:
    """Validate one row; errors name the line (or spreadsheet row) and the field."""
    problems = []
    qid = _scalar(data.get("id"))
    question = _scalar(data.get("question"))
    if not qid:
        problems.append("缺少 id（编号）")
    if not question:
        problems.append("缺少 question（问题）")
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
    try:
        in_scope = parse_in_scope(data.get("in_scope"))
    except ValueError as exc:
        problems.append(f"in_scope（是否在范围内）：{exc}")
        in_scope = True
    if in_scope and not cites and not problems:
        problems.append("在范围内的问题至少要填一条应引用法条（范围外的问题请把“是否在范围内”填为“否”）")
    try:
        expected_templates = _as_tuple(data.get("expected_templates"))
        must_include = _as_tuple(data.get("must_include"))
    except ValueError as exc:
        problems.append(str(exc))
        expected_templates = must_include = ()
    if templates is not None:
        problems += [f"文书模板 {t!r} 不存在（可用：{'、'.join(sorted(templates))}）"
                     for t in expected_templates if t not in templates]
    if problems:
        raise InvalidInputError(f"第 {line} 行：" + "；".join(problems), detail=problems)
    return EvalRow(
        id=qid,
        question=question,
        expected_citations=cites,
        expected_ids=tuple(dict.fromkeys(ids)),
        in_scope=in_scope,
        category=_scalar(data.get("category")),
        must_include=must_include,
        expected_templates=expected_templates,
        notes=_scalar(data.get("notes")),
    )


def load_dataset(path: Path, corpus: Corpus, templates: Collection[str] | None = None) -> list[EvalRow]:
    """Read and validate a question set (.jsonl, .csv, .xlsx); every bad row is reported at once, nothing runs."""
    if not path.is_file():
        raise InvalidInputError(f"找不到题集文件：{path}")
    raw_rows, errors = read_rows(path)
    rows: list[EvalRow] = []
    seen: set[str] = set()
    for raw in raw_rows:
        try:
            row = row_from_dict(raw.data, raw.line, corpus, templates)
        except InvalidInputError as exc:
            errors.append(exc.message)
            continue
        if row.id in seen:
            errors.append(f"第 {raw.line} 行：id {row.id!r} 重复")
            continue
        seen.add(row.id)
        rows.append(row)
    if errors:
        errors.sort(key=_line_of)
        raise InvalidInputError(f"题集 {path} 有 {len(errors)} 处错误：\n" + "\n".join(errors), detail=errors)
    if not rows:
        raise InvalidInputError(f"题集 {path} 是空的")
    return rows


def _line_of(message: str) -> int:
    digits = message.removeprefix("第 ").split(" ", 1)[0]
    return int(digits) if digits.isdigit() else 0
