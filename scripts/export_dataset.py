"""Export a JSONL question set to CSV and XLSX sheets beside it (the templates legal staff edit in Excel)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.evaluation.inputs import write_rows

ROOT = Path(__file__).resolve().parent.parent


def export(src: Path) -> list[Path]:
    """Write SRC.csv and SRC.xlsx next to SRC.jsonl; returns the written paths."""
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for suffix in (".csv", ".xlsx"):
        target = src.with_suffix(suffix)
        write_rows(rows, target)
        out.append(target)
    return out


def main() -> None:
    """Command line: export_dataset.py [eval/datasets/women_workers.jsonl ...]."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sources", type=Path, nargs="*", default=[ROOT / "eval" / "datasets" / "women_workers.jsonl"])
    for src in ap.parse_args().sources:
        for path in export(src):
            print(path)


if __name__ == "__main__":
    main()
