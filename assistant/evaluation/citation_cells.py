"""Expected-citation cells as a lawyer writes them: lists, ranges, repeated law names, clauses and items.

One cell may hold 劳动合同法第四十八条、第八十七条 / 第四十八条至第五十条 / 《劳动合同法》第48、87条 /
第42条和第48条 / 劳动合同法第四十八条、劳动合同法第八十七条 / 第八十二条第一款 / 第四十四条第（二）项 /
劳动合同法#42 / 《女职工劳动保护特别规定》附录. Either the whole cell is read, or an error says what could
not be read; nothing is dropped silently. A clause or item counts as its article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus import Corpus
from assistant.corpus.citations import canonical_title
from assistant.corpus.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn

_NUM = rf"[0-9{CN_NUMERAL_CHARS}]+"
# 第 N [、N …] 条 [之一] [第N款] [第（N）项]; 至 ranges are handled between articles.
_ARTICLE = re.compile(
    rf"第?\s*(?P<nums>{_NUM}(?:\s*[、，,]\s*{_NUM})*)\s*条(?P<zhi>之[一二三四五六七八九十])?"
    rf"(?P<clause>\s*第\s*{_NUM}\s*款)?(?P<item>\s*第?\s*[（(]\s*{_NUM}\s*[)）]\s*项|\s*第\s*{_NUM}\s*项)?"
)
_RANGE = re.compile(rf"\s*(?:至|到|~|～|-|—)\s*第?\s*(?P<to>{_NUM})\s*条")
_SEP = re.compile(r"\s*(?:以及|、|，|,|和|及|与|或)\s*")
_BOOK = re.compile(r"《(?P<name>[^《》]{2,80})》")
_ID = re.compile(r"(?P<law>[^#\s]{2,80})#(?P<n>\d+)")
_APPENDIX = re.compile(r"^《?(?P<law>[^《》#]+?)》?\s*#?(?P<part>附录|附件)$")
_PRC = "中华人民共和国"
_WIDE = str.maketrans("０１２３４５６７８９＃，", "0123456789#,")
MAX_RANGE = 30


@dataclass(frozen=True, slots=True)
class ExpectedCitation:
    """One article named in an expected-citation cell, with the clause or item she wrote, if any."""

    written: str
    law: str
    number: int
    clause: str = ""  # e.g. 第一款, 第（二）项, 第一款第（二）项; it counts as the article

    @property
    def id(self) -> str:
        """Corpus article id, e.g. 劳动合同法#48."""
        return f"{self.law}#{self.number}"

    @property
    def label(self) -> str:
        """《劳动合同法》第八十二条第一款."""
        return f"《{self.law}》第{int_to_cn(self.number)}条{self.clause}"


@dataclass(frozen=True, slots=True)
class AppendixCitation:
    """A whole appendix (附录/附件) of a law: every record under it counts."""

    written: str
    law: str
    ids: tuple[str, ...]


class CellError(ValueError):
    """A cell that cannot be read whole; the message says what could not be read, in Chinese."""


def _normalise(text: str) -> str:
    # Only digits and spaces: NFKC would also turn the （一） of law titles into (一).
    s = text.translate(_WIDE).replace("\u3000", " ")
    return s.strip().strip("；;。、，,")


def _num(s: str) -> int:
    n = cn_to_int(re.sub(r"\s+", "", s))
    if not 0 < n < 5000:
        raise CellError(f"条号“{s}”不合理")
    return n


def _clause_label(clause: str | None, item: str | None) -> str:
    out = ""
    if clause:
        out += "第" + int_to_cn(_num(re.sub(r"[第款\s]", "", clause))) + "款"
    if item:
        out += "第（" + int_to_cn(_num(re.sub(r"[第项()（）\s]", "", item))) + "）项"
    return out


class _Reader:
    """A left-to-right reader of one citation (one item of a cell, separated by ；or new lines)."""

    def __init__(self, corpus: Corpus, text: str) -> None:
        self.corpus = corpus
        self.text = text
        self.pos = 0

    def rest(self) -> str:
        return self.text[self.pos:]

    def law_here(self) -> str | None:
        """Read a law name at the cursor (《X》, a known name or alias, or X before 第); None if none."""
        s = self.rest()
        m = _BOOK.match(s)
        if m:
            self.pos += m.end()
            return self._resolve(m.group("name"))
        bare = s.removeprefix(_PRC)
        skipped = len(s) - len(bare)
        for alias in self.corpus.aliases:  # longest first
            if bare.startswith(alias) and not bare[len(alias):].startswith("》"):
                after = bare[len(alias):].lstrip()
                # A known name must be followed by the article (or 的 + article), not by more of a longer title.
                if re.match(rf"(?:的)?第|{_NUM}\s*条", after):
                    self.pos += skipped + len(alias) + (1 if after.startswith("的") else 0)
                    self.pos += len(bare[len(alias):]) - len(after)
                    return self._resolve(alias)
        m2 = re.match(r"(?P<name>[^第《》#]{2,80}?)\s*(?:的)?(?=第)", bare)
        if m2:
            self.pos += skipped + m2.end()
            return self._resolve(m2.group("name"))
        return None

    def _resolve(self, name: str) -> str:
        title = canonical_title(name)
        gone = self.corpus.repealed(title)
        if gone is not None:
            raise CellError(f"《{title}》已于 {gone.since} 废止（被《{gone.replaced_by}》取代），请改引现行法")
        law = self.corpus.resolve_law(title)
        if law is None:
            raise CellError(f"法规库中没有《{title}》（请检查法名，或该法规尚未收录）")
        return law

    def articles(self, law: str) -> list[ExpectedCitation]:
        """Read 第N条… at the cursor, with 、N lists, 至第M条 ranges, 之一, clauses and items."""
        m = _ARTICLE.match(self.rest())
        if not m:
            raise CellError("缺少条号")
        start = self.pos
        self.pos += m.end()
        if m.group("zhi"):
            raise CellError(f"“{m.group(0).strip()}”是“条之X”，法规库按条编号，暂不能单独核对")
        nums = [_num(n) for n in re.split(r"\s*[、，,]\s*", m.group("nums"))]
        clause = _clause_label(m.group("clause"), m.group("item"))
        if clause and len(nums) > 1:
            raise CellError(f"“{m.group(0).strip()}”同时列了几条又写了款或项，请分开写")
        r = _RANGE.match(self.rest())
        if r:
            if clause:
                raise CellError(f"“{self.text[start:self.pos + r.end()].strip()}”：范围不能带款或项")
            end = _num(r.group("to"))
            first = nums[-1]
            if not first < end <= first + MAX_RANGE:
                raise CellError(f"范围“第{first}条至第{end}条”不合理（终止条号须大于起始条号，且最多 {MAX_RANGE} 条）")
            self.pos += r.end()
            nums += list(range(first + 1, end + 1))
        written = self.text[start:self.pos].strip()
        return [ExpectedCitation(written, law, n, clause) for n in nums]


def _check(corpus: Corpus, ref: ExpectedCitation) -> None:
    art = corpus.articles.get(ref.id)
    if art is None:
        count = sum(1 for a in corpus.articles.values() if a.law == ref.law and a.number > 0)
        law = corpus.laws.get(ref.law)
        version = f"（法规库收录的是 {law.version}，共 {count} 条）" if law and law.version else f"（法规库收录 {count} 条）"
        raise CellError(f"《{ref.law}》没有第{int_to_cn(ref.number)}条{version}")
    if ref.clause.startswith("第") and "款" in ref.clause:
        kuan = cn_to_int(ref.clause[1:ref.clause.index("款")])
        # Items （一）（二）… stand on lines of their own; they belong to the clause above them.
        paragraphs = [p for p in art.text.splitlines() if p.strip() and not p.lstrip().startswith(("（", "("))]
        if kuan > len(paragraphs):
            raise CellError(f"{art.title}只有 {len(paragraphs)} 款，没有第{int_to_cn(kuan)}款")
    if "项" in ref.clause:
        item = ref.clause[ref.clause.rindex("（") + 1:ref.clause.rindex("）")]
        if f"（{item}）" not in art.text and f"({item})" not in art.text:
            raise CellError(f"{art.title}中没有第（{item}）项")


def parse_citation(corpus: Corpus, written: str) -> list[ExpectedCitation] | AppendixCitation:
    """Every article one written citation names, checked against the corpus; CellError says what is wrong."""
    text = _normalise(written)
    if not text:
        raise CellError("空白")
    app = _APPENDIX.match(text)
    if app:
        title = corpus.resolve_law(app.group("law"))
        ids = tuple(a.id for a in corpus.articles.values()
                    if title and a.law == title and a.label.startswith(app.group("part")))
        if not ids:
            raise CellError(f"法规库中没有《{canonical_title(app.group('law'))}》的{app.group('part')}")
        return AppendixCitation(written, title or "", ids)
    mid = _ID.fullmatch(text)
    if mid:
        reader = _Reader(corpus, "")
        ref = ExpectedCitation(text, reader._resolve(mid.group("law")), int(mid.group("n")))
        _check(corpus, ref)
        return [ref]
    reader = _Reader(corpus, text)
    law = reader.law_here()
    if law is None and corpus.resolve_law(text.strip("《》")):
        raise CellError(f"“{text}”只写了法名，缺少条号（应写成 第N条）")
    if law is None:
        raise CellError(f"“{text}”开头没有法名（应写成 《劳动合同法》第四十八条 这样）")
    out: list[ExpectedCitation] = []
    while True:
        try:
            out.extend(reader.articles(law))
        except CellError as exc:
            if str(exc) == "缺少条号":
                raise CellError(f"“{reader.rest() or text}”处缺少条号（应写成 第N条）") from None
            raise
        if reader.pos >= len(text):
            break
        sep = _SEP.match(text, reader.pos)
        if not sep:
            raise CellError(f"无法识别“{reader.rest()}”（已读出：{'、'.join(r.label for r in out)}）")
        reader.pos = sep.end()
        if reader.pos >= len(text):
            raise CellError(f"“{text}”结尾多了一个“{sep.group(0).strip()}”")
        if not _ARTICLE.match(reader.rest()):
            named = reader.law_here()
            if named is None:
                raise CellError(f"无法识别“{reader.rest()}”（已读出：{'、'.join(r.label for r in out)}）")
            law = named
    for ref in out:
        _check(corpus, ref)
    return out
