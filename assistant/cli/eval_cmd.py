"""`assistant eval run | compare | template | export-feedback | convert-lawbench`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from assistant.cli.common import console, err_console, settings_of
from assistant.config import PROJECT_ROOT
from assistant.corpus import load_corpus
from assistant.errors import InvalidInputError
from assistant.evaluation.datasets import load_dataset
from assistant.evaluation.inputs import EXAMPLE, write_rows
from assistant.evaluation.lawbench import convert_lawbench, write_jsonl
from assistant.evaluation.runner import RETRIEVAL_KEYS, run_eval
from assistant.runtime import open_runtime

eval_app = typer.Typer(help="离线评测：运行题集、对比两次结果、导出待标注题目", no_args_is_help=True)


@eval_app.command("run", help="运行题集（.jsonl/.csv/.xlsx），写出 report.html、summary.json、results.csv 和 results.jsonl。")
def run(
    ctx: typer.Context,
    dataset: Annotated[Path, typer.Option("--dataset", help="题集文件：.jsonl、.csv 或 .xlsx")],
    out: Annotated[Path, typer.Option("--out", help="结果目录（写入 report.html、summary.json、results.csv、results.jsonl）")],
    k: Annotated[int, typer.Option("-k", help="每题检索条数")] = 10,
    answers: Annotated[bool, typer.Option("--answers/--no-answers", help="同时评测回答（引用、必含要点、拒答）")] = True,
) -> None:
    """Validate the question set, run it, and write the report and result files."""
    from assistant.documents.schema import load_schemas

    settings = settings_of(ctx)
    template_ids = {s.id for s in load_schemas(settings.templates_dir)} if settings.templates_dir.is_dir() else None
    # Validate against the corpus before loading the index, so a bad sheet fails fast.
    corpus = load_corpus(settings)
    rows = load_dataset(dataset, corpus, template_ids)
    rt = open_runtime(settings, corpus=corpus)
    if rt.degraded:
        err_console.print(f"[bold yellow]注意[/bold yellow]：{rt.degraded}")
    answer_fn = None
    if answers:
        from assistant.answering import AnswerService

        answer_fn = AnswerService(rt).ask

    def templates(question: str) -> list[str]:
        from assistant.documents.suggest import suggest_templates

        return [s.template_id for s in suggest_templates(question, settings=settings, limit=3)]

    summary = run_eval(rows, rt.retriever, out, k=k, dataset=str(dataset), answer=answer_fn, templates=templates)
    table = Table(title=f"检索评测（{summary['n']} 题，模式 {summary['mode']}）")
    for key in RETRIEVAL_KEYS:
        table.add_column(key, justify="right")
    table.add_row(*(f"{summary['retrieval'][key]:.3f}" for key in RETRIEVAL_KEYS))
    console.print(table)
    if "answer" in summary:
        a = summary["answer"]

        def num(v: object) -> str:
            return f"{v:.3f}" if isinstance(v, float | int) else "—"

        console.print(
            f"回答：引用准确率 {a['citation_precision']:.3f}，编造引用 {a['invented_citations']}，"
            f"必含要点覆盖 {num(a['must_include'])}，拒答准确率 {num(a['refusal_accuracy'])}，"
            f"范围内被拒 {a['in_scope_refused']}；回答延迟 p50 {a['latency_ms']['p50']} ms，p95 {a['latency_ms']['p95']} ms")
        if v := a.get("llm_verification"):
            console.print(f"模型回答核对：{v['answers']} 个回答中 {v['answers_corrected']} 个需要更正；删去 {v['dropped']} 句"
                          f"（引用 {v['dropped_citations']}，数字 {v['dropped_numbers']}），标注已废止法律 {v['repealed']} 处")
    if summary["templates"]["n"]:
        console.print(f"文书推荐准确率 {summary['templates']['accuracy']:.3f}（{summary['templates']['n']} 题）")
    failed = sum(summary["failures"].values())
    console.print(f"检索延迟 p50 {summary['latency_ms']['p50']} ms，p95 {summary['latency_ms']['p95']} ms；"
                  f"问题 {failed} 处；报告：{out / 'report.html'}")


@eval_app.command("compare", help="对比两次评测结果：指标变化、变差和变好的题目。")
def compare(
    run_a: Annotated[Path, typer.Argument(help="上一次（基准）的结果目录")],
    run_b: Annotated[Path, typer.Argument(help="这一次的结果目录")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    fail_on_regression: Annotated[float | None, typer.Option(
        "--fail-on-regression", help="任一主要指标下降超过此值（如 0.02 即 2 个百分点）时退出码为 1")] = None,
    limit: Annotated[int, typer.Option("--limit", help="每组最多列出的题目数")] = 50,
) -> None:
    """Print metric deltas and changed questions; exit 1 on a regression beyond the threshold."""
    from assistant.evaluation.compare import compare_runs

    cmp = compare_runs(run_a, run_b)
    regressions = cmp.regressions(fail_on_regression) if fail_on_regression is not None else []
    if as_json:
        typer.echo(json.dumps(cmp.to_json(fail_on_regression), ensure_ascii=False, indent=2))
    else:
        _print_comparison(cmp, limit)
        if fail_on_regression is not None:
            if regressions:
                names = "、".join(m.label for m in regressions)
                err_console.print(f"[bold red]退步[/bold red]：{names} 下降超过 {fail_on_regression}")
            else:
                console.print(f"[green]没有主要指标下降超过 {fail_on_regression}[/green]")
    if regressions:
        raise typer.Exit(1)


def _print_comparison(cmp: Any, limit: int) -> None:
    table = Table(title=f"A：{cmp.run_a}  →  B：{cmp.run_b}")
    for col in ("指标", "A", "B", "变化"):
        table.add_column(col, justify="left" if col == "指标" else "right")
    for m in cmp.metrics:
        style = "red" if m.worse else ("green" if m.delta else "")
        delta = "—" if m.delta is None else f"{m.delta:+.4g}"
        table.add_row(m.label, _num(m.a), _num(m.b), f"[{style}]{delta}[/{style}]" if style else delta)
    console.print(table)
    for title, items, colour in (("变差的题目", cmp.worse, "red"), ("变好的题目", cmp.better, "green")):
        console.print(f"\n[bold {colour}]{title}（{len(items)}）[/bold {colour}]")
        for q in items[:limit]:
            console.print(f"  [bold]{q.id}[/bold] {q.category} · {q.question}", highlight=False)
            console.print(f"      {'；'.join(q.changes)}", style=colour, highlight=False)
        if len(items) > limit:
            console.print(f"  ……另有 {len(items) - limit} 题，用 --json 查看全部")
    if cmp.only_a or cmp.only_b:
        console.print(f"\n只在 A 中的题目：{len(cmp.only_a)}；只在 B 中的题目：{len(cmp.only_b)}")


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"


@eval_app.command("template", help="生成一个空白题集表格（含表头和一行示例），供法务人员填写。")
def template(
    out: Annotated[Path, typer.Option("--out", help="输出文件：.xlsx（推荐）、.csv 或 .jsonl")] = Path("题集模板.xlsx"),
) -> None:
    """Write an empty question sheet with headers and one example row."""
    write_rows([EXAMPLE], out)
    console.print(f"已生成题集模板：{out}（第 2 行是示例，可以删掉或改写）")


@eval_app.command("export-feedback", help="把“没有帮助”的反馈和依据不足的对话导出为待标注题集。")
def export_feedback(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="输出文件：.xlsx、.csv 或 .jsonl")],
    since: Annotated[str | None, typer.Option("--since", help="只导出此日期（YYYY-MM-DD）之后的记录")] = None,
    answers: Annotated[bool, typer.Option("--answers/--no-answers", help="用当前助手重新回答，在备注中写出它引用的法条")] = True,
) -> None:
    """Turn unhelpful feedback and low-grounding turns into a draft question file for legal staff."""
    from assistant.evaluation.feedback_export import draft_rows, read_sources

    settings = settings_of(ctx)
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise InvalidInputError(f"--since 应为 YYYY-MM-DD 格式的日期，收到 {since!r}") from exc
    sources = read_sources(settings.conversations_db, since_day)
    answer_fn = None
    if answers and sources:
        from assistant.answering import AnswerService

        answer_fn = AnswerService(open_runtime(settings)).ask
    rows = draft_rows(sources, answer_fn)
    write_rows(rows, out)
    console.print(f"导出 {len(rows)} 道待标注题目（来自 {len(sources)} 条记录）→ {out}")


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
