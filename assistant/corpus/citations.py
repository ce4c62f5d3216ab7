"""Find article references (《劳动合同法》第四十二条, 劳动合同法第42条, 本法第三十九条) in free text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.corpus.numerals import CN_NUMERAL_CHARS, cn_to_int

PRC = "中华人民共和国"
_NUM = rf"[0-9０-９{CN_NUMERAL_CHARS}]+"
_ARTICLE = rf"第?\s*(?P<n>{_NUM})\s*条(?:之[一二三四五六七八九十])?(?:第{_NUM}款)?(?:第{_NUM}项)?(?:（{_NUM}）)?"
_ARTICLE_RE = re.compile(_ARTICLE)
# What may stand between two articles of one list: 第三十八条、第四十六条 / 第三十九条至第四十一条.
_JOIN_RE = re.compile(r"\s*(?P<sep>[、，,和及与或至到~～-]|以及|或者)\s*")
_SELF_WORDS = ("本法", "该法", "同法", "本规定", "本条例", "本解释", "本办法", "本细则", "上述规定", "该规定", "该条例")
_MAX_RANGE = 12


@dataclass(frozen=True, slots=True)
class RawCitation:
    """An article reference as written; `law` is the name as it appears (not yet resolved)."""

    law: str | None
    number: int
    start: int
    end: int
    raw: str


def canonical_title(title: str) -> str:
    """Drop 中华人民共和国 and surrounding markup from a law title."""
    t = title.strip().strip("《》").replace(PRC, "")
    t = t.replace("<", "〈").replace(">", "〉").replace("&lt;", "〈").replace("&gt;", "〉")
    t = t.replace("〈", "《").replace("〉", "》")
    return re.sub(r"\s+", "", t)


@lru_cache(maxsize=16)
def _law_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted({a for a in aliases if a}, key=len, reverse=True)
    alt = "|".join(re.escape(a) for a in names) or r"(?!x)x"
    self_alt = "|".join(_SELF_WORDS)
    return re.compile(
        # A bare alias must not be the tail of a longer regional title (云南省女职工劳动保护特别规定).
        rf"《(?P<book>[^《》\n]{{2,80}})》|(?:{PRC})?(?<![省市区县州])(?P<alias>{alt})|(?P<self>{self_alt})"
    )


def find_citations(
    text: str, aliases: Iterable[str] = (), default_law: str | None = None
) -> list[RawCitation]:
    """Return every article reference in `text`, in order.

    A reference needs a law before it: a 《book title》, a known alias, or 本法/该法 (meaning
    `default_law`, or the law named last). Lists and short ranges after one law are expanded.
    """
    pattern = _law_pattern(tuple(aliases))
    out: list[RawCitation] = []
    last_law = default_law
    for m in pattern.finditer(text):
        if m.group("book"):
            law: str | None = canonical_title(m.group("book"))
        elif m.group("alias"):
            law = m.group("alias")
        else:
            law = last_law if m.group("self") in {"该法", "同法", "上述规定", "该规定", "该条例"} else (
                default_law or last_law)
        if law is None:
            continue
        pos = m.end()
        # Only 的 may stand between a law and its article (劳动合同法的第四十二条).
        gap = re.match(r"\s*(?:的)?", text[pos:])
        pos += gap.end() if gap else 0
        found = list(_article_list(text, pos))
        if not found:
            last_law = law if not m.group("self") else last_law
            continue
        last_law = law if not m.group("self") else last_law
        for i, (n, s, e) in enumerate(found):
            start = m.start() if i == 0 else s
            out.append(RawCitation(law, n, start, e, text[start:e]))
    return out


def _article_list(text: str, pos: int) -> Iterable[tuple[int, int, int]]:
    """Yield (number, start, end) for 第X条 items chained from `pos`."""
    m = _ARTICLE_RE.match(text, pos)
    if not m:
        return
    prev = _safe_int(m.group("n"))
    if prev is None:
        return
    yield prev, m.start(), m.end()
    pos = m.end()
    while True:
        j = _JOIN_RE.match(text, pos)
        if not j:
            return
        nxt = _ARTICLE_RE.match(text, j.end())
        if not nxt:
            return
        n = _safe_int(nxt.group("n"))
        if n is None:
            return
        if j.group("sep") in {"至", "到", "~", "～", "-"} and prev < n <= prev + _MAX_RANGE:
            for k in range(prev + 1, n):
                yield k, nxt.start(), nxt.end()
        yield n, nxt.start(), nxt.end()
        prev, pos = n, nxt.end()


def _safe_int(s: str) -> int | None:
    try:
        n = cn_to_int(s)
    except ValueError:
        return None
    return n if 0 < n < 5000 else None


_ID_RE = re.compile(r"^(?P<law>[^#]+)#(?P<n>\d+|附录.*|附件.*)$")


def parse_reference(text: str, aliases: Sequence[str] = ()) -> RawCitation | None:
    """Parse one citation written in any common form: 《劳动合同法》第四十二条, 劳动合同法第42条, 劳动合同法#42."""
    s = text.strip()
    m = _ID_RE.match(s)
    if m and m.group("n").isdigit():
        return RawCitation(canonical_title(m.group("law")), int(m.group("n")), 0, len(s), s)
    found = find_citations(s, aliases)
    if found:
        return found[0]
    # A bare title followed by 第N条 whose title is not a known alias.
    m2 = re.match(rf"^《?(?P<law>[^《》第]{{2,80}}?)》?\s*{_ARTICLE}", s)
    if m2:
        n = _safe_int(m2.group("n"))
        if n is not None:
            return RawCitation(canonical_title(m2.group("law")), n, 0, len(s), s)
    return None
