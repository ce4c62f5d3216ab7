"""Expected-citation cells as lawyers write them, on the real statute files: every article read, nothing cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.corpus import Corpus
from assistant.errors import InvalidInputError
from assistant.evaluation.citation_cells import CellError, parse_citation
from assistant.evaluation.datasets import load_dataset

# (cell as written, the articles a lawyer reads in it) — every form of issue 15 and of the README.
FORMS: list[tuple[str, list[str]]] = [
    ("劳动合同法第四十八条、第八十七条", ["劳动合同法#48", "劳动合同法#87"]),
    ("劳动合同法第四十八条至第五十条", ["劳动合同法#48", "劳动合同法#49", "劳动合同法#50"]),
    ("劳动合同法第42条和第48条", ["劳动合同法#42", "劳动合同法#48"]),
    ("《劳动合同法》第48、87条", ["劳动合同法#48", "劳动合同法#87"]),
    ("劳动合同法第四十八条、劳动合同法第八十七条", ["劳动合同法#48", "劳动合同法#87"]),
    ("劳动合同法第八十二条第一款", ["劳动合同法#82"]),
    ("劳动法第四十四条第（二）项", ["劳动法#44"]),
    ("《劳动合同法》第四十二条", ["劳动合同法#42"]),
    ("劳动合同法第42条", ["劳动合同法#42"]),
    ("中华人民共和国劳动合同法第四十二条", ["劳动合同法#42"]),
    ("《中华人民共和国劳动合同法》第四十二条", ["劳动合同法#42"]),
    ("劳动合同法#42", ["劳动合同法#42"]),
    ("劳动合同法第３９条", ["劳动合同法#39"]),
    ("劳动合同法第四十七条，第八十七条及第四十八条", ["劳动合同法#47", "劳动合同法#87", "劳动合同法#48"]),
    ("女职工劳动保护特别规定第五条与妇女权益保障法第四十八条", ["女职工劳动保护特别规定#5", "妇女权益保障法#48"]),
    ("《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第四十四条",
     ["最高人民法院关于审理劳动争议案件适用法律问题的解释（一）#44"]),
    ("关于职工全年月平均工作时间和工资折算问题的通知第二条", ["关于职工全年月平均工作时间和工资折算问题的通知#2"]),
    ("人口与计划生育法第二十五条", ["人口与计划生育法#25"]),
]


@pytest.mark.parametrize(("cell", "expected"), FORMS)
def test_every_written_form_yields_every_article(real_corpus: Corpus, cell: str, expected: list[str]) -> None:
    refs = parse_citation(real_corpus, cell)
    assert isinstance(refs, list)
    assert [r.id for r in refs] == expected


def test_clauses_and_items_are_kept_and_count_as_the_article(real_corpus: Corpus) -> None:
    refs = parse_citation(real_corpus, "劳动合同法第八十二条第一款、劳动法第四十四条第（二）项")
    assert isinstance(refs, list)
    assert [(r.id, r.clause, r.label) for r in refs] == [
        ("劳动合同法#82", "第一款", "《劳动合同法》第八十二条第一款"),
        ("劳动法#44", "第（二）项", "《劳动法》第四十四条第（二）项"),
    ]


@pytest.mark.parametrize(("cell", "message"), [
    ("劳动合同法第四十八条及其他", "无法识别“其他”"),
    ("劳动合同法第999条", "没有第九百九十九条"),
    ("合同法第五十二条", "已于 2021-01-01 废止"),
    ("不存在的法第一条", "法规库中没有《不存在的法》"),
    ("劳动合同法第四十二条第九款", "没有第九款"),
    ("劳动合同法第四十八条至第二十条", "范围"),
    ("劳动合同法", "缺少条号"),
    ("第四十八条", "开头没有法名"),
])
def test_anything_not_read_whole_is_an_error(real_corpus: Corpus, cell: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_citation(real_corpus, cell)


def test_a_sheet_in_every_form_yields_every_article_and_errors_name_the_cell(tmp_path: Path,
                                                                               real_corpus: Corpus) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["编号", "问题", "应引用法条", "审核人"])
    for i, (cell, _) in enumerate(FORMS, start=1):
        ws.append([f"f{i}", f"问题{i}", cell, "王律师"])
    # Several items in one cell, separated by ；and a new line.
    ws.append(["multi", "多条", "劳动合同法第四十八条、第八十七条；\n《劳动法》第44条", None])
    path = tmp_path / "forms.xlsx"
    wb.save(path)
    rows = load_dataset(path, real_corpus)
    for row, (_, expected) in zip(rows, FORMS, strict=False):
        assert list(row.expected_ids) == expected
        assert row.extra == (("审核人", "王律师"),)
    assert rows[-1].expected_ids == ("劳动合同法#48", "劳动合同法#87", "劳动法#44")

    ws.append(["bad", "有一项读不出", "劳动合同法第四十八条、第八十七条和其他", None])
    wb.save(path)
    with pytest.raises(InvalidInputError) as err:
        load_dataset(path, real_corpus)
    problems = err.value.detail
    assert isinstance(problems, list) and len(problems) == 1
    row_no = len(FORMS) + 3
    assert problems[0].startswith(f"第 {row_no} 行") and f"C{row_no} 单元格" in problems[0]
    assert "无法识别“其他”" in problems[0] and "已读出：《劳动合同法》第四十八条、《劳动合同法》第八十七条" in problems[0]
    for english in ("not a citation", "is not in the corpus", "is repealed", "has no article", "语料库"):
        assert english not in problems[0]
