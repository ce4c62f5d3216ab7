"""The registry: every calculator by name, parameter validation with Chinese messages, facts → params."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from assistant.calculators import (
    allowance,
    claims,
    covenants,
    dates,
    extension,
    injury,
    leave,
    leave_pay,
    money,
    pension,
    regional_pay,
    wages,
)
from assistant.calculators.base import Calculation, CalculatorSpec, Missing
from assistant.calculators.regions import NATIONAL_ARTICLE, regional_articles
from assistant.errors import InvalidInputError, NotFoundError, Problem

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

_SPECS = (
    CalculatorSpec(
        "severance", "经济补偿", "解除或终止劳动合同的经济补偿：每满一年一个月工资，六个月以上按一年、不满六个月按半个月；"
        "高收入三倍封顶、最多十二年（劳动合同法第四十七条）",
        money.SeveranceParams, money.severance, money.severance_from_facts,
        (money.SEVERANCE, money.WAGE_BASE, money.BEFORE_2008),
    ),
    CalculatorSpec(
        "illegal_dismissal", "违法解除赔偿金", "违法解除或终止劳动合同的赔偿金：经济补偿的二倍（劳动合同法第八十七条）",
        money.SeveranceParams, money.illegal_dismissal, money.illegal_dismissal_from_facts,
        (money.DAMAGES, money.SEVERANCE, money.WAGE_BASE, money.NO_DOUBLE_PAY, money.REINSTATEMENT),
    ),
    CalculatorSpec(
        "notice_severance", "经济补偿加代通知金（N+1）", "单位依第四十条解除又没有提前三十日书面通知：经济补偿N加一个月工资"
        "（劳动合同法第四十条、第四十七条，实施条例第二十条）",
        money.NoticeSeveranceParams, money.notice_severance, money.notice_severance_from_facts,
        (money.SEVERANCE, money.WAGE_BASE, money.NOTICE, money.NOTICE_WAGE),
    ),
    CalculatorSpec(
        "double_wage", "未签书面合同的二倍工资", "用工超过一个月不满一年未签书面劳动合同，每月另付一倍工资，最多11个月"
        "（劳动合同法第八十二条，实施条例第六、七条）",
        money.DoubleWageParams, money.double_wage, money.double_wage_from_facts,
        (*money.DOUBLE_WAGE, money.DEEMED_OPEN_ENDED),
    ),
    CalculatorSpec(
        "double_wage_and_damages", "二倍工资和违法解除赔偿金", "一直没签书面合同又被违法辞退：二倍工资差额（最多11个月）"
        "加经济补偿二倍的赔偿金（劳动合同法第八十二条、第八十七条）",
        money.DismissedWithoutContractParams, money.double_wage_and_damages, money.double_wage_and_damages_from_facts,
        (*money.DOUBLE_WAGE, money.DEEMED_OPEN_ENDED, money.DAMAGES, money.SEVERANCE, money.WAGE_BASE,
         money.NO_DOUBLE_PAY, money.REINSTATEMENT),
    ),
    CalculatorSpec(
        "overtime_pay", "加班费", "加班费：工作日150%、休息日200%（可补休）、法定休假日300%，小时工资＝月工资÷21.75÷8"
        "（劳动法第四十四条）",
        wages.OvertimeParams, wages.overtime_pay, wages.overtime_from_facts,
        (wages.OVERTIME, wages.WAGE_DAYS, wages.OVERTIME_LIMIT),
    ),
    CalculatorSpec(
        "maternity_leave", "产假", "产假天数：国家规定98天，难产加15天，多胞胎每多一个加15天，流产15天或42天；"
        "加上语料库收录的本省延长产假（女职工劳动保护特别规定第七条）",
        leave.MaternityParams, leave.maternity_leave, leave.maternity_from_facts,
        (NATIONAL_ARTICLE, *regional_articles()),
    ),
    CalculatorSpec(
        "maternity_allowance", "生育津贴", "生育津贴：按单位上年度职工月平均工资计发，对应产假天数；福建每月按30天折算、"
        "不少于128天，黑龙江医保基金支付158天（女职工劳动保护特别规定第八条，社会保险法第五十六条，福建、黑龙江条例）",
        allowance.AllowanceParams, allowance.maternity_allowance, allowance.allowance_from_facts,
        (allowance.NATIONAL_ALLOWANCE, allowance.INSURANCE_ALLOWANCE, allowance.FUJIAN_ALLOWANCE,
         allowance.FUJIAN_UNINSURED, allowance.HEILONGJIANG_ALLOWANCE),
    ),
    CalculatorSpec(
        "uninsured_leave_pay", "未参保的产假工资", "单位没给交生育保险的，产假期间由单位按产假前工资的标准支付"
        "（女职工劳动保护特别规定第八条）",
        leave_pay.UninsuredLeavePayParams, leave_pay.uninsured_leave_pay, leave_pay.uninsured_leave_pay_from_facts,
        (leave_pay.UNINSURED_PAY,),
    ),
    CalculatorSpec(
        "leave_pay_floor", "产前假、哺乳假工资下限", "上海产前假、哺乳假期间工资不低于本人原工资的80%和本市最低工资标准"
        "（上海市妇女权益保障条例第四十五条）",
        leave_pay.LeavePayFloorParams, leave_pay.leave_pay_floor, leave_pay.leave_pay_floor_from_facts,
        (leave_pay.SHANGHAI_LEAVE_PAY,),
    ),
    CalculatorSpec(
        "nursing_leave_pay", "福建哺乳假工资下限", "福建哺乳假期间工资不低于生育津贴的60%和当地最低工资标准"
        "（福建省女职工劳动保护条例第十四条）",
        leave_pay.NursingLeavePayParams, leave_pay.nursing_leave_pay, leave_pay.nursing_leave_pay_from_facts,
        (leave_pay.FUJIAN_NURSING_PAY,),
    ),
    CalculatorSpec(
        "nursing_time", "哺乳时间", "哺乳时间：每天1小时，多胞胎每多一个加1小时，到孩子满一周岁（女职工劳动保护特别规定第九条）",
        leave.NursingParams, leave.nursing_time, leave.nursing_from_facts,
        (leave.NURSING, leave.NURSING_HEILONGJIANG),
    ),
    CalculatorSpec(
        "annual_leave", "带薪年休假", "带薪年休假：累计工作满1年5天、满10年10天、满20年15天（职工带薪年休假条例第三条）",
        leave.AnnualLeaveParams, leave.annual_leave, leave.annual_leave_from_facts,
        (leave.ANNUAL_LEAVE, leave.CUMULATIVE_SERVICE, leave.NEW_EMPLOYER_SHARE, leave.UNTAKEN_LEAVE_PAY),
    ),
    CalculatorSpec(
        "unused_leave_pay", "未休年休假工资", "应休未休的年休假按日工资的300%支付（含正常工资，即另付200%），日工资＝月工资÷21.75；"
        "离职当年按已过日历天数折算（企业职工带薪年休假实施办法第十、十一、十二条）",
        leave.UnusedLeaveParams, leave.unused_leave_pay, leave.unused_leave_from_facts,
        (leave.UNTAKEN_PAY_300, leave.LEAVE_DAILY_WAGE, leave.WAGE_DAYS_21_75, leave.UNTAKEN_LEAVE_PAY, leave.LEAVING_SHARE),
    ),
    CalculatorSpec(
        "disability_lump_sum", "一次性伤残补助金", "工伤一次性伤残补助金：一级27个月到十级7个月的本人工资"
        "（工伤保险条例第三十五、三十六、三十七条，本人工资按第六十四条）",
        injury.DisabilityParams, injury.disability_lump_sum, injury.disability_from_facts,
        (*injury.DISABILITY_ARTICLES.values(), injury.INJURY_WAGE, injury.INJURY_UNINSURED),
    ),
    CalculatorSpec(
        "injury_leave_pay", "停工留薪期工资差额", "停工留薪期内原工资福利待遇不变：少发的＝（原工资－每月实际支付）×月数"
        "（工伤保险条例第三十三条）",
        injury.InjuryLeavePayParams, injury.injury_leave_pay, injury.injury_leave_pay_from_facts,
        (injury.INJURY_LEAVE_PAY,),
    ),
    CalculatorSpec(
        "flexible_retirement", "弹性提前退休", "弹性提前退休的最早时间：最多比延迟后的法定退休年龄提前三年，且不早于原法定退休年龄"
        "（国务院关于渐进式延迟法定退休年龄的办法第一条、第三条）",
        dates.RetirementParams, dates.flexible_retirement, dates.retirement_from_facts,
        (dates.RETIREMENT, dates.FLEXIBLE_RETIREMENT),
    ),
    CalculatorSpec(
        "contract_extension", "合同续延", "劳动合同在孕期、产期、哺乳期内到期的，续延到孩子满一周岁（哺乳期满）才终止"
        "（劳动合同法第四十五条、第四十二条，女职工劳动保护特别规定第九条）",
        extension.ExtensionParams, extension.contract_extension, extension.extension_from_facts,
        (extension.RUNS_ON, extension.SHIELD, extension.NURSING_PERIOD),
    ),
    CalculatorSpec(
        "injury_claim_deadline", "工伤认定申请期限", "工伤认定：单位在事故伤害发生之日起30日内申请，单位不申请的，本人、近亲属或工会"
        "在1年内直接申请（工伤保险条例第十七条）",
        claims.InjuryClaimParams, claims.injury_claim_deadline, claims.injury_claim_from_facts, (claims.INJURY_CLAIM,),
    ),
    CalculatorSpec(
        "final_award", "一裁终局", "追索劳动报酬、工伤医疗费、经济补偿或者赔偿金，不超过当地月最低工资标准12个月金额的，"
        "仲裁裁决为终局裁决（劳动争议调解仲裁法第四十七条至第四十九条）",
        claims.FinalAwardParams, claims.final_award, claims.final_award_from_facts,
        (claims.FINAL_AWARD, claims.WORKER_SUES, claims.EMPLOYER_SETS_ASIDE),
    ),
    CalculatorSpec(
        "probation", "试用期", "试用期最长期限和最低工资：按合同期限1个月、2个月或6个月，工资不低于约定工资的80%和最低工资标准"
        "（劳动合同法第十九、二十条）",
        dates.ProbationParams, dates.probation, dates.probation_from_facts,
        (*dates.PROBATION, dates.PROBATION_PAY, dates.PROBATION_DAMAGES),
    ),
    CalculatorSpec(
        "probation_pay", "试用期工资下限", "试用期工资不得低于约定工资的80%，并不得低于当地最低工资标准"
        "（劳动合同法第二十条，实施条例第十五条）",
        dates.ProbationPayParams, dates.probation_pay, dates.probation_pay_from_facts,
        (dates.PROBATION[1], dates.PROBATION_PAY),
    ),
    CalculatorSpec(
        "damage_deduction", "赔偿损失扣工资", "因本人原因造成损失、从工资中扣赔偿：每月不超过当月工资的20%，"
        "扣后不低于当地最低工资标准（工资支付暂行规定第十六条）",
        wages.DamageDeductionParams, wages.damage_deduction, wages.damage_deduction_from_facts,
        (wages.DAMAGE_DEDUCTION,),
    ),
    CalculatorSpec(
        "minimum_wage_gap", "低于最低工资的差额", "正常劳动的工资低于当地最低工资标准的，单位补足差额"
        "（最低工资规定第十二条；逾期不付加付赔偿金，劳动合同法第八十五条）",
        wages.MinimumWageGapParams, wages.minimum_wage_gap, wages.minimum_wage_gap_from_facts,
        (wages.MINIMUM_WAGE, wages.MINIMUM_WAGE_ARREARS),
    ),
    CalculatorSpec(
        "non_compete_pay", "竞业限制经济补偿", "协议约定竞业限制却没约定补偿、劳动者遵守了的：每月按离职前十二个月平均工资的30%，"
        "不低于劳动合同履行地最低工资标准（劳动争议司法解释（一）第三十六条）",
        covenants.NonCompeteParams, covenants.non_compete_pay, covenants.non_compete_from_facts,
        (covenants.NON_COMPETE_PAY,),
    ),
    CalculatorSpec(
        "training_penalty", "服务期违约金上限", "违反服务期的违约金：不超过培训费用，单位要求的不超过服务期尚未履行部分"
        "分摊的培训费用（劳动合同法第二十二条）",
        covenants.TrainingPenaltyParams, covenants.training_penalty, covenants.training_from_facts,
        (covenants.TRAINING_PENALTY,),
    ),
    CalculatorSpec(
        "unemployment_months", "失业保险金领取期限", "失业保险金最长领取期限：累计缴费满1年不足5年12个月、满5年不足10年18个月、"
        "10年以上24个月（社会保险法第四十六条）",
        covenants.UnemploymentParams, covenants.unemployment_months, covenants.unemployment_from_facts,
        (covenants.UNEMPLOYMENT_MONTHS,),
    ),
    CalculatorSpec(
        "arbitration_deadline", "仲裁时效", "劳动仲裁时效截止日：一年，从知道权利被侵害之日起；在职期间拖欠工资从离职之日起"
        "（劳动争议调解仲裁法第二十七条）",
        dates.ArbitrationParams, dates.arbitration_deadline, dates.arbitration_from_facts,
        (dates.ARBITRATION, *dates.PERIODS, dates.HOLIDAY_END),
    ),
    CalculatorSpec(
        "pay_shortfall", "少发的工资", "每月（或每次）少发的工资乘以月数（或次数）：单位应当及时足额支付劳动报酬"
        "（劳动合同法第三十条）",
        wages.ShortfallParams, wages.pay_shortfall, wages.shortfall_from_facts, (wages.FULL_PAY,),
    ),
    CalculatorSpec(
        "medical_subsidy", "经济补偿加医疗补助费", "上海：医疗期满不能工作被解除的，除经济补偿外另付不低于本人6个月工资的医疗补助费"
        "（上海市劳动合同条例第四十四条）",
        money.SeveranceParams, regional_pay.medical_subsidy, regional_pay.medical_subsidy_from_facts,
        (regional_pay.SHANGHAI_MEDICAL_SUBSIDY, money.SEVERANCE),
    ),
    CalculatorSpec(
        "retirement_age", "法定退休年龄", "渐进式延迟退休后的法定退休年龄和退休年月：每四个月（原50岁女职工每二个月）延迟一个月，"
        "最高63、58、55岁（国务院关于渐进式延迟法定退休年龄的办法第一条）",
        dates.RetirementParams, dates.retirement_age, dates.retirement_from_facts,
        (dates.RETIREMENT, dates.FLEXIBLE_RETIREMENT),
    ),
    CalculatorSpec(
        "pension_contribution", "最低缴费年限", "到延迟后的法定退休年龄时累计缴费够不够按月领养老金：2030年起最低缴费年限"
        "由15年每年提高6个月、最高20年，不够的可以延长缴费或一次性缴费（国务院关于渐进式延迟法定退休年龄的办法第二条）",
        pension.PensionParams, pension.pension_contribution, pension.pension_from_facts,
        (pension.MINIMUM_YEARS, dates.RETIREMENT, pension.PENSION_LAW),
    ),
)
CALCULATORS: Mapping[str, CalculatorSpec] = MappingProxyType({s.name: s for s in _SPECS})

_MESSAGES = {
    "missing": "为必填项",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "finite_number": "应为有限的数字",
    "bool_parsing": "应为 是 或 否（true/false）",
    "bool_type": "应为 是 或 否（true/false）",
    "date_parsing": "应为日期，如 2025-03-01",
    "date_from_datetime_parsing": "应为日期，如 2025-03-01",
    "date_from_datetime_inexact": "应为日期，如 2025-03-01",
    "date_type": "应为日期，如 2025-03-01",
    "string_type": "应为文本",
    "extra_forbidden": "不是这个计算器的参数",
}


def get_spec(name: str) -> CalculatorSpec:
    """The calculator registered under `name`; NotFoundError (in Chinese, listing the names) otherwise."""
    spec = CALCULATORS.get(name)
    if spec is None:
        raise NotFoundError(f"没有名为「{name[:40]}」的计算器；可用的有：" + "、".join(CALCULATORS))
    return spec


def _problem(model: type[BaseModel], err: Any) -> Problem:
    loc = [str(p) for p in err.get("loc", ())]
    field = loc[0] if loc else ""
    kind = str(err.get("type"))
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        what = str(ctx.get("error", err.get("msg", "取值无效")))
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le"))))
        what = {"greater_than": "应大于", "greater_than_equal": "不能小于", "less_than": "应小于",
                "less_than_equal": "不能大于"}[kind] + str(bound)
    elif kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        what = f"取值应为 {expected} 之一"
    else:
        what = _MESSAGES.get(kind, "取值无效")
    if not field:
        return Problem(None, what)
    info = model.model_fields.get(field)
    if info is None:
        return Problem(field, f"「{field}」{what}（可用参数：{'、'.join(model.model_fields)}）")
    return Problem(field, f"「{info.title or field}」（{field}）{what}")


def validate_params(name: str, params: Mapping[str, object]) -> BaseModel:
    """The calculator's parameters model from raw values; InvalidInputError names every bad field in Chinese."""
    spec = get_spec(name)
    if not isinstance(params, Mapping):
        raise InvalidInputError("计算参数应为“名称: 取值”的对象")
    try:
        return spec.params.model_validate(dict(params))
    except ValidationError as exc:
        problems = [_problem(spec.params, e) for e in exc.errors()]
        raise InvalidInputError(f"{spec.title}的参数有误：" + "；".join(p.message for p in problems),
                                detail=problems) from exc


def calculate(name: str, params: Mapping[str, object]) -> Calculation:
    """Run one calculator on raw parameter values (strings are coerced); InvalidInputError / NotFoundError."""
    spec = get_spec(name)
    return spec.fn(validate_params(name, params))


def calculator_schema(name: str) -> dict[str, Any]:
    """JSON schema of a calculator's parameters, with Chinese titles and descriptions for form building."""
    return get_spec(name).params.model_json_schema()


def from_facts(name: str, facts: Facts) -> BaseModel | Missing:
    """Validated parameters from her facts, or Missing with the one question to ask her."""
    spec = get_spec(name)
    raw = spec.from_facts(facts)
    if isinstance(raw, Missing):
        return raw
    try:
        return spec.params.model_validate(raw)
    except ValidationError as exc:
        # A fact outside a calculator's bounds (a wage of 5 元) is as good as not known: ask again.
        fields = tuple(dict.fromkeys(str(e["loc"][0]) for e in exc.errors() if e.get("loc")))
        titles = [str(spec.params.model_fields[f].title or f) for f in fields if f in spec.params.model_fields]
        if not titles:
            return Missing(("facts",), "能再详细说说您的情况吗？")
        return Missing(fields, "能再确认一下" + "、".join(titles) + "吗？")


def calculate_from_facts(name: str, facts: Facts) -> Calculation | Missing:
    """The calculation for her facts, or Missing with the one question to ask her."""
    params = from_facts(name, facts)
    if isinstance(params, Missing):
        return params
    return get_spec(name).fn(params)
