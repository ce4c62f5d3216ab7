"""The `assistant` command: corpus, index, search, eval, doc, calc, doctor (and more from later stages)."""

from __future__ import annotations

import sys
from typing import Annotated

import click
import typer

from assistant.cli import calc_cmd
from assistant.cli.common import configure_logging, err_console, exit_code
from assistant.cli.corpus_cmd import corpus_app
from assistant.cli.doc import doc_app
from assistant.cli.eval_cmd import eval_app
from assistant.cli.index_cmd import index_app
from assistant.cli.report_cmd import report_app
from assistant.cli.search_cmd import doctor, search
from assistant.config import Settings
from assistant.errors import AssistantError

app = typer.Typer(
    help="女职工维权法律助手：检索法条与案例、生成维权文书、评测。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(corpus_app, name="corpus")
app.add_typer(index_app, name="index")
app.add_typer(eval_app, name="eval")
app.add_typer(doc_app, name="doc")
app.add_typer(report_app, name="report")
app.command("search", help="检索法条、案例和解读卡片，按相关度排序。")(search)
app.command("doctor", help="检查配置、语料库、向量模型和索引；仅用 BM25 降级运行时会明确提示。")(doctor)
calc_cmd.register(app)


@app.callback()
def _root(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="输出调试日志")] = False,
) -> None:
    """Build Settings once; every command reads it from the context."""
    configure_logging(verbose)
    try:
        ctx.obj = Settings()
    except Exception as exc:  # pydantic ValidationError: a bad ASSISTANT_* variable
        err_console.print(f"[bold red]配置错误[/bold red]：{exc}")
        raise typer.Exit(1) from exc


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status; AssistantError anywhere becomes one Chinese message here."""
    try:
        rv = app(args=argv, standalone_mode=False)
    except AssistantError as exc:
        err_console.print(f"[bold red]错误[/bold red]：{exc.message}", highlight=False)
        return exit_code(exc)
    except click.exceptions.Abort:
        err_console.print("已取消")
        return 130
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    return rv if isinstance(rv, int) else 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))


# Later stages register their command groups here.
def _register_optional() -> None:
    import importlib

    for module, attr, name in (("assistant.cli.ask_cmd", "register", None), ("assistant.cli.serve_cmd", "register", None),
                               ("assistant.cli.speech_cmd", "register", None)):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        getattr(mod, attr)(app)
        del name


_register_optional()
