"""`assistant doc …`: list document templates, show their fields, fill one into a .docx."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import settings_of
from assistant.documents import get_template, list_templates, render
from assistant.documents.jsonshape import schema_json
from assistant.documents.schema import field_text
from assistant.errors import AssistantError, InvalidInputError

doc_app = typer.Typer(help="维权文书：列出模板、查看字段、用 JSON 数据填写并生成 .docx", no_args_is_help=True)

MAX_DATA_BYTES = 1_000_000


def read_data(path: Path) -> dict[str, object]:
    """Field values from a JSON file; bad JSON or a non-object is an InvalidInputError in Chinese."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"无法读取数据文件 {path}：{exc.strerror}") from exc
    if len(raw) > MAX_DATA_BYTES:
        raise InvalidInputError(f"数据文件过大（超过 {MAX_DATA_BYTES // 1000} KB）：{path}")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"数据文件 {path} 不是 UTF-8 编码") from exc
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"数据文件 {path} 不是有效的 JSON：第{exc.lineno}行第{exc.colno}列附近有误（{exc.msg}）"
        ) from exc
    if not isinstance(data, dict):
        raise InvalidInputError(f'数据文件 {path} 的顶层应为对象，如 {{"applicant_name": "张丽"}}')
    return data


@doc_app.command("list")
def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """列出所有文书模板。"""
    schemas = list_templates(settings_of(ctx))
    if as_json:
        rows = [{"id": s.id, "title": s.title, "description": s.description} for s in schemas]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(s.id) for s in schemas)
    for s in schemas:
        typer.echo(f"{s.id.ljust(width)}  {s.title}　{s.description}")


@doc_app.command("fields")
def fields_command(
    ctx: typer.Context,
    template_id: Annotated[str, typer.Argument(help="模板编号，如 labor_arbitration_application")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出（含示例）")] = False,
) -> None:
    """显示一个模板需要填写的字段。"""
    schema = get_template(settings_of(ctx), template_id)
    if as_json:
        typer.echo(json.dumps(schema_json(schema), ensure_ascii=False, indent=2, default=str))
        return
    typer.echo(f"{schema.title}（{schema.id}）")
    if schema.description:
        typer.echo(schema.description)
    typer.echo("引用条文：" + "、".join(schema.articles))
    for spec in schema.fields:
        line = f"  {spec.name}: {field_text(spec)}"
        if spec.help:
            line += f" — {spec.help}"
        typer.echo(line)
        for col in spec.columns:
            typer.echo(f"      {col.name}: {field_text(col)}")


@doc_app.command("fill")
def fill_command(
    ctx: typer.Context,
    template_id: Annotated[str, typer.Argument(help="模板编号")],
    data: Annotated[Path | None, typer.Option("--data", "-d", help="JSON 数据文件（字段名: 值）")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出的 .docx 路径")] = None,
    example: Annotated[bool, typer.Option("--example", help="使用模板自带的示例数据")] = False,
) -> None:
    """用数据填写模板，生成 .docx 文书。"""
    settings = settings_of(ctx)
    schema = get_template(settings, template_id)
    if data is None and not example:
        raise InvalidInputError("请用 --data 指定 JSON 数据文件，或用 --example 使用示例数据")
    values = schema.example_data() if example else {}
    if data is not None:
        values.update(read_data(data))
    from assistant.corpus import load_corpus  # heavy: only when actually rendering

    document = render(settings, load_corpus(settings), schema.id, values)
    target = output or Path(document.filename)
    try:
        target.write_bytes(document.content)
    except OSError as exc:
        raise InvalidInputError(f"无法写入 {target}：{exc.strerror}") from exc
    for warning in document.warnings:
        typer.echo(f"提醒：{warning}", err=True)
    typer.echo(f"已生成《{document.title}》：{target}")


def main(argv: list[str] | None = None) -> int:
    """Run doc_app standalone, turning AssistantError into a Chinese message and exit code 1."""
    try:
        doc_app(args=argv, standalone_mode=False)
    except AssistantError as exc:
        problems = getattr(exc, "problems", None)
        if problems:
            typer.echo("错误：填写内容有误，请检查以下项目：", err=True)
            for problem in problems:
                typer.echo(f"  - {problem}", err=True)
        else:
            typer.echo(f"错误：{exc.message}", err=True)
        return 1
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        return 1
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())


@doc_app.command("check")
def check_command(
    ctx: typer.Context,
    template_ids: Annotated[list[str] | None, typer.Argument(help="模板编号；不写则与 --all 相同")] = None,
    check_all: Annotated[bool, typer.Option("--all", help="检查全部模板")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """检查模板：标签与字段一致、标签未被拆开、必填项有示例、引用条文存在且现行有效、示例数据能生成。"""
    from assistant.corpus import load_corpus
    from assistant.documents.check import as_json as check_json
    from assistant.documents.check import check_templates

    settings = settings_of(ctx)
    ids = None if check_all or not template_ids else list(template_ids)
    results = check_templates(settings, load_corpus(settings), ids)
    if as_json:
        typer.echo(json.dumps(check_json(results), ensure_ascii=False, indent=2))
    else:
        for template_id, problems in results.items():
            if not problems:
                typer.echo(f"✓ {template_id}")
                continue
            typer.echo(f"✗ {template_id}：{len(problems)} 个问题")
            for problem in problems:
                typer.echo(f"    - {problem.where}：{problem.message}")
        bad = sum(1 for p in results.values() if p)
        typer.echo(f"共检查 {len(results)} 个模板，{bad} 个有问题。")
    if any(results.values()):
        raise typer.Exit(1)


@doc_app.command("new")
def new_command(
    ctx: typer.Context,
    template_id: Annotated[str, typer.Argument(help="新模板编号（小写字母、数字、下划线），如 overtime_pay_demand")],
    title: Annotated[str, typer.Option("--title", help="文书标题，如 加班费支付要求函")],
) -> None:
    """生成一份新模板的初稿（.docx + .yaml），之后在 Word 中编辑并用 doc check 检查。"""
    from assistant.documents.scaffold import new_template
    from assistant.documents.schema import TEMPLATE_ID

    settings = settings_of(ctx)
    if not TEMPLATE_ID.match(template_id):
        raise InvalidInputError("模板编号只能用小写字母、数字和下划线，并以字母开头（2 到 64 个字符）")
    if not title.strip():
        raise InvalidInputError("请用 --title 写明文书标题")
    directory = settings.templates_dir
    if (directory / f"{template_id}.yaml").exists() or (directory / f"{template_id}.docx").exists():
        raise InvalidInputError(f"模板 {template_id} 已存在，请换一个编号")
    docx_path, yaml_path = new_template(template_id, title.strip(), directory)
    typer.echo(f"已生成初稿：{docx_path}\n          {yaml_path}")
    typer.echo(f"下一步：用 Word 编辑 .docx、在 .yaml 中定义字段，然后运行 assistant doc check {template_id}")
