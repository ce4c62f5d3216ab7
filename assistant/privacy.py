"""The one redaction module: personal data out of every store, export and log line.

Eleven formats are masked: mobile and landline phone numbers, 18- and 15-digit resident ID numbers
(the 18-digit check digit is validated), bank cards (Luhn), email addresses, WeChat and QQ ids, a
name after 我叫 / 本人 / 姓名, a street address after 住在 / 住址 and IPv4 addresses (not loopback). Any other run of
15–19 digits is masked too (a mistyped ID or card is still hers). Hotlines (12351, 12333), article
numbers, day counts, amounts and dates are not personal data and survive.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Callable

KINDS = (
    "手机号", "电话", "身份证号", "旧身份证号", "银行卡号", "邮箱", "微信号", "QQ号", "姓名", "住址", "IP地址",
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_CJK = "\u4e00-\u9fa5"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# 15–19 digits, optionally grouped with single spaces or dashes (6222 0212 3456 7890 123), an ID may end in X.
_LONG_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){13,17}[ -]?[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])(?:\(0\d{2,3}\)|0\d{2,3})[ -]?[2-9]\d{6,7}(?![0-9])")
_QQ = re.compile(r"(QQ|qq|Qq|扣扣)(\s*(?:号码?)?\s*[:：是为]?\s*)[1-9]\d{4,11}(?![0-9])")
_WECHAT = re.compile(
    r"(微信号?|微信ID|微信id|[Vv][Xx]|[Ww][Xx]|[Ww]ei[Xx]in|[Ww]e[Cc]hat)(\s*号?\s*[:：是为]?\s*)"
    r"[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])"
)
_ADDRESS = re.compile(
    rf"(住在|家住|住址\s*[:：]?|家庭住址\s*[:：]?|地址\s*[:：])\s*[{_CJK}A-Za-z0-9-]{{2,40}}?(?:号|室|栋|幢|单元|楼|弄)"
)
_IPV4 = re.compile(r"(?<![0-9.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![0-9.])")
_NAME = re.compile(
    rf"(我叫|我的名字是|我的名字叫|我名字叫|名叫|姓名\s*[:：是为]?|本人(?:叫|姓名\s*[:：是为]?)?)\s*([{_CJK}·]{{2,5}})"
)
# Words that follow 我叫 when it means "I told (someone) to": 我叫他别来 is not a name.
_NOT_NAME_START = set("他她它你您我们了过来去不没也都就的让把")
# Common surnames, for the bare 本人 (本人王小红，…), where a verb usually follows (本人在公司…).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_DELIMS = set("，,。.;；:：、！!？?（(）) \t\n/|")


def _id18_valid(digits: str) -> bool:
    if not re.fullmatch(r"[1-9]\d{16}[0-9X]", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17] and _plausible_date(digits[6:14])


def _id15_valid(digits: str) -> bool:
    return bool(re.fullmatch(r"[1-9]\d{14}", digits)) and _plausible_date("19" + digits[6:12])


def _plausible_date(yyyymmdd: str) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8])
    return 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


def luhn_valid(digits: str) -> bool:
    """True when a digit string passes the Luhn check used by bank cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def id_number_valid(value: str) -> bool:
    """True for an 18-digit resident ID with a correct check digit, or a 15-digit one with a valid date."""
    digits = re.sub(r"[ -]", "", value).upper()
    return _id18_valid(digits) if len(digits) == 18 else len(digits) == 15 and _id15_valid(digits)


def _long_digits(m: re.Match[str]) -> str:
    digits = re.sub(r"[ -]", "", m.group(0)).upper()
    if len(digits) == 18 and _id18_valid(digits):
        return "[身份证号]"
    if len(digits) == 15 and _id15_valid(digits):
        return "[身份证号]"
    if 16 <= len(digits) <= 19 and digits.isdigit() and luhn_valid(digits):
        return "[银行卡号]"
    return "[号码]"


def _name(m: re.Match[str]) -> str:
    trigger, candidate = m.group(1), m.group(2)
    if candidate[0] in _NOT_NAME_START:
        return m.group(0)
    rest = m.string[m.end(2):]
    cut = next((i for i, ch in enumerate(candidate) if ch in _DELIMS), len(candidate))
    ends_here = not rest or rest[0] in _DELIMS or not re.match(rf"[{_CJK}]", rest[0])
    # Bare 本人 is usually followed by a verb; only a surname followed by a pause is a name.
    if trigger == "本人" and (candidate[0] not in _SURNAMES or not (ends_here and len(candidate) <= 4)):
        return m.group(0)
    name_len = len(candidate) if ends_here and len(candidate) <= 4 else min(3, cut)
    gap = m.group(0)[len(trigger): m.start(2) - m.start(0)]
    return f"{trigger}{gap}[姓名]{candidate[name_len:]}"


# Order matters: emails and long digit runs first (they contain shorter numbers), then phones and ids.
_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_EMAIL, "[邮箱]"),
    (_IPV4, lambda m: m.group(0) if m.group(0).startswith(("127.", "0.")) else "[IP地址]"),
    (_LONG_DIGITS, _long_digits),
    (_MOBILE, "[手机号]"),
    (_LANDLINE, "[电话]"),
    (_QQ, r"\1\2[QQ号]"),
    (_WECHAT, r"\1\2[微信号]"),
    (_NAME, _name),
    (_ADDRESS, r"\1[住址]"),
)


def redact(text: str) -> str:
    """`text` with every personal-data format this module knows replaced by a bracketed placeholder."""
    if not text:
        return text
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text


def redact_optional(text: str | None) -> str | None:
    """`redact` that passes None through."""
    return None if text is None else redact(text)


_SALT = {"value": "assistant"}


def set_pseudonym_salt(salt: str) -> None:
    """Key the address hashes with a server secret: without it the 2^32 IPv4 hashes could be tabulated."""
    _SALT["value"] = salt


def pseudonym(value: str, salt: str | None = None) -> str:
    """A short stable keyed hash for logging and limiting who asked without storing the address itself."""
    key = (salt if salt is not None else _SALT["value"]).encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]


class RedactingFilter(logging.Filter):
    """Rewrites every record's message with `redact` before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is left for the handler to report
            return True
        clean = redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        return True
