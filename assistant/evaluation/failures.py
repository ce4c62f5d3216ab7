"""What went wrong on one question: the failure kinds listed in report.html, results.csv and compare."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Kind → Chinese label, in the order the report shows them.
KINDS: dict[str, str] = {
    "judged_wrong": "律师判定错误或有害",
    "wrong_phrase": "出现不应出现的说法",
    "missed_conclusion": "结论没有说到必含要点",
    "retrieval_miss": "前5条法条未命中",
    "missing_citation": "回答缺少应引用法条",
    "invented_citation": "编造或失效引用",
    "wrong_refusal": "拒答判断错误",
    "missed_must_include": "整个回答都没有说到必含要点",
    "template_miss": "未推荐应推荐文书",
}


def article_label(aid: str) -> str:
    """《法名》第N条 for an article id such as 劳动合同法#42 (appendices keep their own label)."""
    law, _, num = aid.partition("#")
    if not num:
        return aid
    return f"《{law}》第{num}条" if num.isdigit() else f"《{law}》{num}"


def labels(ids: list[str]) -> str:
    """Article ids as readable labels joined with 、."""
    return "、".join(article_label(a) for a in ids)


@dataclass(frozen=True, slots=True)
class Failure:
    """One problem with one question's result."""

    kind: str
    detail: str

    @property
    def label(self) -> str:
        """The Chinese name of the failure kind."""
        return KINDS.get(self.kind, self.kind)

    def to_json(self) -> dict[str, str]:
        """The failure as stored in results.jsonl."""
        return {"kind": self.kind, "label": self.label, "detail": self.detail}


def failures_of(result: dict[str, Any]) -> list[Failure]:
    """Every failure of one results.jsonl row (retrieval, answer and template checks)."""
    out: list[Failure] = []
    in_scope = bool(result.get("in_scope", True))
    metrics = result.get("metrics") or {}
    if in_scope and metrics and metrics.get("hit@5", 0.0) < 1.0:
        out.append(Failure("retrieval_miss", "检索结果依次列出的前5条法条中没有任何一条应引用法条"))
    ans = result.get("answer")
    if ans is not None:
        refused = bool(ans.get("refused"))
        if in_scope and refused:
            out.append(Failure("wrong_refusal", "应当回答，却被当作范围外问题拒答"))
        elif not in_scope and not refused:
            out.append(Failure("wrong_refusal", "应当拒答或引导，却作了回答"))
        if in_scope:
            cited = set(ans.get("cited") or [])
            missing = [a for a in result.get("expected") or [] if a not in cited]
            if missing:
                out.append(Failure("missing_citation", "回答未引用：" + labels(missing)))
        if ans.get("invented"):
            out.append(Failure("invented_citation", "法规库中没有、原文不符或已废止：" + labels(ans["invented"])))
        wrong = ans.get("must_not_include_found") or []
        if wrong:
            out.append(Failure("wrong_phrase", "回答中出现了：" + "、".join(wrong)))
        in_conclusion = ans.get("conclusion_missing") or []
        if in_conclusion:
            out.append(Failure("missed_conclusion", "简要回答中没有：" + "、".join(in_conclusion)))
        missed = ans.get("must_include_missing") or []
        if missed:
            out.append(Failure("missed_must_include", "回答正文中也没有（引用的法条原文不算）：" + "、".join(missed)))
    review = result.get("review") or {}
    if review.get("status") == "reviewed" and review.get("verdict") in ("错误", "有害"):
        note = f"：{review['comment']}" if review.get("comment") else ""
        out.append(Failure("judged_wrong", f"律师判定为“{review['verdict']}”{note}"))
    tpl = result.get("templates")
    if tpl and tpl.get("expected") and not tpl.get("ok"):
        exp = tpl.get("expected_titles") or tpl["expected"]
        got = tpl.get("suggested_titles") or tpl.get("suggested") or []
        out.append(Failure("template_miss", "应推荐 " + "、".join(exp) + "，实际推荐 " + ("、".join(got) or "（无）")))
    return out
