"""results.csv and results.xlsx: one row per question with the whole answer, in plain Chinese, plus her own columns."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.evaluation.failures import article_label

Row = dict[str, Any]


def _ans(r: Row) -> dict[str, Any]:
    return r.get("answer") or {}


def _yes(value: object) -> str:
    return "" if value is None else ("是" if value else "否")


def _pct(value: object) -> str:
    return "" if value is None else f"{float(str(value)) * 100:.0f}%"


def _first_position(r: Row) -> object:
    expected = set(r.get("expected") or [])
    return next((i for i, a in enumerate(r.get("articles_shown") or [], start=1) if a in expected), "")


def _join(items: list[str] | None) -> str:
    return "；".join(items or [])


# (header, value of a results.jsonl row); 问题 is always the question, failures are 未通过原因.
COLUMNS: tuple[tuple[str, Callable[[Row], object]], ...] = (
    ("编号", lambda r: r["id"]),
    ("类别", lambda r: r.get("category") or ""),
    ("问题", lambda r: r["question"]),
    ("是否在范围内", lambda r: "是" if r["in_scope"] else "否"),
    ("是否通过", lambda r: "否" if r.get("failures") else "是"),
    ("未通过原因", lambda r: "；".join(f"{f['label']}：{f['detail']}" for f in r.get("failures") or [])),
    ("预期结论", lambda r: r.get("expected_conclusion") or ""),
    ("简要回答", lambda r: _ans(r).get("summary", "")),
    ("回答全文", lambda r: _ans(r).get("text", "")),
    ("回答引用的法条", lambda r: _join([c["title"] for c in _ans(r).get("citations") or []])),
    ("应引用法条", lambda r: _join(r.get("expected_labels") or r.get("expected_citations"))),
    ("回答未引用的应引法条", lambda r: _join([article_label(a) for a in r.get("expected") or []
                                     if r.get("answer") and a not in set(_ans(r).get("cited") or [])])),
    ("推荐文书", lambda r: _join(_ans(r).get("document_titles") or (r.get("templates") or {}).get("suggested_titles"))),
    ("应推荐文书", lambda r: _join((r.get("templates") or {}).get("expected_titles") or r.get("expected_templates"))),
    ("必含要点", lambda r: _join(r.get("must_include"))),
    ("结论要点覆盖", lambda r: _pct(_ans(r).get("conclusion_must_include"))),
    ("结论缺少的要点", lambda r: _join(_ans(r).get("conclusion_missing") if r.get("must_include") else [])),
    ("不应出现", lambda r: _join(r.get("must_not_include"))),
    ("回答中出现的错误说法", lambda r: _join(_ans(r).get("must_not_include_found"))),
    ("律师判定", lambda r: (r.get("review") or {}).get("verdict") or ""),
    ("复核状态", lambda r: (r.get("review") or {}).get("label") or ""),
    ("律师意见", lambda r: (r.get("review") or {}).get("comment") or ""),
    ("前5条法条命中", lambda r: _yes(r["metrics"].get("hit@5")) if r.get("metrics") else ""),
    ("第一条应引法条的位次", _first_position),
    ("检索依次列出的前5条法条", lambda r: _join([article_label(a) for a in (r.get("articles_shown") or [])[:5]])),
    ("编造或失效引用", lambda r: _join([article_label(a) for a in _ans(r).get("invented") or []])),
    ("是否拒答", lambda r: _yes(_ans(r).get("refused")) if r.get("answer") else ""),
    ("检索耗时（毫秒）", lambda r: r["latency_ms"]),
    ("回答耗时（毫秒）", lambda r: _ans(r).get("latency_ms", "")),
    ("备注", lambda r: r.get("notes") or ""),
)
WIDTHS = {"问题": 40, "未通过原因": 40, "预期结论": 30, "简要回答": 50, "回答全文": 80, "回答引用的法条": 36, "应引用法条": 36}


def _extra_headers(results: list[Row]) -> list[str]:
    names: dict[str, None] = {}
    for r in results:
        for name, _ in r.get("extra") or []:
            names.setdefault(name, None)
    return [n for n in names if n not in {h for h, _ in COLUMNS}]


def table(results: list[Row]) -> tuple[list[str], list[list[object]]]:
    """Header and rows: the fixed columns, then her own columns in the order of her sheet."""
    extra = _extra_headers(results)
    header = [h for h, _ in COLUMNS] + extra
    rows = []
    for r in results:
        own = dict((k, v) for k, v in r.get("extra") or [])
        rows.append([fn(r) for _, fn in COLUMNS] + [own.get(name, "") for name in extra])
    return header, rows


def write_results_csv(results: list[Row], path: Path) -> None:
    """Write results.csv (UTF-8 with BOM so Excel shows Chinese)."""
    header, rows = table(results)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def write_results_xlsx(results: list[Row], path: Path) -> None:
    """Write results.xlsx: the same table with a frozen header, wrapped text and readable widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header, rows = table(results)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "评测结果"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = wrap
    for i, name in enumerate(header, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = WIDTHS.get(name, 14)
        ws[f"{letter}1"].font = Font(bold=True)
        ws[f"{letter}1"].fill = PatternFill("solid", fgColor="DDEBF7")
    ws.freeze_panes = "D2"
    wb.save(path)
