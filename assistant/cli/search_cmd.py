"""`assistant search` and `assistant doctor`."""

from __future__ import annotations

import json
import platform
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli.common import console, err_console, settings_of
from assistant.records import Article
from assistant.retrieval.jsonshape import hit_json
from assistant.retrieval.normalize import resolve_region
from assistant.retrieval.retriever import Filters
from assistant.runtime import open_runtime


def search(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="问题，如“怀孕被降薪合法吗”")],
    k: Annotated[int, typer.Option("-k", help="返回条数（1–100）")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    region: Annotated[str | None, typer.Option("--region", help="地区，如 云南、上海")] = None,
    law: Annotated[str | None, typer.Option("--law", help="只看某部法规")] = None,
    level: Annotated[str | None, typer.Option("--level", help="效力层级：法律/行政法规/司法解释/部门规章/地方性法规")] = None,
) -> None:
    """Ranked articles, cases and cards for a question."""
    rt = open_runtime(settings_of(ctx))
    if rt.degraded:
        err_console.print(f"[bold yellow]注意[/bold yellow]：{rt.degraded}")
    filters = Filters(law=law, level=level, region=resolve_region(region) if region else None)
    result = rt.retriever.search(question, k=k, filters=filters)
    if as_json:
        console.print_json(json.dumps([hit_json(h) for h in result.hits], ensure_ascii=False))
        return
    if result.query.region:
        console.print(f"识别到地区：{result.query.region}（同时列出当地规定）")
    table = Table(show_lines=False)
    for col in ("#", "类型", "出处", "得分", "内容"):
        table.add_column(col)
    kinds = {"article": "法条", "case": "案例", "card": "解读"}
    for h in result.hits:
        rec = h.record
        where = f"《{rec.law}》{rec.label}" if isinstance(rec, Article) else rec.title
        first = rec.text.splitlines()[0] if rec.text else ""
        table.add_row(str(h.rank), kinds[h.kind], where, f"{h.score:.3f}", first[:60])
    console.print(table)


def doctor(ctx: typer.Context) -> None:
    """Check settings, corpus, embedding model and index; say loudly when running on BM25 alone."""
    settings = settings_of(ctx)
    ok = True
    console.print(f"Python {platform.python_version()}；语料库目录 {settings.corpus_dir}")
    rt = open_runtime(settings)
    st = rt.corpus.stats()
    console.print(f"[green]✓[/green] 语料库：{st['laws']} 部法规，{st['articles']} 条，{st['cases']} 个案例，"
                  f"{st['cards']} 张卡片")
    for p in rt.corpus.problems:
        ok = False
        err_console.print(f"[bold red]✗[/bold red] 格式错误 {p.path} 第 {p.line} 行：{p.reason}")
    if rt.degraded:
        ok = False
        err_console.print(f"[bold red]✗ {rt.degraded}[/bold red]")
    else:
        console.print(f"[green]✓[/green] 向量模型：{settings.embedding_model}（{rt.index.manifest.dimension} 维）")
    console.print(f"[green]✓[/green] 索引：{settings.index_dir}（{rt.index.manifest.records} 条记录，模式 {rt.mode}）")
    probe = rt.retriever.search("产假有多少天", k=3)
    console.print(f"[green]✓[/green] 试检索“产假有多少天”：{', '.join(h.id for h in probe.hits)}")
    from assistant.cli.speech_cmd import doctor_line

    console.print(f"[dim]·[/dim] {doctor_line(settings)}", highlight=False)
    if not ok:
        raise typer.Exit(1)
