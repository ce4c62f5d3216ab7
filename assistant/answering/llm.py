"""LLM mode: prompt files loaded by name and version, an OpenAI-compatible chat model, streaming with errors converted."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.config import Settings
from assistant.errors import ConfigError, LLMError, NotFoundError

log = logging.getLogger(__name__)
_NAME_RE = re.compile(r"^[a-z_]+$")
_VERSION_RE = re.compile(r"^v\d+$")


@lru_cache(maxsize=32)
def _read_prompt(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()


def load_prompt(prompts_dir: Path, name: str, version: str) -> str:
    """The prompt file prompts/<name>.<version>.md; NotFoundError when it does not exist."""
    if not _NAME_RE.match(name) or not _VERSION_RE.match(version):
        raise ConfigError(f"提示词名称或版本不合法：{name}.{version}")
    path = prompts_dir / f"{name}.{version}.md"
    if not path.is_file():
        raise NotFoundError(f"找不到提示词文件：{path}")
    return _read_prompt(path)


def fill(template: str, values: dict[str, str]) -> str:
    """Replace {key} placeholders; other braces in the template or in values are left alone."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


def build_messages(settings: Settings, values: dict[str, str]) -> list[BaseMessage]:
    """System and user messages from the versioned prompt files."""
    system = load_prompt(settings.prompts_dir, "system", settings.prompt_version)
    answer = load_prompt(settings.prompts_dir, "answer", settings.prompt_version)
    return [SystemMessage(content=system), HumanMessage(content=fill(answer, values))]


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """An OpenAI-compatible chat model when settings.llm_base_url is set; None means default (compose) mode."""
    if not settings.llm_base_url:
        return None
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:  # pragma: no cover - langchain-openai is a declared dependency
        raise ConfigError("已设置 llm_base_url，但未安装 langchain-openai") from exc
    from pydantic import SecretStr

    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=SecretStr(settings.llm_api_key or "not-needed"),
        timeout=settings.llm_timeout,
        max_retries=0,  # a retry doubles the wait; the composed answer is a better fallback
        temperature=settings.llm_temperature,
        streaming=True,
    )


def _text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content if isinstance(p, str | dict))
    return ""


def stream_tokens(model: BaseChatModel, messages: list[BaseMessage]) -> Iterator[str]:
    """Token texts from the model; any failure becomes LLMError."""
    try:
        for chunk in model.stream(messages):
            piece = _text(chunk.content)
            if piece:
                yield piece
    except LLMError:
        raise
    except Exception as exc:  # the boundary: httpx, openai and langchain errors all end here
        log.warning("LLM call failed: %s", type(exc).__name__)
        raise LLMError("智能生成服务调用失败或超时") from exc


def generate(model: BaseChatModel, messages: list[BaseMessage]) -> str:
    """The whole reply as one string; LLMError on failure or an empty reply."""
    text = "".join(stream_tokens(model, messages)).strip()
    if not text:
        raise LLMError("智能生成服务没有返回内容")
    return text
