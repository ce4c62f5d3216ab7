"""Parse statute files (LawRefBook Markdown and labor_lawyer front-matter Markdown) into Articles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.corpus.citations import canonical_title
from assistant.corpus.markdown import front_matter, read_lines
from assistant.corpus.numerals import CN_NUMERAL_CHARS, article_label, cn_to_int
from assistant.corpus.versions import effective_date, file_name_date, version_label
from assistant.errors import CorpusParseError
from assistant.records import NATIONAL, Article, Law

_NUM = rf"[0-9{CN_NUMERAL_CHARS}]+"
# A heading is 第X条 at the start of a line, bold (**第X条**) or followed by white space; an in-text
# reference such as 第三十九条规定的 never is.
_ARTICLE_RE = re.compile(rf"^\*\*\s*第(?P<n>{_NUM})条\s*\*\*[\s　:：]*(?P<rest>.*)$|^第(?P<n2>{_NUM})条(?:[\s　]+(?P<rest2>.*))?$")
_CHAPTER_RE = re.compile(rf"^(?:#{{1,4}}\s*|\*\*)?\s*(?P<h>第{_NUM}[编章节](?:[\s　].*|$)|(?:总[\s　]*则|附[\s　]*则|分[\s　]*则))\**\s*$")
_APPENDIX_RE = re.compile(r"^(?:#{1,4}\s*|\*\*)?(?P<h>附录|附件)(?:\*\*)?[\s：:]*(?P<rest>.*)$")
_APPENDIX_PART_RE = re.compile(r"^(?P<cn>[一二三四五六七八九十]+)、(?P<title>.*)$")
_SECTION_RE = re.compile(r"^#{2,4}\s*(?P<cn>[一二三四五六七八九十]+)(?:、\s*(?P<title>.*))?$")
# A bold title on its own line that starts a second instrument inside one file: the 2024 retirement-age
# decision carries the 办法 it approves (MANIFEST); each is its own law for citation purposes.
_ATTACHED_RE = re.compile(r"^\*\*(?P<t>[^*]{4,60}(?:办法|规定|条例|细则))\*\*\s*$")
_IMAGE_ONLY_RE = re.compile(r"^(?:!\[[^\]]*\]\([^)]*\)\s*)+$")
_NUMBERED_ITEM_RE = re.compile(r"^[0-9０-９]+[．.、]")
# The numbered points of a decision (一、…), cited like articles (决定第一条).
_POINT_RE = re.compile(r"^(?P<cn>[一二三四五六七八九十]+)、(?P<rest>.+)$")

PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
    "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)
_PINYIN_REGIONS = {
    "beijing": "北京", "shanghai": "上海", "tianjin": "天津", "chongqing": "重庆", "yunnan": "云南",
    "fujian": "福建", "heilongjiang": "黑龙江", "guangdong": "广东", "zhejiang": "浙江", "shandong": "山东",
    "henan": "河南", "jiangsu": "江苏", "sichuan": "四川", "hubei": "湖北", "hunan": "湖南",
}


@dataclass(frozen=True, slots=True)
class LawMeta:
    """What corpus/laws.yaml says about one law."""

    level: str | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""
    # Where the file name, the history block and the text disagree, laws.yaml states the version (and
    # the effective date) the text really is, with the reason; `assistant corpus audit` shows both.
    version: str | None = None
    effective: str | None = None
    version_reason: str = ""


@dataclass(slots=True)
class _Draft:
    number: int
    label: str
    line: int
    chapter: str
    lines: list[str] = field(default_factory=list)


def region_of_title(title: str) -> str:
    """Province or municipality a title belongs to (上海市… → 上海), else 全国."""
    for p in PROVINCES:
        if title.startswith(p):
            return p
    return NATIONAL


def infer_level(title: str, region: str) -> str:
    """Best guess of a law's level from its title, used when laws.yaml is silent."""
    if title.startswith("最高人民法院"):
        return "司法解释"
    if region != NATIONAL:
        return "地方性法规"
    if title.endswith("法") or title == "民法典":
        return "法律"
    if "条例" in title or title.startswith("国务院"):
        return "行政法规"
    return "部门规章"


def _clean(line: str) -> str:
    return line.replace("**", "").replace("　", " ").strip()


@dataclass(frozen=True, slots=True)
class StatuteHeader:
    """What a statute file says about itself before its articles: title, history block and dates."""

    title: str
    body_start: int
    history: str
    region: str
    published: str  # the file name's date (LawRefBook) or the front matter's published_at
    declared_effective: str = ""  # the front matter's effective_at
    notes: str = ""  # the front matter's notes
    front: bool = False  # labor_lawyer format (front matter) rather than LawRefBook


def read_header(path: Path, lines: list[str], rel: str) -> StatuteHeader:
    """The header of one statute file (either format); used by the parser and by the version audit."""
    if lines and lines[0].strip() == "---":
        front, body_start = front_matter(lines, rel)
        title = canonical_title(str(front.get("title") or ""))
        header = "\n".join(lines[body_start: body_start + 40])
        notes = str(front.get("notes") or "")
        return StatuteHeader(
            title=title, body_start=body_start, history=header + "\n" + notes,
            region=_PINYIN_REGIONS.get(str(front.get("region", "")).split("/")[-1], region_of_title(title)),
            published=str(front.get("published_at") or ""),
            declared_effective=str(front.get("effective_at") or ""), notes=notes, front=True,
        )
    title, body_start, history = _lawrefbook_header(lines, rel)
    return StatuteHeader(title=title, body_start=body_start, history=history, region=region_of_title(title),
                         published=file_name_date(path.name) or "")


def parse_statute_file(
    path: Path, meta_by_title: dict[str, LawMeta], rel: str
) -> list[tuple[Law, list[Article]]]:
    """Parse one statute file into its instruments (usually one), each a Law and its Articles.

    Raises CorpusParseError naming file and line.
    """
    lines = read_lines(path, rel)
    head = read_header(path, lines, rel)
    title, body_start, history, region, published = (
        head.title, head.body_start, head.history, head.region, head.published
    )
    if not title:
        raise CorpusParseError(rel, 1, "no title found (expected '# 名称' or front matter 'title:')")
    part = ""
    if title.startswith("民法典") and title != "民法典":
        # The 民法典 ships as one file per part (# 中华人民共和国民法典 / # 人格权编); they are one law.
        part, title = title[len("民法典"):], "民法典"

    cut, attached_title = _attachment(lines, body_start)
    drafts, appendix = _articles(lines, body_start, rel, part, end=cut)
    if not drafts:
        raise CorpusParseError(rel, body_start + 1, "no articles found (expected lines starting 第X条)")
    main = _instrument(title, region, history, published, drafts, appendix, meta_by_title, rel,
                       declared_effective=head.declared_effective)
    if attached_title is None:
        return [main]
    sub_drafts, sub_appendix = _articles(lines, cut + 1, rel, "")
    if not sub_drafts:
        raise CorpusParseError(rel, cut + 2, f"attached instrument {attached_title!r} has no articles")
    approver = main[0]
    attached = _instrument(canonical_title(attached_title), region, history, published, sub_drafts, sub_appendix,
                           meta_by_title, rel, approved_by=approver)
    return [main, attached]


def _attachment(lines: list[str], start: int) -> tuple[int, str | None]:
    """Index and title of a second instrument's heading, when one follows the first one's text."""
    for i in range(start, len(lines)):
        m = _ATTACHED_RE.match(lines[i].strip())
        if m and any(_ARTICLE_RE.match(ln.strip()) for ln in lines[i + 1:]):
            return i, m.group("t").strip()
    return len(lines), None


def _instrument(
    title: str, region: str, history: str, published: str, drafts: list[_Draft], appendix: list[Article],
    meta_by_title: dict[str, LawMeta], rel: str, approved_by: Law | None = None, declared_effective: str = "",
) -> tuple[Law, list[Article]]:
    meta = meta_by_title.get(title, LawMeta())
    level = meta.level or infer_level(title, region)
    body = "\n".join("\n".join(d.lines) for d in drafts)
    if approved_by is not None:
        # An approved instrument has no history of its own: it takes effect with the act approving it.
        effective = meta.effective or approved_by.effective
        version = meta.version or approved_by.version.replace("通过", "批准")
    else:
        effective = _effective(body, history, declared_effective, meta)
        version = _version(history, published, meta)
    law = Law(
        title=title,
        aliases=tuple(dict.fromkeys((title, *meta.aliases))),
        level=level,
        region=region,
        version=version,
        effective=effective,
        source=rel,
        note=meta.note,
    )
    articles = [
        Article(
            id=f"{title}#{d.number}",
            law=title,
            number=d.number,
            label=d.label,
            text="\n".join(d.lines).strip(),
            level=level,
            region=region,
            version=version,
            effective=effective,
            chapter=d.chapter,
            source=rel,
            line=d.line,
        )
        for d in drafts
    ]
    articles.extend(replace(a, id=f"{title}#{a.label}", law=title, level=level, region=region,
                            version=version, effective=effective, source=rel) for a in appendix)
    return law, articles


def _lawrefbook_header(lines: list[str], rel: str) -> tuple[str, int, str]:
    try:
        end = next(i for i, ln in enumerate(lines) if ln.strip() == "<!-- INFO END -->")
    except StopIteration as exc:
        raise CorpusParseError(rel, 1, "missing '<!-- INFO END -->' after the history block") from exc
    titles = [ln[2:].strip() for ln in lines[:end] if ln.startswith("# ")]
    title = canonical_title("".join(titles))
    history = "\n".join(ln for ln in lines[:end] if ln.strip() and not ln.startswith("#"))
    return title, end + 1, history


def _articles(
    lines: list[str], start: int, rel: str, part: str, end: int | None = None
) -> tuple[list[_Draft], list[Article]]:
    drafts: list[_Draft] = []
    chapter = part
    appendix_lines: list[tuple[int, str]] = []
    in_appendix = False
    appendix_word = "附录"
    end = len(lines) if end is None else end
    for i in range(start, end):
        raw = lines[i]
        line = _clean(raw)
        if not line:
            continue
        if in_appendix:
            appendix_lines.append((i + 1, line))
            continue
        m = _ARTICLE_RE.match(raw.strip())
        if m:
            num_s = m.group("n") or m.group("n2")
            rest = (m.group("rest") if m.group("n") else m.group("rest2")) or ""
            try:
                n = cn_to_int(num_s)
            except ValueError as exc:
                raise CorpusParseError(rel, i + 1, f"bad article number {num_s!r}") from exc
            if drafts and n <= drafts[-1].number:
                # Numbers only go up inside one law; a repeat is a table of contents or a quotation.
                drafts[-1].lines.append(line)
                continue
            drafts.append(_Draft(n, article_label(n), i + 1, chapter, [_clean(rest)] if rest.strip() else []))
            continue
        c = _CHAPTER_RE.match(raw.strip())
        if c:
            heading = re.sub(r"[\s　]+", " ", _clean(c.group("h")))
            if "节" in heading.split(" ")[0] and chapter:
                chapter = chapter.split(" / ")[0] + " / " + heading
            else:
                chapter = (part + " / " + heading) if part else heading
            continue
        a = _APPENDIX_RE.match(raw.strip())
        if a and drafts:
            in_appendix = True
            appendix_word = a.group("h")
            if a.group("rest").strip():
                appendix_lines.append((i + 1, _clean(a.group("rest"))))
            continue
        if drafts:
            drafts[-1].lines.append(line)
    if not drafts:
        drafts = _sections(lines, start, end)
    return drafts, _appendix_records(appendix_lines, appendix_word)


def _sections(lines: list[str], start: int, end: int) -> list[_Draft]:
    """Numbered parts (## 一、…) of a notice that has no articles, or the numbered points of a decision
    (一、… on plain lines, cited like articles); else the whole text as one part."""
    if not any(_SECTION_RE.match(ln.strip()) for ln in lines[start:end]):
        points = _points(lines, start, end)
        if points:
            return points
    drafts: list[_Draft] = []
    preamble: list[str] = []
    for i in range(start, end):
        line = _clean(lines[i])
        if not line:
            continue
        m = _SECTION_RE.match(lines[i].strip())
        if m:
            n = cn_to_int(m.group("cn"))
            drafts.append(_Draft(n, f"第{m.group('cn')}部分", i + 1, (m.group("title") or "").strip(), []))
        elif drafts:
            drafts[-1].lines.append(line)
        else:
            preamble.append(line)
    if not drafts and preamble:
        drafts.append(_Draft(1, "全文", start + 1, "", preamble))
    return drafts


def _points(lines: list[str], start: int, end: int) -> list[_Draft]:
    """A decision's points 一、二、… in order; text before the first point (the preamble) is left out."""
    drafts: list[_Draft] = []
    for i in range(start, end):
        line = _clean(lines[i])
        m = _POINT_RE.match(line)
        if m and cn_to_int(m.group("cn")) == len(drafts) + 1:
            n = len(drafts) + 1
            drafts.append(_Draft(n, article_label(n), i + 1, "", [m.group("rest").strip()]))
        elif drafts and line:
            drafts[-1].lines.append(line)
    return drafts


def _appendix_records(items: list[tuple[int, str]], word: str = "附录") -> list[Article]:
    """Split an appendix into one record per 一、二、 part (or one record when it has no parts)."""
    if not items:
        return []
    parts: list[tuple[str, int, list[str]]] = []
    heading = ""
    for line_no, text in items:
        if _IMAGE_ONLY_RE.match(text):
            continue  # tables published as images carry no text to quote
        m = _APPENDIX_PART_RE.match(text)
        if m:
            parts.append((m.group("cn"), line_no, [text]))
        elif parts:
            parts[-1][2].append(text)
        elif not heading and len(text) <= 30 and not _NUMBERED_ITEM_RE.match(text):
            heading = text
        elif text == heading:
            continue
        else:
            parts.append(("", line_no, [text]))
    out = []
    for cn, line_no, body in parts:
        label = f"{word}{cn}" if cn else word
        out.append(Article(
            id="", law="", number=0, label=label, text="\n".join(body), level="", region="", version="",
            effective=None, chapter=f"{word} {heading}".strip(), line=line_no,
        ))
    return out


def _effective(body: str, history: str, declared: str, meta: LawMeta) -> str | None:
    """The effective date laws.yaml states, else the commencement clause (see assistant/corpus/versions.py)."""
    return meta.effective or effective_date(body, history, declared)


def _version(history: str, published: str, meta: LawMeta) -> str:
    """The version laws.yaml states, else the last dated step of the history (e.g. 2012年12月28日修正)."""
    return meta.version or version_label(history, published)
