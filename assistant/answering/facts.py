"""Facts from her question: time worked, wage, pregnancy, child's age, birth, dates … for the calculators.

extract_facts(text, today=, previous=)   a frozen Facts (None where she did not say); new values override
facts_to_known(facts) / facts_from_known  a flat dict[str, str] a conversation can store ("fact." keys)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

from assistant.answering import fact_readers as readers
from assistant.answering.fact_rules import DateMention, Scanner, find_dates, normalize, parse_num
from assistant.answering.fact_shortfall import read_shortfall
from assistant.answering.fact_worktime import read_work_time
from assistant.retrieval.normalize import detect_region

__all__ = ["DateMention", "Facts", "extract_facts", "facts_from_known", "facts_to_known"]


@dataclass(frozen=True, slots=True)
class Facts:
    """What she told us about herself; None where she did not say."""

    region: str | None = None
    months_worked: int | None = None  # at this employer
    months_worked_approx: bool = False  # 两年多, 快三年
    monthly_wage: float | None = None
    last_month_wage: float | None = None  # 11月工资7600 beside a twelve-month average: the +1 of N+1
    local_average_wage: float | None = None  # 当地上年度职工月平均工资
    minimum_wage: float | None = None  # 当地最低工资标准
    employer_average_wage: float | None = None  # 单位上年度职工月平均工资 (the base of 生育津贴)
    maternity_leave_days: int | None = None  # 产假休158天
    pregnant: bool | None = None
    pregnancy_months: int | None = None  # also how far along at a miscarriage
    pregnancy_approx: bool = False  # 孕7个多月, weeks converted to months
    child_age_months: int | None = None
    child_under_one: bool | None = None
    babies: int | None = None
    difficult_birth: bool | None = None
    cesarean: bool | None = None
    birth_order: int | None = None
    miscarriage: bool | None = None
    age: int | None = None
    birth_year: int | None = None
    birth_month: int | None = None
    sex: str | None = None  # "female" / "male"
    retirement_category: str | None = None  # male60 / female55 / female50
    retirement_category_ambiguous: bool = False  # 办公室, 技术岗 … suggest 55 but the records decide
    retirement_evidence: tuple[str, ...] = ()  # the words the category was read from
    dates: tuple[DateMention, ...] = ()
    employment_ended: bool | None = None
    months_since_left: int | None = None  # 离职5个月了: whole months since her job ended (thresholds: 竞业 3 months)
    dismissed: bool | None = None  # the employer ended it (辞退, 开除, 裁员)
    no_notice: bool | None = None  # ended without 30 days' written notice (没提前一个月通知, 当天就让我走)
    wage_arrears: bool | None = None
    owed_amount: float | None = None  # 一共欠我1.8万: the sum she claims
    deducted_amount: float | None = None  # 这个月工资直接扣了3000: what the employer took from one month's pay
    claim_interrupted: bool | None = None  # she pressed her claim, or the employer agreed to pay (时效中断)
    no_written_contract: bool | None = None
    contract_term_months: int | None = None
    open_ended_contract: bool | None = None
    probation_months: int | None = None
    sick_leave_months: int | None = None  # 今年请了两个半月病假 (whole months, rounded down)
    total_years_worked: float | None = None  # with every employer (工龄, 参加工作)
    shortfall_per: float | None = None  # shorted each month (or each time): 从5200降到4000 → 1200
    shortfall_count: int | None = None  # for how many months (or times)
    shortfall_unit: str | None = None  # 月 or 次
    insured_years: float | None = None  # years of pension contributions (社保交了12年)
    overtime_daily_hours: float | None = None  # 每天加班3小时
    overtime_workdays: int | None = None  # 加班了20天
    overtime_workday_hours: float | None = None  # 加班了40个小时
    overtime_rest_days: float | None = None  # 周末加班2天
    overtime_holiday_days: float | None = None  # 国庆加班3天
    disability_grade: int | None = None  # 工伤评了九级 (1 = most severe, 10 = least)
    leave_days_taken: float | None = None  # 今年年假只休了2天
    leave_days_unused: float | None = None  # 5天年假不让休, 还剩3天年假没休
    regular_wage: float | None = None  # 转正5000: the wage after probation
    daily_work_hours: float | None = None  # 每天干5个小时
    injury_paid_wage: float | None = None  # 停工留薪期 pay the employer actually gives a month (只给2000)
    injury_leave_months: int | None = None  # months off after a work injury (养伤3个月了)
    work_days_per_week: int | None = None  # 一周上6天班
    training_cost: float | None = None  # 公司送我去培训花了2万
    service_period_months: int | None = None  # 签了服务期3年
    service_served_months: int | None = None  # 服务期干满1年
    agreed_penalty: float | None = None  # 违约金写的5万

    def date_for(self, role: str) -> DateMention | None:
        """The first date she gave for a role (start, end, contract, birth), if any."""
        return next((d for d in self.dates if d.role == role), None)

    @property
    def weekly_work_hours(self) -> float | None:
        """Hours a week (每天5小时 × 一周6天), when she gave both."""
        if self.daily_work_hours is None or self.work_days_per_week is None:
            return None
        return self.daily_work_hours * self.work_days_per_week

    @property
    def below_minimum_wage(self) -> bool | None:
        """Whether the wage she gave is under the local minimum wage she gave, when she gave both."""
        if self.monthly_wage is None or self.minimum_wage is None:
            return None
        return self.monthly_wage < self.minimum_wage

    @property
    def deducted_share(self) -> float | None:
        """What was taken from one month's pay as a share of that wage (0.75 for 3000 of 4000)."""
        if self.deducted_amount is None or not self.monthly_wage:
            return None
        return self.deducted_amount / self.monthly_wage

    @property
    def empty(self) -> bool:
        """True when nothing was read."""
        return self == Facts()


# Flags that belong to the value before them: they travel together when facts are merged.
_PAIRED = {"months_worked_approx": "months_worked", "pregnancy_approx": "pregnancy_months",
           "retirement_category_ambiguous": "retirement_category", "retirement_evidence": "retirement_category"}


_EXPIRES = re.compile(r"合同(?:下个?月|马上|快要?|就要|月底|年底|这个?月|刚|已经)?(?:就)?(?:到期|期满)")


_SOON_DAYS = 62
_SERVICE_FROM = re.compile(r"\s*(?:起|开始)[^，。；]{0,4}服务")


def _served(plain: str, dates: list[DateMention], today: date) -> int | None:
    """Months of the 服务期 behind her (从2024年1月1日起服务满5年……干到2026年12月31日): from its start to her last day."""
    start = next((d for d in dates if d.precision == "day" and _SERVICE_FROM.match(plain, plain.find(d.text) + len(d.text))),
                 None)
    if start is None:
        return None
    end = next((d for d in dates if d.role == "end" and d.precision == "day" and d.value > start.value), None)
    months = _months_between(start, _until(end, today), exact=True)
    return months if months >= 0 else None


# 社保是2019年3月才开始交的, 从2010年开始交社保, 社保从1995年交到现在: contributions since a date.
_INSURED_AFTER = re.compile(r"^(?:份)?(?:才|就|起)?(?:开始)?(?:交|缴|参保|买)(?:到现在|至今|的|了|社保|养老)?")
_INSURED_NEAR = re.compile(readers.INSURANCE_WORDS)


def _insured_since(plain: str, dates: list[DateMention], today: date) -> float | None:
    """Years of contributions from the date she says they began, to today."""
    for d in dates:
        at = plain.find(d.text)
        if d.role is not None or at < 0 or d.value > today:
            continue
        after, before = plain[at + len(d.text):], plain[max(0, at - 8):at]
        named = _INSURED_NEAR.search(before) or _INSURED_NEAR.match(after.lstrip("份才就起开始交缴买"))
        if _INSURED_AFTER.match(after) and named:
            return round(_months_between(d, today, exact=True) / 12, 2)
    return None


def _until(end: DateMention | None, today: date) -> date:
    """Where a period ends: her last day counts as worked (干到10月31号 ends the day after); today if she gave no end."""
    if end is None:
        return today
    return end.value + timedelta(days=1) if end.precision == "day" else end.value


def _months_between(start: DateMention, until: date, *, exact: bool) -> int:
    """Calendar months from start to until; whole months only when both are known to the day."""
    months = (until.year - start.value.year) * 12 + until.month - start.value.month
    return months - (1 if exact and until.day < start.value.day else 0)


def extract_facts(text: str, *, today: date, previous: Facts | None = None) -> Facts:
    """Read the facts of one message; values from `previous` (earlier turns) stay unless she restates them."""
    plain = normalize(text)
    scanner = Scanner(plain)
    found: dict[str, Any] = {"region": detect_region(plain)}
    found.update(readers.read_birth(scanner, today))
    dates = find_dates(scanner, today)
    found["dates"] = tuple(dates)
    found.update(readers.read_training(scanner))
    found.update(readers.read_injury_pay(scanner))
    found.update(readers.read_money(scanner))
    found.update(readers.read_overtime(scanner))
    found.update(readers.read_leave_and_grade(scanner))
    found.update(read_work_time(scanner))
    weeks = scanner.take(readers.PREGNANCY_WEEKS)
    pregnancy = readers.read_duration(scanner, (readers.PREGNANCY,))
    if weeks is not None:
        found["pregnancy_months"], found["pregnancy_approx"] = int(parse_num(weeks.group("w")) // 4), True
    elif pregnancy is not None:
        found["pregnancy_months"], found["pregnancy_approx"] = pregnancy
    found.update(readers.read_child(scanner))
    child_birth = next((d for d in dates if d.role == "birth"), None)
    if child_birth is not None and found.get("child_age_months") is None and child_birth.value <= today:
        age = readers.whole_months(child_birth, today)
        found["child_age_months"], found["child_under_one"] = age, age < 12
    contract = readers.read_duration(scanner, readers.CONTRACT)
    found["contract_term_months"] = contract[0] if contract else None
    sick = readers.read_duration(scanner, readers.SICK_LEAVE)
    found["sick_leave_months"] = sick[0] if sick else None
    probation = readers.read_duration(scanner, readers.PROBATION)
    found["probation_months"] = probation[0] if probation else None
    insured = readers.read_duration(scanner, readers.INSURED)
    found.update(read_shortfall(plain, today))
    found["insured_years"] = (round(insured[0] / 12, 2) if insured
                              else _insured_since(plain, dates, today))
    total = readers.read_duration(scanner, (readers.TOTAL_YEARS,))
    found["total_years_worked"] = round(total[0] / 12, 2) if total else None
    sex = "male" if readers.MALE.search(plain) else "female" if readers.FEMALE.search(plain) else None
    found.update(readers.read_category(plain, scanner, sex))
    found["sex"] = sex
    for m in scanner.matches(readers.AGE):
        n = int(parse_num(m.group("n")))
        if 16 <= n <= 75:
            scanner.mask(m.start(), m.end())
            found["age"] = n
            break
    flags = readers.read_flags(plain)
    if found.get("service_period_months") is not None and found.get("service_served_months") is None:
        found["service_served_months"] = _served(plain, dates, today)
    worked = readers.read_duration(scanner, readers.WORKED)
    if worked is not None and found["total_years_worked"] is None and readers.JOB_CHANGE.search(plain):
        found["total_years_worked"], worked = round(worked[0] / 12, 2), None
    start = next((d for d in dates if d.role == "start"), None)
    # The end she names: a past one, or her leaving day set a few weeks ahead (定在12月31日走), not 明年3月到期.
    # … the last one: 合同到6月30日…照常上班…11月30日终止 ended in November.
    ends = [d for d in dates if d.role == "end" and (d.value - today).days <= _SOON_DAYS]
    end = max(ends, key=lambda d: d.value) if ends else None
    if worked is not None and start is not None and end is not None and start.precision == end.precision == "day":
        worked = None  # 2025年8月15日入职…12月31日走: her two days decide, not "HR说我只干满1年"
    if worked is not None:
        found["months_worked"], found["months_worked_approx"] = worked
    elif start is not None and start.precision != "year":
        # 2023年5月入职，今年10月被辞退: the time worked is between the two dates (or until today).
        if end is None and (flags.get("dismissed") or flags.get("employment_ended")):
            # 公司11月15日突然说我不胜任，发了解除通知: the one later date she names is when it ended.
            later = [d for d in dates if d.role is None and d.precision != "year" and start.value < d.value <= today]
            end = later[-1] if len(later) == 1 else None
        until = _until(end, today)
        if start.value <= until:
            exact = start.precision == "day" and (end is None or end.precision == "day")
            found["months_worked"] = _months_between(start, until, exact=exact)
            found["months_worked_approx"] = not exact
    elif (nth := readers.NTH_MONTH.search(plain)) is not None:
        found["months_worked"] = int(parse_num(nth.group("n")))
    elif found["contract_term_months"] is not None and _EXPIRES.search(plain):
        # 我签的3年合同下个月到期: at its end she has worked the whole term (an earlier contract would only add).
        found["months_worked"] = found["contract_term_months"]
    found.update(flags)
    if found.get("child_age_months") is None and found.get("child_under_one") is None and readers.NURSING_NOW.search(plain):
        found["child_under_one"] = True  # 哺乳期 and 产假 end, in law, by the child's first birthday
    left = next((d for d in dates if d.role == "end" and d.value <= today), None)
    if left is not None:
        months = (today.year - left.value.year) * 12 + today.month - left.value.month
        found["months_since_left"] = max(0, months - (1 if left.precision == "day" and today.day < left.value.day else 0))
    if found.get("pregnancy_months") is not None and not found.get("miscarriage"):
        found["pregnant"] = True
    return merge(previous, Facts(**{k: v for k, v in found.items() if v is not None}))


def merge(previous: Facts | None, new: Facts) -> Facts:
    """Earlier facts with this message's values laid over them (a paired flag follows its value)."""
    if previous is None:
        return new
    changes: dict[str, Any] = {}
    for f in fields(Facts):
        value = getattr(new, f.name)
        owner = _PAIRED.get(f.name)
        if owner is not None:
            if getattr(new, owner) is not None:
                changes[f.name] = value
        elif value is not None and value != ():
            changes[f.name] = value
    return replace(previous, **changes)


KNOWN_PREFIX = "fact."


def facts_to_known(facts: Facts) -> dict[str, str]:
    """The facts as flat strings under "fact." keys (dates as JSON), for a conversation's `known`."""
    out: dict[str, str] = {}
    for f in fields(Facts):
        value = getattr(facts, f.name)
        if value is None or value == () or (value is False and f.name in _PAIRED):
            continue
        if f.name == "dates":
            text = json.dumps([[d.text, d.value.isoformat(), d.precision, d.role] for d in value], ensure_ascii=False)
        elif f.name == "retirement_evidence":
            text = json.dumps(list(value), ensure_ascii=False)
        elif isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = str(value)
        out[KNOWN_PREFIX + f.name] = text
    return out


def facts_from_known(known: dict[str, str]) -> Facts:
    """Facts back from a conversation's `known`; keys without the prefix, and values that do not parse, are ignored."""
    types = {f.name: f.type for f in fields(Facts)}
    values: dict[str, Any] = {}
    for key, text in known.items():
        name = key.removeprefix(KNOWN_PREFIX)
        if not key.startswith(KNOWN_PREFIX) or name not in types:
            continue
        kind = str(types[name])
        try:
            if name == "dates":
                values[name] = tuple(DateMention(t, date.fromisoformat(v), p, r) for t, v, p, r in json.loads(text))
            elif name == "retirement_evidence":
                values[name] = tuple(str(x) for x in json.loads(text))
            elif kind.startswith("bool"):
                values[name] = text == "true"
            elif kind.startswith("int"):
                values[name] = int(text)
            elif kind.startswith("float"):
                values[name] = float(text)
            else:
                values[name] = text
        except (ValueError, TypeError):
            continue
    return Facts(**values)
