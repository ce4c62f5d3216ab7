"""Remove personal data (phone, ID, bank card, email, social accounts, names) from text before it is stored."""

from __future__ import annotations

import re

# Order matters: the longest digit runs (ID numbers, bank cards) are replaced before phone numbers.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "[邮箱]"),
    (re.compile(r"(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9])"),
     "[身份证号]"),
    (re.compile(r"(?<![0-9])\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}(?:[ -]?\d{1,3})?(?![0-9])"), "[银行卡号]"),
    (re.compile(r"(?<![0-9])\d{15}(?![0-9])"), "[身份证号]"),
    (re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])"), "[手机号]"),
    (re.compile(r"(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])"), "[电话]"),
    (re.compile(r"(微信号?|vx|VX|wx|WX|QQ号?|qq号?)\s*[:：是为]?\s*[A-Za-z0-9_-]{5,20}"), r"\1[账号]"),
    (re.compile(r"(我叫|我的名字是|我名字叫|本人姓名[:：]?|姓名[:：])\s*[\u4e00-\u9fa5]{2,4}"), r"\1[姓名]"),
    (re.compile(r"(住在|住址[:：]?|家住)[\u4e00-\u9fa5A-Za-z0-9]{2,30}?(号|室|栋|单元|楼)"), r"\1[住址]"),
)


def redact(text: str) -> str:
    """The text with phone numbers, ID numbers, bank cards, emails, accounts, names and addresses masked."""
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text
