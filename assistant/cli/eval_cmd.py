"""`assistant eval run | runs | compare | template | review | export-feedback | convert-lawbench`, in plain Chinese."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from assistant.cli.common import console, err_console, settings_of
from assistant.cli.eval_review import review_app
from assistant.config import PROJECT_ROOT, Settings
from assistant.corpus import load_corpus
from assistant.evaluation.datasets import load_dataset
from assistant.evaluation.inputs import EXAMPLE, write_rows
from assistant.evaluation.labels import BY_PATH, fmt, lookup, mode_label
from assistant.evaluation.lawbench import convert_lawbench, write_jsonl
from assistant.evaluation.runs import default_run_dir, list_runs, prepare_out, resolve_run
from assistant.runtime import open_runtime

eval_app = typer.Typer(help="离线评测：运行题集、查看和对比结果、律师复核、导出待标注题目", no_args_is_help=True)
eval_app.add_typer(review_app, name="review")
RETRIEVAL_SHOWN = ("retrieval.hit@1", "retrieval.hit@5", "retrieval.recall@10", "retrieval.mrr@10", "retrieval.ndcg@10")
ANSWER_SHOWN = ("answer.conclusion_must_include", "answer.must_include", "answer.must_not_include_violations",
                "answer.cited_precision", "answer.cited_recall", "answer.invented_citations",
                "answer.refusal_accuracy", "answer.in_scope_refused")


def template_titles(settings: Settings) -> dict[str, str]:
    """Template id → Chinese title, from the document schemas."""
    from assistant.documents.schema import load_schemas

    return {s.id: s.title for s in load_schemas(settings.templates_dir)} if settings.templates_dir.is_dir() else {}


def _shown(path: Path) -> str:
    """A path relative to the working folder when it is inside it (shorter to read)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _figures(summary: dict[str, Any], paths: tuple[str, ...]) -> str:
    parts = []
    for p in paths:
        value = lookup(summary, p)
        if value is not None:
            m = BY_PATH[p]
            parts.append(f"{m.label} {fmt(value, m.kind, m.unit)}")
    return "，".join(parts)


def print_summary(summary: dict[str, Any], out: Path) -> None:
    """The run's figures in plain Chinese on the terminal."""
    table = Table(title=f"检索：按依次列出的法条计（范围内 {summary['n']} 题，{mode_label(summary.get('mode'))}）")
    table.add_column("指标")
    table.add_column("本次", justify="right")
    table.add_column("旧口径（卡片同名次）", justify="right", style="dim")
    for p in RETRIEVAL_SHOWN:
        old = lookup(summary, p.replace("retrieval.", "retrieval_rank_shared."))
        table.add_row(BY_PATH[p].label, fmt(lookup(summary, p), "pct"), fmt(old, "pct"))
    console.print(table)
    if "answer" in summary:
        console.print("回答：" + _figures(summary, ANSWER_SHOWN), highlight=False)
        r = summary["review"]
        if v := summary["answer"].get("llm_verification"):
            console.print(f"模型回答核对：{v['answers']} 个回答中 {v['answers_corrected']} 个需要更正；删去 {v['dropped']} 句"
                          f"（引用不实 {v['dropped_citations']} 句，数字无据 {v['dropped_numbers']} 句），"
                          f"标注已废止法律 {v['repealed']} 处", highlight=False)
        console.print(f"律师复核：判定正确率 {fmt(r['approved_rate'], 'pct')}（已复核且回答未变 {r['reviewed']} 题），"
                      f"有害 {r['harmful']} 题，待复核 {r['stale']} 题，未复核 {r['unreviewed']} 题", highlight=False)
    if summary["templates"]["n"]:
        console.print(f"文书推荐准确率 {fmt(summary['templates']['accuracy'], 'pct')}（{summary['templates']['n']} 题）")
    lat = summary["latency_ms"]
    line = f"耗时：检索一半的题不超过 {lat['p50']:.0f} 毫秒，95% 的题不超过 {lat['p95']:.0f} 毫秒"
    if "answer" in summary:
        a = summary["answer"]["latency_ms"]
        line += f"；回答一半不超过 {a['p50']:.0f} 毫秒，95% 不超过 {a['p95']:.0f} 毫秒"
    console.print(line, highlight=False)
    failed = sum(c.get("n_failed", 0) for c in (summary.get("categories") or {}).values())
    console.print(f"未通过 {failed} 题。报告：{_shown(out / 'report.html')}（用浏览器打开）", highlight=False)


@eval_app.command("run", help="运行题集（.xlsx/.csv/.jsonl），写出 report.html、results.xlsx/.csv、summary.json 和 results.jsonl。")
def run(
    ctx: typer.Context,
    dataset: Annotated[Path, typer.Option("--dataset", help="题集文件：.xlsx、.csv 或 .jsonl")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="结果目录；不填时放在 eval/runs/<日期>-<题集名>（同一天再跑会加 -2、-3）")] = None,
    force: Annotated[bool, typer.Option("--force", help="结果目录已有结果时覆盖它")] = False,
    k: Annotated[int, typer.Option("-k", help="每题检索条数")] = 10,
    answers: Annotated[bool, typer.Option("--answers/--no-answers", help="同时评测回答（结论、引用、拒答、律师复核）")] = True,
) -> None:
    """Validate the question set, run it, and write the report and result files."""
    from assistant.evaluation.runner import run_eval
    from assistant.evaluation.verdicts import VerdictStore
    from assistant.storage import open_storage

    settings = settings_of(ctx)
    titles = template_titles(settings)
    target = out if out is not None else default_run_dir(settings.eval_runs_dir, dataset)
    # Validate against the corpus before loading the index, so a bad sheet fails fast (and clears nothing).
    corpus = load_corpus(settings)
    rows = load_dataset(dataset, corpus, titles or None)
    prepare_out(target, force=force)
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

    summary = run_eval(rows, rt.retriever, target, k=k, dataset=dataset.name, answer=answer_fn, templates=templates,
                       verdicts=VerdictStore(open_storage(settings)), titles=titles)
    print_summary(summary, target)


@eval_app.command("runs", help="列出已有的评测结果（默认目录 eval/runs），最新的在前。")
def runs(ctx: typer.Context) -> None:
    """List the runs in the default runs folder."""
    settings = settings_of(ctx)
    found = list_runs(settings.eval_runs_dir)
    if not found:
        console.print(f"{_shown(settings.eval_runs_dir)} 中还没有评测结果；用 assistant eval run --dataset 题集.xlsx 运行一次。")
        return
    from datetime import datetime

    table = Table(title=f"评测结果（{_shown(settings.eval_runs_dir)}）")
    for col in ("名称", "题集", "题数", "运行时间", "前5条法条命中率", "结论要点覆盖率", "律师判定正确率"):
        table.add_column(col, justify="left" if col in ("名称", "题集") else "right")
    for r in found:
        when = datetime.fromtimestamp(r.modified).strftime("%Y年%m月%d日 %H:%M")
        table.add_row(r.path.name, r.dataset, str(r.n_total), when,
                      *(fmt(r.figures[p], "pct") for p in ("retrieval.hit@5", "answer.conclusion_must_include",
                                                            "review.approved_rate")))
    console.print(table)
    console.print("对比两次结果：assistant eval compare 旧名称 新名称", highlight=False)


@eval_app.command("compare", help="对比两次评测结果：指标变化、变差和变好的题目、题集本身的修改、律师判定的变化。")
def compare(
    ctx: typer.Context,
    run_a: Annotated[Path, typer.Argument(help="上一次（基准）的结果目录或名称")],
    run_b: Annotated[Path, typer.Argument(help="这一次的结果目录或名称")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    fail_on_regression: Annotated[float | None, typer.Option(
        "--fail-on-regression", help="任一主要指标下降超过此值（如 0.02 即 2 个百分点）时退出码为 1")] = None,
    limit: Annotated[int, typer.Option("--limit", help="每组最多列出的题目数")] = 50,
) -> None:
    """Print metric deltas and changed questions; exit 1 on a regression beyond the threshold."""
    from assistant.evaluation.compare import compare_runs

    settings = settings_of(ctx)
    cmp = compare_runs(resolve_run(run_a, settings.eval_runs_dir), resolve_run(run_b, settings.eval_runs_dir))
    regressions = cmp.regressions(fail_on_regression) if fail_on_regression is not None else []
    if as_json:
        typer.echo(json.dumps(cmp.to_json(fail_on_regression), ensure_ascii=False, indent=2))
    else:
        _print_comparison(cmp, limit)
        if fail_on_regression is not None:
            if regressions:
                names = "、".join(m.label for m in regressions)
                err_console.print(f"[bold red]退步[/bold red]：{names} 下降超过 {fail_on_regression * 100:g} 个百分点")
            else:
                console.print(f"[green]没有主要指标下降超过 {fail_on_regression * 100:g} 个百分点[/green]")
    if regressions:
        raise typer.Exit(1)


def _delta(m: Any) -> str:
    if m.delta is None:
        return "—"
    pct = BY_PATH[m.key].kind == "pct"
    return f"{m.delta * 100:+.1f} 个百分点" if pct else f"{m.delta:+g}"


def _print_comparison(cmp: Any, limit: int) -> None:
    table = Table(title=f"A：{cmp.run_a}  →  B：{cmp.run_b}")
    for col in ("指标", "A", "B", "变化"):
        table.add_column(col, justify="left" if col == "指标" else "right")
    for m in cmp.metrics:
        kind = BY_PATH[m.key].kind
        style = "red" if m.worse else ("green" if m.delta else "")
        delta = _delta(m)
        table.add_row(m.label, fmt(m.a, kind), fmt(m.b, kind), f"[{style}]{delta}[/{style}]" if style else delta)
    console.print(table)
    groups = (("变差的题目", cmp.worse, "red"), ("变好的题目", cmp.better, "green"),
              ("题目或标准已修改（不算变好或变差）", cmp.edited, "yellow"), ("律师判定有变化", cmp.verdicts, "cyan"),
              ("新增的题目", cmp.added, "blue"), ("删除的题目", cmp.removed, "magenta"))
    for title, items, colour in groups:
        console.print(f"\n[bold {colour}]{title}（{len(items)}）[/bold {colour}]")
        for q in items[:limit]:
            console.print(f"  [bold]{q.id}[/bold] {q.category} · {q.question}", highlight=False)
            if title not in ("新增的题目", "删除的题目"):
                console.print(f"      {'；'.join(q.changes)}", style=colour, highlight=False)
        if len(items) > limit:
            console.print(f"  ……另有 {len(items) - limit} 题，用 --json 查看全部")


@eval_app.command("template", help="生成题集表格：必填列已标出，“是否在范围内”带下拉列表，附“填写说明”表和一行示例。")
def template(
    out: Annotated[Path, typer.Option("--out", help="输出文件：.xlsx（推荐）、.csv 或 .jsonl")] = Path("题集模板.xlsx"),
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖")] = False,
) -> None:
    """Write an empty question sheet with headers, drop-downs, instructions and one example row."""
    from assistant.errors import InvalidInputError

    if out.exists() and not force:
        raise InvalidInputError(f"“{out.name}”已存在，为免覆盖没有生成；请换一个 --out，或加 --force 覆盖")
    write_rows([EXAMPLE], out)
    console.print(f"已生成题集模板：{_shown(out)}（第 2 行是示例，可以删掉或改写；各列怎么填见“填写说明”表）", highlight=False)


@eval_app.command("export-feedback", help="把“没有帮助”的反馈和依据不足的对话导出为待标注题集。")
def export_feedback(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="输出文件：.xlsx、.csv 或 .jsonl")],
    since: Annotated[str | None, typer.Option(
        "--since", help="只导出此日期之后的记录，如 2026年11月1日、2026-11-01、2026/11/1")] = None,
    answers: Annotated[bool, typer.Option("--answers/--no-answers", help="用当前助手重新回答，在备注中写出它引用的法条")] = True,
) -> None:
    """Turn unhelpful feedback and low-grounding turns into a draft question file for legal staff."""
    from assistant.evaluation.dates import parse_day
    from assistant.evaluation.feedback_export import draft_rows, read_sources
    from assistant.storage import open_storage

    settings = settings_of(ctx)
    since_day = parse_day(since) if since else None
    sources = read_sources(open_storage(settings), since_day)
    answer_fn = None
    if answers and sources:
        from assistant.answering import AnswerService

        answer_fn = AnswerService(open_runtime(settings)).ask
    rows = draft_rows(sources, answer_fn)
    write_rows(rows, out)
    console.print(f"导出 {len(rows)} 道待标注题目（来自 {len(sources)} 条记录）→ {_shown(out)}", highlight=False)


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
        console.print(f"{f.name}：转换 {len(rows)} 题，{dropped} 题因引用的法条不在法规库中而跳过 → {_shown(target)}")
