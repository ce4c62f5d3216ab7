"""Rendering with a fake corpus: quoting, missing articles, autoescaping, file handling, logging."""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from assistant.config import Settings
from assistant.documents import get_template, list_templates, render
from assistant.documents.render import BLANK, cn_number
from assistant.errors import NotFoundError, RenderError, ValidationFailed
from assistant.records import Article

TODAY = date(2026, 11, 21)


class FakeCorpus:
    """Answers every article id with a made-up two-paragraph text, except those listed as missing."""

    def __init__(self, missing: tuple[str, ...] = ()) -> None:
        self.missing = set(missing)
        self.asked: list[str] = []

    def get(self, record_id: str) -> Article:
        self.asked.append(record_id)
        if record_id in self.missing:
            raise NotFoundError(f"语料库中没有 {record_id}")
        law, _, number = record_id.partition("#")
        return Article(
            id=record_id,
            law=law,
            number=int(number),
            label=f"第{number}条",
            text=f"{law}第{number}条第一款<原文>&。\n第二款内容。",
            level="法律",
            region="全国",
            version="2012年12月28日修正",
            effective="2013-07-01",
        )


def doc_text(content: bytes) -> str:
    """All paragraph and table text of a .docx."""
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def assert_valid_docx(content: bytes) -> None:
    """Every XML part parses strictly (no recovery) and python-docx can open the file."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))  # raises on malformed XML
    docx.Document(io.BytesIO(content))


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(rendered_dir=tmp_path / "kept")


def test_renders_example_and_quotes_articles(settings: Settings) -> None:
    schema = get_template(settings, "termination_notice")
    corpus = FakeCorpus()
    doc = render(settings, corpus, schema.id, schema.example_data(), today=TODAY)
    assert doc.filename.startswith("termination_notice-") and doc.filename.endswith(".docx")
    assert doc.articles == ("劳动合同法#38", "劳动合同法#46", "劳动合同法#47", "劳动合同法#50")
    assert corpus.asked == list(doc.articles)
    text = doc_text(doc.content)
    assert "《劳动合同法》第38条（2012年12月28日修正）" in text
    assert "劳动合同法第46条第一款<原文>&。" in text  # escaped in XML, literal in the document
    assert "自2026年11月20日起解除与贵单位的劳动合同" in text
    assert "经济补偿40,000.00元" in text
    assert_valid_docx(doc.content)


def test_missing_article_is_a_render_error_naming_it(settings: Settings) -> None:
    schema = get_template(settings, "termination_notice")
    corpus = FakeCorpus(missing=("劳动合同法#46", "劳动合同法#50"))
    with pytest.raises(RenderError) as info:
        render(settings, corpus, schema.id, schema.example_data(), today=TODAY)
    assert "《劳动合同法》第46条" in info.value.message
    assert "《劳动合同法》第50条" in info.value.message


def test_unknown_template(settings: Settings) -> None:
    with pytest.raises(NotFoundError, match="labor_arbitration_application"):
        render(settings, FakeCorpus(), "no_such_template", {})


def test_validation_runs_before_rendering(settings: Settings) -> None:
    corpus = FakeCorpus()
    with pytest.raises(ValidationFailed):
        render(settings, corpus, "termination_notice", {"applicant_name": "张丽"})
    assert corpus.asked == []


HOSTILE = [
    "<script>alert(1)</script> & 'quotes' \"double\"",
    "{{ applicant_id_number }} {% for x in law_articles %}{{ x }}{% endfor %} {# c #}",
    "</w:t></w:r><w:r><w:t>injected</w:t></w:r></w:p><w:p><w:r><w:t>",
    "]]><![CDATA[ &amp; &lt; &#x0; \\n",
    "emoji 👩‍⚖️ 和 繁體 和 ㊣",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_come_out_literally(settings: Settings, value: str) -> None:
    schema = get_template(settings, "labor_arbitration_application")
    data = dict(schema.example_data())
    data["respondents"] = [{"name": value[:100], "address": "北京市海淀区"}]
    data["claims"] = [{"item": value}, {"item": "第二项"}]
    data["facts"] = value + "\n第二段"
    doc = render(settings, FakeCorpus(), schema.id, data, today=TODAY)
    assert_valid_docx(doc.content)
    document = docx.Document(io.BytesIO(doc.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert f"被申请人：{value[:100]}" in paragraphs
    assert f"一、{value}；" in paragraphs
    assert value in paragraphs
    # Nothing the user typed was executed: the ID number appears only where the template puts it.
    assert "\n".join(paragraphs).count("110105199203154522") == 1


def test_control_characters_are_dropped_and_file_stays_valid(settings: Settings) -> None:
    schema = get_template(settings, "labor_arbitration_application")
    data = dict(schema.example_data(), facts="甲\x00乙\x0b丙\x07丁\x0c戊\ufffe")
    doc = render(settings, FakeCorpus(), schema.id, data, today=TODAY)
    assert_valid_docx(doc.content)
    assert "甲乙丙丁戊" in doc_text(doc.content)


def test_very_long_text_is_bounded_and_renders(settings: Settings) -> None:
    schema = get_template(settings, "labor_arbitration_application")
    long_facts = "\n".join(["很长的一段事实陈述<&>。" * 38] * 10)
    assert len(long_facts) <= 5000
    doc = render(
        settings, FakeCorpus(), schema.id, dict(schema.example_data(), facts=long_facts), today=TODAY
    )
    assert_valid_docx(doc.content)
    with pytest.raises(ValidationFailed, match="不能超过5000字"):
        render(settings, FakeCorpus(), schema.id, dict(schema.example_data(), facts="长" * 5001), today=TODAY)


def test_optional_empty_fields_render_as_blank_lines(settings: Settings) -> None:
    schema = get_template(settings, "labor_arbitration_application")
    data = {f.name: f.example for f in schema.fields if f.required}
    data["respondents"] = [{"name": "北京某某科技有限公司", "address": "北京市海淀区"}]
    doc = render(settings, FakeCorpus(), schema.id, data, today=TODAY)
    text = doc_text(doc.content)
    assert f"法定代表人（主要负责人）：{BLANK}　　职务：{BLANK}" in text
    assert "证据材料" not in text  # the whole 附 line is left out when no count is given
    assert "《劳动合同法》" not in text  # no extra articles were chosen


def test_extra_articles_in_citation_form(settings: Settings) -> None:
    schema = get_template(settings, "labor_arbitration_application")
    data = dict(
        schema.example_data(),
        extra_articles=["《劳动合同法》第四十二条", "劳动合同法#87", "劳动争议调解仲裁法#27"],
    )
    doc = render(settings, FakeCorpus(), schema.id, data, today=TODAY)
    assert doc.articles == (
        "劳动争议调解仲裁法#2", "劳动争议调解仲裁法#21", "劳动争议调解仲裁法#28", "劳动合同法#42", "劳动合同法#87",
        "劳动争议调解仲裁法#27",
    )
    with pytest.raises(ValidationFailed, match="第2项无法识别"):
        render(
            settings,
            FakeCorpus(),
            schema.id,
            dict(data, extra_articles=["劳动合同法#42", "随便写写"]),
            today=TODAY,
        )


def test_nothing_kept_on_disk_by_default(settings: Settings, tmp_path: Path) -> None:
    schema = get_template(settings, "evidence_list")
    doc = render(settings, FakeCorpus(), schema.id, schema.example_data(), today=TODAY)
    assert doc.saved_to is None
    assert not (tmp_path / "kept").exists()


def test_kept_when_setting_says_so(tmp_path: Path) -> None:
    settings = Settings(rendered_dir=tmp_path / "kept", keep_rendered_documents=True)
    schema = get_template(settings, "evidence_list")
    first = render(settings, FakeCorpus(), schema.id, schema.example_data(), today=TODAY)
    second = render(settings, FakeCorpus(), schema.id, schema.example_data(), today=TODAY)
    assert first.saved_to is not None and first.saved_to.read_bytes() == first.content
    assert second.saved_to is not None and second.saved_to != first.saved_to
    assert "张丽" not in first.saved_to.name  # file names carry no personal data


def test_personal_data_never_logged(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    schema = get_template(settings, "power_of_attorney")
    caplog.set_level(logging.DEBUG)
    render(settings, FakeCorpus(), schema.id, schema.example_data(), today=TODAY)
    with pytest.raises(ValidationFailed):
        render(settings, FakeCorpus(), schema.id, dict(schema.example_data(), agent_phone="123"), today=TODAY)
    logged = caplog.text
    assert "power_of_attorney" in logged
    for secret in ("张丽", "李梅", "110105199203154522", "13812345678", "13987654321"):
        assert secret not in logged


def test_every_template_renders_with_fake_corpus(settings: Settings) -> None:
    for schema in list_templates(settings):
        doc = render(settings, FakeCorpus(), schema.id, schema.example_data(), today=TODAY)
        assert_valid_docx(doc.content)
        text = doc_text(doc.content)
        assert "{{" not in text and "{%" not in text, schema.id


def test_cn_number() -> None:
    assert [cn_number(n) for n in (1, 9, 10, 11, 20, 35, 99, 100)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "三十五",
        "九十九",
        "100",
    ]
