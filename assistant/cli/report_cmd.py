"""`assistant report demand`: the union's anonymised demand report as HTML and Excel (or JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import console, err_console, settings_of

report_app = typer.Typer(help="工会需求报告：职工问了什么（已去除个人信息）", no_args_is_help=True)


@report_app.command("demand", help="生成需求报告（.html，附同名 .xlsx）：每周提问、热门主题及趋势、地区、回答依据、"
                                   "依据不足和“没帮助”的高频问题、生成的文书、热线转介。")
def demand(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(
        "--since", help="起始日期（含），如 2026-11-01、2026年11月1日、2026/11/1；默认结束日期前 30 天")] = None,
    until: Annotated[str | None, typer.Option("--until", help="结束日期（含），默认今天（北京时间）")] = None,
    region: Annotated[str | None, typer.Option("--region", help="只看一个地区，如 云南、上海、昆明")] = None,
    out: Annotated[Path, typer.Option("--out", help="输出的 .html 文件；同名 .xlsx 写在旁边")] = Path("需求报告.html"),
    xlsx: Annotated[bool, typer.Option("--xlsx/--no-xlsx", help="同时写出 Excel 版")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="只在标准输出打印 JSON，不写文件")] = False,
    top: Annotated[int | None, typer.Option("--top", min=1, max=200, help="高频问题列出几条（默认 20）")] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖")] = False,
) -> None:
    """Build the demand report from the database and write it."""
    from assistant.errors import InvalidInputError
    from assistant.evaluation.dates import parse_day
    from assistant.reporting.demand import build_demand_report, report_json
    from assistant.storage import open_storage

    settings = settings_of(ctx)
    if top is not None:
        settings = settings.model_copy(update={"report_top": top})
    since_day = parse_day(since, "--since") if since else None
    until_day = parse_day(until, "--until") if until else None
    html_path = out if out.suffix.lower() in (".html", ".htm") else out.with_suffix(".html")
    xlsx_path = html_path.with_suffix(".xlsx")
    targets = [] if as_json else [html_path, *([xlsx_path] if xlsx else [])]
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        names = "、".join(f"“{p.name}”" for p in existing)
        raise InvalidInputError(f"{names}已存在，为免覆盖没有生成；请换一个 --out，或加 --force 覆盖")
    with err_console.status("正在统计……"):
        report = build_demand_report(open_storage(settings), settings, since=since_day, until=until_day,
                                     region=region)
    if as_json:
        typer.echo(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        return
    from assistant.reporting.html import day, write_demand_html
    from assistant.reporting.xlsx import write_demand_xlsx

    html_path.parent.mkdir(parents=True, exist_ok=True)
    write_demand_html(html_path, report)
    if xlsx:
        write_demand_xlsx(xlsx_path, report)
    w, t = report.window, report.totals
    console.print(f"{day(w.since)}至{day(w.until)}，{w.region or '全部地区'}：{t.questions} 次提问，"
                  f"{t.conversations} 个对话（每项至少 {report.privacy.k} 个对话才列出）。", highlight=False)
    console.print("报告：" + "、".join(str(p) for p in targets) + "（用浏览器或 Excel 打开）", highlight=False)

