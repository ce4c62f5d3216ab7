"""Loading template schemas from doc_templates/<id>.yaml, checked strictly so mistakes surface early."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import cast

import yaml

from assistant.errors import ConfigError, NotFoundError

from .claims import parse_claims
from .models import FIELD_TYPES, FieldSpec, FieldType, SuggestRule, TemplateSchema

TEMPLATE_ID = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
ARTICLE_ID = re.compile(r"^[^#\s]+#\d+$")
# Names the renderer puts into every context; a field may not shadow them.
RESERVED = frozenset({"law_articles", "filled", "blank", "doc_title", "today", "loop", "computed", "computed_total"})

_TOP_KEYS = frozenset(
    {"id", "title", "description", "fields", "articles", "keywords", "topics", "rules", "priority",
     "article_choices", "claims"}
)
_FIELD_KEYS = frozenset(
    {
        "name",
        "label",
        "type",
        "required",
        "help",
        "example",
        "max_length",
        "choices",
        "dispute",
        "not_before",
        "min",
        "max",
        "columns",
        "max_items",
        "prefill",
        "form_only",
        "deadline_days",
        "deadline_note",
    }
)


def _fail(path: Path, reason: str) -> ConfigError:
    return ConfigError(f"模板定义 {path.name} 有误：{reason}")


def _str_tuple(path: Path, value: object, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"{what} 应为非空字符串列表")
    return tuple(v.strip() for v in value)


def _opt_int(path: Path, raw: Mapping[str, object], key: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, f"字段 {raw.get('name')} 的 {key} 应为整数")
    return value


def _parse_field(path: Path, raw: object, *, nested: bool = False) -> FieldSpec:
    if not isinstance(raw, dict):
        raise _fail(path, "fields 中的每一项应为映射")
    unknown = set(raw) - _FIELD_KEYS
    if unknown:
        raise _fail(path, f"字段 {raw.get('name')} 含未知键 {sorted(unknown)}")
    name = raw.get("name")
    if not isinstance(name, str) or not FIELD_NAME.match(name) or name in RESERVED:
        raise _fail(path, f"字段名 {name!r} 不合法（小写字母、数字、下划线，且不能是保留名）")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _fail(path, f"字段 {name} 缺少 label")
    ftype = raw.get("type", "text")
    if ftype not in FIELD_TYPES:
        raise _fail(path, f"字段 {name} 的类型 {ftype!r} 不受支持")
    choices = _str_tuple(path, raw.get("choices"), f"字段 {name} 的 choices")
    if ftype == "choice" and not choices:
        raise _fail(path, f"选择字段 {name} 需要 choices")
    columns: tuple[FieldSpec, ...] = ()
    if raw.get("columns") is not None:
        if ftype != "list" or nested:
            raise _fail(path, f"只有顶层列表字段可以定义 columns（{name}）")
        cols = raw["columns"]
        if not isinstance(cols, list) or not cols:
            raise _fail(path, f"字段 {name} 的 columns 应为非空列表")
        columns = tuple(_parse_field(path, c, nested=True) for c in cols)
        if any(c.type == "list" for c in columns):
            raise _fail(path, f"字段 {name} 的列不能再是列表")
    max_items = _opt_int(path, raw, "max_items")
    return FieldSpec(
        name=name,
        label=label.strip(),
        type=cast(FieldType, ftype),
        required=bool(raw.get("required", False)),
        help=str(raw.get("help") or ""),
        example=raw.get("example"),
        max_length=_opt_int(path, raw, "max_length"),
        choices=choices,
        dispute=bool(raw.get("dispute", False)),
        not_before=cast("str | None", raw.get("not_before")),
        min=_opt_int(path, raw, "min"),
        max=_opt_int(path, raw, "max"),
        columns=columns,
        max_items=max_items if max_items is not None else 30,
        prefill=_str_tuple(path, raw.get("prefill"), f"字段 {name} 的 prefill"),
        form_only=bool(raw.get("form_only", False)),
        deadline_days=_opt_int(path, raw, "deadline_days"),
        deadline_note=str(raw.get("deadline_note") or ""),
    )


def _parse_rules(path: Path, raw: object) -> tuple[SuggestRule, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(path, "rules 应为列表")
    rules = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("all_of"), list) or not item.get("reason"):
            raise _fail(path, "每条 rule 需要 all_of（关键词组列表）和 reason")
        groups = tuple(_str_tuple(path, g, "rule 的关键词组") for g in item["all_of"])
        if not groups or not all(groups):
            raise _fail(path, "rule 的关键词组不能为空")
        rules.append(SuggestRule(all_of=groups, reason=str(item["reason"])))
    return tuple(rules)


def parse_schema(path: Path) -> TemplateSchema:
    """Read and check one <id>.yaml schema."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(path, f"无法读取：{exc}") from exc
    if not isinstance(raw, dict):
        raise _fail(path, "顶层应为映射")
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise _fail(path, f"含未知键 {sorted(unknown)}")
    tid = raw.get("id")
    if not isinstance(tid, str) or not TEMPLATE_ID.match(tid) or tid != path.stem:
        raise _fail(path, "id 应与文件名一致，且只含小写字母、数字和下划线")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _fail(path, "缺少 title")
    if not isinstance(raw.get("fields"), list) or not raw["fields"]:
        raise _fail(path, "fields 应为非空列表")
    fields = tuple(_parse_field(path, f) for f in raw["fields"])
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise _fail(path, "字段名重复")
    for f in fields:
        if f.not_before is not None and (f.type != "date" or f.not_before not in names):
            raise _fail(path, f"字段 {f.name} 的 not_before 应指向另一个日期字段")
    articles = _str_tuple(path, raw.get("articles"), "articles")
    choices = _str_tuple(path, raw.get("article_choices"), "article_choices")
    for art in (*articles, *choices):
        if not ARTICLE_ID.match(art):
            raise _fail(path, f"条文编号 {art!r} 应形如 劳动合同法#38")
    docx = path.with_suffix(".docx")
    if not docx.is_file():
        raise _fail(path, f"缺少对应的 {docx.name}")
    priority = raw.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int):
        raise _fail(path, "priority 应为整数")
    return TemplateSchema(
        id=tid,
        title=title.strip(),
        description=str(raw.get("description") or "").strip(),
        fields=fields,
        articles=articles,
        keywords=_str_tuple(path, raw.get("keywords"), "keywords"),
        topics=_str_tuple(path, raw.get("topics"), "topics"),
        rules=_parse_rules(path, raw.get("rules")),
        priority=priority,
        article_choices=choices,
        claim_specs=parse_claims(path, raw.get("claims"), set(names)),
        docx_path=docx,
        yaml_path=path,
    )


def _stamp(directory: Path) -> tuple[tuple[str, float], ...]:
    # Cache key: editing any schema or template invalidates the cache without a restart.
    try:
        files = sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".docx"})
    except OSError as exc:
        raise ConfigError(f"无法读取模板目录 {directory}：{exc}") from exc
    return tuple((p.name, p.stat().st_mtime) for p in files)


@lru_cache(maxsize=8)
def _load_dir(directory: Path, stamp: tuple[tuple[str, float], ...]) -> tuple[TemplateSchema, ...]:
    del stamp  # only part of the cache key
    paths = sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))
    return tuple(parse_schema(p) for p in paths)


def load_schemas(directory: Path) -> tuple[TemplateSchema, ...]:
    """All schemas in `directory`, sorted by id; cached until a file changes."""
    directory = directory.resolve()
    return _load_dir(directory, _stamp(directory))


def find_schema(directory: Path, template_id: str) -> TemplateSchema:
    """The schema with this id, or NotFoundError listing the known ids."""
    schemas = load_schemas(directory)
    for schema in schemas:
        if schema.id == template_id:
            return schema
    known = "、".join(s.id for s in schemas)
    raise NotFoundError(f"没有名为「{template_id[:64]}」的文书模板。可用模板：{known}")


def field_text(spec: FieldSpec) -> str:
    """A one-line description of a field for listings: label, type and whether it is required."""
    kind = {
        "text": "文字",
        "longtext": "多段文字",
        "date": "日期",
        "idcard": "身份证号",
        "phone": "电话",
        "money": "金额（元）",
        "int": "整数",
        "choice": "选择",
        "bool": "是/否",
        "list": "列表",
    }[spec.type]
    need = "必填" if spec.required else "选填"
    extra = f"：{'/'.join(spec.choices)}" if spec.choices else ""
    return f"{spec.label}（{kind}{extra}，{need}）"
