"""Claims with computed amounts: a template's claims run the calculators on its fields, the document shows
the request with its amount, the computation in 事实与理由, and quotes the articles applied."""

from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace
from typing import Any

import docx
import pytest

from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.documents import claims as claims_mod
from assistant.documents import get_template, render
from assistant.documents.claims import months_between
from assistant.errors import InvalidInputError, ValidationFailed

TODAY = date(2026, 11, 21)


class FakeCalculators:
    """Stands in for assistant.calculators with the interface's shape (severance: N months × wage)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, object]]] = []

    def calculate(self, name: str, params: dict[str, object]) -> Any:
        self.calls.append((name, dict(params)))
        if name == "double_wage" and params.get("monthly_wage", 0) == 0:
            raise InvalidInputError("月工资应大于0")
        months = int(params.get("months_worked", 0))  # type: ignore[call-overload]
        wage = float(params.get("monthly_wage", 0))  # type: ignore[arg-type]
        years = months // 12 + (1 if months % 12 >= 6 else 0.5 if months % 12 else 0)
        factor = 2 if name == "illegal_dismissal" else 1
        value = years * wage * factor
        title = {"illegal_dismissal": "违法解除劳动合同赔偿金", "severance": "经济补偿"}.get(name, name)
        return SimpleNamespace(
            name=name, title=title, value=value, unit="元", text=f"{title}为{value:.0f}元",
            steps=(f"工作{months}个月，按{years}年计算。", f"{years} × {wage:.0f} × {factor} = {value:.0f}元。"),
            articles=("劳动合同法#47", "劳动合同法#87") if factor == 2 else ("劳动合同法#47",),
            inputs=(), notes=("依据公开信息，正文未收录：示例说明",) if factor == 2 else (),
        )


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeCalculators:
    calc = FakeCalculators()
    monkeypatch.setattr(claims_mod, "_calculators", lambda: calc)
    return calc


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_months_between() -> None:
    assert months_between(date(2021, 3, 5), date(2026, 10, 4)) == 66
    assert months_between(date(2021, 3, 5), date(2026, 10, 5)) == 67
    assert months_between(date(2026, 3, 5), date(2026, 3, 1)) == 0


def test_arbitration_claim_computed_from_her_fields(
    real_settings: Settings, real_corpus: Corpus, fake: FakeCalculators
) -> None:
    schema = get_template(real_settings, "labor_arbitration_application")
    data = dict(schema.example_data(), compute=["违法解除劳动合同赔偿金"], entry_date="2021-03-05",
                leave_date="2026-10-05", average_wage="8000")
    doc = render(real_settings, real_corpus, schema.id, data, today=TODAY)
    assert fake.calls == [("illegal_dismissal", {"months_worked": 67, "monthly_wage": 8000.0})]
    text = text_of(doc.content)
    assert "三、裁决被申请人支付申请人违法解除劳动合同的赔偿金96,000.00元。" in text
    assert "请求金额的计算：" in text and "工作67个月，按6年计算。" in text
    assert "劳动合同法#87" in doc.articles and "《劳动合同法》第八十七条（2012年12月28日修正）" in text
    assert "依据公开信息，正文未收录：示例说明" in doc.warnings


def test_missing_input_for_a_chosen_computation_is_named(
    real_settings: Settings, real_corpus: Corpus, fake: FakeCalculators
) -> None:
    schema = get_template(real_settings, "labor_arbitration_application")
    data = dict(schema.example_data(), compute=["经济补偿"], average_wage=None, leave_date=None)
    with pytest.raises(ValidationFailed) as info:
        render(real_settings, real_corpus, schema.id, data, today=TODAY)
    assert "计算「经济补偿」需要填写" in info.value.problems[0]
    assert "解除前十二个月平均工资" in info.value.problems[0]


def test_demand_letter_computes_when_she_gives_no_amount_and_not_when_she_does(
    real_settings: Settings, real_corpus: Corpus, fake: FakeCalculators
) -> None:
    schema = get_template(real_settings, "severance_payment_demand")
    data = dict(schema.example_data(), entry_date="2021-03-05", leave_date="2026-10-05", monthly_wage="8000", amount=None)
    text = text_of(render(real_settings, real_corpus, schema.id, data, today=TODAY).content)
    assert "支付经济补偿48,000.00元" in text and "经济补偿为48000元，计算过程如下：" in text
    fake.calls.clear()
    own = text_of(render(real_settings, real_corpus, schema.id, dict(data, amount="50000"), today=TODAY).content)
    assert fake.calls == [] and "支付经济补偿50,000.00元" in own and "计算如下" not in own


def test_real_calculators_fill_the_letters_and_the_application(real_settings: Settings, real_corpus: Corpus) -> None:
    pytest.importorskip("assistant.calculators")
    schema = get_template(real_settings, "severance_payment_demand")
    doc = render(real_settings, real_corpus, schema.id, dict(schema.example_data(), amount=None), today=TODAY)
    text = text_of(doc.content)
    assert "请贵单位向本人支付经济补偿40,000.00元" in text  # 3年6个月 → 4 months (劳动合同法第四十七条)
    assert "六个月以上不满一年，按一年计算" in text
    overtime = get_template(real_settings, "overtime_pay_demand")
    computed = text_of(render(real_settings, real_corpus, overtime.id, dict(overtime.example_data(), amount=None),
                              today=TODAY).content)
    stated = text_of(render(real_settings, real_corpus, overtime.id, overtime.example_data(), today=TODAY).content)
    assert "加班费4,300.00元" in computed and "加班费4,300.00元" in stated  # the example agrees with the rule
    arbitration = get_template(real_settings, "labor_arbitration_application")
    data = dict(arbitration.example_data(), claims=[{"item": "裁决被申请人支付申请人2026年9月1日至15日的工资", "amount": "5000"}],
                compute=["违法解除劳动合同赔偿金"], leave_date="2026-09-15", average_wage="10000")
    doc = render(real_settings, real_corpus, arbitration.id, data, today=TODAY)
    text = text_of(doc.content)
    assert "二、裁决被申请人支付申请人违法解除劳动合同的赔偿金80,000.00元。" in text
    assert "《劳动合同法》第八十七条" in text and "请求金额的计算：" in text
