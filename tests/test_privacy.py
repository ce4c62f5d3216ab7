"""assistant.privacy: each of the eleven formats is masked wherever it sits in Chinese text; legal numbers survive."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pii_samples import (
    PROBES,
    address,
    bank_card,
    email,
    filler,
    id_number,
    ipv4,
    landline,
    mobile,
    name,
    old_id_number,
    qq,
    wechat,
)

from assistant.privacy import KINDS, id_number_valid, luhn_valid, redact

EXAMPLES = settings(max_examples=150, deadline=None)


def _check(before: str, value: str, after: str, tag: str) -> None:
    text = before + value + after
    out = redact(text)
    assert value not in out, (text, out)
    assert tag in out, (text, out)


@EXAMPLES
@given(filler, mobile(), filler)
def test_mobile(before: str, value: str, after: str) -> None:
    _check(before, value, after, "[手机号]")


@EXAMPLES
@given(filler, landline(), filler)
def test_landline(before: str, value: str, after: str) -> None:
    _check(before, value, after, "[电话]")


@EXAMPLES
@given(filler, id_number(), filler)
def test_id_number(before: str, value: str, after: str) -> None:
    assert id_number_valid(value)
    _check(before, value, after, "[身份证号]")


@EXAMPLES
@given(filler, old_id_number(), filler)
def test_old_id_number(before: str, value: str, after: str) -> None:
    _check(before, value, after, "[身份证号]")


@EXAMPLES
@given(filler, bank_card(), filler)
def test_bank_card(before: str, value: str, after: str) -> None:
    assert luhn_valid(value.replace(" ", ""))
    text = before + value + after
    out = redact(text)
    # A 18-digit card can also pass the ID check; either way it is masked.
    assert value not in out and ("[银行卡号]" in out or "[身份证号]" in out), (text, out)


@EXAMPLES
@given(filler, email(), filler)
def test_email(before: str, value: str, after: str) -> None:
    _check(before, value, after, "[邮箱]")


@EXAMPLES
@given(filler, wechat(), filler)
def test_wechat(before: str, sample: tuple[str, str], after: str) -> None:
    text, value = sample
    out = redact(before + text + after)
    assert value not in out and "[微信号]" in out, out


@EXAMPLES
@given(filler, qq(), filler)
def test_qq(before: str, sample: tuple[str, str], after: str) -> None:
    text, value = sample
    out = redact(before + text + after)
    assert value not in out and ("[QQ号]" in out or "[手机号]" in out), out


@EXAMPLES
@given(filler, name(), filler)
def test_name(before: str, sample: tuple[str, str], after: str) -> None:
    text, value = sample
    out = redact(before + text + after)
    assert value not in out and "[姓名]" in out, out


@EXAMPLES
@given(filler, address(), filler)
def test_address(before: str, sample: tuple[str, str], after: str) -> None:
    text, value = sample
    out = redact(before + text + after)
    assert value not in out and "[住址]" in out, out


@EXAMPLES
@given(filler, ipv4(), filler)
def test_ipv4(before: str, value: str, after: str) -> None:
    _check(before, value, after, "[IP地址]")


def test_every_probe_and_kind() -> None:
    assert len(KINDS) == len(PROBES) == 11
    text = "，".join(p for p, _ in PROBES)
    out = redact(text)
    for _, value in PROBES:
        assert value not in out, (value, out)


@pytest.mark.parametrize(
    "text",
    [
        "拨打工会服务热线12351，或者劳动保障监察12333",
        "《劳动合同法》第四十二条、第47条规定",
        "产假98天，难产增加15天，生育多胞胎每多一个增加15天",
        "工作了3年，月工资8000元，经济补偿24000元，二倍工资48000元",
        "2024年3月1日入职，2024-03-01签合同，2026年11月30日被辞退",
        "（2023）京0105民初12345号判决",
        "每天哺乳时间1小时，怀孕7个月以上不得安排夜班",
        "我在昆明，住在公司宿舍",
        "我叫他别再发消息了",
        "本人在公司工作三年",
        "版本 2018-12-29 施行",
        "服务在 127.0.0.1:8000 上运行",
    ],
)
def test_legal_numbers_survive(text: str) -> None:
    assert redact(text) == text


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 9_999_999), st.sampled_from(("元", "天", "个月", "小时", "倍", "条", "号", "岁")), filler)
def test_amounts_and_counts_survive(n: int, unit: str, around: str) -> None:
    text = f"{around}{n}{unit}{around}"
    assert redact(text) == text


@settings(max_examples=100, deadline=None)
@given(st.dates())
def test_dates_survive(day: date) -> None:
    for text in (day.isoformat(), f"{day.year}年{day.month}月{day.day}日", day.strftime("%Y/%m/%d")):
        assert redact(text) == text
