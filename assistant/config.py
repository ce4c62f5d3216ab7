"""Settings, read once from the environment (prefix ASSISTANT_) or a .env file, then passed down."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every tunable of the assistant; build once with `Settings()` and pass it down."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(PROJECT_ROOT.parent / "shared" / "corpus", description="statute and case texts")
    cards_dir: Path = Field(PROJECT_ROOT / "corpus" / "cards", description="knowledge cards (ours)")
    laws_file: Path = Field(PROJECT_ROOT / "corpus" / "laws.yaml", description="law metadata")
    index_dir: Path = Field(PROJECT_ROOT / "var" / "index", description="built search index")
    data_dir: Path = Field(PROJECT_ROOT / "var", description="databases and other state")
    embedding_model: str = Field(
        "intfloat/multilingual-e5-small",
        description="sentence-transformers hub name or local folder; 'none' disables dense search",
    )
    embedding_batch_size: int = 32
    synonyms_file: Path = Field(PROJECT_ROOT / "corpus" / "synonyms.yaml", description="everyday → legal terms")
    index_auto_build: bool = Field(True, description="build a missing or stale index instead of refusing")
    search_k: int = 10
    max_question_chars: int = 500

    # Answering (LLM mode is off unless a base URL is set).
    llm_base_url: str | None = None
    llm_model: str = "qwen2.5-7b-instruct"
    llm_api_key: str | None = None
    llm_timeout: float = 30.0
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts")
    templates_dir: Path = Field(PROJECT_ROOT / "doc_templates")

    @property
    def dense_enabled(self) -> bool:
        """False when the dense model is switched off with 'none'."""
        return self.embedding_model.strip().lower() not in {"", "none", "off"}

    @cached_property
    def conversations_db(self) -> Path:
        """SQLite file holding conversations and feedback."""
        return self.data_dir / "assistant.sqlite3"

    # Documents: rendered files are returned as bytes and kept on disk only when this is switched on.
    keep_rendered_documents: bool = False
    rendered_dir: Path = Field(default=PROJECT_ROOT / "var" / "documents", description="kept documents")
