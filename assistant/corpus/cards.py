"""Parse the project's knowledge cards (corpus/cards/*.md: YAML front matter, then the explainer)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from assistant.corpus.markdown import front_matter, read_lines
from assistant.errors import CorpusParseError
from assistant.records import NATIONAL, AnswerUnit, Card

# Maps one written citation (《劳动合同法》第四十二条) to article ids, or raises ValueError.
CiteResolver = Callable[[str], tuple[str, ...]]
# Situations a card can be about, in groups: two cards of one group with no situation in common are about
# different women (a pregnant worker vs a nursing mother), so one never answers for the other.
SITUATION_GROUPS: dict[str, tuple[str, ...]] = {
    "stage": ("怀孕", "产假", "哺乳", "流产", "死产"),
    "work": ("派遣", "平台", "非全日制", "求职", "超龄"),
    # Whether her employer insured her: the uninsured rule never answers a woman who says she is insured.
    "insurance": ("参保", "未参保"),
}
# Groups a card may name without making her silence about them count against it (see situation.unmentioned).
EXCLUSIVE_ONLY = frozenset({"insurance"})
SITUATIONS = frozenset(s for group in SITUATION_GROUPS.values() for s in group)
# Workers never see how the assistant is organised inside.
_INTERNAL_WORDS = ("卡片", "本卡")
MAX_CONCLUSION_CHARS = 200
# Facts of her question a conclusion may depend on (assistant/answering/facts.py).
FACT_NAMES = frozenset({
    "pregnancy_months", "child_age_months", "child_under_one", "months_worked", "monthly_wage", "babies", "age",
    "birth_order", "pregnant", "miscarriage", "employment_ended", "dismissed", "wage_arrears", "no_written_contract",
    "difficult_birth", "cesarean", "contract_term_months", "open_ended_contract", "probation_months",
    "total_years_worked", "insured_years", "disability_grade", "daily_work_hours", "work_days_per_week",
    "weekly_work_hours", "months_since_left", "below_minimum_wage", "minimum_wage", "sick_leave_months", "no_notice",
    "owed_amount", "deducted_share", "region", "birth_year", "retirement_category",
})
# Facts compared as text (when: {region: 云南}), not as numbers.
_TEXT_FACTS = frozenset({"region"})
_CONDITION_RE = re.compile(r"^(<=|>=|==|!=|<|>)\s*(-?[0-9]+(?:\.[0-9]+)?)$")


def parse_card_file(path: Path, rel: str, resolve: CiteResolver) -> Card:
    """Parse and check one card; every citation must name an article that exists in the corpus."""
    lines = read_lines(path, rel)
    if not lines or lines[0].strip() != "---":
        raise CorpusParseError(rel, 1, "a card starts with '---' and YAML front matter")
    front, body_start = front_matter(lines, rel)
    end = body_start - 1
    for key in ("id", "title", "cites"):
        if not front.get(key):
            raise CorpusParseError(rel, 2, f"missing field '{key}'")
    if str(front["id"]) != path.stem:
        raise CorpusParseError(rel, 2, f"id '{front['id']}' differs from the file name '{path.stem}'")
    body = "\n".join(lines[end + 1:]).strip()
    if not body:
        raise CorpusParseError(rel, end + 2, "card has no text")
    def line_of(text: str) -> int:
        return next((i + 1 for i, ln in enumerate(lines[:end]) if text and text in ln), 2)

    def resolved(raws: list[str]) -> tuple[str, ...]:
        ids: list[str] = []
        for raw in raws:
            try:
                ids.extend(resolve(raw))
            except ValueError as exc:
                raise CorpusParseError(rel, line_of(raw), f"citation {raw!r}: {exc}") from exc
        return tuple(dict.fromkeys(ids))

    cites = resolved(_as_list(front["cites"]))
    for word in _INTERNAL_WORDS:
        if word in body:
            at = next(i + 1 for i, ln in enumerate(lines) if i > end and word in ln)
            raise CorpusParseError(rel, at, f"the text says {word!r}: workers never see how we store answers")
    units = tuple(_unit(u, i, rel, line_of, resolved) for i, u in enumerate(_as_records(front.get("answers"), rel)))
    applies = tuple(_as_list(front.get("applies_to")))
    unknown = [a for a in applies if a not in SITUATIONS]
    if unknown:
        raise CorpusParseError(rel, line_of("applies_to"),
                               f"unknown situation {unknown[0]!r}; known: {'、'.join(sorted(SITUATIONS))}")
    needs = tuple(_as_list(front.get("needs")))
    unknown = [n for n in needs if n not in FACT_NAMES]
    if unknown:
        raise CorpusParseError(rel, line_of("needs"), f"unknown fact {unknown[0]!r} in 'needs'")
    return Card(
        id=f"card:{front['id']}",
        title=str(front["title"]).strip(),
        text=body,
        questions=tuple(_as_list(front.get("questions"))),
        keywords=tuple(_as_list(front.get("keywords"))),
        # A conclusion's own articles are the card's too, so retrieval and verification know them.
        cites=tuple(dict.fromkeys([*cites, *(c for u in units for c in u.cites)])),
        region=str(front.get("region") or NATIONAL).strip(),
        topic=str(front.get("topic") or "").strip(),
        source=rel,
        asked_when=tuple(_as_list(front.get("asked_when"))),
        answers=units,
        applies_to=applies,
        steps=str(front.get("steps") or "").strip(),
        gap=str(front.get("gap") or "").strip(),
        needs=needs,
    )


def _as_records(value: object, rel: str) -> list[dict[str, object]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CorpusParseError(rel, 2, "'answers' must be a list of mappings with 'conclusion'")
    return value


def _unit(
    data: dict[str, object], i: int, rel: str, line_of: Callable[[str], int],
    resolved: Callable[[list[str]], tuple[str, ...]],
) -> AnswerUnit:
    """One answer unit, checked: a conclusion of sensible length, a known placeholder, citations that resolve."""
    conclusion = str(data.get("conclusion") or "").strip()
    where = line_of(conclusion[:20]) if conclusion else 2
    if not conclusion:
        raise CorpusParseError(rel, where, f"answers[{i}] has no conclusion")
    plain = conclusion.replace("{calc}", "")
    if len(plain) > MAX_CONCLUSION_CHARS:
        raise CorpusParseError(rel, where, f"answers[{i}] conclusion has {len(plain)} characters; "
                                           f"keep it under {MAX_CONCLUSION_CHARS}")
    if plain.rstrip()[-1:] in "：:，,、；;" or re.match(r"^\s*(?:[0-9]+[.、．]|[-*])", plain):
        raise CorpusParseError(rel, where, f"answers[{i}] conclusion reads as a heading or list item; "
                                           "state the answer in a full sentence")
    calc = str(data.get("calc") or "").strip()
    if "{calc}" in conclusion and not calc:
        raise CorpusParseError(rel, where, f"answers[{i}] uses {{calc}} but names no calculator")
    if any(w in conclusion for w in _INTERNAL_WORDS):
        raise CorpusParseError(rel, where, f"answers[{i}] mentions how answers are stored")
    unknown = set(data) - {"conclusion", "asks", "calc", "cites", "when"}
    if unknown:
        raise CorpusParseError(rel, where, f"answers[{i}] has unknown field {sorted(unknown)[0]!r}")
    return AnswerUnit(conclusion=conclusion, asks=tuple(_as_list(data.get("asks"))), calc=calc,
                      cites=resolved(_as_list(data.get("cites"))), when=_conditions(data.get("when"), i, rel, where))


def _conditions(value: object, i: int, rel: str, where: int) -> tuple[tuple[str, str, float | str], ...]:
    """`when: {pregnancy_months: "<7", employment_ended: true, region: 云南}` as (fact, operator, value) triples."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise CorpusParseError(rel, where, f"answers[{i}].when must map facts to conditions such as '<7'")
    out: list[tuple[str, str, float | str]] = []
    for fact, cond in value.items():
        if fact not in FACT_NAMES:
            raise CorpusParseError(rel, where, f"answers[{i}].when: unknown fact {fact!r}; known: "
                                               + "、".join(sorted(FACT_NAMES)))
        if str(cond).strip() == "known":  # she told us this fact, whatever it is (her retirement group)
            out.append((str(fact), "known", ""))
            continue
        if fact in _TEXT_FACTS:
            out.append((str(fact), "is", str(cond).strip()))
            continue
        if isinstance(cond, bool):
            out.append((str(fact), "==", float(cond)))
            continue
        m = _CONDITION_RE.match(str(cond).strip())
        if not m:
            raise CorpusParseError(rel, where, f"answers[{i}].when: {cond!r} is not a condition like '<7' or '>=12'")
        out.append((str(fact), m.group(1), float(m.group(2))))
    return tuple(out)


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]
