"""Which version a statute text is, read from its history block, its file name and corpus/laws.yaml.

A history block lists dated steps ("2012年12月28日 …《关于修改…的决定》修正", "2004年12月1日 施行").
`history_steps` turns it into (date, kind) pairs; the version a text is cited with is its last
adopting or amending step, and its effective date is the law's commencement clause. The parser and
`assistant corpus audit` both use these functions, so there is one reading of a history block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kinds that make a new version of the text, in the order a line is searched.
VERSION_KINDS = ("修订", "修正", "通过", "公布", "发布", "印发", "批准")
COMMENCEMENT_KINDS = ("施行", "执行", "实施")
# What corpus/laws.yaml gives the articles of a stored text that a later amendment superseded.
SUPERSEDED_STATUS = "已被修改"
# The label every rule stated from public facts (not from a stored text) carries.
PUBLIC_FACT_LABEL = "依据公开信息，正文未收录"

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
_DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<cy>[〇零○一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,3})月(?P<cd>[一二三四五六七八九十]{1,3})日"
)
_BOOK = re.compile(r"《[^《》]*》|<[^<>]*>")
_STARTS_COMMENCEMENT = re.compile(r"^\s*(?:起|开始)?\s*(?:施行|执行|实施)")
_ANNOUNCED = re.compile(r"现予(?:公布|发布|公告)")
# What a scraper adds to a page describes the web page, not the law: its "> 发布信息：" prefix would read
# as a 发布 step, "正文来源页面发布时间 2021-12-28" is the page's date, and "- 索引号|" rows are page metadata.
_SCRAPER_PREFIX = re.compile(r"^>\s*发布信息[：:]\s*")
_SCRAPER_SUFFIX = re.compile(r"[；;，,]?\s*正文来源页面发布时间.*$")
_SCRAPER_LINE = re.compile(r"^>\s*(?:来源|效力层级)|^\s*-\s")
_FILE_DATE = re.compile(r"\((\d{4})-(\d{2})-(\d{2})\)")


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """One dated step of a text's history: adopted, amended, published or commenced."""

    date: str  # ISO yyyy-mm-dd
    kind: str  # one of VERSION_KINDS or COMMENCEMENT_KINDS, or "" when the line names no event
    line: str

    @property
    def commencement(self) -> bool:
        """True for 施行 / 执行 / 实施 (the law takes effect), False for a new version of the text."""
        return self.kind in COMMENCEMENT_KINDS

    @property
    def label(self) -> str:
        """The step as the corpus cites it, e.g. 2012年12月28日修正."""
        return cn_date(self.date) + self.kind


def cn_date(iso: str) -> str:
    """2012-12-28 → 2012年12月28日."""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def _cn_int(text: str) -> int:
    if len(text) == 4:
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGIT[text[1]]
    if text.endswith("十"):
        return 10 * _CN_DIGIT[text[0]]
    if "十" in text:
        return 10 * _CN_DIGIT[text[0]] + _CN_DIGIT[text[-1]]
    return _CN_DIGIT[text]


def _iso(m: re.Match[str]) -> str | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = _cn_int(m.group("cy")), _cn_int(m.group("cm")), _cn_int(m.group("cd"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _kind(segment: str) -> str:
    """The event a date's clause names: the last version word in it, else a commencement word."""
    if _STARTS_COMMENCEMENT.match(segment):
        return next(k for k in COMMENCEMENT_KINDS if k in segment)
    plain = _BOOK.sub("", segment)
    found = [(plain.rfind(k), k) for k in VERSION_KINDS if k in plain]
    if found:
        return max(found)[1]
    return next((k for k in COMMENCEMENT_KINDS if k in plain), "")


def _joined_lines(history: str) -> list[str]:
    # A 题注 in parentheses may wrap over lines: "（2020年3月20日…人民代表大会" / "常务委员会…通过）".
    out: list[str] = []
    pending = ""
    for raw in history.splitlines():
        line = raw.strip()
        if not line:
            continue
        if pending:
            pending += line
            if "）" in line or ")" in line:
                out.append(pending)
                pending = ""
            continue
        if line.startswith(("（", "(", "### （")) and not ("）" in line or ")" in line[1:]):
            pending = line
            continue
        out.append(line)
    if pending:
        out.append(pending)
    return out


def history_steps(history: str) -> list[HistoryStep]:
    """Every dated step of a history block, in the order written."""
    steps: list[HistoryStep] = []
    lines = _joined_lines(history)
    for i, line in enumerate(lines):
        if _SCRAPER_LINE.search(line):
            continue
        line = _SCRAPER_SUFFIX.sub("", _SCRAPER_PREFIX.sub("", line))
        matches = list(_DATE.finditer(line))
        for j, m in enumerate(matches):
            iso = _iso(m)
            if iso is None:
                continue
            end = matches[j + 1].start() if j + 1 < len(matches) else len(line)
            segment = re.split(r"[，,；;。]", line[m.end():end], maxsplit=1)[0]
            kind = _kind(segment)
            if not kind and line == m.group(0) and any(_ANNOUNCED.search(p) for p in lines[max(0, i - 3): i]):
                # A bare date under "……现予公布" is the date of the announcement.
                kind = "公布"
            steps.append(HistoryStep(iso, kind, line))
    return steps


def last_version_step(steps: list[HistoryStep]) -> HistoryStep | None:
    """The step that made the text as it stands: the latest dated adoption, amendment or publication."""
    versions = [s for s in steps if s.kind and not s.commencement]
    if not versions:
        versions = [s for s in steps if not s.kind]
    return max(versions, key=lambda s: s.date) if versions else None


def file_name_date(name: str) -> str | None:
    """The version date a LawRefBook file name carries, e.g. 劳动法(2018-12-29).md → 2018-12-29."""
    m = _FILE_DATE.search(name)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def version_label(history: str, published: str) -> str:
    """Human-readable version: the last dated step of the history (e.g. 2012年12月28日修正)."""
    step = last_version_step(history_steps(history))
    if step is not None:
        return step.label if step.kind else f"{cn_date(step.date)}发布"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return f"{cn_date(published)}发布"
    return "版本未注明"


_EFFECTIVE = re.compile(
    r"(?:自|于)?(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:起)?(?:施行|执行|实施)"
)
_PUBLISH_SELF = re.compile(r"自(?:公布|发布|印发)之日(?:起)?(?:施行|执行)")


def effective_date(body: str, history: str, declared: str = "") -> str | None:
    """The law's commencement date: the body's commencement clause, else the history, else the front matter."""
    found = list(_EFFECTIVE.finditer(body))
    if found:
        # The commencement clause is near the end; earlier dates in the body are often transitional.
        m = found[-1]
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    steps = history_steps(history)
    starts = [s for s in steps if s.commencement]
    if starts:
        return starts[0].date
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", declared):
        return declared
    if _PUBLISH_SELF.search(body) or _PUBLISH_SELF.search(history):
        # In force on publication: the first publication of the law (amendments keep that date).
        published = [s for s in steps if s.kind in {"公布", "发布", "印发"}] or [s for s in steps if s.kind]
        return published[0].date if published else None
    return None


def date_of(label: str) -> str | None:
    """The ISO date a version label starts with (2012年12月28日修正 → 2012-12-28), or None."""
    m = _DATE.search(label)
    return _iso(m) if m else None
