"""Reading and writing question sheets as JSONL, CSV (UTF-8, Excel-friendly) and XLSX, with Chinese headers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InvalidInputError

# Canonical column names, in sheet order.
COLUMNS = ("id", "question", "expected_citations", "in_scope", "expected_templates", "must_include", "category", "notes")
# The Chinese headers written to sheets (and accepted when read).
CHINESE = {
    "id": "编号", "question": "问题", "expected_citations": "应引用法条", "in_scope": "是否在范围内",
    "expected_templates": "应推荐文书", "must_include": "必含要点", "category": "类别", "notes": "备注",
}
ALIASES: dict[str, str] = {
    **{k: k for k in COLUMNS}, **{v: k for k, v in CHINESE.items()},
    "序号": "id", "题目": "question", "法条": "expected_citations", "应引法条": "expected_citations",
    "在范围内": "in_scope", "范围内": "in_scope", "推荐文书": "expected_templates", "要点": "must_include",
    "分类": "category", "说明": "notes",
}
REQUIRED = ("id", "question")
LIST_FIELDS = ("expected_citations", "expected_templates", "must_include")
SUFFIXES = (".jsonl", ".csv", ".xlsx")
EXAMPLE = {
    "id": "ex-001", "question": "怀孕了公司要给我降薪合法吗？",
    "expected_citations": ["《女职工劳动保护特别规定》第五条", "《妇女权益保障法》第四十八条"],
    "in_scope": True, "expected_templates": ["pregnancy_transfer_objection"], "must_include": [],
    "category": "孕期保护", "notes": "示例行：多个法条用；分隔或换行；是否在范围内填 是/否",
}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data row as read from a file, with the line or spreadsheet row it came from."""

    line: int
    data: dict[str, object]


def header_key(name: object) -> str | None:
    """Canonical column for a header cell (English or Chinese, spaces and case ignored), or None."""
    text = str(name or "").strip().replace(" ", "").replace("\u3000", "")
    return ALIASES.get(text) or ALIASES.get(text.lower())


def _table_rows(header: Sequence[object], body: Iterable[tuple[int, Sequence[object]]], path: Path) -> list[RawRow]:
    """Map a header row and data rows (with their row numbers) to RawRows; unknown headers are an error."""
    keys: list[str | None] = []
    unknown: list[str] = []
    for cell in header:
        key = header_key(cell)
        if key is None and str(cell or "").strip():
            unknown.append(str(cell).strip())
        keys.append(key)
    missing = [f"{c}（{CHINESE[c]}）" for c in REQUIRED if c not in keys]
    problems = []
    if missing:
        problems.append("第 1 行（表头）：缺少列 " + "、".join(missing))
    if unknown:
        problems.append("第 1 行（表头）：无法识别的列 " + "、".join(unknown) + "；可用列名：" + "、".join(CHINESE.values()))
    if problems:
        raise InvalidInputError(f"题集 {path} 的表头有误：\n" + "\n".join(problems), detail=problems)
    out: list[RawRow] = []
    for number, cells in body:
        data: dict[str, object] = {}
        for key, cell in zip(keys, cells, strict=False):
            if key is not None and cell is not None and str(cell).strip() != "":
                data[key] = cell
        if data:
            out.append(RawRow(number, data))
    return out


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
        rows.append(RawRow(n, data))
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
        ws = wb.worksheets[0]
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
    """Write rows in the evaluation format; the file type follows the suffix (.jsonl, .csv, .xlsx)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(dict(r), ensure_ascii=False) + "\n")
        return
    table = [[_cell(r.get(k), k) for k in COLUMNS] for r in rows]
    header = [CHINESE[k] for k in COLUMNS]
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(table)
        return
    if suffix == ".xlsx":
        write_xlsx(header, table, path, widths=(10, 50, 44, 12, 28, 20, 12, 50))
        return
    raise InvalidInputError(f"不支持的输出格式 {path.suffix!r}：请使用 .jsonl、.csv 或 .xlsx")


def write_xlsx(header: Sequence[str], table: Sequence[Sequence[object]], path: Path,
               widths: Sequence[int] = ()) -> None:
    """One worksheet with a bold, frozen header row and wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "题集"
    ws.append(list(header))
    for row in table:
        ws.append(list(row))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = wrap
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    wb.save(path)
