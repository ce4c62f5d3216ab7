"""Wire models of the HTTP API (separate from the pipeline's records), with OpenAPI examples."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.answering.jsonshape import ANSWER_SCHEMA_VERSION
from assistant.api.params import Region

QUESTION_MAX = 2000  # hard cap on the wire; the retriever enforces settings.max_question_chars (422)


class ErrorDetailOut(BaseModel):
    """One problem of a request, naming its field."""

    field: str | None = Field(description="出问题的字段或参数名，如 region、k、applicant_name、requests[0]")
    message: str = Field(description="中文说明")


class ErrorOut(BaseModel):
    """Every error response."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [
            {"code": "not_found", "message": "《劳动合同法》没有第999条"},
            {"code": "invalid_input", "message": "请求参数有误：查询参数「k」应为 1 到 100 之间的整数",
             "detail": [{"field": "k", "message": "查询参数「k」应为 1 到 100 之间的整数"}]},
        ]}
    )
    code: str = Field(description="稳定的错误代码，如 invalid_input、unauthorized、rate_limited")
    message: str = Field(description="中文错误说明")
    detail: list[ErrorDetailOut] | None = Field(None, description="逐项问题，每项写明字段（field）和说明（message）")


REGION_HELP = ("地区：省份（上海、上海市、云南省）或城市（昆明）；全国或不填则从问题中识别。"
               "未知地区返回 422 并列出可用地区")


class AskRequest(BaseModel):
    """One question."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"question": "怀孕了公司要给我降薪合法吗", "region": "上海"}]},
    )
    question: str = Field(min_length=1, max_length=QUESTION_MAX, description="她的问题，口语即可")
    region: Region = Field(None, description=REGION_HELP)
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
    region: Region = Field(None, description=REGION_HELP)


class CitationOut(BaseModel):
    """An article quoted verbatim, with where it applies and its version."""

    id: str = Field(description="条文编号，如 劳动合同法#42")
    law: str = Field(description="法规名称（不含“中华人民共和国”）")
    number: int = Field(description="条号（与 /v1/laws/{law}/articles/{n} 的 number 相同）")
    label: str = Field(description="如 第四十二条")
    title: str = Field(description="如 《劳动合同法》第四十二条")
    text: str = Field(description="条文原文（逐字引用）")
    version: str = Field(description="所引文本的版本，如 2012年12月28日修正")
    effective: str | None = Field(None, description="施行日期")
    level: str = Field(description="效力层级：法律、行政法规、司法解释、部门规章、地方性法规")
    region: str = Field(description="适用地区：全国或省份")
    region_label: str = Field("", description="地方性法规的适用地区说明，如 【上海地方规定】")
    status: str = Field("现行有效", description="效力状态，如 现行有效、已被修改")
    note: str = Field("", description="效力或版本的说明")


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


class AnswerCalculationOut(BaseModel):
    """Her numbers worked out by a calculator, with the steps and the articles applied."""

    name: str = Field(description="计算器名称，如 severance")
    title: str = Field(description="如 经济补偿")
    value: float = Field(description="主要结果的数值")
    unit: str = Field(description="元、天、小时/天、个月、岁……")
    text: str = Field(description="一句话的结果")
    steps: list[str] = Field(description="计算过程，按顺序")
    articles: list[str] = Field(description="所依据的条文编号，如 劳动合同法#47")
    notes: list[str] = Field(description="提示和注意事项")


_CITATION_EXAMPLE = {
    "id": "女职工劳动保护特别规定#5", "law": "女职工劳动保护特别规定", "number": 5, "label": "第五条",
    "title": "《女职工劳动保护特别规定》第五条",
    "text": "用人单位不得因女职工怀孕、生育、哺乳降低其工资、予以辞退、与其解除劳动或者聘用合同。",
    "version": "2012年4月28日公布", "effective": "2012-04-28", "level": "行政法规", "region": "全国",
    "region_label": "", "status": "现行有效", "note": "",
}
ANSWER_EXAMPLE: dict[str, Any] = {
    "schema_version": ANSWER_SCHEMA_VERSION,
    "question": "怀孕了公司要给我降薪合法吗",
    "in_scope": True,
    "grounding": "high",
    "mode": "compose",
    "region": None,
    "conversation_id": None,
    "summary": "不合法。单位不能因为你怀孕、生育、哺乳就降低工资（《女职工劳动保护特别规定》第五条）。",
    "body": "调岗要分两种情况：……",
    "citations": [_CITATION_EXAMPLE],
    "cases": [],
    "next_steps": [{"title": "找工会帮忙", "detail": "也可以拨打 12351 职工服务热线，请工会律师提供法律帮助。"}],
    "documents": [{"template_id": "pregnancy_transfer_objection", "title": "孕期调岗降薪异议书",
                   "reason": "可以书面提出异议并保留证据。", "prefilled": {}}],
    "topic": "孕期调岗降薪",
    "calculations": [],
    "follow_up": None,
    "gap": None,
    "notices": [],
    "safety": None,
    "disclaimer": "以上内容根据本资料库收录的法律法规整理，仅供参考，不构成正式法律意见。",
    "verification": None,
}


class AnswerOut(BaseModel):
    """What the assistant says to one question (JSON Schema: GET /v1/schema/answer, docs/answer.schema.json)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [ANSWER_EXAMPLE]})
    schema_version: str = Field(ANSWER_SCHEMA_VERSION, description="回答 JSON 结构的版本（见 GET /v1/schema/answer）")
    question: str = Field(description="她的问题（繁体已转为简体）")
    in_scope: bool = Field(description="是否属于劳动权益问题；否则 summary 说明能回答什么")
    grounding: Literal["high", "low"] = Field(description="依据是否充分：low 时请以工会律师意见为准")
    mode: Literal["compose", "llm", "fallback"] = Field(
        "compose", description="compose：资料库整理；llm：模型撰写并核对；fallback：模型不可用时的整理回答")
    region: str | None = Field(None, description="回答所按的地区（省份）")
    conversation_id: str | None = Field(None, description="对话编号（/v1/chat 与流式接口返回）")
    summary: str = Field(description="结论：先回答她的问题（是否合法、她的数字、所依据的条文）")
    body: str = Field("", description="解释，不重复结论")
    citations: list[CitationOut] = Field(description="法律依据，逐字引用，带版本和施行日期")
    cases: list[CaseOut] = Field(description="相关典型案例")
    next_steps: list[NextStepOut] = Field(description="下一步怎么做，按顺序")
    documents: list[DocumentSuggestionOut] = Field(description="可以生成的维权文书，已知字段已预填")
    topic: str = Field("", description="回答的主题，如 产假")
    calculations: list[AnswerCalculationOut] = Field(
        default_factory=list, description="按她提供的数字算出的结果（经济补偿、产假天数等），含计算步骤和所依据的条文")
    follow_up: str | None = Field(None, description="还缺的一个事实，用一句话问她（如 您在这家单位工作了多久？）")
    gap: str | None = Field(None, description="回答涉及的、资料库尚未收录的规定（见 corpus/gaps.yaml）")
    notices: list[str] = Field(default_factory=list, description="提示（如核对模型回答的结果、效力变化）")
    safety: str | None = Field(None, description="她可能面临危险时的安全提示（110、12338）")
    disclaimer: str = Field(description="免责声明")
    verification: VerificationOut | None = Field(None, description="LLM 模式：核对删去或标注了什么")


class HitOut(BaseModel):
    """One search result (article, case or card)."""

    model_config = ConfigDict(extra="allow")
    id: str
    kind: Literal["article", "case", "card"]
    rank: int
    score: float
    via: str = Field(description="exact（问题点名的条文）、hybrid 或 asked")
    law: str | None = None
    number: int | None = Field(None, description="条号（法条才有）")
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
                            "number": 5,
                            "label": "第五条",
                            "text": "用人单位不得……",
                            "version": "2012-04-28",
                            "effective": "2012-04-28",
                            "region": "全国",
                            "level": "行政法规",
                            "status": "现行有效",
                        }
                    ],
                    "offset": 0,
                    "k": 1,
                    "next_offset": 1,
                }
            ]
        }
    )
    query: str = Field(description="规范化后的问题")
    region: str | None = Field(description="识别或指定的地区")
    mode: str = Field(description="hybrid 或 bm25-only")
    hits: list[HitOut] = Field(description="本页结果；rank 为在整个排序中的名次")
    offset: int = Field(0, description="本页从第几条开始（0 起）")
    k: int = Field(10, description="每页条数")
    next_offset: int | None = Field(None, description="下一页的 offset；没有更多结果时为 null")


class LawOut(BaseModel):
    """One law in the corpus."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "title": "劳动合同法", "aliases": ["中华人民共和国劳动合同法", "劳动合同法"], "level": "法律", "region": "全国",
        "version": "2012年12月28日修正", "effective": "2013-07-01", "status": "现行有效", "articles": 98}]})

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

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "pregnancy_transfer_objection", "title": "孕期调岗降薪异议书",
        "description": "怀孕后被单方调岗、降薪时，向单位书面提出异议。"}]})

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

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "pregnancy_transfer_objection", "title": "孕期调岗降薪异议书",
        "description": "怀孕后被单方调岗、降薪时，向单位书面提出异议。", "articles": ["女职工劳动保护特别规定#5"],
        "fields": [{"name": "applicant_name", "label": "异议人姓名", "type": "text", "required": True, "help": "",
                    "example": "张丽"}]}]})

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

    model_config = ConfigDict(json_schema_extra={"examples": [{"id": 17, "stored": True}]})

    id: int
    stored: bool = True


class HealthOut(BaseModel):
    """Liveness."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: Literal["ok"] = "ok"


class ReadyOut(BaseModel):
    """Readiness: what is loaded."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "status": "ready", "mode": "hybrid", "records": 2185, "answering": True, "degraded": None,
        "index_fingerprint": "3f2a9c0d1b7e6a54", "index_built_at": "2026-11-30T08:00:00+00:00",
        "corpus_version": "9b1c2d3e4f5a6b7c", "schema_revision": "0002", "storage": "sqlite", "limits": "memory"}]})

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

    model_config = ConfigDict(json_schema_extra={"examples": [{"token": "eyJiIjoi…", "expires_in": 2592000}]})

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

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "window": {"since": "2026-11-01", "until": "2026-11-30", "days": 30, "previous_since": "2026-10-02",
                   "previous_until": "2026-10-31", "region": None, "kept_from": "2026-06-04",
                   "generated_at": "2026-12-01 09:00"},
        "privacy": {"k": 5, "retention_days": 180, "conversation_retention_days": 180},
        "totals": {"questions": 1240, "conversations": 910, "in_scope": 1180, "out_of_scope": 60},
        "weeks": [{"start": "2026-11-02", "end": "2026-11-08", "questions": 301, "conversations": 220, "partial": False}],
        "topics": [{"topic": "三期保护", "questions": 210, "conversations": 160, "previous_conversations": 120,
                    "change": 0.33, "high_grounding": 0.92}],
        "topics_hidden": {"groups": 3, "questions": 9}, "unclassified": 41, "previous_complete": True,
        "regions": [{"label": "云南", "questions": 300, "conversations": 220}],
        "regions_hidden": {"groups": 4, "questions": 11},
        "grounding": {"answered": 1180, "high": 1050, "low": 130, "share_high": 0.89},
        "low_grounding": {"rows": [{"text": "劳务派遣合同到期了能续吗", "questions": 12, "conversations": 9}], "more": 0,
                          "hidden": {"groups": 20, "questions": 31}},
        "feedback": {"total": 80, "helpful": 61, "unhelpful": 19, "rated": 12, "mean_rating": 4.2},
        "unhelpful": {"rows": [], "more": 0, "hidden": {"groups": 19, "questions": 19}},
        "documents": [{"template_id": "arbitration_application", "title": "劳动仲裁申请书", "count": 37}],
        "referrals": {"safety": 3, "safety_conversations": 3, "out_of_scope": 60, "out_of_scope_conversations": 55,
                      "low_grounding": 130, "low_grounding_conversations": 101},
    }]})

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


# One answer as it streams (abridged): ids count up; `done` carries only what no other event did.
STREAM_EXAMPLE = "\n".join([
    "id: 1", "event: sources",
    'data: [{"id":"女职工劳动保护特别规定#5","law":"女职工劳动保护特别规定","number":5,"label":"第五条",'
    '"title":"《女职工劳动保护特别规定》第五条","text":"用人单位不得因女职工怀孕、生育、哺乳降低其工资……",'
    '"version":"2012年4月28日公布","effective":"2012-04-28","level":"行政法规","region":"全国","region_label":"",'
    '"status":"现行有效","note":""}]', "",
    "id: 2", "event: summary", 'data: "不合法。单位不能因为你怀孕、生育、哺乳就降低工资。"', "",
    "id: 3", "event: body", 'data: "调岗要分两种情况：……"', "",
    "id: 4", "event: next_steps", 'data: [{"title":"找工会帮忙","detail":"拨打 12351 职工服务热线……"}]', "",
    "id: 5", "event: done",
    'data: {"schema_version":"2.0","question":"怀孕了公司要给我降薪合法吗","in_scope":true,"grounding":"high",'
    '"mode":"compose","region":null,"conversation_id":"c_…","topic":"孕期调岗降薪","follow_up":null,"gap":null,'
    '"disclaimer":"以上内容……仅供参考","verification":null,"citation_ids":["女职工劳动保护特别规定#5"]}', "", "",
])
