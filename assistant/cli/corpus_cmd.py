"""`assistant corpus stats`: what the corpus holds, per law, level and region."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli.common import console, err_console, settings_of
from assistant.corpus import load_corpus

corpus_app = typer.Typer(help="语料库：统计与检查", no_args_is_help=True)


@corpus_app.command("stats", help="按法规、效力层级、地区统计条文数；列出格式错误的文件和行号。")
def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """Counts of articles per law, level and region; malformed files are listed with file and line."""
    corpus = load_corpus(settings_of(ctx))
    st = corpus.stats()
    if as_json:
        console.print_json(json.dumps(st, ensure_ascii=False))
    else:
        console.print(f"法规 {st['laws']} 部，条文 {st['articles']} 条，附录 {st['appendix_records']} 条，"
                      f"案例 {st['cases']} 个，知识卡片 {st['cards']} 张")
        for title, key in (("按法规", "per_law"), ("按效力层级", "per_level"), ("按地区", "per_region")):
            table = Table(title=title)
            table.add_column("名称")
            table.add_column("条文数", justify="right")
            counts = st[key]
            assert isinstance(counts, dict)
            for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
                table.add_row(str(name), str(n))
            console.print(table)
        for s in st["skipped"]:  # type: ignore[attr-defined]
            console.print(f"[yellow]跳过[/yellow] {s}")
    for p in corpus.problems:
        err_console.print(f"[bold red]格式错误[/bold red] {p.path} 第 {p.line} 行：{p.reason}")
    if corpus.problems:
        raise typer.Exit(1)
