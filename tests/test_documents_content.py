"""What the rendered documents say, read as text: no claim that does not exist, no self-admission of the
time limit, clean examples, notices that claim what their facts state, union letters to the right
addressee, and superseded law never quoted as current."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.corpus.versions import PUBLIC_FACT_LABEL
from assistant.documents import RenderedDocument, list_templates, render
from assistant.documents.check import SUBSTITUTION_ERRORS, check_templates

TODAY = date(2026, 11, 21)


def text_of(doc: RenderedDocument) -> str:
    document = docx.Document(io.BytesIO(doc.content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def settings(real_settings: Settings) -> Settings:
    return real_settings


@pytest.fixture(scope="module")
def rendered(settings: Settings, real_corpus: Corpus) -> dict[str, str]:
    return {
        s.id: text_of(render(settings, real_corpus, s.id, s.example_data(), today=TODAY))
        for s in list_templates(settings)
    }


def test_no_template_claims_arbitration_fees_admits_the_time_limit_or_garbles_a_party(
    rendered: dict[str, str],
) -> None:
    for template_id, text in rendered.items():
        assert "仲裁费用" not in text, template_id
        assert "知道或者应当知道其权利被侵害" not in text, template_id
        for bad in SUBSTITUTION_ERRORS:
            assert bad not in text, (template_id, bad)


def test_every_template_passes_doc_check(settings: Settings, real_corpus: Corpus) -> None:
    results = check_templates(settings, real_corpus)
    assert {tid: [str(p) for p in ps] for tid, ps in results.items() if ps} == {}


def test_arbitration_application_has_what_article_28_requires(settings: Settings, real_corpus: Corpus) -> None:
    from assistant.documents import get_template

    schema = get_template(settings, "labor_arbitration_application")
    data = schema.example_data()
    data["respondents"] = [
        {"name": "北京某某劳务派遣有限公司", "credit_code": "91110105MA00XYZ12Q", "address": "北京市朝阳区某某路1号",
         "legal_rep": "赵某", "legal_rep_title": "经理"},
        {"name": "北京某某科技有限公司", "address": "北京市海淀区中关村某某路88号"},
    ]
    data["claims"] = [{"item": "裁决被申请人支付违法解除劳动合同赔偿金", "amount": "96000"}]
    data["rights_infringed_date"] = "2025-06-01"
    doc = render(settings, real_corpus, schema.id, data, today=TODAY)
    text = text_of(doc)
    assert "被申请人（一）：北京某某劳务派遣有限公司" in text and "被申请人（二）：北京某某科技有限公司" in text
    assert "统一社会信用代码：91110105MA00XYZ12Q" in text and "职务：经理" in text
    assert "入职时间：2023年3月1日" in text and "职业（岗位）：市场专员" in text
    assert "工资标准：每月10,000元（税前）" in text
    assert "一、裁决被申请人支付违法解除劳动合同赔偿金（金额：96,000.00元）。" in text
    assert "《劳动争议调解仲裁法》第二十八条" in text and "本申请书副本2份" in text
    # The one-year warning goes to her, never into the application.
    assert any("超过一年" in w for w in doc.warnings)
    assert "超过一年" not in text and "2025年6月1日" not in text


def test_termination_notice_claims_the_arrears_and_contributions_its_facts_state(rendered: dict[str, str]) -> None:
    text = rendered["termination_notice"]
    assert "累计拖欠三个月工资共计30,000元" in text
    assert "支付拖欠的2026年8月至10月工资30,000.00元" in text
    assert "补缴自2025年1月起欠缴的社会保险费" in text


def test_reinstatement_demand_is_clean_and_does_not_offer_damages(rendered: dict[str, str]) -> None:
    text = rendered["reinstatement_demand"]
    assert "本人于2023年3月1日入职贵单位" in text
    assert "赔偿金" not in text.split("法律依据")[0]


def test_union_documents_follow_yi_han_liang_shu(rendered: dict[str, str]) -> None:
    proposal = rendered["union_supervision_proposal"]
    assert proposal.split("\n")[2] == "北京市海淀区人力资源和社会保障局："  # 建议书 goes to the 人社 authorities
    assert "拒不改正" in proposal and "提请贵部门依法处理" in proposal
    opinion = rendered["union_rights_opinion"]
    assert opinion.split("\n")[1].startswith("北京某某科技有限公司")  # 意见书 goes to the employer
    assert "向本工会反映：其在孕期被单位解除劳动合同。" in opinion
    assert "二、工会意见\n（一）" in opinion  # items inside 二 are （一）（二）, not 一、二、
    for name in ("union_supervision_reminder", "union_supervision_opinion"):  # 提示函 and 意见书: the employer
        assert rendered[name].split("\n")[2].startswith("北京某某科技有限公司"), name


def test_beijing_maternity_leave_is_158_days_with_the_label_and_no_2016_text_as_current(
    settings: Settings, real_corpus: Corpus
) -> None:
    from assistant.documents import get_template

    schema = get_template(settings, "maternity_leave_application")
    data = dict(schema.example_data(), extra_articles=["《北京市人口与计划生育条例》第十八条"])
    doc = render(settings, real_corpus, schema.id, data, today=TODAY)
    text = text_of(doc)
    assert "共计158天" in text
    assert PUBLIC_FACT_LABEL in text and "延长生育假六十日" in text
    assert "（2016年3月24日修正）" not in text
    assert "《北京市人口与计划生育条例》第十八条（2016年3月24日修正，已被修改）" in text
    assert "生育奖励假三十天" not in text  # the old rule is not quoted
    assert any("已被修改的旧文本" in w for w in doc.warnings)
