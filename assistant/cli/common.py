"""Shared CLI plumbing: the Settings object, consoles, and the one place errors become messages."""

from __future__ import annotations

import logging
from typing import NoReturn

import typer
from rich.console import Console

from assistant.config import Settings
from assistant.errors import AssistantError, CorpusParseError, InvalidInputError, NotFoundError

console = Console()
err_console = Console(stderr=True)


def settings_of(ctx: typer.Context) -> Settings:
    """The Settings built once by the root callback."""
    obj = ctx.find_object(Settings)
    return obj if obj is not None else Settings()


def exit_code(exc: AssistantError) -> int:
    """Process exit status for an error: 2 for bad input, 3 for not found, 1 otherwise."""
    if isinstance(exc, InvalidInputError):
        return 2
    if isinstance(exc, NotFoundError):
        return 3
    return 1


def fail(exc: AssistantError) -> NoReturn:
    """Print an AssistantError as a Chinese message on stderr and exit with its status."""
    where = f"（{exc.path} 第 {exc.line} 行）" if isinstance(exc, CorpusParseError) else ""
    err_console.print(f"[bold red]错误[/bold red]{where}：{exc.message}", highlight=False)
    raise typer.Exit(exit_code(exc))


def configure_logging(verbose: bool) -> None:
    """Log warnings (or everything with --verbose) to stderr."""
    level = logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # bm25s sets its own logger to DEBUG; keep it as quiet as everything else.
    logging.getLogger("bm25s").setLevel(level)
