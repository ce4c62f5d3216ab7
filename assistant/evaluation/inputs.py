"""Reading and writing question sheets as JSONL, CSV (UTF-8, Excel-friendly) and XLSX, with Chinese headers."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InvalidInputError

# Canonical column names, in sheet order.
COLUMNS = ("id", "question", "expected_citations", "in_scope", "expected_conclusion", "must_include",
           "must_not_include", "expected_templates", "category", "notes")
# The Chinese headers written to sheets (and accepted when read).
CHINESE = {
    "id": "编号", "question": "问题", "expected_citations": "应引用法条", "in_scope": "是否在范围内",
    "expected_conclusion": "预期结论", "must_include": "必含要点", "must_not_include": "不应出现",
    "expected_templates": "应推荐文书", "category": "类别", "notes": "备注",
}
ALIASES: dict[str, str] = {
    **{k: k for k in COLUMNS}, **{v: k for k, v in CHINESE.items()},
    "序号": "id", "题目": "question", "法条": "expected_citations", "应引法条": "expected_citations",
    "在范围内": "in_scope", "范围内": "in_scope", "推荐文书": "expected_templates", "要点": "must_include",
    "分类": "category", "说明": "notes", "结论": "expected_conclusion", "标准结论": "expected_conclusion",
    "期望结论": "expected_conclusion", "正确结论": "expected_conclusion", "不得出现": "must_not_include",
    "禁止出现": "must_not_include", "错误说法": "must_not_include",
}
REQUIRED = ("id", "question")
LIST_FIELDS = ("expected_citations", "expected_templates", "must_include", "must_not_include")
# Marks a sheet may carry on required headers (编号（必填）, 问题*); they are not part of the name.
_MARKS = re.compile(r"[（(]\s*(?:必填|选填|可选|范围内必填)\s*[)）]|[*＊]")
SUFFIXES = (".jsonl", ".csv", ".xlsx")
SHEET_NAME = "题集"
EXAMPLE = {
    "id": "ex-001", "question": "怀孕了公司要给我降薪合法吗？",
    "expected_citations": ["《女职工劳动保护特别规定》第五条", "《妇女权益保障法》第四十八条"],
    "in_scope": True, "expected_conclusion": "违法；单位不得因怀孕降低工资", "must_include": ["违法"],
    "must_not_include": ["可以降薪"], "expected_templates": ["孕期调岗降薪异议书"],
    "category": "孕期保护", "notes": "示例行，可删除；各列怎么填见“填写说明”表",
}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data row as read from a file, with the line or spreadsheet row it came from."""

    line: int
    data: dict[str, object]
    # Cell reference of each known column in this row (C5) for messages; empty for JSONL.
    cells: dict[str, str] = field(default_factory=dict)
    # Columns of her own (审核人 …), kept as (header, value) in sheet order and carried into the results.
    extra: tuple[tuple[str, str], ...] = ()


def header_key(name: object) -> str | None:
    """Canonical column for a header cell (English or Chinese, spaces and case ignored), or None."""
    text = _MARKS.sub("", str(name or "")).strip().replace(" ", "").replace("\u3000", "")
    return ALIASES.get(text) or ALIASES.get(text.lower())


def _table_rows(header: Sequence[object], body: Iterable[tuple[int, Sequence[object]]], path: Path) -> list[RawRow]:
    """Map a header row and data rows (with their row numbers) to RawRows; other columns are kept as extras."""
    from openpyxl.utils import get_column_letter

    keys: list[str | None] = []
    extra_names: dict[int, str] = {}
    problems = []
    for i, cell in enumerate(header):
        key = header_key(cell)
        if key is not None and key in keys:
            problems.append(f"第 1 行（表头）：“{str(cell).strip()}”与前面的列重复（都表示“{CHINESE[key]}”）")
            key = None
        elif key is None and str(cell or "").strip():
            extra_names[i] = str(cell).strip()
        keys.append(key)
    missing = [CHINESE[c] for c in REQUIRED if c not in keys]
    if missing:
        problems.append("第 1 行（表头）：缺少列 " + "、".join(missing) + "（必填列：编号、问题）")
    if problems:
        raise InvalidInputError(f"题集 {path.name} 的表头有误：\n" + "\n".join(problems), detail=problems)
    out: list[RawRow] = []
    for number, cells in body:
        data: dict[str, object] = {}
        refs: dict[str, str] = {}
        extra: list[tuple[str, str]] = []
        for i, (key, cell) in enumerate(zip(keys, cells, strict=False)):
            empty = cell is None or str(cell).strip() == ""
            if key is not None and not empty:
                data[key] = cell
                refs[key] = f"{get_column_letter(i + 1)}{number}"
            elif i in extra_names:
                extra.append((extra_names[i], "" if empty else _text(cell)))
        if data:
            out.append(RawRow(number, data, refs, tuple(extra)))
    return out


def _text(value: object) -> str:
    """A cell as text; spreadsheet numbers such as 12.0 become 12."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_jsonl(path: Path) -> tuple[list[RawRow], list[str]]:
    """Rows of a JSONL file and the lines that are not JSON objects."""
    rows: list[RawRow] = []
    errors: list[str] = []
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
        known = {k: v for k, v in data.items() if header_key(k) is not None}
        extra = tuple((str(k), _text(v)) for k, v in data.items() if header_key(k) is None and k != "extra")
        if isinstance(data.get("extra"), dict):
            extra += tuple((str(k), _text(v)) for k, v in data["extra"].items())
        rows.append(RawRow(n, {header_key(k) or k: v for k, v in known.items()}, {}, extra))
    return rows, errors


def read_csv(path: Path) -> list[RawRow]:
    """Rows of a CSV sheet (UTF-8 with or without BOM, or GBK as saved by older Excel)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    reader = csv.reader(io.StringIO(text, newline=""))
    all_rows = list(reader)
    if not all_rows:
        return []
    # csv.reader counts physical lines for multi-line cells; a spreadsheet counts records, as here.
    return _table_rows(all_rows[0], ((i, r) for i, r in enumerate(all_rows[1:], start=2)), path)


def read_xlsx(path: Path) -> list[RawRow]:
    """Rows of the first worksheet of an XLSX workbook."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or non-xlsx file
        raise InvalidInputError(f"无法打开 Excel 文件 {path}：{exc}") from exc
    try:
        # The template's first sheet is 题集; a workbook with the instructions first still works.
        ws = wb[SHEET_NAME] if SHEET_NAME in wb.sheetnames else wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows:
        return []
    return _table_rows(rows[0], ((i, r) for i, r in enumerate(rows[1:], start=2)), path)


def read_rows(path: Path) -> tuple[list[RawRow], list[str]]:
    """Raw rows of a question set by file type, plus format errors found while reading."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(path)
    if suffix == ".csv":
        return read_csv(path), []
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(path), []
    raise InvalidInputError(f"不支持的题集格式 {path.suffix!r}：请使用 .jsonl、.csv 或 .xlsx")


def _cell(value: object, key: str) -> object:
    """A value as written into a sheet cell (lists joined with ；, booleans as 是/否)."""
    if key in LIST_FIELDS:
        items = value if isinstance(value, list | tuple) else ([value] if value else [])
        return "；".join(str(v) for v in items)
    if key == "in_scope":
        return "是" if value in (True, None, "") else ("否" if value is False else str(value))
    return "" if value is None else str(value)


def write_rows(rows: Sequence[Mapping[str, object]], path: Path) -> None:
    """Write rows in the evaluation format; the file type follows the suffix (.jsonl, .csv, .xlsx).

    Keys other than the known columns are written as extra columns after them.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(dict(r), ensure_ascii=False) + "\n")
        return
    extra = list(dict.fromkeys(k for r in rows for k in r if k not in COLUMNS))
    table = [[_cell(r.get(k), k) for k in COLUMNS] + [_cell(r.get(k), k) for k in extra] for r in rows]
    if suffix == ".csv":
        from assistant.evaluation.template_sheet import header_cells

        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([*header_cells(), *extra])
            writer.writerows(table)
        return
    if suffix == ".xlsx":
        from assistant.evaluation.template_sheet import write_sheet

        write_sheet(table, path, extra)
        return
    raise InvalidInputError(f"不支持的输出格式“{path.suffix}”：请使用 .jsonl、.csv 或 .xlsx")
