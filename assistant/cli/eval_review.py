"""`assistant eval review export | import`: the lawyers' review loop on a run's answers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import console, settings_of

review_app = typer.Typer(help="律师复核：导出回答供判定，导入判定结果", no_args_is_help=True)


@review_app.command("export", help="把一次评测的回答导出为复核表（判定列带下拉列表：正确/部分正确/错误/有害）。")
def export(
    ctx: typer.Context,
    run_dir: Annotated[Path, typer.Argument(help="评测结果目录或名称（assistant eval runs 可查看）")],
    out: Annotated[Path, typer.Option("--out", help="输出的复核表 .xlsx")] = Path("复核表.xlsx"),
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖")] = False,
) -> None:
    """Write review.xlsx for a run."""
    from assistant.errors import InvalidInputError
    from assistant.evaluation.review import export_review
    from assistant.evaluation.runs import resolve_run

    if out.suffix.lower() != ".xlsx":
        raise InvalidInputError("复核表请保存为 .xlsx 文件")
    if out.exists() and not force:
        raise InvalidInputError(f"“{out.name}”已存在，为免覆盖没有导出；请换一个 --out，或加 --force 覆盖")
    n = export_review(resolve_run(run_dir, settings_of(ctx).eval_runs_dir), out)
    console.print(f"已导出 {n} 道题的回答 → {out}（待复核的排在最前；在“判定”列选择后用 assistant eval review import 导入）",
                  highlight=False)


@review_app.command("import", help="导入填好的复核表；任何一行有误都不会导入，并列出出错的行号。")
def import_(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="填好的复核表 .xlsx")],
    reviewer: Annotated[str, typer.Option("--reviewer", help="复核人姓名，记录在判定中")] = "",
) -> None:
    """Store the verdicts of a filled review.xlsx."""
    from assistant.evaluation.review import import_review
    from assistant.evaluation.verdicts import VerdictStore
    from assistant.storage import open_storage

    result = import_review(path, VerdictStore(open_storage(settings_of(ctx))), reviewer)
    counts = "、".join(f"{k} {v} 题" for k, v in result.counts.items() if v) or "无"
    console.print(f"已导入 {result.stored} 条判定（{counts}）；{result.skipped_empty} 行未填判定，已跳过。"
                  "下次 assistant eval run 会自动带出这些判定。", highlight=False)
