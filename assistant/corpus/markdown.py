"""Reading corpus Markdown files: their lines, and YAML front matter with errors that name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assistant.errors import CorpusParseError


def read_lines(path: Path, rel: str) -> list[str]:
    """The file's lines; an unreadable file is a CorpusParseError naming it."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusParseError(rel, 0, f"cannot read file: {exc}") from exc


def front_matter(lines: list[str], rel: str) -> tuple[dict[str, Any], int]:
    """Parse the YAML between the opening and closing '---'; returns it and the first body line index."""
    try:
        end = lines.index("---", 1)
    except ValueError as exc:
        raise CorpusParseError(rel, 1, "front matter opened with '---' but never closed") from exc
    try:
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusParseError(rel, (mark.line + 2) if mark else 1, f"bad YAML front matter: {exc}") from exc
    if not isinstance(data, dict):
        raise CorpusParseError(rel, 2, "front matter is not a mapping")
    return data, end + 1
