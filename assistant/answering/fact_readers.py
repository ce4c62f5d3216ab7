"""Readers of each kind of fact in her question (wage, overtime, pregnancy, child, birth, group, flags).

Each reader takes the Scanner (or the plain text for yes/no flags) and returns the fields it found;
extract_facts in facts.py runs them in an order where the more specific reading goes first and masks
its span (怀孕3个月 before 干了3个月, 欠我工资两万 never becomes a monthly wage).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from assistant.answering.fact_rules import (
    AMOUNT,
    BARE_DUR,
    CN,
    DUR,
    NUM,
    DateMention,
    Scanner,
    parse_amount,
    parse_duration,
    parse_num,
)
from assistant.answering.situation import DENIED
from assistant.calculators.base import add_months


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_NOT_UNIT = r"(?!\s*(?:\d|个|小时|天|次|号|日|年|岁|%|条|周|人|倍|点|分))"
_LOCAL_AVG = _rx(rf"(?:当地|本地|我们那|全市|市里|本市|社平|社会平均|上年度|去年)[^，。；,;\d]{{0,10}}?"
                 rf"(?:平均工资|社平工资|平均月工资|工资)[^\d{CN}]{{0,6}}?(?P<a>{AMOUNT}){_NOT_UNIT}")
# 公司上年度职工月平均工资6000: the employer's average, the base of 生育津贴 (not the city's, not hers).
_EMPLOYER_AVG = _rx(rf"(?:公司|单位|厂里|我们厂|企业)(?:的)?(?:上年度|上一年度|去年)?[^，。；,;\d]{{0,6}}?"
                    rf"(?:平均工资|平均月工资|人均工资)[^\d{CN}]{{0,6}}?(?P<a>{AMOUNT}){_NOT_UNIT}")
# 产假休158天, 产假一共128天: the leave she has or took, the days of 生育津贴 she may be paid.
_MATERNITY_DAYS = _rx(r"产假(?:休了?|有|是|共|一共|总共|批了|给了?|能休)?\s*" + r"(?P<n>\d{2,3})\s*天")
_MIN_WAGE = _rx(rf"最低工资(?:标准)?[^\d，。]{{0,6}}?(?P<a>{AMOUNT}){_NOT_UNIT}")
_FILL = r"(?:是|为|有|要从|从|一直|都|大概|大约|约|差不多|才|只有|就|每个?月|一个月|一月|每月|税前|税后|到手|能拿|拿|平均|[:：])*"
_WAGE = (
    _rx(rf"(?<![欠扣补发])(?:(?:每个?月|一个月|每月)\s*)?(?:月薪|月工资|月收入|每月工资|每个月工资|一个月工资|平均工资|转正工资|转正后|转正|工资|薪水|薪资|底薪|收入|到手|税前|税后)"
        rf"{_FILL}\s*(?P<a>{AMOUNT})\s*(?:元|块钱?|多|左右)?{_NOT_UNIT}"),
    _rx(rf"(?:一个月|每个?月|每月)(?:能|可以)?(?:拿|挣|赚|发|到手)\s*(?P<a>{AMOUNT})\s*(?:元|块)?{_NOT_UNIT}"),
    _rx(rf"(?P<a>{AMOUNT})\s*(?:元|块钱?)\s*(?:一个月|每月|每个月|/月|一月)"),
    _rx(rf"(?<![欠扣补发])(?:每个?月|每月|一个月)\s*(?:才|只有|只|也就)?\s*(?P<a>{AMOUNT})\s*(?:元|块钱?)?{_NOT_UNIT}"),
    _rx(r"(?<![\w.])(?P<a>\d+(?:\.\d+)?\s*[kK])(?![a-zA-Z])"),
)
_AVERAGE_12 = _rx(rf"(?:前|过去|离职前|解除前|最近)?\s*(?:(?:12|十二)\s*个月|□{{2,6}})(?:的)?(?:月)?(?:平均|均)(?:月)?(?:工资|月薪|收入|薪资)?(?:是|为|有|才|也是|大概|约)?\s*(?P<a>{AMOUNT})\s*(?:元|块钱?)?{_NOT_UNIT}")
_LAST_MONTH = _rx(rf"(?:上个?月|上一个月|\d{{1,2}}月)(?:的)?(?:工资|实发|到手)(?:是|为|有|才|只有)?\s*(?P<a>{AMOUNT})\s*(?:元|块钱?)?{_NOT_UNIT}")
# 试用期4000，转正5000: the wage after probation, the base of 赔偿金 for an over-long probation (劳动合同法第八十三条).
_REGULAR_WAGE = _rx(rf"转正(?:后|以后)?(?:的)?(?:工资|月薪|薪资|薪水)?{_FILL}\s*(?P<a>{AMOUNT})\s*(?:元|块钱?)?{_NOT_UNIT}")
_YEAR_SALARY = _rx(rf"年薪(?:是|有|大概|约)?\s*(?P<a>{AMOUNT})\s*(?:元|块)?{_NOT_UNIT}")
HOURS = rf"(?P<n>{NUM})\s*(?:个)?(?P<half>半)?\s*(?:多)?(?:小时|钟头|h\b)"
_DAYS = rf"(?P<n>{NUM})\s*(?:个)?(?P<half>半)?\s*天"
_HOLIDAY = r"(?:国庆|春节|过年|五一|劳动节|元旦|清明|端午|中秋|法定节假日|法定假日|节假日|法定休假日|法定节日)"
_REST = r"(?:周末|周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|休息日|双休日?|休息天)"
_OT_VERB = (r"(?:期间|那几天|的时候)?(?:也|都|还|经常|基本|常常)*(?:要|被|得|让我?|叫我?|喊我?|要求我?)?"
            r"(?:叫去|叫来|喊去|喊来|去|来|回来|回公司)?(?:安排)?(?:加班|上班|值班)(?:了)?(?:共|一共|总共)?\s*")
# 国庆节10月1号让我上班一天, 周六周日被叫去加班两天: a few words may sit between the day and the verb.
_GAP = r"[^，。；,;！？!?]{0,10}?"
_OT_HOLIDAY = (_rx(_HOLIDAY + _GAP + _OT_VERB + _DAYS),
               _rx(_HOLIDAY + _GAP + r"(?:上|干|加)了?\s*" + _DAYS + r"(?:的)?班"),
               # 春节大年初一、初二两天都上了全天班: the days named, then the work
               _rx(_HOLIDAY + _GAP + r"(?<!初)" + _DAYS + r"(?:都|也|全)?(?:在|要|被)?(?:上|干|加|值)了?(?:全天|整天|一整天|白)?(?:的)?班"))
_OT_REST = (_rx(_REST + _GAP + _OT_VERB + _DAYS), _rx(_REST + r"(?:也|都|还)*(?:要|被)?加了\s*" + _DAYS[:-1] + r"天班"),
            # 4个周六被叫去加班 (a day each; 3个周末 may be three or six days, so weekends are not read here)
            _rx(rf"(?P<n>{NUM})\s*个\s*(?:周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|休息日)[^，。；,;！？!?\d]{{0,8}}?(?:加班|上班|上了班|干活)"))
# 两个周六各加了8小时: so many rest days, so many hours each.
_OT_REST_EACH = _rx(rf"(?P<c>{NUM})\s*个?{_REST}(?:(?:都|也)?(?:各|每天|每次|都)|[^。；;！？!?\d]{{0,14}}?(?:各|每天|每次))(?:加班|加了|上了|干了)?\s*" + HOURS)
# 还有一个周六加了8小时, 周日加班了6小时: hours on rest days, all told.
_OT_REST_HOURS = _rx(rf"(?:(?:一|1)个)?{_REST}(?:又|也|还)?(?:加班了?|加了|上了|干了)\s*" + HOURS)
_OT_DAILY = _rx(r"(?:每(?:天|日|晚)|天天|工作日天天|每个工作日)(?:都|基本|平均|至少|大概|要|得|被|还)*加班\s*" + HOURS)
_OT_HOURS = _rx(r"(?:(?:平时|工作日|下班后|晚上)?加班(?:了|共|总共|一共|累计)*|(?:一共|总共|累计|加起来)(?:一共|总共|共)?(?:加了|加班了?))\s*" + HOURS)
_OT_WORKDAYS = _rx(rf"加(?:了)?班(?:了)?\s*(?P<n>{NUM})\s*(?:个)?(?:工作日|天)|加了\s*(?P<n2>{NUM})\s*天(?:的)?班?"
                   rf"|(?:一个月|每个?月|每月|上个?月|这个?月|本月)(?:上|有|要上|上了)?\s*(?P<n3>{NUM})\s*(?:个)?(?:天班|个?工作日|天的班)")
# 上个月22个工作日全是这样 (the month itself is read as a date first): the days her long hours ran.
# 周一到周五一共上了22天: the days of the month she worked those hours.
_WORKDAYS_LIKE_THIS = _rx(rf"(?<![\d.])(?P<n>{NUM})\s*个?工作日(?:全|都|每天|天天)"
                          rf"|(?:一共|总共|共)(?:上了?|干了?|做了?)\s*(?P<n2>{NUM})\s*(?:个)?(?:天|工作日)(?:班)?")
PREGNANCY = _rx(rf"(?:怀孕|怀上|怀了|孕|妊娠|身孕)(?:已经|快|才|刚|刚好|正好|有|满|了|到|的时候|时)*\s*{DUR}")
PREGNANCY_WEEKS = _rx(rf"(?:怀孕|怀上|孕|妊娠)(?:已经|快|才|刚|有|满|了|到|差不多|大概|大约|将近|约)*\s*(?P<w>{NUM})\s*(?:周|个?星期)(?P<more>多)?")
# 两年内, 三岁以内: a limit, not a length of time already behind her.
_NOT_SPAN = r"(?!\s*(?:以内|之内|内|以下|期间|的时候))"
_CHILD = r"(?:孩子|宝宝|宝贝|小孩|娃|婴儿|儿子|女儿|闺女|小宝|大宝|二宝|老二|老三|宝)"
_CHILD_AGE = (
    _rx(rf"{_CHILD}(?:现在|才|刚|已经|今年|快|还|都|出生|生下来)*(?:满)?\s*(?>(?P<y>{NUM})\s*(?:周)?岁(?P<yh>半)?(?P<ym>多)?){_NOT_SPAN}"),
    _rx(rf"{_CHILD}(?:现在|才|刚|已经|今年|快|还|都|出生|生下来)*(?:满)?\s*(?P<m2>{NUM})\s*个(?P<mh>半)?(?P<m2m>多)?月"),
    _rx(rf"(?:生完孩子|生完|产后|生了孩子|生孩子后|生产后|分娩后|出月子)(?:已经|才|刚|快)*\s*(?P<m2>{NUM})\s*个(?P<mh>半)?(?P<m2m>多)?月"),
    _rx(rf"(?P<m2>{NUM})\s*个(?P<mh>半)?(?P<m2m>多)?月(?:大)?的{_CHILD}"),
    _rx(rf"(?P<y>{NUM})\s*(?:周)?岁(?P<yh>半)?(?P<ym>多)?的{_CHILD}"),
)
_UNDER_ONE = _rx(r"(?:不到|不满|未满|没满|还没到?|没到|不足)\s*(?:一|1)\s*(?:周)?岁")
# She is on maternity leave or nursing now (not 哺乳期满, 产假结束后 …).
NURSING_NOW = _rx(r"(?:还在|正在|处于|在|休)(?:哺乳期|产假|产期)(?!满|结束|过后|后)|哺乳期(?:间|内|中)|产假(?:期间|中|里)")
_NEWBORN = _rx(r"(?:刚满月|刚出月子|满月了|才满月)")
CONTRACT = (
    _rx(rf"(?:签了?|签订了?|签的是?|订了?|续签了?|续了?)(?:一份|个)?\s*{DUR}\s*(?:的)?(?:固定期限)?(?:劳动)?合同"),
    _rx(rf"(?:劳动)?合同(?:期限|期)(?:是|为|只有|签了|才)?\s*{DUR}"),
    _rx(rf"(?:劳动)?合同(?:只|就|才)?(?:签了?|签的是?|订了?)(?:一份|个)?\s*{DUR}(?!了|多了)"),
    _rx(rf"(?<![干做了])\b{DUR}(?:的)?(?:固定期限)?(?:劳动)?合同(?!到期|还有|快)"),
)
# 请了两个半月病假, 病假累计3个月: sick leave taken this year (职工带薪年休假条例第四条).
SICK_LEAVE = (_rx(rf"(?:请了?|休了?)(?:一共|累计|总共)?\s*{DUR}(?:的)?病假"),
              _rx(rf"病假(?:请了?|休了?)?(?:一共|累计|总共)?(?:有)?\s*{DUR}"))
PROBATION = (_rx(rf"试用期(?:是|为|有|约定了|约定|约了|定了|定的|写的|写了|签了|长达|竟然|居然|只有|要|说是)?\s*{DUR}"),
              _rx(rf"{DUR}(?:的)?试用期"))
_INSURANCE = r"(?:社保|失业保险|失业险|养老保险|养老|五险|保险)"
INSURANCE_WORDS = _INSURANCE
INSURED = (_rx(rf"{_INSURANCE}(?:已经|一共|总共|累计|才|只)?(?:交|缴|缴费|交费|买)了?(?:已经|一共|总共|累计|才|只|有)?\s*{DUR}"),
           _rx(rf"(?:交|缴|买)了?(?:一共|总共|累计|才|只)?\s*{DUR}(?:的)?{_INSURANCE}"),
           _rx(rf"缴费(?:年限)?(?:是|有|才|只有|满)?\s*{DUR}"))
# 换了新公司, 跳槽: the years she says she worked were with earlier employers too.
JOB_CHANGE = _rx(r"跳槽|换了?(?:个|一个|一家|家)?(?:新)?(?:公司|单位|工作)|换过\s*(?:\d+|[一两二三四五六七八九十几]+)?\s*(?:家|个)?(?:公司|单位|工作)?|新公司|新单位|新东家|到新的?(?:公司|单位)")
TOTAL_YEARS = _rx(rf"(?:工龄|参加工作|(?<![这该那家])我(?:已经|都)?工作(?=了?\s*(?:\d|[一二两三四五六七八九十]).{{0,4}}?年了)|(?:之前|以前|原来|此前)(?:一共|总共|已经)?(?:工作|上班|干)了?|累计工作|总共工作了?|一共工作了?|工作年限|总共上班了?|一共上班了?|累计上班了?)(?:已经|已|有|了|满|快|都|将近|差不多|一共|总共|累计)*\s*{DUR}")
_VERB = r"(?:干了|做了|工作了|上班了|上了|待了|呆了|干|做|工作|上班|入职|在职|来了|进厂|进公司|进来)"
WORKED = (
    _rx(rf"{_VERB}(?:了|已经|已|有|满|都|共|一共|总共)*\s*(?>{DUR}){_NOT_SPAN}"),
    _rx(rf"在(?:这|该|那|现在|我们|目前)?(?:的)?(?:家|个)?(?:公司|单位|厂|工厂|厂里|店|企业|医院|学校|酒店|饭店|超市|门店)"
        rf"(?:里)?(?:已经|都|有)*\s*(?>{DUR}){_NOT_SPAN}"),
    _rx(f"(?>{BARE_DUR}){_NOT_SPAN}"),
)
# 入职第二个月就被辞退: she had worked about that many months (the month she is in counts).
NTH_MONTH = re.compile(r"(?:入职(?:后)?(?:的)?|(?:干|做|上班|工作)到)第\s*(?P<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*个月")
_BIRTH = (
    _rx(r"(?:出生于|生于)\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月)?"),
    _rx(r"(?<!\d)(?P<y>(?:19|20)?\d{2})\s*(?:年|[./-])\s*(?:(?P<m>\d{1,2})\s*月?(?:份)?\s*(?:\d{1,2}\s*[日号])?)?\s*"
        r"(?:出生|出世|生人|生的(?!孩子|宝宝|娃)|生(?![了孩完产育宝二三娃下]))"),
    _rx(r"我是\s*(?P<y>(?:19|20)?\d{2})\s*年(?:(?P<m>\d{1,2})\s*月)?(?:份)?的"),
)
_CHILD_BEFORE = re.compile(_CHILD + r"[^，。,]{0,4}$")
AGE = _rx(r"(?<![到至过满超])(?P<n>\d{2}|[二三四五六七]十[一二三四五六七八九]?)\s*(?:周)?岁(?!半|多|的(?:孩子|宝宝|娃))")
_CATEGORY_EXPLICIT = _rx(r"(?:原(?:来|先|本)?(?:的)?(?:法定)?退休年龄(?:是|为)?|按)?\s*(?P<n>50|五十|55|五十五|60|六十)\s*(?:周)?岁\s*"
                         r"(?:就|才)?(?:能|可以|应该|要|应当)?退休")
_WORKER_WORDS = ("女工人", "工厂女工", "厂里的女工", "普通工人", "工人岗位", "工人身份", "车间", "流水线", "普工",
                 "操作工", "一线工人", "生产线", "工人", "我是女工", "女工，", "工厂", "厂里", "在厂", "进厂", "纺织厂",
                 "电子厂", "服装厂", "食品厂")
_CADRE_WORDS = ("女干部", "干部身份", "管理岗", "管理人员", "技术岗", "专业技术", "办公室", "文员", "会计", "行政")
_CADRE_EXPLICIT = frozenset(_CADRE_WORDS[:6])
FEMALE = _rx(r"(?:^|[，,。\s])女(?:[，,。\s]|$)|我是女|女工|女职工|女员工|我是女的|女性|妇女|怀孕|孕期|哺乳|产假|宝妈|孕妇|流产|喂奶|女同志|女干部")
MALE = _rx(r"(?:^|[，,。\s])男(?:[，,。\s]|$)|我是男|男职工|男员工|男工|本人男")
_MISCARRIAGE = _rx(r"(?<!先兆)(?<!怕)(?<!担心)(?<!防止)(?<!避免)(?<!预防)(?:流产|小产|胎停|人流|引产|药流|胎儿没保住|孩子没保住)(?!史|风险|迹象|征兆)")
_THREAT = (r"(?<!要)(?<!想)(?<!准备)(?<!打算)(?<!会)(?<!可能)(?<!威胁)(?<!扬言)(?<!怕)(?<!担心)(?<!能不能)(?<!可以)"
           r"(?<!是否)(?<!如果)(?<!假如)(?<!逼我)(?<!不想)(?<!不能)(?<!让我)(?<!自动)(?<!自己)(?<!算)")
_DISMISSED = _rx(_THREAT + r"(?:被|把我)?(?:无故|违法|突然|直接|强行|口头|单方面)?(?:辞退|开除|解雇|裁员|裁掉|裁了|炒了|炒鱿鱼|劝退|被裁|不用来了|别来了|不要来了|辞了|把我辞|把我开了|把我给开了|给开了|开掉|(?:让|叫|要)我走人|岗位没了让我走|(?:跟|和|与)我解除(?:了)?(?:劳动)?(?:合同|关系)|把我解除|解除了我的(?:劳动)?合同|发(?:了)?(?:书面)?通知(?:说|要)?[^，。；]{0,6}?解除(?:劳动)?(?:合同|关系)|(?:发|下|给)了?(?:我)?(?:一份|一张)?(?:解除|辞退)(?:劳动合同)?通知|通知我(?:解除|不用来))")
# 没有提前一个月通知我, 没提前30天, 即日起解除: no 30 days' written notice (劳动合同法第四十条: one more month's wage).
_NO_NOTICE = _rx(r"(?:没有?|未|不)(?:给我)?(?:提前|事先)(?:一个月|1个月|30天|三十天|30日|三十日)?(?:书面)?(?:通知|告知|说)"
                 r"|即日起|当天就(?:给了?我|让我|叫我|发)|当场(?:就)?(?:让我|叫我)走|直接(?:让我|叫我)走")
_ENDED = _rx(_THREAT + r"(?:离职了|已离职|已经离职|辞职了|已辞职|已经辞职|离开了?公司|不干了|走人了|合同到期了?不续|"
             r"终止了?劳动(?:合同|关系)|解除了?劳动(?:合同|关系)|离职的|辞职的|离职后|(?:今天|当天|就|说)终止|"
             r"(?:离职|辞职)(?:已经|都|快|有)?\s*[\d一二两三四五六七八九十半]+\s*(?:个)?(?:天|周|星期|月|年)半?多?了)")
_ARREARS = _rx(r"拖欠|欠薪|欠(?:我|了)?(?:的)?(?:几个月|\d+个月)?(?:的)?工资|工资(?:一直|还|都)?(?:没|不|未)(?:发|给|结)|"
               r"(?:没|不|未)(?:发|给|结)(?:我)?(?:的)?工资|不给(?:我)?(?:发)?工资|讨薪|要工资|工资缓发|缓发|(?:都|一直|还)没补")
_NO_CONTRACT = _rx(r"(?:没|未|不|没有|一直没|从没)(?:跟我|和我|与我|给我)?(?:签|签订|订立|签过)(?:书面)?(?:的)?(?:劳动)?合同|"
                   r"合同(?:一直|还|都|也|至今)?(?:没|未|没有)(?:签|签订|订立)")
_OPEN_ENDED = _rx(r"无固定期限")
# 劳动争议调解仲裁法第二十七条第二款: pressing the claim, asking an authority, or the employer agreeing to pay.
_INTERRUPTED = _rx(r"一直(?:在)?(?:催|要|讨)|(?<![催])催(?![乳产眠奶])|讨过|要过(?:几次|好几次|钱|工资)|"
                   r"(?:老板|公司|单位|他|对方)(?:也|还|都)?(?:答应|承诺|同意|说好|回复说|说过段时间|说下个月)|"
                   r"投诉过|申请过调解|找过劳动(?:局|监察)|写过欠条|打了欠条|签了欠条")
_ORDERS = ((3, _rx(r"三胎|三孩|老三|第三胎|第三个孩子|第三个宝宝|三宝")),
           (2, _rx(r"二胎|二孩|老二|第二胎|第二个孩子|第二个宝宝|二宝|生二")),
           (1, _rx(r"头胎|第一胎|一胎|一孩|第一个孩子|第一个宝宝")))
_BABIES = ((4, _rx(r"四胞胎")), (3, _rx(r"三胞胎")), (2, _rx(r"双胞胎|双胞|双胎|龙凤胎|双生")))


def _amount(m: re.Match[str], low: float = 300, high: float = 500_000) -> float | None:
    value = parse_amount(m.group("a"))
    return value if value is not None and low <= value <= high else None


_OWED_BEFORE = re.compile(r"(?:欠|扣|补|拖|少发|讨|要回)[^，。,]{0,3}$")


def _first_amount(scanner: Scanner, patterns: tuple[re.Pattern[str], ...], low: float = 300) -> float | None:
    for rx in patterns:
        for m in scanner.matches(rx):
            if _OWED_BEFORE.search(scanner.text[max(0, m.start() - 5):m.start()]):
                continue  # 欠我工资两万 is what she is owed, not her monthly wage
            value = _amount(m, low)
            if value is not None:
                scanner.mask(m.start(), m.end())
                return value
    return None


def read_duration(scanner: Scanner, patterns: tuple[re.Pattern[str], ...]) -> tuple[int, bool] | None:
    """Months (and whether approximate) from the first pattern that reads a duration; masked."""
    for rx in patterns:
        for m in scanner.matches(rx):
            found = parse_duration(m)
            if found is not None:
                scanner.mask(m.start(), m.end())
                return found
    return None


def read_number(scanner: Scanner, rx: re.Pattern[str], key: str = "n") -> float | None:
    """The first number the pattern finds where nothing more specific has been read (its span is then masked)."""
    for m in scanner.matches(rx):
        raw = m.groupdict().get(key) or m.groupdict().get(key + "2") or m.groupdict().get(key + "3")
        try:
            value = parse_num(raw or "") + (0.5 if m.groupdict().get("half") else 0)
        except ValueError:
            continue
        scanner.mask(m.start(), m.end())
        return value
    return None


# 服务期 (劳动合同法第二十二条): 培训花了2万, 培训费3万元; 服务期2年, 签了3年服务期; 违约金写的5万.
# 培训费2万4加差旅费一共3万: the total with travel counts (劳动合同法实施条例第十六条), so it is read first.
_TRAINING_COST = (_rx(rf"(?:差旅|路费|交通费|住宿|食宿|机票|车费)[^，。；,;]{{0,8}}?(?:一共|总共|共计|合计|加起来|总计)(?:是|花了|有|要)?\s*(?P<a>{AMOUNT}){_NOT_UNIT}"),
                  _rx(rf"培训(?:费用?|的费用|的钱)?(?:花了|花费了?|用了|出了|是|为|共|一共|总共|大概|约)*\s*(?P<a>{AMOUNT}){_NOT_UNIT}"),
                  _rx(rf"(?:花了|出了|掏了)\s*(?P<a>{AMOUNT})\s*(?:元|块钱?)?[^，。；,;\d]{{0,8}}?培训"),
                  _rx(rf"(?P<a>{AMOUNT})\s*(?:元|块钱?)?(?:的)?培训费"))
_SERVICE = (_rx(rf"服务期(?:是|为|约定了?|定了|签了|写的|写了|有|要)?\s*{DUR}"), _rx(rf"{DUR}(?:的)?服务期"),
            _rx(rf"(?:起|开始)?(?:要|须|必须|得)?服务(?:满|够)\s*{DUR}"))
_SERVED = (_rx(rf"(?:干满|干了|做满|做了|工作满|工作了|已经干了|才干了|才过了|过了|履行了|服务了|待了|待满)\s*{DUR}"),)
_PENALTY = _rx(rf"违约金(?:写的|写了|约定了?|定了|是|为|要|高达|竟然|居然)*\s*(?P<a>{AMOUNT}){_NOT_UNIT}")


def read_training(scanner: Scanner) -> dict[str, Any]:
    """The training cost, the service period, the months served and the agreed penalty, when she names a 服务期."""
    if "服务期" not in scanner.text and "培训" not in scanner.text:
        return {}
    out: dict[str, Any] = {"training_cost": _first_amount(scanner, _TRAINING_COST)}
    service = read_duration(scanner, _SERVICE)
    out["service_period_months"] = service[0] if service else None
    if service is not None:
        served = read_duration(scanner, _SERVED)
        out["service_served_months"] = served[0] if served else None
    out["agreed_penalty"] = _first_amount(scanner, (_PENALTY,))
    return out


_LEAVE_SHORT_PAID = _rx(rf"(?:产假|休假|生育津贴)[^。；]{{0,14}}?(?:只按|只发|只给|按)(?:照)?(?:底薪|基本工资|最低工资)\s*(?P<a>{AMOUNT})")


# 欠我3个月工资，一共1.8万; 我一个人就1.6万: the sum she claims (一裁终局 at 12 months' minimum wage).
_OWED_TOTAL = (_rx(rf"(?:欠|拖欠|没发|没给)[^，。；？]{{0,14}}?[，,]?\s*(?:一共|总共|共计|合计|总计|加起来)(?:是|有)?\s*(?P<a>{AMOUNT}){_NOT_UNIT}"),
               _rx(rf"(?:一共|总共|共)(?:欠|拖欠)(?:了)?(?:我)?(?:的)?(?:工资)?\s*(?P<a>{AMOUNT}){_NOT_UNIT}"),
               _rx(rf"我一个人(?:就|有)\s*(?P<a>{AMOUNT}){_NOT_UNIT}"))


# 工资条上直接扣了3000, 一次扣掉3000: what was taken from one month's pay (the 20% cap of 第十六条).
_DEDUCTED = _rx(rf"(?:直接|一次(?:性)?|这个月|本月|工资里|工资条上)[^，。；？]{{0,4}}?(?:扣了|扣掉了?|扣走了?)\s*(?P<a>{AMOUNT}){_NOT_UNIT}")


def read_money(scanner: Scanner) -> dict[str, Any]:
    """Minimum wage, local average wage, the sum owed to her and her monthly wage (a yearly salary ÷ 12)."""
    out: dict[str, Any] = {}
    out["minimum_wage"] = _first_amount(scanner, (_MIN_WAGE,))
    out["owed_amount"] = _first_amount(scanner, _OWED_TOTAL) if re.search(r"欠", scanner.text) else None
    out["deducted_amount"] = _first_amount(scanner, (_DEDUCTED,), low=1)
    out["employer_average_wage"] = _first_amount(scanner, (_EMPLOYER_AVG,))  # before the city's average reads it
    out["local_average_wage"] = _first_amount(scanner, (_LOCAL_AVG,))
    # 产假期间只按底薪3000发: what she was short-paid on leave is not the wage her 经济补偿 is counted on.
    scanner.take(_LEAVE_SHORT_PAID)
    regular = _first_amount(scanner, (_REGULAR_WAGE,))
    out["regular_wage"] = regular
    # 底薪6000加提成，前12个月平均9200，11月工资7600: the average is her wage (实施条例第二十七条), last month's the +1's.
    average = _first_amount(scanner, (_AVERAGE_12,))
    out["last_month_wage"] = _first_amount(scanner, (_LAST_MONTH,)) if average is not None else None
    wage = average if average is not None else _first_amount(scanner, _WAGE)
    if wage is None and (m := scanner.take(_YEAR_SALARY)):
        yearly = parse_amount(m.group("a"))
        wage = round(yearly / 12, 2) if yearly and 3600 <= yearly <= 6_000_000 else None
    out["monthly_wage"] = wage if wage is not None else regular
    return out


# 停工留薪期 after a work injury: what the employer pays a month (只给我打2000, 每月只发1500生活费) and how many
# months she has been off (养伤3个月了, 这3个月). Read only in a 工伤 message, before her wage, so the amount paid
# is not taken for her wage.
_INJURY = _rx(r"工伤|停工留薪")
_INJURY_PAID = (
    _rx(rf"(?:只|才|就|仅)(?:给|发|打|付)(?:给|发|打|付|了|我)*(?:每个?月|一个月|每月)?\s*(?P<a>{AMOUNT})\s*(?:元|块钱?)?{_NOT_UNIT}"),
    _rx(rf"(?:每个?月|每月|一个月)(?:只|才|就|仅)(?:给|发|打|付|了|我)*\s*(?P<a>{AMOUNT})\s*(?:元|块钱?)?{_NOT_UNIT}"),
    _rx(rf"(?:生活费|基本工资)(?:只有|只|才|就)?\s*(?P<a>{AMOUNT})\s*(?:元|块钱?)?{_NOT_UNIT}"),
)
_INJURY_MONTHS = (
    _rx(rf"(?:养伤|休息|休养|停工|歇|休|躺|在家|住院|治疗)(?:了)?(?:快|差不多|大概|将近|已经)?\s*(?P<n>{NUM})\s*个多?月"),
    _rx(rf"这\s*(?P<n>{NUM})\s*个月"),
)


def read_injury_pay(scanner: Scanner) -> dict[str, Any]:
    """The monthly pay during 停工留薪期 and the months off, in a message about a work injury."""
    if not _INJURY.search(scanner.text):
        return {}
    paid = _first_amount(scanner, _INJURY_PAID, low=1)
    months = next((n for rx in _INJURY_MONTHS if (n := read_number(scanner, rx)) is not None), None)
    return {"injury_paid_wage": paid,
            "injury_leave_months": int(months) if months is not None and 1 <= months <= 36 else None}


def read_overtime(scanner: Scanner) -> dict[str, Any]:
    """Overtime: holiday days, rest days, hours a day, total hours and the number of workdays."""
    holiday = None
    for rx in _OT_HOLIDAY:
        holiday = holiday if holiday is not None else read_number(scanner, rx)
    out: dict[str, Any] = {"overtime_holiday_days": holiday}
    rest = None
    for m in scanner.matches(_OT_REST_EACH):
        try:
            rest = parse_num(m.group("c")) * (parse_num(m.group("n")) + (0.5 if m.group("half") else 0)) / 8
        except ValueError:
            continue
        scanner.mask(m.start(), m.end())
        break
    if rest is None and (hours := read_number(scanner, _OT_REST_HOURS)) is not None and 0 < hours <= 24 * 8:
        rest = hours / 8
    for rx in _OT_REST:
        rest = rest if rest is not None else read_number(scanner, rx)
    out["overtime_rest_days"] = rest
    out["overtime_daily_hours"] = read_number(scanner, _OT_DAILY)
    out["overtime_workday_hours"] = read_number(scanner, _OT_HOURS)
    days = read_number(scanner, _OT_WORKDAYS)
    if days is None:
        days = read_number(scanner, _WORKDAYS_LIKE_THIS)
    out["overtime_workdays"] = None if days is None else int(days)
    return out


_GRADE_NUM = r"(?P<n>10|[1-9]|十|[一二三四五六七八九])"
_GRADE = (
    _rx(_GRADE_NUM + r"\s*级(?:的)?(?:伤残|工伤|残疾)"),
    _rx(r"(?:伤残|评残|工伤|劳动能力)(?:等级|鉴定)?(?:结论)?(?:被)?(?:评了|评为|评定为?|鉴定为|鉴定是|鉴定了|鉴定出来是?|定为|定了|认定为|是|为|了)?"
        r"\s*" + _GRADE_NUM + r"\s*级"),
    _rx(r"(?:评了|评为|评定为?|鉴定为|鉴定出来是?|鉴定成|定为|定了)\s*" + _GRADE_NUM + r"\s*级"),
)
_LEAVE = r"(?:带薪)?(?:年假|年休假)"
_LEAVE_TAKEN = (
    _rx(_LEAVE + r"[^，。；,;\d]{0,6}?(?:只|才|已经|已|一共|总共|就)*休(?:了|过)\s*" + _DAYS),
    _rx(r"(?:只|才|已经|已|一共|总共|就)*休(?:了|过)\s*" + _DAYS + r"(?:的)?" + _LEAVE),
)
_LEAVE_UNUSED = (
    _rx(_DAYS + r"(?:的)?" + _LEAVE + r"[^，。；;\d]{0,12}?(?:没休|未休|没有休|不让休|没让休|不给休|不批|没批|作废|清零)"),
    _rx(r"(?:没休|未休|没有休|没休完)的?" + _LEAVE + r"(?:还)?(?:有|剩|是)?\s*" + _DAYS),
    _rx(_LEAVE + r"[^，。；;\d]{0,4}?(?:还有|还剩|剩下|剩了|剩)\s*" + _DAYS),
)
# "5天年假一天都没休": the five are the whole year's, none taken (leaving mid-year, only a share is owed).
_NONE_TAKEN = _rx(_LEAVE + r"[^，。；;\d]{0,8}?(?:一天(?:都|也)?没(?:有)?(?:休|请)|都没(?:有)?休|全没休|一天没休)")


_ONE_DAY_NONE = _rx(r"(?:一|1)天(?:的)?" + _LEAVE + r"(?:都|也)没(?:有)?(?:休|请)")


def read_leave_and_grade(scanner: Scanner) -> dict[str, Any]:
    """Her disability grade (工伤九级), the annual-leave days she took and those left untaken, her 产假 days."""
    out: dict[str, Any] = {}
    for rx in _GRADE:
        value = read_number(scanner, rx)
        if value is not None and 1 <= value <= 10:
            out["disability_grade"] = int(value)
            break
    days = read_number(scanner, _MATERNITY_DAYS)
    if days is not None and 15 <= days <= 400:
        out["maternity_leave_days"] = int(days)
    none_taken = _NONE_TAKEN.search(scanner.text) is not None  # looked at before the unused days mask it
    if scanner.take(_ONE_DAY_NONE) is not None:  # "一天年假都没休" is none taken, not one day left
        none_taken = True
    for key, patterns in (("leave_days_unused", _LEAVE_UNUSED), ("leave_days_taken", _LEAVE_TAKEN)):
        for rx in patterns:
            value = read_number(scanner, rx)
            if value is not None and value <= 30:
                out[key] = value
                break
    if none_taken and "leave_days_taken" not in out:
        out["leave_days_taken"] = 0.0
    return out


def read_child(scanner: Scanner) -> dict[str, Any]:
    """The child's age in months and whether the child is under one."""
    out: dict[str, Any] = {}
    found = read_duration(scanner, _CHILD_AGE)
    if found is not None:
        out["child_age_months"] = found[0]
    if scanner.take(_UNDER_ONE):
        out["child_under_one"] = True
    if "child_age_months" not in out and scanner.take(_NEWBORN):
        out["child_age_months"] = 1
    if (age := out.get("child_age_months")) is not None:
        out["child_under_one"] = age < 12
    return out


def read_birth(scanner: Scanner, today: date) -> dict[str, Any]:
    """Her own birth year and month (a child's birth is left to the dates)."""
    for rx in _BIRTH:
        for m in scanner.matches(rx):
            if _CHILD_BEFORE.search(scanner.text[:m.start()]):
                continue  # 孩子2024年3月出生: the child's birth, read as a date
            y = int(m.group("y"))
            if y < 100:
                y += 2000 if y <= today.year % 100 - 16 else 1900
            month = int(m.group("m")) if m.group("m") else None
            if not (1940 <= y <= today.year - 14) or (month is not None and not 1 <= month <= 12):
                continue
            scanner.mask(m.start(), m.end())
            return {"birth_year": y, "birth_month": month}
    return {}


_AT_FIFTY = _rx(r"满\s*50(?!\d)|50岁|五十岁|满五十")


def read_category(text: str, scanner: Scanner, sex: str | None) -> dict[str, Any]:
    """The original retirement-age group, with the words it was read from."""
    if m := scanner.take(_CATEGORY_EXPLICIT):
        n = int(parse_num(m.group("n")))
        cat = {50: "female50", 55: "female55", 60: "male60"}[n]
        return {"retirement_category": cat, "retirement_evidence": (m.group(0).strip(),)}
    if sex == "male":
        return {"retirement_category": "male60", "retirement_evidence": ("男",)}
    worker = tuple(w for w in _WORKER_WORDS if w in text)
    cadre = tuple(w for w in _CADRE_WORDS if w in text)
    if sex is None and worker and not cadre and (at50 := _AT_FIFTY.search(text)):
        # 车间工人，今年满50 and told to retire: only women workers had 50 as their age (men 60, cadres 55).
        return {"retirement_category": "female50", "retirement_evidence": (worker[0], at50.group(0))}
    if sex != "female":
        return {}
    if worker and not cadre:
        return {"retirement_category": "female50", "retirement_evidence": worker[:2]}
    if cadre:
        # 干部身份, 管理岗 name the 55 group itself; 办公室, 会计 only suggest it (her records decide).
        return {"retirement_category": "female55",
                "retirement_category_ambiguous": not any(w in _CADRE_EXPLICIT for w in cadre) or bool(worker),
                "retirement_evidence": (*cadre[:2], *worker[:1])}
    return {}


def whole_months(born: DateMention, today: date) -> int:
    """Complete months of age; a birth known to the month counts from its last day (never older than she is)."""
    day = born.value.day
    if born.precision != "day":
        day = (add_months(born.value.replace(day=1), 1) - timedelta(days=1)).day
    months = (today.year - born.value.year) * 12 + today.month - born.value.month
    return max(0, months - (1 if today.day < day else 0))


def read_flags(plain: str) -> dict[str, Any]:
    """Yes/no facts and counts read from the whole text."""
    out: dict[str, Any] = {}
    if re.search(r"(?<!不准)(?<!不许)(?<!不能)(?<!禁止)(?<!不得)(?<!打不打算)(?<!怕)(?<!怕我)(?<!怕我要)(?<!担心)(?<!担心我)(?:怀孕|怀上|怀了|孕期|孕妇|有了身孕|怀着|保胎|"
                 r"先兆流产|孕\d|孕[一二三四五六七八九十])", DENIED.sub("", plain)):  # 又不是怀孕: denied, not hers
        out["pregnant"] = True
    if _MISCARRIAGE.search(plain):
        out["miscarriage"], out["pregnant"] = True, False
    out["babies"] = next((n for n, rx in _BABIES if rx.search(plain)), None)
    out["birth_order"] = next((n for n, rx in _ORDERS if rx.search(plain)), None)
    if re.search(r"难产", plain):
        out["difficult_birth"] = not re.search(r"(?:不是|没有|没)难产", plain)
    if re.search(r"剖腹产|剖宫产|剖腹|剖了|刨腹产|剖的", plain):
        out["cesarean"] = not re.search(r"(?:不是|没有|没)剖", plain)
    elif re.search(r"顺产|自然分娩|自然生产|顺的", plain):
        out["cesarean"] = False
        out.setdefault("difficult_birth", False)
    if _DISMISSED.search(plain):
        out["dismissed"] = out["employment_ended"] = True
        if _NO_NOTICE.search(plain):
            out["no_notice"] = True
    elif _ENDED.search(plain):
        out["employment_ended"] = True
    elif re.search(r"还在(?:职|上班|公司|这家)|在职期间|目前在职|仍在职", plain):
        out["employment_ended"] = False
    if _ARREARS.search(plain):
        out["wage_arrears"] = True
    if _INTERRUPTED.search(plain):
        out["claim_interrupted"] = True
    if _NO_CONTRACT.search(plain):
        out["no_written_contract"] = True
    if _OPEN_ENDED.search(plain):
        out["open_ended_contract"] = True
    return out


