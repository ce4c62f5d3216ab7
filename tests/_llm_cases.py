"""Model replies that verification must correct, shared by the fake-model and the stand-in-server tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PAY = "怀孕了公司要给我降薪合法吗"
LEAVE = "产假有多少天"
# The stand-in answer of issue 14, verbatim.
ISSUE_REPLY = ("不合法。根据《女职工劳动保护特别规定》第五条，单位不得因怀孕降低你的工资。另据《劳动合同法》第一百二十条，"
               "公司还要赔偿你十万元。《合同法》第五十二条也规定这种约定无效。建议你先书面提出异议。")
CONTRACT_LAW_NOTE = "〔注意：《合同法》已于2021-01-01废止，不再有效，现行规定见《民法典》〕"
ISSUE_BODY = ("不合法。根据《女职工劳动保护特别规定》第五条，单位不得因怀孕降低你的工资。《合同法》第五十二条"
              f"{CONTRACT_LAW_NOTE}也规定这种约定无效。建议你先书面提出异议。\n\n〔有一处说法无法在资料库中核实，已删去〕")
ISSUE_NOTICE = "已核对模型回答：删去1处无法核实的说法（引用无法核实1处），标注1处已废止的法律。"
_NESTED = re.compile(r"〔[^〕]*〔")


@dataclass(frozen=True)
class Case:
    """A question, the model's reply as streamed chunks, and what the worker must (not) read."""

    name: str
    question: str
    chunks: tuple[str, ...]
    body: str | None = None  # exact expected body, when pinned
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    counts: tuple[int, int, int, int] = (0, 0, 0, 0)  # dropped_citations, dropped_numbers, repealed, flagged
    notice: str | None = None


CASES = (
    Case("issue_reply", PAY, (ISSUE_REPLY,), body=ISSUE_BODY, absent=("第一百二十条", "十万", "赔偿你"),
         cites=("女职工劳动保护特别规定#5",), counts=(1, 0, 1, 0), notice=ISSUE_NOTICE),
    Case("invented_citation", PAY,
         ("不合法。依据《劳动合同法》第一百二十条，单位必须另外给你补偿。单位不得因怀孕降低你的工资。",),
         body="不合法。单位不得因怀孕降低你的工资。\n\n〔有一处说法无法在资料库中核实，已删去〕",
         absent=("第一百二十条", "另外给你补偿"), counts=(1, 0, 0, 0),
         notice="已核对模型回答：删去1处无法核实的说法（引用无法核实1处）。"),
    Case("repealed_law", PAY,
         ("按照《女职工劳动保护规定》第四条，单位不得在女职工怀孕期降低其基本工资。", "《女职工劳动保护规定》也禁止辞退孕妇。"),
         present=("单位不得在女职工怀孕期降低其基本工资", "现行规定见《女职工劳动保护特别规定》", "也禁止辞退孕妇"),
         counts=(0, 0, 1, 0), notice="已核对模型回答：标注1处已废止的法律。"),
    Case("uncited_wrong_number", LEAVE, ("产假一共180天。", "具体天数以本省规定为准。"),
         absent=("180",), present=("具体天数以本省规定为准",), counts=(0, 1, 0, 0),
         notice="已核对模型回答：删去1处无法核实的说法（数字无法核实1处）。"),
    Case("number_from_quote", LEAVE,
         ("根据《女职工劳动保护特别规定》第七条，女职工生育享受98天产假，其中产前可以休假15天。", "难产的，增加产假十五天。"),
         present=("98天产假", "产前可以休假15天", "增加产假十五天"), absent=("〔",), cites=("女职工劳动保护特别规定#7",)),
    Case("citation_split_across_chunks", PAY,
         ("根据《女职工劳动保护特别规定》第", "五条，单位不得因怀孕降低你的工资。另据《劳动合同法》第一百",
          "二十条，公司还要赔偿你十万元。"),
         body="根据《女职工劳动保护特别规定》第五条，单位不得因怀孕降低你的工资。\n\n〔有一处说法无法在资料库中核实，已删去〕",
         cites=("女职工劳动保护特别规定#5",), counts=(1, 0, 0, 0),
         notice="已核对模型回答：删去1处无法核实的说法（引用无法核实1处）。"),
)


def check_answer(case: Case, data: dict[str, Any]) -> None:
    """Assert what the worker reads (the JSON answer of /v1/ask, /v1/chat or the stream's done event)."""
    assert data["mode"] == "llm", data["notices"]
    body = data["body"]
    if case.body is not None:
        assert body == case.body
    for text in case.present:
        assert text in body
    for text in case.absent:
        assert text not in body and text not in data["summary"]
    assert not _NESTED.search(body), body
    assert body.count(CONTRACT_LAW_NOTE) <= 1
    ids = [c["id"] for c in data["citations"]]
    assert all(i in ids for i in case.cites) and "劳动合同法#120" not in ids
    v = data["verification"]
    assert (v["dropped_citations"], v["dropped_numbers"], v["repealed"], v["flagged"]) == case.counts
    mine = [n for n in data["notices"] if n.startswith("已核对模型回答")]
    assert mine == ([case.notice] if case.notice else [])
