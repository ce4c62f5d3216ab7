"""Her leave and time: 产假 (national and provincial), 哺乳时间, 带薪年休假 and the pay for untaken days."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from assistant.calculators.base import (
    Calculation,
    Flag,
    Missing,
    Params,
    Province,
    china_today,
    cn_date,
    inputs_of,
    money,
    money_field,
    num,
    yuan,
)
from assistant.calculators.regions import (
    KNOWN_GAPS,
    NATIONAL_ARTICLE,
    NATIONAL_DAYS,
    NATIONAL_MISCARRIAGE,
    REGIONAL,
    RegionalMaternity,
)

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

NURSING = "女职工劳动保护特别规定#9"
NURSING_HEILONGJIANG = "黑龙江省女职工劳动保护条例#14"
ANNUAL_LEAVE = "职工带薪年休假条例#3"
CUMULATIVE_SERVICE = "企业职工带薪年休假实施办法#4"
NEW_EMPLOYER_SHARE = "企业职工带薪年休假实施办法#5"
UNTAKEN_LEAVE_PAY = "职工带薪年休假条例#5"
UNTAKEN_PAY_300 = "企业职工带薪年休假实施办法#10"
LEAVE_DAILY_WAGE = "企业职工带薪年休假实施办法#11"
LEAVING_SHARE = "企业职工带薪年休假实施办法#12"
WAGE_DAYS_21_75 = "关于职工全年月平均工作时间和工资折算问题的通知#2"


class MaternityParams(Params):
    """产假: where she works, which child, how many babies, how the birth went (or a miscarriage)."""

    province: Province = Field(None, title="省份", description="工作所在的省份，如 浙江；不填只按国家规定计算")
    birth_order: int | None = Field(None, ge=1, le=10, title="第几个孩子",
                                    description="这次生育的是第几个孩子（一孩填1）；浙江等地按孩次规定不同")
    babies: int = Field(1, ge=1, le=6, title="婴儿数", description="单胎填1，双胞胎填2")
    difficult_birth: Flag = Field(False, title="难产", description="医疗机构诊断为难产")
    cesarean: Flag = Field(False, title="剖宫产", description="剖宫产（剖腹产）")
    miscarriage: Flag = Field(False, title="流产", description="怀孕后流产（含人工流产、胎停）")
    pregnancy_months: int | None = Field(None, ge=0, le=10, title="流产时怀孕月数",
                                         description="流产时已怀孕的整月数；流产时必填")

    @model_validator(mode="after")
    def _miscarriage_needs_months(self) -> MaternityParams:
        if self.miscarriage and self.pregnancy_months is None:
            raise ValueError("流产时请填写 pregnancy_months（流产时怀孕几个月）")
        r = REGIONAL.get(self.province) if self.province else None
        if not self.miscarriage and r is not None and len(r.extra_by_order) > 1 and self.birth_order is None:
            raise ValueError(f"{r.province}按孩次规定不同的延长产假（{r.extra_text}），请填写 birth_order（第几个孩子）")
        return self


def _miscarriage(p: MaternityParams, r: RegionalMaternity | None) -> Calculation:
    assert p.pregnancy_months is not None
    rules = (r.miscarriage if r and r.miscarriage else NATIONAL_MISCARRIAGE)
    where = r.source if r and r.miscarriage else "《女职工劳动保护特别规定》第七条第二款"
    i = max(k for k, rule in enumerate(rules) if p.pregnancy_months >= rule[0])
    low, days, most = rules[i]
    span = f"怀孕满{low}个月" if low else f"怀孕未满{rules[1][0]}个月"
    if low and i + 1 < len(rules):
        span += f"不满{rules[i + 1][0]}个月"
    leave = f"{days}至{most}天" if most else f"{days}天"
    steps = [f"{where}：{span}流产的，产假{leave}。"]
    articles = [NATIONAL_ARTICLE]
    notes: list[str] = []
    if r and r.miscarriage and r.article:
        articles.append(r.article)
    elif r and r.extra_by_order:
        notes.append(f"{r.province}的延长产假（生育假）只适用于生育，流产按上面的天数休假。")
    if most:
        notes.append("具体天数在这个范围内，以医疗机构的证明和单位规定为准。")
    if r and r.note:
        notes.append(r.note)
    return Calculation(
        name="maternity_leave", title="产假", value=float(days), unit="天",
        text=f"怀孕{p.pregnancy_months}个月流产，产假为{leave}",
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def maternity_leave(p: MaternityParams) -> Calculation:
    """产假 under 女职工劳动保护特别规定第七条, plus the province's extra leave where the corpus holds it."""
    r = REGIONAL.get(p.province) if p.province else None
    if p.miscarriage:
        return _miscarriage(p, r)
    steps: list[str] = []
    notes: list[str] = []
    articles = [NATIONAL_ARTICLE]
    parts: list[str] = []
    if r is not None and r.total is not None:
        base, top = r.total, r.total_max
        assert r.article is not None
        articles.append(r.article)
        steps.append(f"{r.source}：{r.extra_text}（代替国家规定的98天）。")
        parts.append(f"{r.province}规定{base}至{top}天" if top else f"{r.province}规定{base}天")
    else:
        base, top = NATIONAL_DAYS, None
        steps.append("国家规定女职工生育享受98天产假，其中产前可以休假15天。")
        parts.append("国家规定98天")
    extra = 0
    hard = p.difficult_birth or (p.cesarean and r is not None and r.cesarean_extra)
    if hard:
        extra += 15
        why = "难产" if p.difficult_birth else "剖宫产"
        steps.append(f"{why}，增加产假15天。")
        parts.append(f"{why}15天")
    elif p.cesarean:
        notes.append("《女职工劳动保护特别规定》第七条只对难产增加15天；剖宫产是否按难产处理，以医疗机构的诊断证明为准。")
    if p.babies > 1:
        more = 15 * (p.babies - 1)
        extra += more
        steps.append(f"生育{p.babies}胞胎，每多生育1个婴儿增加15天，共增加{more}天。")
        parts.append(f"多胞胎{more}天")
    if r is not None and r.extra_by_order:
        order = p.birth_order or 1
        add = r.extra_by_order[min(order, len(r.extra_by_order)) - 1]
        extra += add
        which = f"{'一二三四五六七八九十'[order - 1]}孩" if len(r.extra_by_order) > 1 else ""
        how = "按日历月计算约90天" if r.approximate else f"{which}增加{add}天"
        label = r.source if r.article else f"{r.source}（依据公开信息，正文未收录）"
        steps.append(f"{label}：{r.extra_text}；{how}。")
        parts.append(f"{r.province}{which}延长{add}天")
        if r.article:
            articles.append(r.article)
    elif p.province and r is None:
        gap = KNOWN_GAPS.get(p.province, f"语料库未收录{p.province}的延长产假规定")
        notes.append(f"{gap}，这里只按国家规定计算；当地一般另有延长产假，请向当地人社部门或工会核实。")

    elif not p.province:
        notes.append("各省一般另有延长产假（生育奖励假）；告诉我们您所在的省份，可以一起算上。")
    if r is not None and r.note:
        notes.append(r.note)
    total, total_top = base + extra, (top + extra if top else None)
    around = "约" if r is not None and r.approximate else ""
    if total_top:
        steps.append(f"产假合计{total}至{total_top}天，具体天数由用人单位规定。")
        text = f"产假为{total}至{total_top}天（{'＋'.join(parts)}）"
    else:
        steps.append(f"产假合计{around}{total}天。")
        text = f"产假共{around}{total}天（{'＋'.join(parts)}）"
        if p.province and r is None:
            # Her total is not the national days: say that her province's extra days are not counted.
            text = (f"国家规定的产假共{total}天（{'＋'.join(parts)}）；{p.province}的延长产假资料库未收录，"
                    "未计入，实际天数以当地规定为准")
    return Calculation(
        name="maternity_leave", title="产假", value=float(total), unit="天", text=text,
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def maternity_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Maternity-leave parameters from her facts, or the one question to ask."""
    if facts.miscarriage:
        if facts.pregnancy_months is None:
            return Missing(("pregnancy_months",), "流产时怀孕几个月了？")
        out: dict[str, object] = {"miscarriage": True, "pregnancy_months": facts.pregnancy_months}
        if facts.region:
            out["province"] = facts.region
        return out
    if facts.region is None:
        # The national days are hers wherever she works (双胞胎 113天): say them, then ask for the province.
        national = maternity_leave(MaternityParams(**{k: v for k in ("babies", "difficult_birth")
                                                      if (v := getattr(facts, k)) is not None}))
        known = f"按国家规定{national.text}" if national.value != NATIONAL_DAYS else ""
        return Missing(("region",), "您在哪个省份工作？各省的延长产假不同。", known)
    r = REGIONAL.get(facts.region)
    if r is not None and len(r.extra_by_order) > 1 and facts.birth_order is None:
        return Missing(("birth_order",), "这是您的第几个孩子？")
    out = {"province": facts.region}
    for key in ("birth_order", "babies", "difficult_birth", "cesarean"):
        value = getattr(facts, key)
        if value is not None:
            out[key] = value
    return out


class NursingParams(Params):
    """哺乳时间: how many babies and how old the child is."""

    babies: int = Field(1, ge=1, le=6, title="婴儿数", description="单胎填1，双胞胎填2")
    child_age_months: int | None = Field(None, ge=0, le=240, title="孩子月龄", description="孩子现在几个月大")
    province: Province = Field(None, title="省份", description="工作所在的省份；黑龙江等地规定更长的哺乳时间")


def nursing_time(p: NursingParams) -> Calculation:
    """哺乳时间 under 女职工劳动保护特别规定第九条: 1 hour a day, +1 per extra baby, until the child is one."""
    articles = [NURSING]
    if p.child_age_months is not None and p.child_age_months >= 12:
        return Calculation(
            name="nursing_time", title="哺乳时间", value=0.0, unit="小时/天",
            text="孩子已满一周岁，法定的每天哺乳时间到此结束",
            steps=("《女职工劳动保护特别规定》第九条的哺乳时间适用于哺乳未满1周岁婴儿的女职工。",
                   f"孩子现在{p.child_age_months}个月，已满一周岁，不再享有哺乳时间。"),
            articles=tuple(articles), inputs=inputs_of(p),
        )
    extra = p.babies - 1
    steps: list[str] = []
    notes: list[str] = []
    if p.province == "黑龙江":
        hours = 2 + extra
        articles.append(NURSING_HEILONGJIANG)
        steps.append("《黑龙江省女职工劳动保护条例》第十四条：未建立托育机构的单位，每日给予不少于两小时的哺乳时间；"
                     "建立托育机构的，每日两次、每次不少于三十分钟。")
        text = f"每天不少于{hours}小时的哺乳时间（单位设有托育机构的，每天两次、每次不少于30分钟）"
    else:
        hours = 1 + extra
        steps.append("用人单位应当在每天的劳动时间内为哺乳期女职工安排1小时哺乳时间。")
        text = f"每天{hours}小时的哺乳时间，在劳动时间内安排"
    if extra:
        steps.append(f"生育{p.babies}胞胎，每多哺乳1个婴儿每天增加1小时，共每天{hours}小时。")
    until = "直到孩子满一周岁"
    if p.child_age_months is not None:
        until += f"（孩子现在{p.child_age_months}个月，还有{12 - p.child_age_months}个月）"
    steps.append(f"哺乳时间{until}。")
    text += "，" + until
    notes.append("孩子不满一周岁期间，单位不得延长您的劳动时间，也不得安排夜班劳动（第九条第一款）。")
    return Calculation(
        name="nursing_time", title="哺乳时间", value=float(hours), unit="小时/天", text=text,
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def nursing_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Nursing-time parameters from her facts (the rule needs none of them, so nothing is missing)."""
    out: dict[str, object] = {}
    if facts.babies is not None:
        out["babies"] = facts.babies
    if facts.child_age_months is not None:
        out["child_age_months"] = facts.child_age_months
    if facts.region:
        out["province"] = facts.region
    return out


class AnnualLeaveParams(Params):
    """带薪年休假: her cumulative years of work with every employer."""

    total_years_worked: float = Field(ge=0, le=60, title="累计工作年限（年）",
                                      description="在所有单位累计工作的年数（含依法视同工作的期间），不只是现在这家")
    joined_on: date | None = Field(None, title="今年进入本单位的日期",
                                   description="今年才进入现在这家单位的，填入职日期：当年按剩余日历天数折算（实施办法第五条）")


def annual_leave(p: AnnualLeaveParams) -> Calculation:
    """年休假 under 职工带薪年休假条例第三条: 5 / 10 / 15 days by cumulative years worked."""
    y = p.total_years_worked
    days_value = 0
    steps = ["累计工作时间包括在同一或者不同用人单位工作的期间（企业职工带薪年休假实施办法第四条）。"]
    if y < 1:
        days = 0
        steps.append(f"累计工作{num(y)}年，不满1年，还不享受年休假。")
        text = "累计工作不满1年，还没有带薪年休假"
    else:
        days, band = (5, "已满1年不满10年") if y < 10 else (10, "已满10年不满20年") if y < 20 else (15, "已满20年")
        steps.append(f"累计工作{num(y)}年，{band}，年休假{days}天。")
        text = f"每年带薪年休假{days}天"
        if p.joined_on is not None:
            left = (date(p.joined_on.year, 12, 31) - p.joined_on).days + 1
            share = int(left * days / 365)  # 不足1整天的部分不享受年休假
            steps.append(f"{p.joined_on.year}年{p.joined_on.month}月{p.joined_on.day}日进入本单位，当年剩余{left}个日历天，"
                         f"折算{left}÷365×{days}天，不足1整天的部分不享受，当年可休{share}天（实施办法第五条）。")
            text = f"进入本单位当年可休{share}天，以后每年{days}天"
            days_value = share
    notes = (
        "国家法定休假日、休息日不计入年休假的假期（第三条第二款）。",
        "新进单位的当年，按在本单位剩余的日历天数折算。",
        "单位不安排休假的，应休未休的天数按日工资收入的300%支付（条例第五条）。",
    ) if days else ()
    articles = (ANNUAL_LEAVE, CUMULATIVE_SERVICE) + ((NEW_EMPLOYER_SHARE,) if days and p.joined_on else ()) \
        + ((UNTAKEN_LEAVE_PAY,) if days else ())
    value = days_value if p.joined_on is not None else days
    return Calculation(
        name="annual_leave", title="带薪年休假", value=float(value), unit="天", text=text,
        steps=tuple(steps), articles=articles, inputs=inputs_of(p), notes=notes,
    )


def annual_leave_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Annual-leave parameters from her facts, or the one question to ask."""
    if facts.total_years_worked is not None:
        start = facts.date_for("start")
        joined = start.value if start is not None and start.precision == "day" and start.value.year == china_today().year \
            else None
        return {"total_years_worked": facts.total_years_worked} | ({"joined_on": joined} if joined else {})
    if facts.months_worked is not None and facts.months_worked >= 240:
        return {"total_years_worked": round(facts.months_worked / 12, 2)}  # 20 years here already give 15 days
    return Missing(("total_years_worked",), "您参加工作累计多少年了（所有单位加起来）？")


class UnusedLeaveParams(Params):
    """未休年休假工资: her monthly wage and the untaken days (given, or worked out from her years and leaving date)."""

    monthly_wage: float = money_field("月工资（元）", "本人前12个月剔除加班工资后的月平均工资（实施办法第十一条）")
    unused_days: float | None = Field(None, ge=0, le=30, title="未休天数",
                                      description="应休未休的年休假天数；不填时按累计工作年限、已休天数和离职日期折算")
    total_years_worked: float | None = Field(None, ge=0, le=60, title="累计工作年限（年）",
                                             description="在所有单位累计工作的年数，用来确定全年应休天数")
    annual_days: float | None = Field(None, ge=0, le=15, title="全年应休天数",
                                      description="已知全年应休的年休假天数时填写，代替累计工作年限")
    days_taken: float = Field(0, ge=0, le=30, title="当年已休天数", description="当年已经安排休过的年休假天数")
    left_on: date | None = Field(None, title="离职日期",
                                 description="当年离职的，填离职日期：按当年已过日历天数折算应休天数（实施办法第十二条）")

    @model_validator(mode="after")
    def _days_or_years(self) -> UnusedLeaveParams:
        if self.unused_days is None and self.total_years_worked is None and self.annual_days is None:
            raise ValueError("请填写 unused_days（未休天数），或者 total_years_worked（累计工作年限）或 annual_days（全年应休天数）")
        return self


def unused_leave_pay(p: UnusedLeaveParams) -> Calculation:
    """未休年休假工资 under 实施办法第十条: 300% of the daily wage (monthly ÷ 21.75), the normal wage included."""
    wage = Decimal(str(p.monthly_wage))
    daily = wage / Decimal("21.75")
    steps: list[str] = []
    articles = [UNTAKEN_PAY_300, LEAVE_DAILY_WAGE, WAGE_DAYS_21_75, UNTAKEN_LEAVE_PAY]
    if p.unused_days is not None:
        days = Decimal(str(p.unused_days))
        steps.append(f"应休未休的年休假{num(days)}天。")
    else:
        if p.annual_days is not None:
            full = int(p.annual_days)
            steps.append(f"全年应休年休假{full}天。")
        else:
            y = p.total_years_worked or 0
            full = 0 if y < 1 else 5 if y < 10 else 10 if y < 20 else 15
            steps.append(f"累计工作{num(y)}年，全年应休年休假{full}天（职工带薪年休假条例第三条）。")
        if p.left_on is not None:
            passed = (p.left_on - date(p.left_on.year, 1, 1)).days + 1
            share = Decimal(passed) * full / 365 - Decimal(str(p.days_taken))
            days = max(share.to_integral_value(rounding=ROUND_FLOOR), Decimal(0))
            steps.append(f"{cn_date(p.left_on)}离职，当年已过{passed}个日历天：{passed}÷365×{full}天－已休{num(p.days_taken)}天"
                         f"≈{share:.2f}天，不足1整天的部分不支付，未休{num(days)}天（实施办法第十二条）。")
            articles.append(LEAVING_SHARE)
        else:
            days = max(Decimal(full) - Decimal(str(p.days_taken)), Decimal(0))
            steps.append(f"全年{full}天－已休{num(p.days_taken)}天＝未休{num(days)}天。")
    steps.append(f"日工资＝月工资{yuan(wage)}÷21.75天≈{yuan(daily)}（实施办法第十一条）。")
    total = money(days * daily * 3)
    extra = money(days * daily * 2)
    steps.append(f"未休年休假工资报酬＝{num(days)}天×{yuan(daily)}×300%＝{yuan(total)}，其中包含已发的正常工资，"
                 f"单位还应另付{num(days)}天×{yuan(daily)}×200%＝{yuan(extra)}（实施办法第十条）。")
    notes = ("您因本人原因书面提出不休年休假的，单位可以只支付正常工作期间的工资（实施办法第十条第二款）。",
             "日工资按本人前12个月剔除加班工资后的月平均工资计算；在本单位不满12个月的按实际月份平均。")
    share_said = f"{cn_date(p.left_on)}离职，按当年已过天数折算，" if p.left_on is not None and p.unused_days is None else ""
    text = share_said + (f"{num(days)}天未休年假，按日工资{yuan(daily)}的300%共{yuan(total)}，扣除已发的正常工资，单位还应另付{yuan(extra)}"
            if days else "按已休天数折算，没有应休未休的年休假，不需另付未休年休假工资")
    return Calculation(
        name="unused_leave_pay", title="未休年休假工资", value=float(extra), unit="元", text=text,
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=notes,
    )


def unused_leave_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Untaken-leave pay parameters from her facts, or the one question to ask."""
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), "您的月工资大约多少（税前，不含加班费）？")
    out: dict[str, object] = {"monthly_wage": facts.monthly_wage}
    end, start = facts.date_for("end"), facts.date_for("start")
    if end is not None and start is not None and end.value < start.value:
        end = None  # 3月13日从上家离职，3月16日入职现在这家: she left the last employer, not this one
    left_on = end.value if end is not None and end.precision == "day" else None
    if facts.leave_days_unused is not None:
        if left_on is not None and facts.leave_days_taken is not None:
            # The days she names are the year's; leaving in it, she is owed the share the year had run (第十二条).
            taken = facts.leave_days_taken
            return out | {"annual_days": facts.leave_days_unused + taken, "days_taken": taken, "left_on": left_on}
        return out | {"unused_days": facts.leave_days_unused}
    years = facts.total_years_worked
    if years is None and facts.months_worked is not None and facts.leave_days_taken is not None:
        years = round(facts.months_worked / 12, 2)  # her only job, as far as she said
    if years is None:
        return Missing(("leave_days_unused",), "今年还有几天年假没休？")
    out |= {"total_years_worked": years, "days_taken": facts.leave_days_taken or 0}
    if left_on is not None:
        out["left_on"] = left_on
    elif facts.leave_days_taken is None:
        return Missing(("leave_days_unused",), "今年还有几天年假没休？")
    return out
