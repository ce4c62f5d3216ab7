"""`assistant calc list` and `assistant calc NAME [--json] [--schema] [--name value …] [-p name=value …]`."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from assistant.calculators import (
    CALCULATORS,
    Calculation,
    calculate,
    calculation_to_json,
    calculator_schema,
    get_spec,
    spec_to_json,
)
from assistant.calculators.jsonshape import article_title
from assistant.cli.common import console, fail
from assistant.errors import AssistantError, InvalidInputError

MAX_PARAMS = 20
MAX_VALUE_CHARS = 100
HELP = (
    "计算器：经济补偿、赔偿金、二倍工资、加班费、产假、哺乳时间、年休假、未休年休假工资、一次性伤残补助金、试用期、仲裁时效、退休年龄。"
    "用法：assistant calc list；assistant calc severance --months-worked 67 --monthly-wage 8000 [--json]；"
    "参数也可写成 -p months_worked=67；assistant calc NAME --schema 查看参数。"
)


def parse_params(extra: list[str], pairs: list[str]) -> dict[str, str]:
    """`--months-worked 67`, `--rest-day-compensated` (= 是) and `-p months_worked=67` as one dict."""
    out: dict[str, str] = {}

    def put(key: str, value: str) -> None:
        name = key.strip().replace("-", "_")
        if not name:
            raise InvalidInputError("参数名不能为空，写法如 --monthly-wage 8000 或 -p monthly_wage=8000")
        if name in out:
            raise InvalidInputError(f"参数「{name}」写了两次")
        if len(value) > MAX_VALUE_CHARS:
            raise InvalidInputError(f"参数「{name}」的值过长（最多 {MAX_VALUE_CHARS} 个字符）")
        out[name] = value

    i = 0
    while i < len(extra):
        token = extra[i]
        if not token.startswith("--"):
            raise InvalidInputError(f"无法识别的参数「{token}」：请写成 --参数名 取值，如 --monthly-wage 8000")
        key, eq, value = token[2:].partition("=")
        if not eq:
            nxt = extra[i + 1] if i + 1 < len(extra) else None
            if nxt is not None and not nxt.startswith("--"):
                value, i = nxt, i + 1
            else:
                value = "是"  # a bare flag such as --difficult-birth
        put(key, value)
        i += 1
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq:
            raise InvalidInputError(f"-p 参数应写成 名称=取值，如 -p monthly_wage=8000（收到「{pair}」）")
        put(key, value)
    if len(out) > MAX_PARAMS:
        raise InvalidInputError(f"参数过多（最多 {MAX_PARAMS} 个）")
    return out


def _print_calculation(calc: Calculation) -> None:
    console.print(f"[bold]{calc.title}[/bold]（{calc.name}）", highlight=False)
    console.print(f"结果：{calc.text}", highlight=False, markup=False, soft_wrap=True)
    console.print("计算过程：")
    for i, step in enumerate(calc.steps, 1):
        console.print(f"  {i}. {step}", highlight=False, markup=False, soft_wrap=True)
    console.print("依据：" + "、".join(article_title(a) for a in calc.articles), highlight=False, markup=False, soft_wrap=True)
    if calc.notes:
        console.print("提示：")
        for note in calc.notes:
            console.print(f"  · {note}", highlight=False, markup=False, soft_wrap=True)
    console.print("参数：" + "，".join(f"{k}={v}" for k, v in calc.inputs), highlight=False, markup=False, soft_wrap=True)


def _print_schema(name: str, schema: dict[str, Any]) -> None:
    spec = get_spec(name)
    required = set(schema.get("required", ()))
    table = Table(title=f"{spec.title}（{name}）的参数", show_lines=False)
    for col in ("参数", "名称", "必填", "说明"):
        table.add_column(col)
    for prop, info in schema["properties"].items():
        table.add_row(f"--{prop.replace('_', '-')}", str(info.get("title", "")), "是" if prop in required else "",
                      str(info.get("description", "")))
    console.print(table)


def calc(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="计算器名称（如 severance），或 list 列出全部")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    show_schema: Annotated[bool, typer.Option("--schema", help="只显示这个计算器的参数")] = False,
    pairs: Annotated[list[str] | None, typer.Option("--param", "-p", help="参数，写成 名称=取值，可重复")] = None,
) -> None:
    """计算经济补偿、赔偿金、产假天数、退休年龄等，并列出计算过程和法条。"""
    try:
        if name == "list":
            if ctx.args or pairs:
                raise InvalidInputError("calc list 不接受参数")
            _list(as_json)
            return
        spec = get_spec(name)
        if show_schema:
            schema = calculator_schema(spec.name)
            if as_json:
                typer.echo(json.dumps(schema, ensure_ascii=False, indent=2))
            else:
                _print_schema(spec.name, schema)
            return
        result = calculate(spec.name, parse_params(list(ctx.args), pairs or []))
    except AssistantError as exc:
        fail(exc)
    if as_json:
        typer.echo(json.dumps(calculation_to_json(result), ensure_ascii=False, indent=2))
    else:
        _print_calculation(result)


def _list(as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([spec_to_json(s) for s in CALCULATORS.values()], ensure_ascii=False, indent=2))
        return
    table = Table(title="计算器（assistant calc NAME --schema 查看参数）")
    for col in ("名称", "标题", "说明"):
        table.add_column(col)
    for spec in CALCULATORS.values():
        table.add_row(spec.name, spec.title, spec.description)
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add `calc` to the root command; unknown --options are its parameters."""
    app.command("calc", help=HELP, context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(calc)
