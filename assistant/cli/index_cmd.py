"""`assistant index build|status`: build the search index folder, or tell whether it is current."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Annotated

import typer

from assistant.cli.common import console, err_console, settings_of
from assistant.corpus import load_corpus
from assistant.errors import IndexMissingError
from assistant.index import Manifest, build_index, manifest_problems
from assistant.runtime import open_embedder

index_app = typer.Typer(help="检索索引：建立与检查", no_args_is_help=True)


@index_app.command("build", help="解析语料库并建立检索索引（显示进度条）。")
def build(ctx: typer.Context) -> None:
    """Parse the corpus, embed every record and write the index folder (with a progress bar)."""
    settings = settings_of(ctx)
    started = time.perf_counter()
    corpus = load_corpus(settings)
    for p in corpus.problems:
        err_console.print(f"[bold red]格式错误（已跳过）[/bold red] {p.path} 第 {p.line} 行：{p.reason}")
    embedder, degraded = open_embedder(settings)
    if degraded:
        err_console.print(f"[bold yellow]注意[/bold yellow]：{degraded}")
    index = build_index(settings.index_dir, corpus, embedder, progress=True)
    m = index.manifest
    console.print(f"索引已建立：{settings.index_dir}（{m.records} 条记录，向量 {m.dense_rows} 行，"
                  f"模型 {m.model or '无'}，用时 {time.perf_counter() - started:.1f} 秒）")


@index_app.command("status", help="检查索引是否存在、是否与当前语料库和模型一致。")
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """Whether the index exists and fits the present corpus and model; exits 1 when it does not."""
    settings = settings_of(ctx)
    try:
        manifest = Manifest.read(settings.index_dir)
    except IndexMissingError as exc:
        err_console.print(exc.message)
        raise typer.Exit(1) from exc
    corpus = load_corpus(settings)
    problems = manifest_problems(manifest, corpus, settings.embedding_model if settings.dense_enabled else None)
    if as_json:
        console.print_json(json.dumps({"manifest": asdict(manifest),
                                       "problems": problems}, ensure_ascii=False, default=str))
    else:
        console.print(f"索引：{settings.index_dir}，建于 {manifest.built_at}，模型 {manifest.model or '无'}，"
                      f"{manifest.records} 条记录")
        for p in problems:
            err_console.print(f"[bold red]不匹配[/bold red]：{p}")
        if not problems:
            console.print("[green]索引与当前语料库和模型一致[/green]")
    if problems:
        raise typer.Exit(1)
