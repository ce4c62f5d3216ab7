"""`assistant serve` (uvicorn) and `assistant keys create|list|revoke`."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from assistant.cli.common import console, settings_of

keys_app = typer.Typer(help="API 密钥：创建（明文只显示一次）、列出、吊销", no_args_is_help=True)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    no_auth: Annotated[bool, typer.Option("--no-auth", help="关闭密钥校验（仅限本机演示）")] = False,
) -> None:
    """启动 HTTP API、问答组件 /widget.js 与演示页 /。"""
    import logging.config

    import uvicorn

    from assistant.api import create_app
    from assistant.api.logs import log_config
    from assistant.api.server import uvicorn_config

    settings = settings_of(ctx)
    if no_auth:
        settings = settings.model_copy(update={"api_auth": False})
    console.print(f"问答组件演示页：http://{host}:{port}/　接口文档：http://{host}:{port}/docs", highlight=False)
    # JSON lines on stderr from here on (the app logs while it is built, before uvicorn configures logging).
    logging.config.dictConfig(log_config())
    config = uvicorn_config(create_app(settings), settings, host=host, port=port)
    uvicorn.Server(config).run()


@keys_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help="使用方名称，如 工会App")],
    scope: Annotated[list[str] | None, typer.Option(
        "--scope", help="权限范围，可重复：ask（提问、检索、文书、计算器、反馈，默认）、admin（读取需求统计）")] = None,
) -> None:
    """创建密钥；明文只显示这一次，请妥善保存。"""
    from assistant.storage import open_storage
    from assistant.storage.keys import ASK

    key, plain = open_storage(settings_of(ctx)).keys.create(name, scope or [ASK])
    console.print(f"已创建密钥 {key.id}（{key.name}，权限：{'、'.join(key.scopes)}）。明文只显示这一次：",
                  highlight=False)
    typer.echo(plain)


@keys_app.command("list")
def list_keys(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False
) -> None:
    """列出所有密钥（不含明文）。"""
    from assistant.storage import open_storage

    keys = open_storage(settings_of(ctx)).keys.list()
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {"id": k.id, "name": k.name, "created_at": k.created_at, "revoked_at": k.revoked_at,
                     "scopes": list(k.scopes)}
                    for k in keys
                ],
                ensure_ascii=False,
            )
        )
        return
    if not keys:
        console.print("还没有密钥。用 `assistant keys create --name 名称` 创建。")
    for k in keys:
        state = f"已吊销 {k.revoked_at}" if k.revoked_at else "有效"
        console.print(f"{k.id}  {k.name}  权限 {'、'.join(k.scopes)}  创建于 {k.created_at}  {state}", highlight=False)


@keys_app.command("revoke")
def revoke(
    ctx: typer.Context, key_id: Annotated[str, typer.Argument(help="密钥编号（见 keys list）")]
) -> None:
    """吊销密钥，立即生效。"""
    from assistant.storage import open_storage

    key = open_storage(settings_of(ctx)).keys.revoke(key_id)
    console.print(f"已吊销 {key.id}（{key.name}）")


def register(app: typer.Typer) -> None:
    """Add `serve` and the `keys` group to the main command."""
    app.command("serve")(serve)
    app.add_typer(keys_app, name="keys")
