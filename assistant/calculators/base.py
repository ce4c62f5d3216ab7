"""Shared pieces of the calculators: the Calculation record, Missing, the spec, parameter types, formatting."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from assistant.corpus.statutes import PROVINCES

if TYPE_CHECKING:  # facts are extracted by the answering stage; calculators only read them
    from assistant.answering.facts import Facts


@dataclass(frozen=True, slots=True)
class Calculation:
    """One computed result for her numbers, with the steps and the articles it applies."""

    name: str  # registry name, e.g. "severance"
    title: str  # Chinese, e.g. "经济补偿"
    value: float  # headline number (元, 天, 小时, 个月 …); dates and ages are also given in `text`
    unit: str  # "元", "天", "小时/天", "个月", "岁" …
    text: str  # one plain Chinese sentence with the result
    steps: tuple[str, ...]  # how it was computed, one sentence each, in order
    articles: tuple[str, ...]  # corpus article ids applied, e.g. ("劳动合同法#47",)
    inputs: tuple[tuple[str, str], ...]  # the parameters used, as (name, value text)
    notes: tuple[str, ...] = ()  # caveats, e.g. a rule labelled 依据公开信息，正文未收录


@dataclass(frozen=True, slots=True)
class Missing:
    """Facts a calculator still needs, and one short Chinese question that asks for them."""

    missing: tuple[str, ...]  # Facts field names
    question: str
    known: str = ""  # what her facts already settle (经济补偿是3个月工资), said before the question


FactsReader = Callable[["Facts"], "dict[str, object] | Missing"]


@dataclass(frozen=True, slots=True)
class CalculatorSpec:
    """A registered calculator: its parameters model, the pure function and how to read her facts."""

    name: str
    title: str
    description: str
    params: type[BaseModel]
    fn: Callable[[Any], Calculation]
    from_facts: FactsReader
    articles: tuple[str, ...]  # every article id the calculator may cite (checked against the corpus)


class Params(BaseModel):
    """Base of every calculator's parameters: unknown names, inf and NaN are rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _no_booleans_as_numbers(cls, data: Any) -> Any:
        # Lax mode reads true as 1; a yes/no where a number belongs is a mistake, reported on its field.
        if isinstance(data, dict):
            return {
                k: str(v).lower() if isinstance(v, bool) and k in cls.model_fields
                and cls.model_fields[k].annotation is not bool else v
                for k, v in data.items()
            }
        return data


_YES = {"是", "有", "对", "需要", "true", "yes", "y", "1", "on"}
_NO = {"否", "无", "没有", "不是", "false", "no", "n", "0", "off"}


def _flag(value: object) -> object:
    """Accept 是/否 (and the usual true/false spellings) for yes/no parameters."""
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES
    return value


def _province(value: object) -> object:
    """浙江省 / 广西壮族自治区 / 上海市 → 浙江 / 广西 / 上海; anything else is rejected in Chinese."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("应为省份名称，如 浙江")
    name = value.strip()
    for p in sorted(PROVINCES, key=len, reverse=True):
        if name.startswith(p):
            return p
    raise ValueError(f"「{name}」不是省级行政区名称，请填写如 浙江、上海、广西")


Flag = Annotated[bool, BeforeValidator(_flag)]
Province = Annotated[str | None, BeforeValidator(_province)]
MAX_MONEY = 10_000_000


def money_field(title: str, description: str, *, required: bool = True) -> Any:
    """A positive amount in 元 with a Chinese title and description."""
    if required:
        return Field(gt=0, le=MAX_MONEY, title=title, description=description)
    return Field(None, gt=0, le=MAX_MONEY, title=title, description=description)


CHINA_TZ = timezone(timedelta(hours=8))  # China keeps no daylight saving time


def china_today() -> date:
    """Today's date in China, where she is, whatever the server's zone."""
    return datetime.now(UTC).astimezone(CHINA_TZ).date()


def money(x: Decimal | float | int) -> Decimal:
    """Round an amount to fen, half up, as payrolls do."""
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def yuan(x: Decimal | float | int) -> str:
    """48000 → 48000元, 155.172 → 155.17元 (no trailing .00)."""
    d = money(x)
    return f"{d:.0f}元" if d == d.to_integral_value() else f"{d:.2f}元"


def num(x: Decimal | float | int) -> str:
    """A number without a useless .0: 6 → 6, 0.5 → 0.5, 1.25 → 1.25."""
    d = Decimal(str(x)).normalize()
    return f"{d:f}"


def duration(months: int) -> str:
    """67 → 5年7个月, 24 → 2年, 5 → 5个月, 0 → 不满1个月."""
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{years}年{rest}个月"
    if years:
        return f"{years}年"
    return f"{rest}个月" if rest else "不满1个月"


def cn_date(d: date) -> str:
    """2028-05-03 → 2028年5月3日."""
    return f"{d.year}年{d.month}月{d.day}日"


def add_months(d: date, months: int) -> date:
    """The 对应日 `months` later; the month's last day when it has none (民法典第二百零二条)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def inputs_of(params: BaseModel) -> tuple[tuple[str, str], ...]:
    """The parameters that were given (or defaulted to something), as (name, value text)."""
    out: list[tuple[str, str]] = []
    for name, value in params.model_dump().items():
        if value is None:
            continue
        if isinstance(value, bool):
            text = "是" if value else "否"
        elif isinstance(value, float):
            text = num(value)
        else:
            text = str(value)
        out.append((name, text))
    return tuple(out)


def present(facts: Facts, mapping: Mapping[str, str]) -> dict[str, object]:
    """Params from facts fields that are set: {param name: facts field name}."""
    out: dict[str, object] = {}
    for param, field_name in mapping.items():
        value = getattr(facts, field_name)
        if value is not None:
            out[param] = value
    return out


def wage_with_minimum(facts: Facts, question: str) -> dict[str, object] | Missing:
    """Her monthly wage (asked with `question` when missing) and the local minimum wage when she gave it."""
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), question)
    return {"monthly_wage": facts.monthly_wage} | present(facts, {"local_minimum_wage": "minimum_wage"})


def at_least(amount: Decimal, minimum: float | None) -> tuple[Decimal, bool]:
    """The amount, or the local minimum wage when that is higher (and True): a share of a wage never below it."""
    if minimum is not None and money(minimum) > amount:
        return money(minimum), True
    return amount, False
