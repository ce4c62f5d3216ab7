"""What the answer adds around its conclusion: next steps by topic and the rules our corpus lacks.

Both come from data files our legal staff edit (corpus/next_steps.yaml, corpus/gaps.yaml), loaded once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.corpus import Corpus
from assistant.errors import ConfigError
from assistant.records import Card, NextStep

DEFAULT_STEPS = "default"
# Evidence worth keeping, by what her question is about; the rest of the list is always useful.
_EVIDENCE = (
    (("孕", "产", "哺乳", "流产"), "孕检单、病历和诊断证明"),
    (("工资", "加班", "扣", "奖金", "津贴", "补偿", "赔偿"), "工资条、银行流水和考勤记录"),
    (("辞退", "解除", "开除", "裁员", "辞职", "离职", "走人"), "单位的解除或辞退通知（书面的最好）"),
    (("骚扰",), "聊天记录、录音录像、证人和向单位投诉的记录"),
    (("招聘", "面试", "录用", "歧视"), "招聘广告截图、面试记录和聊天记录"),
)


@dataclass(frozen=True, slots=True)
class Gap:
    """A rule the corpus does not hold: what is missing, what is publicly known, what she can do."""

    id: str
    title: str
    missing: str
    known: str
    advice: str
    triggers: tuple[tuple[str, ...], ...] = ()
    region: str | None = None
    named: tuple[str, ...] = ()  # how a worker names the missing text itself (劳务派遣暂行规定, 刑法)

    def matches(self, text: str) -> bool:
        """True when every trigger group has a word in the text."""
        return bool(self.triggers) and all(any(w in text for w in group) for group in self.triggers)

    def named_in(self, text: str) -> bool:
        """True when she asks about the missing text by name: the answer then says first that we lack it."""
        return any(n in text for n in self.named)

    @property
    def short(self) -> str:
        """The missing text's first title (《劳务派遣暂行规定》), for a first line."""
        found = re.search(r"《[^》]+》", self.missing)
        return found.group(0) if found else self.missing

    @property
    def statement(self) -> str:
        """The plain notice shown with an answer on this topic."""
        return (f"资料库尚未收录{self.missing}，相关规定无法逐条核对。依据公开信息（正文未收录）：{self.known}"
                f"{self.advice}")


@dataclass(frozen=True, slots=True)
class Guidance:
    """Next-step sets by id and known gaps by id."""

    steps: Mapping[str, tuple[NextStep, ...]]
    gaps: Mapping[str, Gap]

    def next_steps(self, set_id: str, question: str) -> tuple[NextStep, ...]:
        """The steps of a set (the default when empty), with the evidence that fits her question."""
        steps = self.steps.get(set_id or DEFAULT_STEPS) or self.steps[DEFAULT_STEPS]
        evidence = evidence_for(question)
        return tuple(NextStep(s.title, s.detail.replace("{evidence}", evidence)) for s in steps)

    def gap_for(self, question: str, card: Card | None) -> Gap | None:
        """The gap her question runs into: the card's own, else the first whose triggers match."""
        if card is not None and card.gap:
            return self.gaps[card.gap]
        return next((g for g in self.gaps.values() if g.matches(question)), None) or next(
            (g for g in self.gaps.values() if not g.triggers and g.named_in(question)), None)

    def region_gap(self, region: str | None) -> Gap | None:
        """A gap that applies to every answer for this province."""
        return next((g for g in self.gaps.values() if region and g.region == region), None)


def evidence_for(question: str) -> str:
    """Evidence to keep, most specific first."""
    kept = [ev for words, ev in _EVIDENCE if any(w in question for w in words)]
    return "、".join(dict.fromkeys([*kept, "劳动合同", "单位的书面通知和聊天记录"]))


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取 {path}：{exc}") from exc


def _steps(path: Path) -> dict[str, tuple[NextStep, ...]]:
    data = _yaml(path)
    out: dict[str, tuple[NextStep, ...]] = {}
    for set_id, items in data.items():
        if not isinstance(items, list) or not all(isinstance(i, dict) and i.get("title") and i.get("detail")
                                                  for i in items):
            raise ConfigError(f"{path}：步骤组 {set_id} 的每一项都需要 title 和 detail")
        out[str(set_id)] = tuple(NextStep(str(i["title"]).strip(), str(i["detail"]).strip()) for i in items)
    if DEFAULT_STEPS not in out:
        raise ConfigError(f"{path}：缺少 {DEFAULT_STEPS} 步骤组")
    return out


def _gaps(path: Path) -> dict[str, Gap]:
    out: dict[str, Gap] = {}
    for gap_id, g in _yaml(path).items():
        try:
            triggers = tuple(tuple(str(w) for w in group) for group in (g.get("triggers") or ()))
            out[str(gap_id)] = Gap(str(gap_id), str(g["title"]), str(g["missing"]), str(g["known"]),
                                   str(g["advice"]), triggers, g.get("region"),
                                   tuple(str(n) for n in (g.get("named") or ())))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{path}：缺口 {gap_id} 格式错误（需要 title、missing、known、advice）：{exc}") from exc
    return out


def load_guidance(steps_file: Path, gaps_file: Path, corpus: Corpus) -> Guidance:
    """Read both files and check every card's `steps` and `gap` names one that exists."""
    guidance = Guidance(_steps(steps_file), _gaps(gaps_file) if gaps_file.is_file() else {})
    problems = [f"{c.source}: steps {c.steps!r}" for c in corpus.cards if c.steps and c.steps not in guidance.steps]
    problems += [f"{c.source}: gap {c.gap!r}" for c in corpus.cards if c.gap and c.gap not in guidance.gaps]
    if problems:
        raise ConfigError("知识卡引用了不存在的步骤组或资料缺口：" + "；".join(problems))
    return guidance


def step_articles(corpus: Corpus, steps: Sequence[NextStep]) -> set[str]:
    """Article ids the steps name, so verification accepts them."""
    return {aid for s in steps for aid in corpus.cited_ids(s.detail)}


