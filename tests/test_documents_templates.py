"""The committed templates: schemas agree with the .docx tags, and every template renders from the real
corpus with statute text quoted exactly and no empty slot left behind."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from assistant.config import Settings
from assistant.documents import RenderedDocument, TemplateSchema, list_templates, render, validate
from assistant.documents.render import BLANK, display
from assistant.documents.schema import parse_schema
from assistant.errors import ConfigError
from assistant.records import Article

TODAY = date(2026, 11, 21)
REQUIRED_IDS = {
    "labor_arbitration_application",
    "union_assistance_request",
    "termination_notice",
    "labor_inspection_complaint",
    "pregnancy_transfer_objection",
    "reinstatement_demand",
    "maternity_leave_application",
    "nursing_time_application",
    "prenatal_checkup_leave",
    "wage_payment_demand",
    "sexual_harassment_complaint",
    "gender_discrimination_complaint",
    "evidence_list",
    "union_rights_opinion",
    "union_supervision_proposal",
    "power_of_attorney",
}
CONTEXT_NAMES = {"law_articles", "filled", "blank", "doc_title", "today", "loop", "item", "t", "a", "e", "r", "c"}
JINJA = re.compile(r"\{[{%]-?\s*(?:p |tr )?(.*?)\s*-?[%}]\}")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
KEYWORDS = {"for", "in", "if", "endif", "endfor", "not", "and", "or", "is", "cn", "else", "elif"}


def docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def referenced_names(schema: TemplateSchema) -> set[str]:
    """Top-level context names the template's tags use (filled.x counts as x)."""
    names: set[str] = set()
    text = re.sub(r"<[^>]+>", "", docx_xml(schema.docx_path))
    for expr in JINJA.findall(text):
        for name in NAME.findall(re.sub(r"'[^']*'|\"[^\"]*\"", "", expr)):
            head, _, rest = name.partition(".")
            if head == "filled":
                names.add(rest)
            elif head not in KEYWORDS:
                names.add(head)
    return names


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def schemas(settings: Settings) -> list[TemplateSchema]:
    return list_templates(settings)


def test_all_sixteen_templates_exist(schemas: list[TemplateSchema]) -> None:
    assert {s.id for s in schemas} >= REQUIRED_IDS
    assert len(schemas) >= 40  # issue 17: at least 40 templates


def test_schema_fields_and_docx_tags_agree(schemas: list[TemplateSchema]) -> None:
    from assistant.documents.check import field_problems, split_tags

    for schema in schemas:
        assert field_problems(schema) == [], schema.id
        assert split_tags(schema.docx_path, schema.id) == [], schema.id
        assert "law_articles" in referenced_names(schema), f"{schema.id} does not quote its articles"


def test_schema_examples_cover_required_fields_and_validate(schemas: list[TemplateSchema]) -> None:
    for schema in schemas:
        assert schema.articles, schema.id
        assert schema.keywords or schema.rules, schema.id
        for spec in schema.fields:
            # Optional fields may be left out of the example on purpose (e.g. the 调解协议 of a payment order
            # that rests on unpaid wages); required ones never.
            assert spec.example is not None or not spec.required, f"{schema.id}.{spec.name}"
        validate(schema, schema.example_data(), today=TODAY)


def test_bad_schema_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"")
    (tmp_path / "broken.yaml").write_text(
        "id: broken\ntitle: 坏\nfields:\n- {name: x, label: 甲, type: colour}\n"
    )
    with pytest.raises(ConfigError, match="colour"):
        parse_schema(tmp_path / "broken.yaml")
    (tmp_path / "broken.yaml").write_text("id: other\ntitle: 坏\nfields:\n- {name: x, label: 甲}\n")
    with pytest.raises(ConfigError, match="文件名"):
        parse_schema(tmp_path / "broken.yaml")


# -- the real corpus ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(settings: Settings) -> object:
    if not (settings.corpus_dir / "statutes").is_dir():
        pytest.skip(f"corpus not available at {settings.corpus_dir}")
    corpus_mod = pytest.importorskip("assistant.corpus")
    return corpus_mod.load_corpus(settings)


@pytest.fixture(scope="module")
def rendered(
    settings: Settings, schemas: list[TemplateSchema], corpus: object
) -> dict[str, RenderedDocument]:
    return {s.id: render(settings, corpus, s.id, s.example_data(), today=TODAY) for s in schemas}  # type: ignore[arg-type]


def all_text(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(c.text for c in row.cells)
    return lines


def test_every_template_cites_articles_that_exist(schemas: list[TemplateSchema], corpus: object) -> None:
    for schema in schemas:
        for article_id in schema.articles:
            assert isinstance(corpus.get(article_id), Article), article_id  # type: ignore[attr-defined]


def test_rendered_documents_have_no_tags_or_empty_required_fields(
    schemas: list[TemplateSchema], rendered: dict[str, RenderedDocument]
) -> None:
    for schema in schemas:
        lines = all_text(rendered[schema.id].content)
        text = "\n".join(lines)
        assert "{{" not in text and "{%" not in text and "{#" not in text, schema.id
        assert lines[0] == schema.title
        validated = validate(schema, schema.example_data(), today=TODAY)
        for spec in schema.required_fields:
            if spec.form_only:
                continue
            value = validated.values[spec.name]
            shown = display(value)
            if spec.type == "longtext":
                for para in str(value).split("\n"):
                    assert para.strip() in lines, f"{schema.id}.{spec.name}"
            elif spec.type == "list" and spec.columns:
                for row in shown:  # type: ignore[attr-defined]
                    for col in spec.columns:
                        if col.required:
                            assert any(row[col.name] in line for line in lines), f"{schema.id}.{spec.name}.{col.name}"
            elif spec.type == "list":
                for item in shown:  # type: ignore[attr-defined]
                    assert any(item in line for line in lines), f"{schema.id}.{spec.name}"
            else:
                assert str(shown) and str(shown) != BLANK
                assert str(shown) in text, f"{schema.id}.{spec.name}"
        # A required value never renders as the hand-fill blank.
        for spec in schema.required_fields:
            assert validated.values.get(spec.name) not in (None, "", [])


def test_quoted_articles_equal_corpus_text_exactly(
    schemas: list[TemplateSchema], rendered: dict[str, RenderedDocument], corpus: object
) -> None:
    checked = 0
    for schema in schemas:
        doc = rendered[schema.id]
        lines = all_text(doc.content)
        assert set(schema.articles) <= set(doc.articles)
        for article_id in doc.articles:
            article: Article = corpus.get(article_id)  # type: ignore[attr-defined]
            if not article.current:
                continue  # a superseded or partly repealed text: see test_documents_content.py
            heading = f"{article.title}（{article.version}）"
            assert heading in lines, f"{schema.id}: {heading}"
            start = lines.index(heading) + 1
            paragraphs = [p for p in article.text.split("\n") if p.strip()]
            quoted = lines[start : start + len(paragraphs)]
            assert "\n".join(quoted) == "\n".join(p.strip() for p in paragraphs), f"{schema.id}: {article_id}"
            assert article.version and article.version in heading
            checked += 1
    assert checked >= 40


def test_amounts_and_dates_are_formatted(rendered: dict[str, RenderedDocument]) -> None:
    text = "\n".join(all_text(rendered["wage_payment_demand"].content))
    assert "24,000.00元" in text
    assert "自2026年8月1日至2026年10月31日" in text
    assert display(Decimal("5000")) == "5,000.00"
