"""`assistant ask "问题"` and the interactive `assistant chat`."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from assistant.cli.common import console, err_console, fail, settings_of
from assistant.errors import AssistantError
from assistant.records import NATIONAL, Answer

_EXIT_WORDS = {"退出", "exit", "quit", "再见", "q"}


def _service(ctx: typer.Context) -> object:
    from assistant.answering import AnswerService
    from assistant.runtime import open_runtime

    rt = open_runtime(settings_of(ctx))
    if rt.degraded:
        err_console.print(f"[bold yellow]注意[/bold yellow]：{rt.degraded}", highlight=False)
    return AnswerService(rt)


def render_text(answer: Answer) -> str:
    """The answer as plain Chinese text with headed sections, for the terminal."""
    out: list[str] = []
    if answer.safety:
        out += ["【请先注意安全】", answer.safety, ""]
    out += ["【简要回答】", answer.summary, ""]
    if answer.body and answer.body.strip() != answer.summary.strip():
        out += ["【详细说明】", answer.body, ""]
    if answer.citations:
        out.append("【法律依据】")
        for c in answer.citations:
            where = f"【{c.region}地方规定】" if c.region != NATIONAL else ""
            when = f"，{c.effective} 起施行" if c.effective else ""
            status = "" if c.status == "现行有效" else f"，{c.status}"
            out.append(f"{where}《{c.law}》{c.label}（{c.level}，{c.version}{when}{status}）")
            out.append(f"  “{c.text}”")
        out.append("")
    if answer.cases:
        out.append("【典型案例】")
        out += [f"· {c.title}（{c.publisher} {c.date}）：{c.holding}" for c in answer.cases]
        out.append("")
    if answer.next_steps:
        out.append("【下一步】")
        out += [f"{i}. {s.title}：{s.detail}" for i, s in enumerate(answer.next_steps, start=1)]
        out.append("")
    if answer.documents:
        out.append("【可用文书】")
        for d in answer.documents:
            filled = "；".join(f"{k}={v}" for k, v in d.prefilled)
            out.append(f"· {d.title}（{d.template_id}）：{d.reason}" + (f"（已预填：{filled}）" if filled else ""))
        out.append("")
    notices = [n for n in answer.notices if n != answer.safety]
    if notices or answer.in_scope:
        out.append("【提示】")
        out += [f"· {n}" for n in notices]
        if answer.in_scope:
            out.append(f"· 依据充分程度：{'较高' if answer.grounding == 'high' else '较低'}；{answer.disclaimer}")
    return "\n".join(out).rstrip()


def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="您的问题，例如“怀孕被辞退怎么办”")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    region: Annotated[str | None, typer.Option("--region", help="所在省份，例如 云南")] = None,
    conversation: Annotated[str | None, typer.Option("--conversation", help="会话编号（多轮对话）")] = None,
) -> None:
    """Answer one question with quoted, verified legal basis."""
    from assistant.answering import AnswerService, answer_to_json

    try:
        service = _service(ctx)
        assert isinstance(service, AnswerService)
        answer = service.ask(question, region=region, conversation_id=conversation)
    except AssistantError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(answer_to_json(answer), ensure_ascii=False, indent=2) + "\n")
    else:
        console.print(render_text(answer), highlight=False, markup=False)


def chat(
    ctx: typer.Context,
    region: Annotated[str | None, typer.Option("--region", help="所在省份，例如 云南")] = None,
    conversation: Annotated[str | None, typer.Option("--conversation", help="继续已有的会话")] = None,
) -> None:
    """Interactive conversation: one question per line, until EOF or 退出."""
    from assistant.answering import AnswerService

    try:
        service = _service(ctx)
        assert isinstance(service, AnswerService)
    except AssistantError as exc:
        fail(exc)
    cid = conversation or service.new_conversation()
    err_console.print(f"会话编号 {cid}。请输入您的问题，输入“退出”结束。", highlight=False)
    for line in sys.stdin:
        text = line.strip()
        if not text:
            continue
        if text.lower() in _EXIT_WORDS:
            break
        try:
            answer = service.ask(text, region=region, conversation_id=cid)
        except AssistantError as exc:
            err_console.print(f"[bold red]错误[/bold red]：{exc.message}", highlight=False)
            continue
        console.print(render_text(answer), highlight=False, markup=False)
        console.print("—" * 20, highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add `ask` and `chat` to the root command."""
    app.command("ask")(ask)
    app.command("chat")(chat)
