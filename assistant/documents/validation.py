"""Checking and normalising document fields; every problem is collected into one ValidationFailed.

Messages name the field by its label and never echo the value, because errors may be logged and the
values are personal data (names, ID numbers, phone numbers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from assistant.errors import Problem, ValidationFailed

from .models import FieldSpec, TemplateSchema, ValidatedData

DEFAULT_MAX_LENGTH = {"text": 200, "longtext": 5000, "list": 500, "choice": 50}
MAX_MONEY = Decimal("1000000000")

# ISO 7064 MOD 11-2 weights for the first 17 digits of a resident ID number, and the check characters.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# Province-level codes (first two digits), incl. 71 Taiwan, 81/82 HK/Macao, 83 Taiwan residence permits.
ID_PROVINCES = frozenset(
    str(n)
    for n in (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66))
) | {"71", "81", "82", "83"}

MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area codes: 010 and 02x have three digits, every other 0xxx has four.
LANDLINE = re.compile(r"^(010|02\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:(?:-|转)(\d{1,6}))?$")
HOTLINE = re.compile(r"^(?:400|800)\d{7}$")
ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
CN_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
MONEY = re.compile(r"^\d+(?:\.\d+)?$")
# C0 controls (but tab and newline), DEL, and the non-characters XML 1.0 cannot carry.
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_TRUE = frozenset({"是", "有", "true", "yes", "y", "1", "对"})
_FALSE = frozenset({"否", "无", "false", "no", "n", "0", "不是"})

LIMITATION_NOTE = (
    "距今已超过一年。劳动争议申请仲裁的时效期间为一年，从知道或者应当知道权利被侵害之日起计算"
    "（《劳动争议调解仲裁法》第二十七条）。时效可能因向对方主张权利、向有关部门请求救济等原因中断；"
    "劳动关系存续期间拖欠劳动报酬的，不受一年期间限制。请尽快申请，并保留相关证据"
)


class FieldValueError(Exception):
    """Internal: one field value is unusable; the message is shown to the user."""


def clean_text(value: str, *, multiline: bool) -> str:
    """Drop characters XML cannot hold; single-line fields get newlines folded into spaces."""
    text = _BAD_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        text = re.sub(r"\s*\n\s*", " ", text)
    return text.strip()


def id_check_char(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def parse_idcard(value: str, today: date) -> str:
    """An 18-digit resident ID number, upper-cased; raises FieldValueError with the reason."""
    s = value.strip().replace(" ", "").upper()
    if len(s) != 18:
        raise FieldValueError(f"应为18位（当前{len(s)}位）")
    if not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        raise FieldValueError("前17位应为数字，最后一位为数字或X")
    if s[:2] not in ID_PROVINCES:
        raise FieldValueError("前两位地区代码无效")
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise FieldValueError("第7至14位不是有效的出生日期") from None
    if born.year < 1900 or born > today:
        raise FieldValueError("第7至14位的出生日期不合理")
    if id_check_char(s[:17]) != s[17]:
        raise FieldValueError("校验位（第18位）不正确，请逐位核对")
    return s


def parse_phone(value: str) -> str:
    """A mainland mobile, landline (区号-号码[-分机]) or 400/800 number, normalised."""
    s = re.sub(r"[\s()（）]", "", value.strip())
    s = re.sub(r"^(?:\+86|0086)-?", "", s)
    digits = s.replace("-", "")
    if MOBILE.match(digits):
        return digits
    if HOTLINE.match(digits):
        return digits
    m = LANDLINE.match(s)
    if m:
        return f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")
    raise FieldValueError("应为11位手机号（如13812345678）或带区号的固定电话（如010-12345678）")


def parse_date(value: object) -> date:
    """A date from 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    m = ISO_DATE.match(s) or CN_DATE.match(s)
    if not m:
        raise FieldValueError("日期格式应为 2024-03-05 或 2024年3月5日")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise FieldValueError("不是有效的日期") from None


def parse_money(value: object) -> Decimal:
    """A non-negative amount with at most two decimals; accepts 5,000.00, 5000元, ￥5000."""
    if isinstance(value, bool):
        raise FieldValueError("应为金额数字")
    if isinstance(value, float):
        value = repr(value)
    s = str(value).strip()
    s = re.sub(r"^(?:人民币|RMB|CNY)", "", s, flags=re.IGNORECASE).strip()
    s = s.lstrip("￥¥").strip()
    s = re.sub(r"(?:元整|元|圆)$", "", s).strip()
    s = s.replace(",", "").replace("，", "")
    if s.startswith("-"):
        raise FieldValueError("金额不能为负数")
    if not MONEY.match(s):
        raise FieldValueError("应为金额数字，如 5000 或 5,000.00")
    try:
        amount = Decimal(s)
    except InvalidOperation:
        raise FieldValueError("应为金额数字") from None
    if "." in s and len(s.split(".")[1]) > 2:
        raise FieldValueError("金额最多保留两位小数")
    if amount > MAX_MONEY:
        raise FieldValueError("金额过大，请核对")
    return amount.quantize(Decimal("0.01"))


def parse_int(value: object, spec: FieldSpec) -> int:
    """A whole number within the field's min/max."""
    if isinstance(value, bool):
        raise FieldValueError("应为整数")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        number = int(value)
    else:
        raise FieldValueError("应为整数")
    if spec.min is not None and number < spec.min:
        raise FieldValueError(f"不能小于{spec.min}")
    if spec.max is not None and number > spec.max:
        raise FieldValueError(f"不能大于{spec.max}")
    return number


def parse_bool(value: object) -> bool:
    """是/否, true/false, yes/no or 1/0."""
    if isinstance(value, bool):
        return value
    s = str(value).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise FieldValueError("应为「是」或「否」")


def _text(value: object, spec: FieldSpec, *, multiline: bool) -> str:
    if isinstance(value, (dict, list, tuple, set)):
        raise FieldValueError("应为文字")
    text = clean_text(str(value), multiline=multiline)
    limit = spec.max_length or DEFAULT_MAX_LENGTH["longtext" if multiline else "text"]
    if len(text) > limit:
        raise FieldValueError(f"不能超过{limit}字（当前{len(text)}字）")
    return text


def one_year_before(day: date) -> date:
    """The same calendar day a year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def is_blank(value: object) -> bool:
    """True for None, empty or whitespace-only strings and empty collections."""
    if value is None:
        return True
    if isinstance(value, str):
        return not clean_text(value, multiline=True)
    if isinstance(value, (list, tuple)):
        return all(is_blank(v) for v in value)
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())  # an empty row of a form table
    if isinstance(value, set):
        return len(value) == 0
    return False


def _scalar(value: object, spec: FieldSpec, today: date) -> object:
    """Normalise one non-list value according to its type."""
    if spec.type == "text":
        return _text(value, spec, multiline=False)
    if spec.type == "longtext":
        return _text(value, spec, multiline=True)
    if spec.type == "date":
        return parse_date(value)
    if spec.type == "idcard":
        return parse_idcard(_text(value, spec, multiline=False), today)
    if spec.type == "phone":
        return parse_phone(_text(value, spec, multiline=False))
    if spec.type == "money":
        return parse_money(value)
    if spec.type == "int":
        return parse_int(value, spec)
    if spec.type == "bool":
        return parse_bool(value)
    if spec.type == "choice":
        choice = _text(value, spec, multiline=False)
        if choice not in spec.choices:
            raise FieldValueError("只能选择：" + "、".join(spec.choices))
        return choice
    raise FieldValueError(f"不支持的类型 {spec.type}")


def _list(value: object, spec: FieldSpec, today: date, problems: list[Problem]) -> list[object]:
    if isinstance(value, str):
        # A pasted block of lines is accepted as one item per non-empty line.
        value = [line for line in clean_text(value, multiline=True).split("\n") if line.strip()]
    if not isinstance(value, (list, tuple)):
        raise FieldValueError("应为列表")
    items = [v for v in value if not is_blank(v)]
    if len(items) > spec.max_items:
        raise FieldValueError(f"最多{spec.max_items}项（当前{len(items)}项）")
    out: list[object] = []
    for pos, item in enumerate(items, start=1):
        where = f"「{spec.label}」第{pos}项"
        if spec.columns:
            row = _row(item, spec, where, today, problems, f"{spec.name}[{pos - 1}]")
            if row is not None:
                out.append(row)
            continue
        item_spec = FieldSpec(
            name=spec.name,
            label=spec.label,
            type="choice" if spec.choices else "text",
            choices=spec.choices,
            max_length=spec.max_length or DEFAULT_MAX_LENGTH["list"],
        )
        try:
            out.append(_scalar(item, item_spec, today))
        except FieldValueError as exc:
            problems.append(Problem(f"{spec.name}[{pos - 1}]", f"{where}{exc}"))
    return out


def _row(
    item: object, spec: FieldSpec, where: str, today: date, problems: list[Problem], path: str
) -> dict[str, object] | None:
    if not isinstance(item, Mapping):
        problems.append(Problem(path, f"{where}应为包含「" + "、".join(c.label for c in spec.columns) + "」的表格行"))
        return None
    known = {c.name for c in spec.columns}
    for key in item:
        if key not in known:
            problems.append(Problem(f"{path}.{str(key)[:40]}", f"{where}含未知列「{str(key)[:40]}」"))
    row: dict[str, object] = {}
    for col in spec.columns:
        raw = item.get(col.name)
        if is_blank(raw):
            if col.required:
                problems.append(Problem(f"{path}.{col.name}", f"{where}缺少「{col.label}」"))
            row[col.name] = None
            continue
        try:
            row[col.name] = _scalar(raw, col, today)
        except FieldValueError as exc:
            problems.append(Problem(f"{path}.{col.name}", f"{where}的「{col.label}」{exc}"))
    return row


def normalise_field(spec: FieldSpec, value: object, *, today: date | None = None) -> object | None:
    """One field's normalised value, or None when it is blank or invalid (used for prefilling)."""
    if is_blank(value):
        return None
    problems: list[Problem] = []
    try:
        if spec.type == "list":
            items = _list(value, spec, today or date.today(), problems)
            return None if problems or not items else items
        return _scalar(value, spec, today or date.today())
    except FieldValueError:
        return None


def validate(
    schema: TemplateSchema, data: Mapping[str, object], *, today: date | None = None
) -> ValidatedData:
    """Check `data` against the schema; raise one ValidationFailed listing every problem."""
    today = today or date.today()
    if not isinstance(data, Mapping):
        raise ValidationFailed([Problem("fields", "填写内容应为「字段名: 值」形式的对象")])
    problems: list[Problem] = []
    warnings: list[str] = []
    known = {f.name for f in schema.fields}
    for key in data:
        if key not in known:
            problems.append(Problem(str(key)[:40], f"未知字段「{str(key)[:40]}」（本文书没有这一项）"))
    values: dict[str, object] = {}
    for spec in schema.fields:
        raw = data.get(spec.name)
        if is_blank(raw):
            if spec.required:
                problems.append(Problem(spec.name, f"「{spec.label}」为必填项"))
            continue
        try:
            if spec.type == "list":
                items = _list(raw, spec, today, problems)
                if spec.required and not items:
                    problems.append(Problem(spec.name, f"「{spec.label}」至少需要填写一项"))
                values[spec.name] = items
            else:
                values[spec.name] = _scalar(raw, spec, today)
        except FieldValueError as exc:
            problems.append(Problem(spec.name, f"「{spec.label}」{exc}"))
    for spec in schema.fields:
        value = values.get(spec.name)
        if not isinstance(value, date):
            continue
        if spec.dispute:
            if value > today:
                problems.append(Problem(spec.name, f"「{spec.label}」不能晚于今天"))
            elif value < one_year_before(today):
                warnings.append(f"「{spec.label}」{LIMITATION_NOTE}")
        if spec.deadline_days is not None and spec.deadline_note and (today - value).days > spec.deadline_days:
            warnings.append(f"「{spec.label}」{spec.deadline_note}")
        other = values.get(spec.not_before) if spec.not_before else None
        if isinstance(other, date) and value < other:
            before = schema.field(spec.not_before or "")
            problems.append(Problem(spec.name, f"「{spec.label}」不能早于「{before.label if before else spec.not_before}」"))
    if problems:
        raise ValidationFailed(problems)
    return ValidatedData(template_id=schema.id, values=values, warnings=tuple(warnings))
