"""Wire models of the HTTP API (separate from the pipeline's records), with OpenAPI examples."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

QUESTION_MAX = 2000  # hard cap on the wire; the retriever enforces settings.max_question_chars (422)


class ErrorOut(BaseModel):
    """Every error response."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"code": "not_found", "message": "《劳动合同法》没有第999条"}]}
    )
    code: str = Field(description="稳定的错误代码，如 invalid_input、unauthorized、rate_limited")
    message: str = Field(description="中文错误说明")
    detail: list[str] | None = Field(None, description="逐项问题（如文书字段校验）")


class AskRequest(BaseModel):
    """One question."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"question": "怀孕了公司要给我降薪合法吗", "region": "上海"}]},
    )
    question: str = Field(min_length=1, max_length=QUESTION_MAX, description="她的问题，口语即可")
    region: str | None = Field(None, max_length=20, description="地区，如 上海、云南；不填则从问题中识别")
    conversation_id: str | None = Field(
        None, max_length=64, description="继续已有对话时填写服务器发放的编号（/v1/chat 或 /v1/ask/stream 返回）")


class ChatRequest(BaseModel):
    """One message in a conversation (a new conversation when conversation_id is empty)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"conversation_id": None, "message": "那我可以申请仲裁吗？", "region": None}]
        },
    )
    message: str = Field(min_length=1, max_length=QUESTION_MAX, description="本轮消息")
    conversation_id: str | None = Field(None, max_length=64, description="服务器发放的对话编号；留空开始新对话")
    region: str | None = Field(None, max_length=20)


class CitationOut(BaseModel):
    """An article quoted verbatim, with where it applies and its version."""

    id: str
    law: str
    article: int
    label: str
    text: str
    level: str
    region: str
    version: str
    effective: str | None = None
    status: str = "现行有效"
    note: str = ""
    title: str | None = Field(None, description="如 《劳动合同法》第四十二条")
    region_label: str = Field("", description="地方性法规的适用地区说明")


class CaseOut(BaseModel):
    """A typical case shown with an answer."""

    id: str
    title: str
    publisher: str
    date: str
    holding: str


class NextStepOut(BaseModel):
    """One next step."""

    title: str
    detail: str


class DocumentSuggestionOut(BaseModel):
    """A suggested document template with fields already known."""

    template_id: str
    title: str
    reason: str
    prefilled: dict[str, Any] = Field(default_factory=dict)


class VerificationOut(BaseModel):
    """LLM mode: what verification removed or marked in the model's reply."""

    sentences: int = Field(description="核对的句子数")
    dropped_citations: int = Field(description="因引用无法核实（条文不存在、法律未收录或不在检索资料中）删去的句子")
    dropped_numbers: int = Field(description="因数字在资料、计算结果和问题中都找不到而删去的句子")
    repealed: int = Field(description="保留但标注了已废止法律的处数")
    flagged: int = Field(description="保留但标注了效力有变化条文的处数")


class AnswerOut(BaseModel):
    """What the assistant says to one question."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "question": "怀孕了公司要给我降薪合法吗",
                    "summary": "不合法。用人单位不得因女职工怀孕降低其工资。",
                    "citations": [
                        {
                            "id": "女职工劳动保护特别规定#5",
                            "law": "女职工劳动保护特别规定",
                            "article": 5,
                            "label": "第五条",
                            "text": "用人单位不得因女职工怀孕、生育、哺乳降低其工资……",
                            "level": "行政法规",
                            "region": "全国",
                            "version": "2012-04-28",
                            "effective": "2012-04-28",
                            "status": "现行有效",
                            "note": "",
                        }
                    ],
                    "cases": [],
                    "next_steps": [{"title": "保留证据", "detail": "保存降薪通知、工资条。"}],
                    "documents": [
                        {
                            "template_id": "pregnancy_transfer_objection",
                            "title": "孕期调岗降薪异议书",
                            "reason": "可以书面提出异议",
                            "prefilled": {},
                        }
                    ],
                    "disclaimer": "以上内容仅供参考，不构成法律意见。",
                    "grounding": "high",
                    "in_scope": True,
                    "mode": "compose",
                    "region": None,
                    "conversation_id": None,
                    "notices": [],
                    "safety": None,
                    "body": "",
                }
            ]
        },
    )
    question: str
    summary: str
    citations: list[CitationOut]
    cases: list[CaseOut]
    next_steps: list[NextStepOut]
    documents: list[DocumentSuggestionOut]
    disclaimer: str
    grounding: Literal["high", "low"]
    in_scope: bool
    mode: str = "compose"
    region: str | None = None
    conversation_id: str | None = None
    notices: list[str] = Field(default_factory=list)
    safety: str | None = None
    body: str = ""
    topic: str = Field("", description="回答的主题，如 产假")
    calculations: list[dict[str, Any]] = Field(
        default_factory=list, description="按她提供的数字算出的结果（经济补偿、产假天数等），含计算步骤和所依据的条文")
    follow_up: str | None = Field(None, description="还缺的一个事实，用一句话问她（如 您在这家单位工作了多久？）")
    gap: str | None = Field(None, description="回答涉及的、资料库尚未收录的规定（见 corpus/gaps.yaml）")
    verification: VerificationOut | None = None


class HitOut(BaseModel):
    """One search result (article, case or card)."""

    model_config = ConfigDict(extra="allow")
    id: str
    kind: Literal["article", "case", "card"]
    rank: int
    score: float
    via: str
    law: str | None = None
    article: int | None = None
    label: str
    text: str
    version: str | None = None
    effective: str | None = None
    region: str
    level: str | None = None
    status: str | None = None


class SearchOut(BaseModel):
    """Ranked hits and what the retriever understood."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "怀孕 降薪",
                    "region": None,
                    "mode": "hybrid",
                    "hits": [
                        {
                            "id": "女职工劳动保护特别规定#5",
                            "kind": "article",
                            "rank": 1,
                            "score": 0.41,
                            "via": "hybrid",
                            "law": "女职工劳动保护特别规定",
                            "article": 5,
                            "label": "第五条",
                            "text": "用人单位不得……",
                            "version": "2012-04-28",
                            "effective": "2012-04-28",
                            "region": "全国",
                            "level": "行政法规",
                            "status": "现行有效",
                        }
                    ],
                }
            ]
        }
    )
    query: str = Field(description="规范化后的问题")
    region: str | None = Field(description="识别或指定的地区")
    mode: str = Field(description="hybrid 或 bm25-only")
    hits: list[HitOut]


class LawOut(BaseModel):
    """One law in the corpus."""

    title: str
    aliases: list[str]
    level: str
    region: str
    version: str
    effective: str | None
    status: str
    articles: int


class ArticleOut(BaseModel):
    """One article, verbatim."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "劳动合同法#42",
                    "law": "劳动合同法",
                    "number": 42,
                    "label": "第四十二条",
                    "title": "《劳动合同法》第四十二条",
                    "text": "劳动者有下列情形之一的，用人单位不得……",
                    "level": "法律",
                    "region": "全国",
                    "version": "2012-12-28",
                    "effective": "2013-07-01",
                    "chapter": "第四章 劳动合同的解除和终止",
                    "status": "现行有效",
                    "note": "",
                }
            ]
        }
    )
    id: str
    law: str
    number: int
    label: str
    title: str
    text: str
    level: str
    region: str
    version: str
    effective: str | None
    chapter: str
    status: str
    note: str


class TemplateOut(BaseModel):
    """A document template in the list."""

    id: str
    title: str
    description: str


class FieldOut(BaseModel):
    """One fillable field; list fields may have columns."""

    name: str
    label: str
    type: str
    required: bool
    help: str = ""
    example: Any = None
    choices: list[str] | None = None
    max_length: int | None = None
    columns: list[FieldOut] | None = None
    form_only: bool = Field(False, description="只用于表单（如时效提醒），不写入文书")
    options: list[ArticleOptionOut] | None = Field(
        None, description="补充引用的法律条文：可勾选的条文（value 为条文编号，label 为《法名》第N条）"
    )


class ArticleOptionOut(BaseModel):
    """An article offered as a plain choice for 补充引用的法律条文."""

    value: str
    label: str
    excerpt: str = ""


class TemplateSchemaOut(BaseModel):
    """A template's field schema, used by the widget to build its form."""

    id: str
    title: str
    description: str
    articles: list[str]
    fields: list[FieldOut]


class RenderRequest(BaseModel):
    """Field values for a document (field name → value)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "fields": {
                        "applicant_name": "张丽",
                        "applicant_phone": "13812345678",
                        "employer_name": "北京某某科技有限公司",
                        "original_position": "市场专员",
                        "new_position": "前台接待",
                        "notice_date": "2026-10-08",
                        "requests": ["恢复原岗位"],
                        "facts": "贵单位在本人告知怀孕后单方调岗降薪。",
                        "objection_date": "2026-11-20",
                    }
                }
            ]
        },
    )
    fields: dict[str, Any] = Field(description="字段名 → 值，字段见 GET /v1/documents/{id}")


class FeedbackRequest(BaseModel):
    """Whether an answer helped, for the union's legal staff."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "helpful": False,
                    "comment": "没有提到上海的规定",
                    "question": "产假多少天",
                    "conversation_id": None,
                }
            ]
        },
    )
    helpful: bool
    rating: int | None = Field(None, ge=1, le=5, description="可选评分 1–5")
    comment: str = Field("", max_length=2000)
    question: str = Field("", max_length=QUESTION_MAX)
    conversation_id: str | None = Field(None, max_length=64, description="自己的对话编号（其他编号返回 404）")


class FeedbackOut(BaseModel):
    """Stored feedback."""

    id: int
    stored: bool = True


class HealthOut(BaseModel):
    """Liveness."""

    status: Literal["ok"] = "ok"


class ReadyOut(BaseModel):
    """Readiness: what is loaded."""

    status: Literal["ready", "degraded"]
    mode: str
    records: int
    answering: bool
    degraded: str | None = None
    index_fingerprint: str = Field("", description="索引清单的哈希：各副本应一致")
    index_built_at: str = ""
    corpus_version: str = Field("", description="语料库指纹（法规、案例、知识卡片）")
    schema_revision: str = Field("", description="数据库结构版本")
    storage: str = Field("", description="sqlite 或 postgresql")
    limits: str = Field("", description="memory 或 redis")


class WidgetTokenOut(BaseModel):
    """A signed token for one browser; send it as X-Widget-Token together with the widget key."""

    token: str
    expires_in: int = Field(description="有效期（秒）")


class CalculatorOut(BaseModel):
    """A calculator and the JSON schema of its parameters (titles and descriptions in Chinese)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "severance",
                    "title": "经济补偿",
                    "description": "解除或终止劳动合同的经济补偿……（劳动合同法第四十七条）",
                    "params_schema": {"type": "object", "properties": {"months_worked": {"type": "integer"}}},
                }
            ]
        }
    )
    name: str = Field(description="计算器名称，用于 GET /v1/calc/{name}")
    title: str
    description: str
    params_schema: dict[str, Any] = Field(description="参数的 JSON Schema，可据此生成表单")


class ArticleRefOut(BaseModel):
    """An article a calculation applies, by id and title."""

    id: str = Field(description="如 劳动合同法#47")
    title: str = Field(description="如 《劳动合同法》第四十七条")


class CalculationOut(BaseModel):
    """One calculation: the result, how it was computed, and the articles it applies (quoted verbatim)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "severance",
                    "title": "经济补偿",
                    "value": 48000,
                    "unit": "元",
                    "text": "经济补偿为6个月工资，共48000元",
                    "steps": ["在本单位工作5年7个月：……共6个月工资。", "经济补偿＝6个月×8000元＝48000元。"],
                    "articles": [{"id": "劳动合同法#47", "title": "《劳动合同法》第四十七条"}],
                    "inputs": {"months_worked": "67", "monthly_wage": "8000"},
                    "notes": [],
                    "citations": [],
                }
            ]
        }
    )
    name: str
    title: str
    value: float = Field(description="主要结果的数值（元、天、小时/天、个月、岁……）；日期和年龄另见 text")
    unit: str
    text: str = Field(description="一句话的结果")
    steps: list[str] = Field(description="计算过程，按顺序")
    articles: list[ArticleRefOut]
    inputs: dict[str, str] = Field(description="实际使用的参数")
    notes: list[str] = Field(description="提示和注意事项")
    citations: list[ArticleOut] = Field(description="所依据法条的原文，带版本")


class SpeechOut(BaseModel):
    """What she said, for her to check in the input box before sending (nothing is asked on her behalf)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "怀孕了公司要给我降薪合法吗", "duration_s": 3.48, "format": "webm"}]}
    )
    text: str = Field(description="识别出的文字（简体中文），请让她核对后再发送")
    duration_s: float | None = Field(description="录音时长（秒）；录音未声明时长时为 null（如分段 MP4）")
    format: Literal["webm", "ogg", "wav", "mp4"] = Field(description="按文件内容识别出的录音格式")


class SpeechConfigOut(BaseModel):
    """Whether voice input works here, and the limits a recording must keep to."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{
            "available": True, "message": None, "formats": ["audio/webm", "audio/ogg", "audio/wav", "audio/mp4"],
            "max_bytes": 2097152, "max_seconds": 60.0, "field": "file"}]}
    )
    available: bool = Field(description="是否已配置语音识别服务；false 时组件应提示“语音不可用”")
    message: str | None = Field(None, description="不可用时的中文说明")
    formats: list[str] = Field(description="接受的录音类型（按文件内容识别）")
    max_bytes: int = Field(description="录音文件最大字节数")
    max_seconds: float = Field(description="录音最长秒数")
    field: str = Field("file", description="multipart 表单中录音文件的字段名")


# Demand statistics (GET /v1/admin/stats): the DemandReport records of assistant.reporting on the wire.
class StatsWindowOut(BaseModel):
    """The period reported (China calendar days, both ends included) and the previous one, for trends."""

    since: str = Field(description="起始日期（含），如 2026-11-01")
    until: str = Field(description="结束日期（含）")
    days: int
    previous_since: str = Field(description="上期起始日期（与本期天数相同，用于趋势）")
    previous_until: str
    region: str | None = Field(description="只统计的地区（省份）；null 为全部地区")
    kept_from: str | None = Field(description="保留期限内最早的一天，更早的对话已被删除；null 为不自动删除")
    generated_at: str = Field(description="生成时间（北京时间）")


class StatsPrivacyOut(BaseModel):
    """The privacy rules the figures were built under."""

    k: int = Field(description="每个主题、地区、问题至少来自 k 个不同对话才列出")
    retention_days: int = Field(description="反馈保存天数（ASSISTANT_RETENTION_DAYS）")
    conversation_retention_days: int = Field(description="对话在最后一次提问多少天后删除")


class StatsTotalsOut(BaseModel):
    """Questions and consultations in the period."""

    questions: int = Field(description="提问次数")
    conversations: int = Field(description="不同对话数")
    in_scope: int
    out_of_scope: int


class StatsWeekOut(BaseModel):
    """One Monday–Sunday week, clipped to the period."""

    start: str
    end: str
    questions: int
    conversations: int
    partial: bool = Field(description="不完整周（被时间范围截断）")


class StatsTopicOut(BaseModel):
    """A topic asked in at least k conversations."""

    topic: str
    questions: int
    conversations: int
    previous_conversations: int | None = Field(description="上期对话数；null 表示上期有但少于 k 个（不公布）")
    change: float | None = Field(description="对话数相对上期的变化（0.4 = 增加 40%）；上期为 0 或不公布时为 null")
    high_grounding: float | None = Field(description="依据充分的回答占比")


class StatsCountOut(BaseModel):
    """A region with its counts."""

    label: str
    questions: int
    conversations: int


class StatsHiddenOut(BaseModel):
    """Groups held back because fewer than k conversations asked them (never their text)."""

    groups: int
    questions: int


class StatsQuestionOut(BaseModel):
    """A question group, redacted."""

    text: str = Field(description="问题（已去除个人信息；相近的问法合并计数）")
    questions: int
    conversations: int


class StatsQuestionListOut(BaseModel):
    """The most frequent questions of one kind."""

    rows: list[StatsQuestionOut]
    more: int = Field(description="同样达到 k 个对话但未列出的问题数")
    hidden: StatsHiddenOut


class StatsGroundingOut(BaseModel):
    """How the in-scope questions were answered."""

    answered: int
    high: int
    low: int
    share_high: float | None


class StatsFeedbackOut(BaseModel):
    """Feedback in the period."""

    total: int
    helpful: int
    unhelpful: int
    rated: int
    mean_rating: float | None


class StatsDocumentOut(BaseModel):
    """Documents generated from one template (all regions: documents carry none)."""

    template_id: str
    title: str
    count: int


class StatsReferralsOut(BaseModel):
    """Answers that sent her to a hotline."""

    safety: int = Field(description="安全提示次数")
    safety_conversations: int
    out_of_scope: int = Field(description="范围外问题的引导次数")
    out_of_scope_conversations: int
    low_grounding: int = Field(description="依据不足、建议拨打 12351 的次数")
    low_grounding_conversations: int


class DemandStatsOut(BaseModel):
    """The demand report's figures, the same as `assistant report demand` shows."""

    window: StatsWindowOut
    privacy: StatsPrivacyOut
    totals: StatsTotalsOut
    weeks: list[StatsWeekOut]
    topics: list[StatsTopicOut]
    topics_hidden: StatsHiddenOut
    unclassified: int = Field(description="没有归入主题的劳动权益问题")
    previous_complete: bool = Field(description="false：上期有一部分已超过保留期限，趋势仅供参考")
    regions: list[StatsCountOut]
    regions_hidden: StatsHiddenOut
    grounding: StatsGroundingOut
    low_grounding: StatsQuestionListOut
    feedback: StatsFeedbackOut
    unhelpful: StatsQuestionListOut
    documents: list[StatsDocumentOut]
    referrals: StatsReferralsOut
