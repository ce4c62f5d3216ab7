"""Personal-data samples of the eleven formats `assistant.privacy` masks, as hypothesis strategies and fixed probes."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from assistant.privacy import luhn_valid

# Text around a value: everyday words, none of them part of a trigger (我叫, 住在, 微信 …) or of a name.
FILLER = "公司工资加班怀孕产假辞退合同的了请问帮忙看下怎么办老板拖欠三个月还没有给现在想要仲裁"
GIVEN = "小红芳娟丽秀英敏静燕玲桂兰梅琳霞雪婷慧"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id18(body17: str) -> str:
    """An 18-digit resident ID with its check digit."""
    total = sum(int(d) * w for d, w in zip(body17, _WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


def luhn_complete(body: str) -> str:
    """`body` plus the digit that makes it pass the Luhn check."""
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
filler = st.text(alphabet=FILLER, max_size=12)


@st.composite
def mobile(draw: st.DrawFn) -> str:
    """A mobile number, plain, +86 or grouped."""
    number = "1" + draw(st.sampled_from("3456789")) + draw(st.text(alphabet="0123456789", min_size=9, max_size=9))
    style = draw(st.sampled_from(("plain", "+86", "space", "dash")))
    if style == "+86":
        return "+86 " + number
    if style in ("space", "dash"):
        sep = " " if style == "space" else "-"
        return sep.join((number[:3], number[3:7], number[7:]))
    return number


@st.composite
def landline(draw: st.DrawFn) -> str:
    """A landline with its area code."""
    area = "0" + draw(st.sampled_from("123456789")) + draw(st.text(alphabet="0123456789", min_size=1, max_size=2))
    local = draw(st.sampled_from("23456789")) + draw(st.text(alphabet="0123456789", min_size=6, max_size=7))
    return area + draw(st.sampled_from(("-", ""))) + local


@st.composite
def id_number(draw: st.DrawFn) -> str:
    """An 18-digit resident ID with a valid birth date and check digit."""
    region = draw(st.sampled_from("123456789")) + draw(st.text(alphabet="0123456789", min_size=5, max_size=5))
    born = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(2008, 12, 31)))
    seq = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    return id18(region + born.strftime("%Y%m%d") + seq)


@st.composite
def old_id_number(draw: st.DrawFn) -> str:
    """A 15-digit resident ID (yymmdd birth date)."""
    region = draw(st.sampled_from("123456789")) + draw(st.text(alphabet="0123456789", min_size=5, max_size=5))
    born = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(1999, 12, 31)))
    return region + born.strftime("%y%m%d") + draw(st.text(alphabet="0123456789", min_size=3, max_size=3))


@st.composite
def bank_card(draw: st.DrawFn) -> str:
    """A 16–19 digit card number passing Luhn, plain or in groups of four."""
    length = draw(st.integers(16, 19))
    card = luhn_complete("62" + draw(st.text(alphabet="0123456789", min_size=length - 3, max_size=length - 3)))
    if draw(st.booleans()):
        return " ".join(card[i:i + 4] for i in range(0, len(card), 4))
    return card


@st.composite
def email(draw: st.DrawFn) -> str:
    """An email address."""
    local = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=1)) + draw(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._", max_size=10))
    domain = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10))
    return f"{local}@{domain}.{draw(st.sampled_from(('com', 'cn', 'net', 'org.cn')))}"


@st.composite
def wechat(draw: st.DrawFn) -> tuple[str, str]:
    """(text, id): a WeChat id after its keyword."""
    wid = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")) + draw(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=5, max_size=15))
    return draw(st.sampled_from(("微信", "微信号", "微信号：", "vx", "VX:", "wx "))) + wid, wid


@st.composite
def qq(draw: st.DrawFn) -> tuple[str, str]:
    """(text, number): a QQ number after its keyword."""
    number = draw(st.sampled_from("123456789")) + draw(st.text(alphabet="0123456789", min_size=4, max_size=9))
    return draw(st.sampled_from(("QQ", "QQ号", "qq号：", "QQ ", "扣扣"))) + number, number


@st.composite
def name(draw: st.DrawFn) -> tuple[str, str]:
    """(text, name): a name after 我叫 / 本人 / 姓名, ended by a comma."""
    who = draw(st.sampled_from(SURNAMES)) + draw(st.text(alphabet=GIVEN, min_size=1, max_size=2))
    return draw(st.sampled_from(("我叫", "本人", "姓名：", "姓名", "我的名字是"))) + who + "，", who


@st.composite
def address(draw: st.DrawFn) -> tuple[str, str]:
    """(text, address): a street address after 住在 / 家住 / 住址."""
    place = draw(st.sampled_from(("人民路", "解放大道", "幸福小区", "工业园"))) + str(draw(st.integers(1, 999))) + "号"
    return draw(st.sampled_from(("住在", "家住", "住址："))) + place, place


@st.composite
def ipv4(draw: st.DrawFn) -> str:
    """An IPv4 address (not loopback or 0.x: those are never a person's)."""
    first = draw(st.integers(1, 255).filter(lambda n: n != 127))
    return ".".join([str(first)] + [str(draw(st.integers(0, 255))) for _ in range(3)])


# One fixed probe per format: (what she typed, the value that must never be stored or logged).
PROBES: tuple[tuple[str, str], ...] = (
    ("手机13812345678", "13812345678"),
    ("座机010-62345678", "62345678"),
    ("身份证11010519491231002X", "11010519491231002X"),
    ("老身份证110105491231002", "110105491231002"),
    ("工资卡6222021234567890128", "6222021234567890128"),
    ("邮箱wang.xiaohong@example.com", "wang.xiaohong@example.com"),
    ("微信号wxh_2024abc", "wxh_2024abc"),
    ("QQ号 987654321", "987654321"),
    ("我叫王小红，", "王小红"),
    ("住在人民路88号", "人民路88号"),
    ("IP 203.0.113.77", "203.0.113.77"),
)
