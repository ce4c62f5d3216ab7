"""`assistant eval run` and `assistant eval convert-lawbench`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli.common import console, err_console, settings_of
from assistant.config import PROJECT_ROOT
from assistant.corpus import load_corpus
from assistant.evaluation.datasets import load_dataset
from assistant.evaluation.lawbench import convert_lawbench, write_jsonl
from assistant.evaluation.runner import RETRIEVAL_KEYS, run_eval
from assistant.runtime import open_runtime

eval_app = typer.Typer(help="离线评测：题集运行与格式转换", no_args_is_help=True)


@eval_app.command("run", help="运行题集，写出 summary.json 和 results.jsonl。")
def run(
    ctx: typer.Context,
    dataset: Annotated[Path, typer.Option("--dataset", help="题集 JSONL 文件")],
    out: Annotated[Path, typer.Option("--out", help="结果目录（写入 summary.json 和 results.jsonl）")],
    k: Annotated[int, typer.Option("-k", help="每题检索条数")] = 10,
    answers: Annotated[bool, typer.Option("--answers/--no-answers", help="同时评测回答（引用、必含要点、拒答）")] = True,
) -> None:
    """Run a question set and write DIR/summary.json and DIR/results.jsonl."""
    rt = open_runtime(settings_of(ctx))
    if rt.degraded:
        err_console.print(f"[bold yellow]注意[/bold yellow]：{rt.degraded}")
    rows = load_dataset(dataset, rt.corpus)
    answer_fn = None
    if answers:
        from assistant.answering import AnswerService

        service = AnswerService(rt)
        answer_fn = service.ask
    summary = run_eval(rows, rt.retriever, out, k=k, dataset=str(dataset), answer=answer_fn)
    table = Table(title=f"检索评测（{summary['n']} 题，模式 {summary['mode']}）")
    for key in RETRIEVAL_KEYS:
        table.add_column(key, justify="right")
    table.add_row(*(f"{summary['retrieval'][key]:.3f}" for key in RETRIEVAL_KEYS))
    console.print(table)
    if "answer" in summary:
        a = summary["answer"]
        console.print(
            f"回答：引用准确率 {a['citation_precision']:.3f}，编造引用 {a['invented_citations']}，"
            f"必含要点覆盖 {a['must_include']:.3f}，拒答准确率 {a['refusal_accuracy']:.3f}，"
            f"范围内被拒 {a['in_scope_refused']}；回答延迟 p50 {a['latency_ms']['p50']} ms，p95 {a['latency_ms']['p95']} ms")
    console.print(f"检索延迟 p50 {summary['latency_ms']['p50']} ms，p95 {summary['latency_ms']['p95']} ms；结果写入 {out}")


@eval_app.command("convert-lawbench", help="把 LawBench 劳动法子集转换为评测格式（不入库）。")
def convert(
    ctx: typer.Context,
    src: Annotated[Path, typer.Option("--src", help="LawBench 子集目录")] = PROJECT_ROOT.parent / "shared" / "eval" / "dev",
    out: Annotated[Path, typer.Option("--out", help="输出目录（不入库）")] = PROJECT_ROOT / "eval" / "converted",
) -> None:
    """Turn the LawBench labour subsets into evaluation JSONL (kept out of the repository)."""
    corpus = load_corpus(settings_of(ctx))
    files = sorted(src.glob("*.jsonl"))
    if not files:
        err_console.print(f"[bold red]错误[/bold red]：{src} 中没有 .jsonl 文件")
        raise typer.Exit(2)
    for f in files:
        rows, dropped = convert_lawbench(f, corpus)
        target = out / f.name
        write_jsonl(rows, target)
        console.print(f"{f.name}：转换 {len(rows)} 题，{dropped} 题因引用的法条不在语料库中而跳过 → {target}")
