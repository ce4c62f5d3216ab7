"""`assistant corpus stats`: what the corpus holds, per law, level and region."""

from __future__ import annotations

import json
from dataclasses import asdict
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


@corpus_app.command("audit", help="核对每个法规文件的版本：文件名日期、历史块最后日期与引用版本；列出不一致和早于修正的文本。")
def audit(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """Version audit of every stored text; exits 1 when a mismatch is not explained in corpus/laws.yaml."""
    from assistant.corpus.audit import audit_corpus

    report = audit_corpus(settings_of(ctx))
    if as_json:
        rows = [{**asdict(f), "verdict": f.verdict} for f in report.files]
        console.print_json(json.dumps({"ok": report.ok, "files": rows, "problems": list(report.problems)},
                                      ensure_ascii=False))
    else:
        table = Table(title="法规文本版本核对")
        for head in ("文件", "文件名/发布日期", "历史块最后一步", "引用版本", "施行日期", "结果"):
            table.add_column(head)
        marks = {"ok": "[green]一致[/green]", "explained": "[yellow]已说明[/yellow]", "mismatch": "[bold red]不一致[/bold red]"}
        for f in report.files:
            table.add_row(f.path.split("/")[-1], f.name_date or "—", f.history_step or "—", f.cited_version,
                          f.effective or "—", marks[f.verdict])
        console.print(table)
        for f in report.files:
            if f.verdict == "ok":
                continue
            colour = "yellow" if f.verdict == "explained" else "bold red"
            console.print(f"[{colour}]{f.path}[/{colour}]（《{f.law}》）", highlight=False)
            for m in f.mismatches:
                console.print(f"  · {m}", highlight=False)
            if f.explanation:
                console.print(f"  说明：{f.explanation}", highlight=False)
            else:
                console.print("  未说明：请核对文本，并在 corpus/laws.yaml 中写明 version 与 version_reason，"
                              "或列入 superseded_texts", highlight=False)
        n_bad = len(report.failures)
        summary = f"共 {len(report.files)} 个文件：不一致且未说明 {n_bad} 个，其他问题 {len(report.problems)} 个"
        console.print(("[green]" if report.ok else "[bold red]") + summary, highlight=False)
    for p in report.problems:
        err_console.print(f"[bold red]问题[/bold red] {p}", highlight=False)
    if not report.ok:
        raise typer.Exit(1)
