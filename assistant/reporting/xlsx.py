"""需求报告.xlsx: the same tables as the HTML report, one sheet each, with a 说明 sheet and two bar charts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assistant.errors import InvalidInputError
from assistant.reporting.html import day, hidden_note, pct, trend, week_label
from assistant.reporting.records import DemandReport, QuestionList

Cell = str | int | float | None
_HEAD = PatternFill("solid", fgColor="EEF3F8")


def _sheet(wb: Workbook, title: str, head: Sequence[str], rows: Sequence[Sequence[Cell]],
           notes: Sequence[str] = (), widths: Sequence[int] = ()) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(list(head))
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), _HEAD
    for row in rows:
        ws.append(list(row))
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            # Her words are text, never a formula: a question typed as "=…" must not run in Excel.
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths or [16] * len(head), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if notes:
        ws.append([])
        for note in notes:
            if note:
                ws.append([note])
    return ws


def _bar(ws: Worksheet, title: str, rows: int, value_col: int, anchor: str) -> None:
    if rows == 0:
        return
    chart = BarChart()
    chart.type, chart.title, chart.legend = "bar", title, None
    chart.add_data(Reference(ws, min_col=value_col, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows + 1))
    chart.y_axis.majorGridlines = None
    chart.height, chart.width = max(6.0, 0.8 * rows + 2), 16.0
    chart.x_axis.scaling.orientation = "maxMin"  # the first row on top, as in the table
    ws.add_chart(chart, anchor)


def _questions(wb: Workbook, title: str, lst: QuestionList, k: int) -> None:
    rows: list[list[Cell]] = [[i, q.text, q.conversations, q.questions] for i, q in enumerate(lst.rows, start=1)]
    notes = [hidden_note(lst.hidden, "问题", k)]
    if lst.more:
        notes.append(f"还有 {lst.more} 个问题也达到 {k} 个对话，未列出。")
    ws = _sheet(wb, title, ("序号", "问题（已去除个人信息）", "对话数", "提问次数"), rows, notes, (6, 70, 10, 10))
    for row_cells in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row_cells[0].alignment = Alignment(wrap_text=True, vertical="top")


def build_workbook(r: DemandReport) -> Workbook:
    """The workbook of every table (sheet 说明 first: period, region, k and retention)."""
    w, p, k = r.window, r.privacy, r.privacy.k
    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = "说明"
    keep = (f"对话在最后一次提问 {p.conversation_retention_days} 天后删除，反馈保存 {p.retention_days} 天；"
            f"已删除的记录不在本报告中（最早可追溯到 {day(w.kept_from)}）" if w.kept_from else "未设置保留期限")
    for row in (
        ("女职工法律咨询需求报告", ""),
        ("时间", f"{day(w.since)}至{day(w.until)}（{w.days} 天，北京时间）"),
        ("地区", w.region or "全部地区"),
        ("上期（用于趋势）", f"{day(w.previous_since)}至{day(w.previous_until)}"),
        ("隐私", f"只含去除个人信息后的文字；每个主题、地区和问题至少来自 {k} 个不同对话才列出"),
        ("保留期限", keep),
        ("提问次数", r.totals.questions),
        ("咨询对话数", r.totals.conversations),
        ("范围外提问", r.totals.out_of_scope),
        ("依据充分的回答占比", pct(r.grounding.share_high)),
        ("反馈总数 / 没帮助", f"{r.feedback.total} / {r.feedback.unhelpful}"),
        ("平均评分（满分 5 分）", r.feedback.mean_rating),
    ):
        info.append(list(row))
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 22, 90

    weeks = _sheet(wb, "每周提问", ("周（周一至周日）", "提问次数", "对话数", "不完整周"),
                   [[week_label(x), x.questions, x.conversations, "是" if x.partial else ""] for x in r.weeks],
                   widths=(22, 12, 10, 10))
    _bar(weeks, "每周提问次数", len(r.weeks), 2, "F2")
    topics = _sheet(wb, "主题", ("主题", "对话数", "提问次数", "上期对话数", "变化", "依据充分的回答"),
                    [[t.topic, t.conversations, t.questions, t.previous_conversations, trend(t, k),
                      pct(t.high_grounding)] for t in r.topics],
                    [hidden_note(r.topics_hidden, "主题", k),
                     f"另有 {r.unclassified} 个劳动权益问题没有归入任何主题。" if r.unclassified else "",
                     "" if r.previous_complete else "上期有一部分已超过保留期限被删除，趋势仅供参考。"],
                    (18, 10, 10, 12, 18, 16))
    _bar(topics, "各主题的咨询对话数", len(r.topics), 2, "H2")
    _sheet(wb, "地区", ("地区", "对话数", "提问次数"),
           [[x.label, x.conversations, x.questions] for x in r.regions],
           [hidden_note(r.regions_hidden, "地区", k)], (16, 10, 10))
    g = r.grounding
    grounding: list[list[Cell]] = [["全部", g.answered, g.high, g.low, pct(g.share_high)]]
    for t in r.topics:
        high = round((t.high_grounding or 0) * t.questions)
        grounding.append([t.topic, t.questions, high, t.questions - high, pct(t.high_grounding)])
    _sheet(wb, "回答依据", ("范围", "劳动权益问题", "依据充分", "依据不足", "依据充分占比"), grounding,
           widths=(18, 14, 10, 10, 14))
    _questions(wb, "依据不足的问题", r.low_grounding, k)
    _questions(wb, "没帮助的问题", r.unhelpful, k)
    _sheet(wb, "文书", ("文书", "模板编号", "份数"), [[d.title, d.template_id, d.count] for d in r.documents],
           ["文书记录不含地区，这里是全部地区的数字。" if w.region else ""], (28, 32, 8))
    ref = r.referrals
    referrals: list[list[Cell]] = [
        ["安全提示（110、12356、12338 等）", ref.safety, ref.safety_conversations],
        ["范围外问题的引导", ref.out_of_scope, ref.out_of_scope_conversations],
        ["依据不足，建议拨打 12351", ref.low_grounding, ref.low_grounding_conversations],
    ]
    _sheet(wb, "热线转介", ("转介类型", "次数", "对话数"), referrals, widths=(36, 10, 10))
    return wb


def write_demand_xlsx(path: Path, report: DemandReport) -> None:
    """Save the workbook; InvalidInputError in Chinese when the file cannot be written (open in Excel?)."""
    try:
        build_workbook(report).save(path)
    except OSError as exc:
        raise InvalidInputError(f"无法写入“{path.name}”：{exc.strerror or type(exc).__name__}（文件是否正在 Excel 中打开？）") from exc
