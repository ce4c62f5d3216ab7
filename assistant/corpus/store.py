"""The loaded corpus: laws, articles, cases and cards, with lookups by id, law and article number."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus.citations import RawCitation, canonical_title, find_citations, parse_reference
from assistant.errors import CorpusParseError, NotFoundError
from assistant.records import Article, Card, Case, Law, Record


@dataclass(frozen=True, slots=True)
class RepealedLaw:
    """A law people still cite that is no longer in force."""

    name: str
    replaced_by: str
    since: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class SupersededText:
    """A stored text that a later amendment superseded, with what is publicly known of the change."""

    law: str
    stored: str  # the version the stored text is, e.g. 2016年3月24日修正
    amended_on: str = ""  # ISO date of the amendment, when known
    source: str = ""  # where the amendment was published, e.g. 北京市人大常委会公告〔十五届〕第65号
    evidence: str = ""  # why we know the stored text is older (for the audit, not for users)
    changes: tuple[str, ...] = ()  # public facts about the current rule, never statute text
    articles: tuple[int, ...] = ()  # stored articles the changes replace
    status: str = "已被修改"

    def statement(self, number: int | None = None) -> str:
        """The plain Chinese statement shown instead of (or next to) a stored article of this text."""
        from assistant.corpus.versions import PUBLIC_FACT_LABEL, cn_date

        when = f"已于{cn_date(self.amended_on)}修正" if self.amended_on else "此后已被修正"
        source = f"（{self.source}）" if self.source else ""
        listed = number is None or number in self.articles
        which = "本条是" if number is not None and listed else "本条出自" if number is not None else "本资料库所存的是"
        head = f"{which}《{self.law}》{self.stored}的旧文本。该条例{when}{source}，现行文本尚未收录进本资料库"
        if not listed:
            head += "，本条在现行文本中可能已被修改或重新编号"
        if self.changes:
            lead = "修改后的规定" if listed else "已知的修改"
            return f"{head}。{lead}（{PUBLIC_FACT_LABEL}）：{'；'.join(self.changes)}。请以官方公布的现行文本为准。"
        return f"{head}。修改的内容本资料库未能核实，请以官方公布的现行文本为准。"


@dataclass
class Corpus:
    """Everything parsed from the corpus folder and the project's cards."""

    laws: dict[str, Law] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    repealed_laws: dict[str, RepealedLaw] = field(default_factory=dict)
    superseded: dict[str, SupersededText] = field(default_factory=dict)
    problems: list[CorpusParseError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    fingerprint: str = ""
    _alias: dict[str, str] = field(default_factory=dict)
    _by_id: dict[str, Record] = field(default_factory=dict)

    # -- building ---------------------------------------------------------------------------
    def add_law(self, law: Law, articles: list[Article]) -> None:
        """Add one parsed law; a second file of the same title (the 民法典 parts) merges into it."""
        if law.title not in self.laws:
            self.laws[law.title] = law
        for alias in (law.title, *law.aliases):
            self._alias.setdefault(canonical_title(alias), law.title)
        for a in articles:
            self.articles[a.id] = a
            self._by_id[a.id] = a

    def add_case(self, case: Case) -> None:
        """Add one parsed case."""
        self.cases.append(case)
        self._by_id[case.id] = case

    def add_card(self, card: Card) -> None:
        """Add one parsed card."""
        self.cards.append(card)
        self._by_id[card.id] = card

    # -- lookups ----------------------------------------------------------------------------
    @property
    def aliases(self) -> tuple[str, ...]:
        """Every law name and alias the citation finder should recognise."""
        return tuple(sorted(set(self._alias) | set(self.repealed_laws), key=len, reverse=True))

    def resolve_law(self, name: str) -> str | None:
        """Canonical title for a law name or alias, or None when the corpus does not hold it."""
        key = canonical_title(name)
        if key in self._alias:
            return self._alias[key]
        # Tolerate a trailing 的/规定 or a missing 《》 by trying the longest known prefix.
        for alias in self.aliases:
            if key.startswith(alias) and len(alias) >= max(4, len(key) - 2):
                return self._alias.get(alias)
        return None

    def law(self, name: str) -> Law:
        """The Law for a name or alias; NotFoundError when unknown."""
        title = self.resolve_law(name)
        if title is None:
            raise NotFoundError(f"语料库中没有《{canonical_title(name)}》")
        return self.laws[title]

    def article(self, law: str, number: int) -> Article:
        """One article by law name (any alias) and number; NotFoundError when absent."""
        title = self.resolve_law(law)
        if title is None:
            raise NotFoundError(f"语料库中没有《{canonical_title(law)}》")
        found = self.articles.get(f"{title}#{number}")
        if found is None:
            raise NotFoundError(f"《{title}》没有第{number}条")
        return found

    def get(self, record_id: str) -> Record:
        """Any record (article, case or card) by id; NotFoundError when absent."""
        found = self._by_id.get(record_id)
        if found is None:
            raise NotFoundError(f"语料库中没有 {record_id}")
        return found

    def has(self, record_id: str) -> bool:
        """True when a record with this id exists."""
        return record_id in self._by_id

    def records(self) -> Iterator[Record]:
        """All articles, then cases, then cards, in a stable order."""
        yield from self.articles.values()
        yield from self.cases
        yield from self.cards

    def law_articles(self, law: str) -> list[Article]:
        """All articles of one law in order."""
        title = self.law(law).title
        return sorted((a for a in self.articles.values() if a.law == title), key=lambda a: (a.number == 0, a.number))

    def repealed(self, name: str) -> RepealedLaw | None:
        """Repeal record when `name` is a law that is no longer in force."""
        return self.repealed_laws.get(canonical_title(name))

    # -- citations --------------------------------------------------------------------------
    def resolve_citation(self, ref: RawCitation) -> Article | None:
        """The article a parsed citation points at, or None."""
        if ref.law is None:
            return None
        title = self.resolve_law(ref.law)
        return self.articles.get(f"{title}#{ref.number}") if title else None

    def find_citations(self, text: str, default_law: str | None = None) -> list[RawCitation]:
        """Article references in free text, with this corpus's law names recognised."""
        return find_citations(text, self.aliases, default_law)

    def cited_ids(self, text: str) -> tuple[str, ...]:
        """Ids of corpus articles cited in `text`, in order of first mention."""
        ids = (self.resolve_citation(r) for r in self.find_citations(text))
        return tuple(dict.fromkeys(a.id for a in ids if a is not None))

    def resolve_written(self, written: str) -> tuple[str, ...]:
        """Article ids for one written citation (《X》第N条, X第N条, X#N, 《X》附录); ValueError if absent."""
        s = written.strip()
        m = re.match(r"^《?([^《》#]+?)》?\s*#?(附录|附件)$", s)
        if m:
            title = self.resolve_law(m.group(1))
            ids = tuple(a.id for a in self.articles.values()
                        if title and a.law == title and a.label.startswith(m.group(2)))
            if not ids:
                raise ValueError(f"corpus has no {m.group(2)} for {m.group(1)}")
            return ids
        ref = parse_reference(s, self.aliases)
        if ref is None or ref.law is None:
            raise ValueError("not a citation of the form 《法名》第N条")
        if self.repealed(ref.law):
            raise ValueError(f"《{ref.law}》 is repealed")
        title = self.resolve_law(ref.law)
        if title is None:
            raise ValueError(f"law 《{ref.law}》 is not in the corpus")
        art = self.articles.get(f"{title}#{ref.number}")
        if art is None:
            raise ValueError(f"《{title}》 has no article {ref.number}")
        return (art.id,)

    # -- reporting --------------------------------------------------------------------------
    def stats(self) -> dict[str, object]:
        """Counts per law, level and region, plus problems found while parsing."""
        numbered = [a for a in self.articles.values() if a.number > 0]
        return {
            "laws": len(self.laws),
            "articles": len(numbered),
            "appendix_records": len(self.articles) - len(numbered),
            "cases": len(self.cases),
            "cards": len(self.cards),
            "per_law": dict(Counter(a.law for a in numbered)),
            "per_level": dict(Counter(a.level for a in numbered)),
            "per_region": dict(Counter(a.region for a in numbered)),
            "problems": [str(p) for p in self.problems],
            "skipped": list(self.skipped),
            "fingerprint": self.fingerprint,
        }


def fingerprint_files(paths: list[Path]) -> str:
    """Hash of file names and contents; changes whenever any input of the index changes."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]
