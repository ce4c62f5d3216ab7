"""`assistant corpus audit`: does every stored text carry the version it is cited with?

For each statute file it compares three dates: the version in the file name (or the front matter's
published_at), the last step of the history block, and the version the parser assigns (the date the
text is cited with). Any disagreement is a mismatch; a mismatch that corpus/laws.yaml explains (a
superseded text, or a version override with its reason) is listed as explained. It also lists every
text older than an amendment that MANIFEST.md names. The parser's own functions read the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.corpus.markdown import read_lines
from assistant.corpus.statutes import read_header
from assistant.corpus.store import Corpus
from assistant.corpus.versions import date_of, history_steps, last_version_step
from assistant.errors import CorpusError, CorpusParseError

Verdict = Literal["ok", "explained", "mismatch"]
_MANIFEST_PATH = re.compile(r"`(statutes/[^`]+\.md)`")
_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True, slots=True)
class FileAudit:
    """The version evidence of one statute file and what is wrong with it."""

    path: str
    law: str
    name_date: str | None  # the file name's date, or the front matter's published_at
    name_source: str  # 文件名 / published_at / ""
    history_date: str | None
    history_step: str  # the history step as written, e.g. 2016年3月24日修正
    cited_version: str
    effective: str | None
    status: str
    mismatches: tuple[str, ...] = ()
    explanation: str = ""

    @property
    def verdict(self) -> Verdict:
        """ok: all dates agree; explained: laws.yaml says why they do not (or marks the text); else mismatch."""
        if self.explanation:
            return "explained"
        return "mismatch" if self.mismatches else "ok"


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Every file's audit, plus problems that belong to no single file (laws.yaml, MANIFEST.md)."""

    files: tuple[FileAudit, ...]
    problems: tuple[str, ...] = ()

    @property
    def failures(self) -> tuple[FileAudit, ...]:
        """Files whose dates disagree with nothing in laws.yaml to explain it."""
        return tuple(f for f in self.files if f.verdict == "mismatch")

    @property
    def ok(self) -> bool:
        """True when nothing is unexplained."""
        return not self.failures and not self.problems


def _manifest_amendments(corpus_dir: Path) -> dict[str, tuple[str, ...]]:
    """File path → dates MANIFEST.md names in the same bullet (amendments it warns about)."""
    manifest = corpus_dir / "MANIFEST.md"
    if not manifest.is_file():
        return {}
    found: dict[str, tuple[str, ...]] = {}
    bullet: list[str] = []
    lines = [*manifest.read_text(encoding="utf-8").splitlines(), ""]
    for line in lines:
        if line.startswith("- ") or not line.strip() or line.startswith(("#", "|")):
            text = " ".join(bullet)
            for path in _MANIFEST_PATH.findall(text):
                found[path] = tuple(sorted(set(_ISO.findall(text))))
            bullet = [line] if line.startswith("- ") else []
        elif bullet:
            bullet.append(line)
    return found


def _audit_file(path: Path, rel: str, corpus: Corpus, manifest: dict[str, tuple[str, ...]],
                reasons: dict[str, str]) -> FileAudit:
    head = read_header(path, read_lines(path, rel), rel)
    title = "民法典" if head.title.startswith("民法典") else head.title
    law = corpus.laws.get(title)
    if law is None:
        raise CorpusError(f"{rel}: 语料库中没有《{title}》（文件未能解析）")
    steps = history_steps(head.history)
    last = last_version_step(steps)
    history_date = last.date if last else None
    cited = date_of(law.version)
    name_date = head.published or None
    source = ("published_at" if head.front else "文件名") if name_date else ""
    problems: list[str] = []
    if head.front and name_date and f"正文来源页面发布时间 {name_date}" in head.notes:
        name_date, source = None, ""  # the date of the web page the text was copied from, not of the law
    if head.front and name_date and name_date not in {s.date for s in steps}:
        problems.append(f"published_at {name_date} 不是正文题注中的任何日期")
    elif not head.front and name_date and history_date and name_date != history_date:
        problems.append(f"文件名日期 {name_date} 与历史块最后一步 {history_date} 不一致")
    if history_date and cited != history_date:
        problems.append(f"引用版本「{law.version}」与历史块最后一步 {history_date} 不一致")
    elif not history_date and name_date and cited != name_date:
        problems.append(f"引用版本「{law.version}」与{source}日期 {name_date} 不一致")
    if not history_date and not name_date:
        problems.append("文件名和历史块都没有日期，无法核对版本")
    newer = [d for d in manifest.get(rel, ()) if history_date and d > history_date]
    if newer:
        problems.append(f"MANIFEST.md 提到 {'、'.join(newer)} 的修正，所存文本（{history_date}）早于该修正")
    superseded = corpus.superseded.get(title)
    explanation = ""
    if superseded is not None:
        explanation = f"已标为被修改的旧文本（{superseded.status}）：{superseded.evidence or superseded.statement()}"
    elif title in reasons:
        explanation = f"laws.yaml 指定版本：{reasons[title]}"
    return FileAudit(
        path=rel, law=title, name_date=name_date, name_source=source, history_date=history_date,
        history_step=last.label if last else "", cited_version=law.version, effective=law.effective,
        status=law.status, mismatches=tuple(problems), explanation=explanation,
    )


def audit_corpus(settings: Settings, corpus: Corpus | None = None) -> AuditReport:
    """Audit every statute file of settings.corpus_dir against corpus/laws.yaml and MANIFEST.md."""
    from assistant.corpus import _load_metadata

    corpus = corpus or load_corpus(settings)
    meta = _load_metadata(settings.laws_file)[0]
    reasons = {title: m.version_reason for title, m in meta.items() if m.version_reason}
    root = settings.corpus_dir
    manifest = _manifest_amendments(root)
    files: list[FileAudit] = []
    problems = [f"{p.path} 第 {p.line} 行：{p.reason}" for p in corpus.problems]
    for path in sorted((root / "statutes").rglob("*.md")):
        rel = str(path.relative_to(root))
        try:
            files.append(_audit_file(path, rel, corpus, manifest, reasons))
        except (CorpusError, CorpusParseError) as exc:
            problems.append(str(exc))
    audited = {f.law for f in files}
    for title in [*corpus.superseded, *reasons]:
        if title not in audited:
            problems.append(f"corpus/laws.yaml 说明了《{title}》的版本，但语料库中没有这部法规的文件")
    for rel in manifest:
        if not (root / rel).is_file():
            problems.append(f"MANIFEST.md 提到的 {rel} 不在语料库中")
    return AuditReport(files=tuple(files), problems=tuple(dict.fromkeys(problems)))
