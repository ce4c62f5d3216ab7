"""Where runs live: the default folder eval/runs/<date>-<sheet name>, refusing to overwrite, and the list of runs."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.errors import InvalidInputError

RUN_FILES = ("summary.json", "results.jsonl", "results.csv", "results.xlsx", "report.html")


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One run folder as listed by `assistant eval runs`."""

    path: Path
    dataset: str
    n_total: int
    figures: dict[str, Any]
    modified: float


def _safe_name(stem: str) -> str:
    """A sheet name usable as a folder name (slashes and spaces replaced)."""
    return re.sub(r"[\s/\\:*?\"<>|]+", "_", stem).strip("._") or "题集"


def default_run_dir(runs_dir: Path, dataset: Path, today: date | None = None) -> Path:
    """eval/runs/<YYYY-MM-DD>-<sheet name>; a second run of the same sheet on the same day gets -2, -3 …"""
    base = f"{(today or date.today()).isoformat()}-{_safe_name(dataset.stem)}"
    candidate = runs_dir / base
    n = 2
    while candidate.exists():
        candidate = runs_dir / f"{base}-{n}"
        n += 1
    return candidate


def is_run_dir(path: Path) -> bool:
    """True when `path` holds a finished run (summary.json and results.jsonl)."""
    return (path / "summary.json").is_file() and (path / "results.jsonl").is_file()


def prepare_out(out: Path, *, force: bool) -> None:
    """Refuse to write into an existing folder unless --force; with --force, clear the old run's files first."""
    if out.exists() and not out.is_dir():
        raise InvalidInputError(f"“{out.name}”是一个文件，不是文件夹；请换一个 --out")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            what = "已有一次评测结果" if is_run_dir(out) else "不是空文件夹"
            raise InvalidInputError(f"结果目录“{out.name}”{what}，为免覆盖没有运行。"
                                    "请换一个 --out，或加 --force 覆盖（旧结果会被删除）")
        if not is_run_dir(out):
            raise InvalidInputError(f"“{out.name}”不是评测结果目录，--force 也不会删除其中的文件；请换一个 --out")
        for name in RUN_FILES:
            (out / name).unlink(missing_ok=True)
        shutil.rmtree(out / "assets", ignore_errors=True)


def resolve_run(name_or_path: Path, runs_dir: Path) -> Path:
    """A run given as a folder path or as a name listed by `assistant eval runs`."""
    if is_run_dir(name_or_path):
        return name_or_path
    named = runs_dir / name_or_path
    if is_run_dir(named):
        return named
    raise InvalidInputError(f"找不到评测结果“{name_or_path}”（既不是结果目录，也不在 {runs_dir.name} 中）；"
                            "用 assistant eval runs 查看已有的结果")


def list_runs(runs_dir: Path) -> list[RunInfo]:
    """Every run folder under `runs_dir`, newest first."""
    if not runs_dir.is_dir():
        return []
    out = []
    for path in runs_dir.iterdir():
        if not path.is_dir() or not is_run_dir(path):
            continue
        try:
            summary = json.loads((path / "summary.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        figures = {
            "retrieval.hit@5": (summary.get("retrieval") or {}).get("hit@5"),
            "answer.conclusion_must_include": (summary.get("answer") or {}).get("conclusion_must_include"),
            "review.approved_rate": (summary.get("review") or {}).get("approved_rate"),
        }
        out.append(RunInfo(path, Path(str(summary.get("dataset") or "")).name, int(summary.get("n_total") or 0),
                           figures, (path / "summary.json").stat().st_mtime))
    return sorted(out, key=lambda r: r.modified, reverse=True)
