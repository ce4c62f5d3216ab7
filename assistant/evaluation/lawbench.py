"""Convert the LawBench labour subsets (../shared/eval/dev) into the evaluation JSONL format."""

from __future__ import annotations

import html
import json
from pathlib import Path

from assistant.corpus import Corpus


def convert_lawbench(src: Path, corpus: Corpus) -> tuple[list[dict[str, object]], int]:
    """Rows whose cited articles all exist in the corpus; returns (rows, number dropped)."""
    rows: list[dict[str, object]] = []
    dropped = 0
    task = src.stem
    for n, line in enumerate(src.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        answer = html.unescape(str(item.get("answer", "")))
        # The 法律依据 part of 3-8 answers names the articles; 3-2 answers name one in the prose.
        basis = answer.split("法律依据", 1)[1] if "法律依据" in answer else answer
        refs = corpus.find_citations(basis)
        ids: list[str] = []
        for ref in refs:
            art = corpus.resolve_citation(ref)
            if art is None:
                ids = []
                break
            ids.append(art.id)
        if not refs or not ids:
            dropped += 1
            continue
        question = html.unescape(str(item.get("question", ""))).removeprefix("场景:").strip()
        rows.append({
            "id": f"{task}-{item.get('index_in_task', n)}",
            "question": question,
            "expected_citations": [f"《{a.split('#')[0]}》第{a.split('#')[1]}条" for a in dict.fromkeys(ids)],
            "in_scope": True,
            "category": "LawBench " + str(item.get("lawbench_task", "")),
        })
    return rows, dropped


def write_jsonl(rows: list[dict[str, object]], path: Path) -> None:
    """Write rows as UTF-8 JSONL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
