"""`assistant doc check`: everything a legal officer can get wrong in a template, named with its place.

Checks, for one template (its .docx written in Word or WPS and its YAML schema):
  - the .docx parses as a template, every tag names a field and every field is used;
  - no tag is split across runs or paragraphs (Word splits a tag when part of it is retyped or
    reformatted; docxtpl then renders it with the formatting of its first piece, or not at all);
  - every required field has an example;
  - every cited article exists in the corpus and is current;
  - the example data renders, and reads back with no leftover tag, every quoted article equal to
    the corpus text, and no substitution error (a placeholder where a party name belongs, 被本人).
Tags are read with docxtpl's own XML clean-up (`patch_xml`) and Jinja's parser; runs with python-docx.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, meta, nodes

from assistant.config import Settings
from assistant.corpus.versions import SUPERSEDED_STATUS
from assistant.errors import AssistantError
from assistant.records import Article

from .models import TemplateSchema
from .render import EXTRA_ARTICLES_FIELD, ArticleSource, jinja_env, render
from .schema import RESERVED, parse_schema

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_OPEN = re.compile(r"\{[{%#]")
# Party words doubled or glued to another party word: what a search-and-replace of 申请人 → 本人 leaves.
SUBSTITUTION_ERRORS = ("被本人", "被贵单位", "贵单位单位", "本人本人", "申请人申请人", "被被申请人", "贵单位贵单位")
_CONTEXT = RESERVED | {"cn", "cnp"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a template, with where it is."""

    template: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.template}：{self.where}：{self.message}"


def _paragraphs(document: DocxDocument) -> Iterator[tuple[str, Paragraph]]:
    """Every paragraph with a Chinese description of its place (正文、表格、页眉、页脚)."""
    for i, para in enumerate(document.paragraphs, start=1):
        yield f"正文第{i}段", para
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                for para in cell.paragraphs:
                    yield f"表格{t}第{r}行第{c}列", para
    for s, section in enumerate(document.sections, start=1):
        for kind, part in (("页眉", section.header), ("页脚", section.footer)):
            if part.is_linked_to_previous:
                continue
            for i, para in enumerate(part.paragraphs, start=1):
                yield f"第{s}节{kind}第{i}段", para


def _excerpt(text: str) -> str:
    return text if len(text) <= 40 else text[:38] + "…"


def split_tags(path: Path, template_id: str) -> list[Problem]:
    """Tags whose text spans more than one run, or that open in one paragraph and close in another."""
    problems: list[Problem] = []
    document = docx.Document(str(path))
    for where, para in _paragraphs(document):
        runs = [r.text for r in para.runs]
        text = "".join(runs)
        if not _OPEN.search(text):
            continue
        bounds: list[int] = []
        pos = 0
        for r in runs:
            pos += len(r)
            bounds.append(pos)
        closed = 0
        for m in _TAG.finditer(text):
            closed = m.end()
            start = next(i for i, b in enumerate(bounds) if b > m.start())
            end = next(i for i, b in enumerate(bounds) if b >= m.end())
            if start != end:
                problems.append(Problem(template_id, where, (
                    f"标签 {m.group(0)} 被拆成了{end - start + 1}段格式不同的文字（run）。"
                    "请在 Word 中删除整个标签，再一次性输入（不要中途改格式）")))
        rest = text[closed:]
        if _OPEN.search(rest) and not _TAG.search(rest):
            problems.append(Problem(template_id, where, (
                f"「{_excerpt(rest.strip())}」中的标签没有在同一段内闭合（缺少 }}}} 或 %}}）")))
    return problems


def tag_names(path: Path) -> tuple[set[str], set[str]]:
    """Top-level names the template's tags use, and the fields it tests with filled.X."""
    tpl = DocxTemplate(str(path))
    tpl.init_docx()
    xml = tpl.patch_xml(tpl.xml_to_string(tpl.docx._element.body))
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            xml += tpl.patch_xml(part.blob.decode("utf-8"))
    ast = jinja_env().parse(xml)
    names = set(meta.find_undeclared_variables(ast))
    tested = {
        node.attr for node in ast.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name == "filled"
    }
    return names, tested


def _where_tag(document: DocxDocument, name: str) -> str:
    word = re.compile(rf"\b{re.escape(name)}\b")
    for where, para in _paragraphs(document):
        if any(word.search(m.group(0)) for m in _TAG.finditer(para.text)):
            return f"{where}「{_excerpt(para.text)}」"
    return "模板"


def field_problems(schema: TemplateSchema) -> list[Problem]:
    """Tags without a field, fields the document never shows, required fields without an example."""
    problems: list[Problem] = []
    try:
        names, tested = tag_names(schema.docx_path)
    except TemplateSyntaxError as exc:
        return [Problem(schema.id, "模板语法", f"标签写法有误：{exc.message}（请检查 {{% if %}}/{{% for %}} 是否成对）")]
    document = docx.Document(str(schema.docx_path))
    fields = {f.name for f in schema.fields}
    paras = {f"{f.name}_paras" for f in schema.fields if f.type == "longtext"}
    for name in sorted(names - fields - paras - _CONTEXT):
        problems.append(Problem(schema.id, _where_tag(document, name), f"标签 {{{{ {name} }}}} 没有对应的字段（YAML 中没有 {name}）"))
    for name in sorted(tested - fields):
        problems.append(Problem(schema.id, _where_tag(document, name), f"filled.{name} 指向的字段不存在"))
    if "law_articles" not in names:
        problems.append(Problem(schema.id, "模板", "没有引用条文的段落（{% for a in law_articles %}）"))
    for spec in schema.fields:
        used = spec.name in names or f"{spec.name}_paras" in names or spec.name in tested
        if not used and not spec.form_only and spec.name != EXTRA_ARTICLES_FIELD:
            problems.append(Problem(schema.id, f"字段 {spec.name}", f"「{spec.label}」在文书中没有使用（如只用于表单，请写 form_only: true）"))
        if spec.required and spec.example is None:
            problems.append(Problem(schema.id, f"字段 {spec.name}", f"必填项「{spec.label}」缺少 example（示例数据）"))
    return problems


def article_problems(schema: TemplateSchema, corpus: ArticleSource) -> list[Problem]:
    """Cited articles (own and offered) that the corpus lacks or holds only as a text not in force."""
    problems: list[Problem] = []
    for key, ids in (("articles", schema.articles), ("article_choices", schema.article_choices)):
        for article_id in ids:
            try:
                record = corpus.get(article_id)
            except (AssistantError, KeyError, LookupError):
                record = None
            if not isinstance(record, Article):
                problems.append(Problem(schema.id, key, f"条文 {article_id} 在法规库中不存在"))
            elif not record.current:
                problems.append(Problem(schema.id, key, f"条文 {article_id} 不是现行有效（{record.status}）"))
    return problems


def _lines(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    return [p.text for _, p in _paragraphs(document)]


def example_problems(settings: Settings, corpus: ArticleSource, schema: TemplateSchema) -> list[Problem]:
    """Render the example data and read it back: tags left, quotes that differ, substitution errors."""
    try:
        doc = render(settings, corpus, schema.id, schema.example_data(), today=date(2026, 11, 21))
    except AssistantError as exc:
        detail = "；".join(str(p) for p in getattr(exc, "problems", []) or []) or exc.message
        return [Problem(schema.id, "示例数据", f"无法生成：{detail}")]
    problems: list[Problem] = []
    lines = _lines(doc.content)
    for i, line in enumerate(lines, start=1):
        if _OPEN.search(line):
            problems.append(Problem(schema.id, f"生成的文书第{i}段", f"残留未替换的标签：「{_excerpt(line)}」"))
        for bad in SUBSTITUTION_ERRORS:
            if bad in line:
                problems.append(Problem(schema.id, f"生成的文书第{i}段", f"疑似替换错误「{bad}」：「{_excerpt(line)}」"))
    for article_id in doc.articles:
        article = corpus.get(article_id)
        heading = f"{article.title}（"
        at = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
        if at is None:
            problems.append(Problem(schema.id, "生成的文书", f"没有找到{article.title}的标题"))
            continue
        expected = [p.strip() for p in article.text.split("\n") if p.strip()]
        if article.status == SUPERSEDED_STATUS:
            expected = [article.note]
        if lines[at + 1: at + 1 + len(expected)] != expected:
            problems.append(Problem(schema.id, f"生成的文书第{at + 1}段", f"{article.title}的引文与法规库原文不一致"))
        if article.version and article.version not in lines[at]:
            problems.append(Problem(schema.id, f"生成的文书第{at + 1}段", f"{article.title}没有注明版本（{article.version}）"))
    return problems


def check_template(settings: Settings, corpus: ArticleSource, yaml_path: Path) -> list[Problem]:
    """Every problem of one template (its YAML path; the .docx beside it)."""
    template_id = yaml_path.stem
    try:
        schema = parse_schema(yaml_path)
    except AssistantError as exc:
        return [Problem(template_id, yaml_path.name, exc.message)]
    problems = split_tags(schema.docx_path, schema.id)
    problems += field_problems(schema)
    problems += article_problems(schema, corpus)
    if not any(p.where == "模板语法" for p in problems):
        problems += example_problems(settings, corpus, schema)
    return problems


def check_templates(settings: Settings, corpus: ArticleSource, ids: list[str] | None = None) -> dict[str, list[Problem]]:
    """Problems per template id, for the named templates or all of them."""
    directory = settings.templates_dir
    paths = sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))
    if ids:
        known = {p.stem: p for p in paths}
        missing = [i for i in ids if i not in known]
        if missing:
            from assistant.errors import NotFoundError

            raise NotFoundError(f"没有名为「{'、'.join(missing)}」的文书模板（{directory}）")
        paths = [known[i] for i in ids]
    out: dict[str, list[Problem]] = {}
    for path in paths:
        out[path.stem] = check_template(settings, corpus, path)
    for docx_path in sorted(directory.glob("*.docx")):
        if not (directory / f"{docx_path.stem}.yaml").is_file() and (not ids or docx_path.stem in ids):
            out[docx_path.stem] = [Problem(docx_path.stem, docx_path.name, "缺少对应的 YAML 字段定义")]
    return out


def as_json(results: dict[str, list[Problem]]) -> dict[str, Any]:
    """JSON-ready summary: ok, and the problems of each template."""
    return {
        "ok": not any(results.values()),
        "templates": {tid: [{"where": p.where, "message": p.message} for p in ps] for tid, ps in results.items()},
    }
