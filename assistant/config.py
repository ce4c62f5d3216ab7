"""Settings, read once from the environment (prefix ASSISTANT_) or a .env file, then passed down."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
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
    query_cache_size: int = Field(4096, description="query embeddings kept in memory (LRU)")
    synonyms_file: Path = Field(PROJECT_ROOT / "corpus" / "synonyms.yaml", description="everyday → legal terms")
    next_steps_file: Path = Field(PROJECT_ROOT / "corpus" / "next_steps.yaml", description="next steps by topic")
    gaps_file: Path = Field(PROJECT_ROOT / "corpus" / "gaps.yaml", description="rules the corpus lacks, by topic")
    index_auto_build: bool = Field(True, description="build a missing or stale index instead of refusing")
    search_k: int = 10
    max_question_chars: int = 500

    # Answering (LLM mode is off unless a base URL is set).
    llm_base_url: str | None = None
    llm_model: str = "qwen2.5-7b-instruct"
    llm_api_key: str | None = None
    llm_timeout: float = 30.0
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts")

    # Voice input (POST /v1/speech): off unless the union's own recogniser is configured. Any
    # OpenAI-compatible /v1/audio/transcriptions server (FunASR, faster-whisper/speaches) will do.
    asr_base_url: str | None = Field(
        None, description="base URL of the transcription service, e.g. http://asr.internal:8000/v1; empty: voice off")
    asr_model: str = Field("paraformer", description="model name sent to the service (FunASR: paraformer, sensevoice)")
    asr_api_key: SecretStr | None = Field(None, description="Bearer key of the transcription service, if it wants one")
    asr_timeout: float = Field(30.0, gt=0, description="seconds to wait for one transcription (504 asr_timeout after)")
    asr_language: str = Field("zh", description="language hint sent to the service; empty: let it detect")
    asr_max_bytes: int = Field(2 * 1024 * 1024, gt=0, description="largest recording accepted (413 audio_too_large)")
    asr_max_seconds: float = Field(60.0, gt=0, description="longest recording accepted (413 audio_too_long)")
    templates_dir: Path = Field(PROJECT_ROOT / "doc_templates")

    @property
    def dense_enabled(self) -> bool:
        """False when the dense model is switched off with 'none'."""
        return self.embedding_model.strip().lower() not in {"", "none", "off"}

    @cached_property
    def conversations_db(self) -> Path:
        """SQLite file holding keys, conversations and feedback (when no database_url is set)."""
        return self.data_dir / "assistant.sqlite3"

    # Storage (assistant/storage): SQLite in data_dir unless a URL is given; limits shared through Redis.
    database_url: str | None = Field(None, description="postgresql://user:pass@host/db; empty: SQLite in data_dir")
    redis_url: str | None = Field(None, description="redis://host:6379/0 shares rate limits between replicas")
    secret_key: SecretStr | None = Field(
        None, description="signs widget tokens; empty: generated once and kept in the database")

    # Documents: rendered files are returned as bytes and kept on disk only when this is switched on.
    keep_rendered_documents: bool = False
    rendered_dir: Path = Field(default=PROJECT_ROOT / "var" / "documents", description="kept documents")

    # API (assistant serve): keys, the public widget key, CORS, limits and retention.
    api_auth: bool = Field(True, description="require an API key or the widget key on /v1; off only for a local demo")
    widget_key: str | None = Field("demo-widget-key", description="public key of the embeddable widget")
    allowed_origins: list[str] = Field(
        default_factory=lambda: ["http://localhost:8000", "http://127.0.0.1:8000"],
        description="origins (CORS allow-list) where the widget key is accepted; same-origin is always allowed",
    )
    rate_limits: bool = Field(True, description="enforce the rate limits below (off only for load tests)")
    key_limit: str = Field("600/minute", description="per app key; an app key is never limited per address")
    widget_limit: str = Field("30/minute", description="per widget browser token (one visitor)")
    address_limit: str = Field(
        "300/minute", description="per client address for widget and keyless calls (carrier NAT: many workers)")
    auth_failure_limit: str = Field("10/minute", description="failed authentication attempts per client address")
    widget_token_limit: str = Field("10/minute", description="widget tokens issued per client address")
    widget_token_days: int = Field(30, description="a widget token's lifetime")
    trusted_proxies: str = Field(
        "", description="comma-separated proxy addresses whose X-Forwarded-For is believed; empty: none")
    docs_enabled: bool = Field(True, description="serve /docs and /openapi.json (turn off in production if wanted)")
    answer_threads: int = Field(2, description="threads answering questions (CPU-bound; one fair queue)")
    max_body_bytes: int = Field(64 * 1024, description="largest request body accepted (413 above)")
    sse_ping_seconds: float = Field(15, description="keep-alive comment on /v1/ask/stream while an answer is slow")
    retention_days: int = Field(180, description="conversations and feedback older than this are deleted")

    # Answers (appended by the answering stage).
    prompt_version: str = Field("v2", description="version suffix of prompts/system.<v>.md and answer.<v>.md")
    llm_temperature: float = 0.2
    answer_max_citations: int = Field(4, description="national articles quoted in one answer (regional ones extra)")
    answer_search_k: int = Field(12, description="hits retrieved for one answer")
    conversation_retention_days: int = Field(180, description="conversations older than this can be purged")

    # Demand report (assistant report demand, GET /v1/admin/stats): a topic, region or question is shown only
    # when at least report_k distinct conversations asked it, so no single worker's case can be recognised.
    report_k: int = Field(5, ge=2, le=1000, description="least distinct conversations behind any shown group")
    report_top: int = Field(20, ge=1, le=200, description="rows in the report's most-frequent-question lists")

    # Evaluation: where `assistant eval run` keeps its runs by default, and the lawyers' verdicts.
    eval_runs_dir: Path = Field(PROJECT_ROOT / "eval" / "runs", description="default folder of evaluation runs")
    @field_validator("key_limit", "widget_limit", "address_limit", "auth_failure_limit", "widget_token_limit")
    @classmethod
    def _valid_limit(cls, value: str) -> str:
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"rate limit {value!r} is not like '600/minute' or '20/10 seconds'") from exc
        return value

    @field_validator("asr_base_url")
    @classmethod
    def _valid_asr_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.strip().lower().startswith(("http://", "https://")):
            raise ValueError(f"ASSISTANT_ASR_BASE_URL {value!r} must start with http:// or https:// (e.g. http://host:8000/v1)")
        return value.strip()

    @property
    def trusted_proxy_list(self) -> list[str]:
        """The trusted proxy addresses as a list."""
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]
