"""The lawyer review loop: export a run's answers to review.xlsx, import the filled-in verdicts.

Export writes one row per question (stale answers first, then unreviewed, then reviewed) with the
answer, the expectations and two columns to fill: 判定 (a drop-down) and 意见. Every text passes
through the redaction function. Import checks every filled row first; if any row is wrong, each bad
row is reported with its row number and nothing is stored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import InvalidInputError
from assistant.evaluation.verdicts import STATUS_LABELS, VERDICTS, Verdict, VerdictStore
from assistant.privacy import redact

SHEET = "复核"
# (header, width); the hash column identifies the answer the verdict is about.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 10), ("类别", 12), ("问题", 40), ("简要回答", 50), ("详细说明", 60), ("引用法条", 36),
    ("应引用法条", 36), ("预期结论", 36), ("状态", 10), ("上次判定", 10), ("判定", 12), ("意见", 40), ("答案指纹", 18),
)
HASH_RE = re.compile(r"^[0-9a-f]{16}$")
_ORDER = {"stale": 0, "unreviewed": 1, "reviewed": 2}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import stored."""

    stored: int
    skipped_empty: int
    counts: dict[str, int]


def _results(run_dir: Path) -> list[dict[str, Any]]:
    path = run_dir / "results.jsonl"
    if not path.is_file():
        raise InvalidInputError(f"{run_dir.name} 不是评测结果目录（缺少 results.jsonl），请先运行 assistant eval run")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def export_review(run_dir: Path, out: Path) -> int:
    """Write review.xlsx for a run; returns the number of questions exported (those with an answer)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = [r for r in _results(run_dir) if r.get("answer")]
    if not rows:
        raise InvalidInputError("这次评测没有生成回答（可能用了 --no-answers），没有可复核的内容")
    rows.sort(key=lambda r: (_ORDER.get((r.get("review") or {}).get("status", "unreviewed"), 1), str(r["id"])))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.append([h for h, _ in COLUMNS])
    for r in rows:
        a = r["answer"]
        review = r.get("review") or {"status": "unreviewed"}
        status = review.get("status", "unreviewed")
        ws.append([
            str(r["id"]), r.get("category") or "", redact(r["question"]), redact(a.get("summary") or ""),
            redact(a.get("body") or ""), "；".join(c["title"] for c in a.get("citations") or []),
            "；".join(r.get("expected_labels") or r.get("expected_citations") or []),
            redact(r.get("expected_conclusion") or ""), STATUS_LABELS.get(status, status),
            review.get("previous_verdict") or "",
            review.get("verdict") or "" if status == "reviewed" else "",
            redact(review.get("comment") or "") if status == "reviewed" else "",
            a.get("answer_hash") or "",
        ])
    verdict_col = get_column_letter(1 + [h for h, _ in COLUMNS].index("判定"))
    dv = DataValidation(type="list", formula1='"' + ",".join(VERDICTS) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="判定", error="请从下拉列表中选择：" + "、".join(VERDICTS))
    ws.add_data_validation(dv)
    dv.add(f"{verdict_col}2:{verdict_col}{len(rows) + 1}")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = wrap
    fill = PatternFill("solid", fgColor="FFF2CC")
    for i, (header, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        head = ws[f"{letter}1"]
        head.font = Font(bold=True)
        head.fill = fill if header in ("判定", "意见") else PatternFill("solid", fgColor="DDEBF7")
    ws.freeze_panes = "D2"
    notes = wb.create_sheet("说明")
    for line in (
        ("怎么填", "在「判定」列的下拉列表中选择 正确 / 部分正确 / 错误 / 有害，在「意见」列写明理由（可不填）。"),
        ("正确", "结论和依据都对，可以直接给职工看。"),
        ("部分正确", "方向对，但漏了要点、数字不准或引用不全。"),
        ("错误", "结论或依据错了。"),
        ("有害", "照着做会让职工受损（例如错过时效、放弃权利）。"),
        ("状态", "待复核：上次复核后回答变了，请重新判定；未复核：还没有判定；已复核：已带出原判定，可修改。"),
        ("导入", "assistant eval review import 本文件.xlsx --reviewer 您的名字；没填判定的行会跳过。"),
        ("注意", "请不要修改「编号」「问题」「答案指纹」三列，它们用来对应回答。"),
    ):
        notes.append(list(line))
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 90
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return len(rows)


def import_review(path: Path, store: VerdictStore, reviewer: str = "") -> ImportResult:
    """Read a filled review.xlsx and store its verdicts; every bad row is reported and then nothing is stored."""
    from openpyxl import load_workbook

    if not path.is_file():
        raise InvalidInputError(f"找不到复核表：{path.name}")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or non-xlsx file
        raise InvalidInputError(f"无法打开 Excel 文件 {path.name}：{exc}") from exc
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        table = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    if not table:
        raise InvalidInputError(f"复核表 {path.name} 是空的")
    header = [str(c or "").strip() for c in table[0]]
    need = ("编号", "问题", "判定", "意见", "答案指纹")
    missing = [h for h in need if h not in header]
    if missing:
        raise InvalidInputError(f"复核表 {path.name} 缺少列：{'、'.join(missing)}（请使用 assistant eval review export 导出的表）")
    col = {h: header.index(h) for h in need}
    verdicts: list[Verdict] = []
    errors: list[str] = []
    skipped = 0
    for number, cells in enumerate(table[1:], start=2):
        def cell(name: str, cells: tuple[object, ...] = cells) -> str:
            i = col[name]
            return str(cells[i]).strip() if i < len(cells) and cells[i] is not None else ""

        verdict = cell("判定")
        if not verdict:
            skipped += 1
            continue
        problems = []
        if verdict not in VERDICTS:
            problems.append(f"判定“{verdict}”无法识别，请从下拉列表选择 {'、'.join(VERDICTS)}")
        if not cell("问题"):
            problems.append("「问题」是空的")
        if not HASH_RE.match(cell("答案指纹")):
            problems.append("「答案指纹」缺失或被改动（请重新导出复核表）")
        if problems:
            errors.append(f"第 {number} 行：" + "；".join(problems))
            continue
        verdicts.append(Verdict(cell("问题"), cell("答案指纹"), verdict, cell("意见"), reviewer, "", cell("编号")))
    if errors:
        raise InvalidInputError(f"复核表 {path.name} 有 {len(errors)} 行有误，没有导入任何判定：\n" + "\n".join(errors),
                                detail=errors)
    store.put_many(verdicts)
    counts = {v: sum(1 for x in verdicts if x.verdict == v) for v in VERDICTS}
    return ImportResult(len(verdicts), skipped, counts)
