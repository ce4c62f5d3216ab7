"""The question sheet as legal staff get it: required columns marked, a 是/否 drop-down, an instructions sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.evaluation.inputs import CHINESE, COLUMNS, SHEET_NAME

REQUIRED_MARK = {"id": "（必填）", "question": "（必填）", "expected_citations": "（范围内必填）"}
# (column, 怎么填, 示例): one worked row per column on the 填写说明 sheet.
GUIDE: dict[str, tuple[str, str]] = {
    "id": ("每题一个编号，不能重复。", "bj-001"),
    "question": ("按职工在手机上打字的口吻写，口语、错别字都可以。", "我怀孕4个月，公司说要裁员让我下个月走人，合法吗？"),
    "expected_citations": ("回答必须引用的法条。多条用 ；或换行分开；同一部法的几条可以写 第48、87条、第四十八条至第五十条、"
                           "第42条和第48条；写到款、项也可以（按所在条计）。", "劳动合同法第四十二条、第八十七条；女职工劳动保护特别规定第五条"),
    "in_scope": ("从下拉列表选“是”或“否”；与劳动权益无关、助手应当拒答的问题选“否”。空着按“是”处理。", "是"),
    "expected_conclusion": ("律师认为正确的结论，报告里放在助手回答旁边，供对照（不自动评分）。",
                            "违法；可要求继续履行劳动合同，或要求支付二倍经济补偿的赔偿金"),
    "must_include": ("结论里必须说到的要点，越短越好（是/否的字眼、她的金额或天数）；多条用 ；分开。“三十天”和“30天”视为相同。",
                     "违法；继续履行"),
    "must_not_include": ("一说就错的说法，回答里出现任一条即记为错误说法。", "按病假处理"),
    "expected_templates": ("应当推荐的文书，写中文名称即可（assistant doc list 可查看）。", "劳动仲裁申请书"),
    "category": ("自定的类别，报告按类别统计。", "孕期保护"),
    "notes": ("给复核人看的说明，不参与评分。", "参考北京市人社局2019-05-22典型案例"),
}


def header_cells() -> list[str]:
    """The headers of the 题集 sheet, required ones marked."""
    return [CHINESE[c] + REQUIRED_MARK.get(c, "") for c in COLUMNS]


def write_sheet(table: Sequence[Sequence[object]], path: Path, extra: Sequence[str] = ()) -> None:
    """Write the 题集 sheet (rows in COLUMNS order, then her own columns) and the 填写说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_NAME
    ws.append([*header_cells(), *extra])
    for row in table:
        ws.append(list(row))
    widths = {"id": 10, "question": 46, "expected_citations": 40, "in_scope": 12, "expected_conclusion": 36,
              "must_include": 22, "must_not_include": 20, "expected_templates": 18, "category": 12, "notes": 40}
    required = PatternFill("solid", fgColor="F8CBAD")
    normal = PatternFill("solid", fgColor="DDEBF7")
    for i, key in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = required if key in REQUIRED_MARK else normal
        cell.comment = Comment(GUIDE[key][0], "法律助手")
        ws.column_dimensions[get_column_letter(i)].width = widths[key]
    for j in range(len(extra)):
        ws.cell(row=1, column=len(COLUMNS) + 1 + j).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in ws.iter_rows(min_row=2):
        for c in row_cells:
            c.alignment = wrap
    scope_col = get_column_letter(COLUMNS.index("in_scope") + 1)
    dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True, showErrorMessage=True,
                        errorTitle="是否在范围内", error="请从下拉列表选择“是”或“否”")
    ws.add_data_validation(dv)
    dv.add(f"{scope_col}2:{scope_col}{max(len(table) + 1, 1000)}")
    ws.freeze_panes = "C2"
    guide = wb.create_sheet("填写说明")
    guide.append(["列名", "是否必填", "怎么填", "示例"])
    for key in COLUMNS:
        how, example = GUIDE[key]
        need = {"id": "必填", "question": "必填", "expected_citations": "范围内的题必填"}.get(key, "选填")
        guide.append([CHINESE[key], need, how, example])
    guide.append(["（其他列）", "选填", "可以加自己的列（如 审核人），会原样带到结果表里。", "审核人：王律师"])
    for c in guide[1]:
        c.font = Font(bold=True)
    for letter, w in zip("ABCD", (14, 14, 70, 50), strict=True):
        guide.column_dimensions[letter].width = w
    for row_cells in guide.iter_rows(min_row=2):
        for c in row_cells:
            c.alignment = wrap
    wb.save(path)
