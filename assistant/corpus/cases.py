"""Parse typical-case files (single cases and annual compilations) into Case records."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from assistant.corpus.markdown import front_matter, read_lines
from assistant.errors import CorpusParseError
from assistant.records import NATIONAL, Case

# Section headings as they appear across publishers, mapped to the Case field they open.
_HEADINGS = {
    "facts": ("案情", "基本案情", "案情简介", "案件事实", "仲裁请求", "原告诉讼请求", "诉讼请求", "申请人请求"),
    "result": ("审理", "审理结果", "处理结果", "裁判结果", "裁决结果", "裁决", "仲裁结果", "判决结果"),
    "analysis": ("评析", "案例评析", "案例分析", "典型意义", "仲裁委员会提示", "法官说法", "专家点评"),
}
_HEADING_OF = {h: field for field, hs in _HEADINGS.items() for h in hs}
_INLINE_RE = re.compile(r"^【(?P<h>[^】]{1,8})】\s*(?P<rest>.*)$")
_CASE_HEAD_RE = re.compile(r"^案例\s*(?P<n>\d+|[一二三四五六七八九十]+)\s*[.．:：、]?\s*(?P<title>.+)$")
_BOLD_HEAD_RE = re.compile(r"^(?P<n>[一二三四五六七八九十]+)\s*、\s*(?P<title>.+)$")
_PUBLISHERS = {"lawrefbook_labour": ("人力资源社会保障部、最高人民法院", "2021")}

Resolver = Callable[[str], tuple[str, ...]]


def _strip(line: str) -> str:
    return line.replace("**", "").replace("　", " ").strip()


def parse_case_file(path: Path, rel: str, cite_ids: Resolver) -> list[Case]:
    """Parse one case file into one or more Cases; `cite_ids` maps text to cited article ids."""
    lines = read_lines(path, rel)
    if lines and lines[0].strip() == "---":
        front, body_start = front_matter(lines, rel)
        title = str(front.get("title", "")).strip()
        publisher = str(front.get("authority", "")).strip()
        date = str(front.get("published_at", "")).strip()
        region = "北京" if "beijing" in str(front.get("region", "")) else NATIONAL
    else:
        try:
            end = next(i for i, ln in enumerate(lines) if ln.strip() == "<!-- INFO END -->")
        except StopIteration as exc:
            raise CorpusParseError(rel, 1, "missing '<!-- INFO END -->'") from exc
        title = next((ln[2:].strip() for ln in lines[:end] if ln.startswith("# ")), "")
        publisher, date = _PUBLISHERS.get(path.parent.name, ("", ""))
        region, body_start = NATIONAL, end + 1
    if not title:
        raise CorpusParseError(rel, 1, "case file has no title")
    body = [(i + 1, ln) for i, ln in enumerate(lines) if i >= body_start]
    stem = path.stem.split("__", 1)[-1]
    chunks = _split_compilation(body)
    if chunks is None:
        chunks = [(title, body)]
    cases = []
    for idx, (case_title, chunk) in enumerate(chunks, start=1):
        fields = _sections(chunk)
        if not any(fields.values()):
            raise CorpusParseError(rel, chunk[0][0] if chunk else 1, f"case {case_title!r} has no text")
        text = "\n".join(fields.values())
        cases.append(Case(
            id=f"case:{stem}" + (f"#{idx}" if len(chunks) > 1 else ""),
            title=case_title,
            publisher=publisher,
            date=date,
            region=region,
            facts=fields["facts"],
            result=fields["result"],
            analysis=fields["analysis"],
            cites=cite_ids(text),
            source=rel,
        ))
    return cases


def _split_compilation(body: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, str]]]] | None:
    """Split an annual compilation on its 案例N. headings (or bold 一、 headings); None for one case."""
    for pattern in (_CASE_HEAD_RE, _BOLD_HEAD_RE):
        heads = []
        for k, (_, ln) in enumerate(body):
            # Bold 一、 headings count only when the whole line is bold (else it is a list item).
            if pattern is _BOLD_HEAD_RE and not (ln.strip().startswith("**") and ln.strip().endswith("**")):
                continue
            m = pattern.match(_strip(ln))
            if m and len(m.group("title")) <= 60:
                heads.append((k, _strip(m.group("title"))))
        if len(heads) >= 2:
            out = []
            for j, (k, title) in enumerate(heads):
                stop = heads[j + 1][0] if j + 1 < len(heads) else len(body)
                out.append((title, body[k + 1: stop]))
            return out
    return None


def _sections(chunk: list[tuple[int, str]]) -> dict[str, str]:
    """Sort a case's paragraphs into facts, result and analysis by their headings."""
    out: dict[str, list[str]] = {"facts": [], "result": [], "analysis": []}
    current = "facts"
    for _, raw in chunk:
        line = _strip(raw).lstrip("#").strip()
        if not line or line.startswith((">", "![", "[")):
            continue
        inline = _INLINE_RE.match(line)
        if inline and inline.group("h") in _HEADING_OF:
            current = _HEADING_OF[inline.group("h")]
            line = inline.group("rest").strip()
            if not line:
                continue
        elif line in _HEADING_OF:
            current = _HEADING_OF[line]
            continue
        out[current].append(line)
    return {k: "\n".join(v) for k, v in out.items()}
