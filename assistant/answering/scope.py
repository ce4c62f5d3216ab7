"""Scope and safety: labour questions go on, other topics get a kind redirect, danger gets hotlines first.

Rules are deliberately lexical and conservative: a question is refused only when it matches an
out-of-scope topic AND carries no workplace word, so that no labour question is ever turned away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from assistant.retrieval.normalize import detect_region

Verdict = Literal["in_scope", "out_of_scope", "injection", "unclear"]

# Words that only appear in questions about work: any one keeps a question in scope.
STRONG_ANCHORS = (
    "公司", "单位", "老板", "领导", "主管", "经理", "上司", "厂里", "工厂", "车间", "工作", "上班", "下班", "打工",
    "工资", "薪", "劳动", "合同", "辞退", "开除", "解雇", "裁员", "炒鱿鱼", "走人", "辞职", "离职", "入职", "试用期",
    "招聘", "面试", "录用", "仲裁", "社保", "五险", "公积金", "加班", "夜班", "倒班", "调岗", "岗位", "年假",
    "年休假", "请假", "休假", "放假", "能休", "休几天", "休多久", "产假", "陪产假", "护理假", "育儿假", "婚假", "产检",
    "哺乳假", "哺乳时间", "哺乳期", "生育津贴", "生育保险", "工会", "12333", "12351", "人社", "劳动监察", "HR", "hr",
    "人事", "员工", "职工", "同事", "雇主", "用人", "扣钱", "扣我", "罚款", "绩效", "奖金", "提成", "性骚扰",
    "歧视", "工伤", "职业病", "赔偿金", "补偿金", "经济补偿", "违约金", "n+1", "N+1", "2N", "职场", "上岗", "转正",
    "待岗", "停工", "考勤", "打卡", "工时", "排班", "保胎假", "流产假", "禁忌", "三期",
    # Workplaces and people at work: a fight 在厂里 or 在工地 is a labour question, not a street crime.
    "厂", "工地", "企业", "工人", "店里", "雇", "收入", "干活", "井下", "下井", "矿井", "矿山",
)
# Words that usually mean a work question but can also be about health or family life.
WEAK_ANCHORS = (
    "怀孕", "怀上", "孕", "产", "哺乳", "喂奶", "月经", "大姨妈", "痛经", "经期", "生孩子", "生娃", "生育", "流产",
    "女职工", "妇联", "权益", "维权", "法律", "违法", "合法", "投诉", "举报", "赔偿", "补偿", "坐月子", "骚扰",
)
_ARTICLE_REF = re.compile(r"第\s*[0-9０-９零一二两三四五六七八九十百千]+\s*条")
# Topics outside labour rights, each with where to ask instead.
OUT_OF_SCOPE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("婚姻家庭", re.compile(r"离婚|抚养权|出轨|小三|彩礼|嫁妆|婚前财产|财产分割|遗产|继承|赡养|婆婆|老公.*(外遇|不回家)"),
     "婚姻家庭问题不在我的范围内。建议咨询婚姻家事律师，或拨打全国妇联妇女维权公益服务热线 12338，"
     "也可以到当地法律援助中心（12348）求助。"),
    ("天气", re.compile(r"天气|下雨|下雪|气温|温度多少|台风|刮风"), "天气情况请查看当地气象台或手机天气应用。"),
    ("写作", re.compile(r"写.{0,6}诗|作诗|诗歌|作文|歌词|笑话|小说|讲个故事|对联"),
     "写诗、写作文这类请求不在我的范围内，您可以找通用写作工具帮忙。"),
    ("烹饪", re.compile(r"怎么做.{0,4}好吃|好吃|菜谱|食谱|做菜|炒菜|红烧|炖|烘焙|蛋糕"),
     "做菜的问题不在我的范围内，可以查看菜谱类网站或应用。"),
    ("投资", re.compile(r"股票|炒股|基金|理财|比特币|涨停|买什么.{0,4}涨|证券|期货"),
     "我不能提供投资或理财建议，请咨询持牌的金融机构。"),
    ("贷款", re.compile(r"贷款|房贷|月供|按揭|利率|还款"), "贷款和房贷计算请咨询银行或使用银行的贷款计算器。"),
    ("刑事", re.compile(r"偷了|被偷|盗窃|抢劫|诈骗|判几年|坐牢|判刑|打架"),
     "与工作无关的刑事问题不在我的范围内。如遇违法犯罪请拨打 110 报警，法律咨询可拨打 12348 法律援助热线。"),
    ("医疗生活", re.compile(r"洗头|洗澡|忌口|能不能吃|能吃|吃什么|补品|下奶|催乳|注意什么|发烧|感冒|减肥|护肤|胎教|怎么治"),
     "健康和生活方面的问题请咨询医生，或拨打 12320 卫生健康热线。"),
    ("娱乐", re.compile(r"电影|电视剧|游戏|旅游|星座|算命|彩票|翻译"), "这个问题不在我的范围内。"),
    # Travel rules (a pregnant passenger's flight) are the carrier's, not labour law.
    ("出行", re.compile(r"坐飞机|乘飞机|搭飞机|乘机|登机|机票|坐高铁|坐火车|火车票|出去玩|去.{0,6}玩"),
     "乘机、乘车对孕妇有什么限制、要带什么证明，由航空公司或铁路部门规定，请直接咨询所乘航空公司或车站客服，"
     "身体能不能出行请问产检医生。工作中的权益问题可以再来问我。"),
)
# Out of scope even when a work word is in it: what tax her wage owes is the tax office's question.
ALWAYS_OUT: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("个税", re.compile(r"(?:交|缴|扣|退)多少(?:个人所得税|个税|税)|(?:个人所得税|个税)(?:怎么算|怎么扣|多少|税率)|专项附加扣除|怎么退税"),
     "个人所得税怎么算不在我的范围内，请用“个人所得税”App 查询，或拨打 12366 纳税服务热线。"
     "如果单位多扣、乱扣工资，可以再来问我。"),
    # Custody and marital property are family law even when her income is mentioned (收入比他低).
    ("婚姻家庭", re.compile(r"抚养权|孩子(?:会|一般)?(?:判|归)给?谁|财产(?:怎么)?分割|离婚.{0,12}(?:财产|房子|抚养|孩子跟谁|彩礼)"),
     "离婚、抚养权和夫妻财产问题不在我的范围内。建议咨询婚姻家事律师，或拨打全国妇联妇女维权公益服务热线 12338，"
     "也可以到当地法律援助中心（12348）求助。工作中的权益问题可以再来问我。"),
    # Translating her words is a language task even when they are 我要辞职.
    ("翻译", re.compile(r"翻译成|帮我翻译|译成(?:英文|英语|日语|韩语)|(?:英文|英语)(?:怎么说|怎么写)|用(?:英文|英语)(?:写|说)"),
     "翻译不在我的范围内，请使用翻译工具。辞职、离职手续等工作中的权益问题可以再来问我。"),
    # Which way to give birth, what is good for the baby: a doctor's question even with 剖腹产/顺产 in it.
    ("医疗", re.compile(r"(?:顺产|剖腹产|剖宫产|无痛).{0,8}(?:还是|和|跟).{0,8}(?:顺产|剖腹产|剖宫产|无痛).{0,10}"
                      r"(?:哪个|哪种|更|好|安全|伤害|影响)|对(?:宝宝|孩子|胎儿)(?:好|不好|有影响|有没有影响)"
                      ),
     "怎么生、对宝宝好不好是医学问题，不在我的范围内，请咨询您的产科医生。产假天数、生育津贴等工作中的权益问题可以再来问我。"),
    # A landlord's deposit is a tenancy dispute even when she says 押金 (a labour word when an employer takes it).
    ("租房", re.compile(r"房东|租房押金|退租|房屋租赁|租的房子?.{0,6}押金|中介.{0,6}押金"),
     "租房押金、房租这类是房屋租赁纠纷，不在我的范围内，可以先和房东协商，协商不成找社区或人民调解委员会调解，"
     "或向法院起诉，法律咨询可拨打 12348 法律援助热线。工作中的权益问题可以再来问我。"),
    # What she may eat or drink (怀孕了可以吃螃蟹、喝咖啡吗): a doctor's question even with 怀孕 in it.
    ("饮食", re.compile(r"(?:可以|能|能不能|可不可以)(?:吃|喝)[^，。？]{0,6}(?:螃蟹|海鲜|咖啡|奶茶|浓茶|酒|辣|冰|西瓜|榴莲|生鱼片)"),
     "能不能吃、喝什么是健康问题，不在我的范围内，请咨询产检医生，或拨打 12320 卫生健康热线。"
     "产假、孕期保护等工作中的权益问题可以再来问我。"),
    # A purchase gone wrong is a consumer dispute even when she says 投诉 (a labour-complaint anchor).
    ("消费纠纷", re.compile(r"(?:网上|网购|淘宝|拼多多|京东|抖音|直播间|商场|店里)(?:买|下单|购买).{0,14}(?:退款|退货|退钱|换货|假货|质量)"
                        r"|商家.{0,12}(?:退款|退货|不退|不换|假货)|(?:退款|退货).{0,6}商家"),
     "买东西退款、退货是消费纠纷，不在我的范围内，请先找平台客服，或拨打 12315 消费者投诉热线、登录全国12315平台投诉。"
     "工作中的权益问题可以再来问我。"),
)
INJECTION = re.compile(
    r"忽略.{0,8}(指令|指示|规则|设定|提示|要求)|无视.{0,8}(指令|规则|限制|设定)|(系统|system)\s*(提示|prompt)|提示词"
    r"|prompt|开发者模式|developer\s*mode|越狱|jailbreak|不受任何限制|没有任何限制|不受限制|解除限制|\bDAN\b"
    r"|配置文件|全部资料原文|资料.{0,4}原文|你的(设定|规则|指令|配置)|(输出|告诉我|显示|重复|泄露|打印).{0,12}(指令|设定|提示)"
    r"|(扮演|假装你是|你现在是).{0,12}(没有限制|不受限制|无所不能|黑客|AI|人工智能|模型|机器人)|角色扮演",
    re.IGNORECASE,
)
SELF_HARM = re.compile(r"想死|不想活|活不下去|活着没意思|自杀|轻生|跳楼|割腕|结束.{0,2}生命|寻死|了结自己")
VIOLENCE = re.compile(r"家暴|家庭暴力|打我|殴打|动手打|被打|(威胁|恐吓).{0,8}(打|杀|弄死|伤害|人身|性命|报复)|要杀|强奸|性侵|跟踪我")
FAMILY_VIOLENCE = re.compile(r"家暴|家庭暴力|老公打|丈夫打")
_SPLIT = re.compile(r"[。！？!?\n；;，,]")

REFUSAL_INTRO = "您好，我是女职工劳动权益法律助手，只能回答工作中的劳动权益问题（如怀孕和产假保护、工资加班、辞退赔偿、性骚扰、劳动仲裁等）。"
INJECTION_REPLY = (
    "抱歉，我不能提供系统设置、提示词或内部资料，也不会改变自己的工作方式。"
    "如果您在工作中遇到劳动权益问题，欢迎直接告诉我，例如“怀孕被辞退怎么办”。"
)
UNCLEAR_REPLY = "这个问题看起来和工作中的劳动权益无关，我暂时无法回答。如果您遇到了劳动权益问题，可以说说具体情况。"


@dataclass(frozen=True, slots=True)
class ScopeDecision:
    """What the scope check concluded about one message."""

    verdict: Verdict
    question: str
    reply: str = ""
    topic: str = ""
    safety: str | None = None
    notices: tuple[str, ...] = ()

    @property
    def in_scope(self) -> bool:
        """True when the message should be answered from the corpus."""
        return self.verdict == "in_scope"


def _has_any(text: str, words: Iterable[str]) -> bool:
    return any(w in text for w in words)


def safety_message(text: str) -> str | None:
    """Hotline referral text when the message mentions danger to her; None otherwise."""
    lines: list[str] = []
    if SELF_HARM.search(text):
        lines.append("如果您现在很难受、有伤害自己的想法，请马上拨打心理援助热线 12356 或 400-161-9995，"
                     "有生命危险请立即拨打 110 或 120。您不是一个人，我们愿意帮您。")
    if VIOLENCE.search(text):
        lines.append("如果您正面临暴力或人身威胁，请先确保自身安全，立即拨打 110 报警，并保留伤情照片、就医记录等证据。")
    if FAMILY_VIOLENCE.search(text) or (lines and "妇联" not in "".join(lines)):
        lines.append("全国妇联妇女维权公益服务热线 12338 可以提供帮助和转介。")
    return "".join(lines) or None


def strip_injection(text: str) -> str:
    """The message without the sentences that try to change the assistant's instructions."""
    parts = [p for p in _SPLIT.split(text) if p.strip() and not INJECTION.search(p)]
    return "，".join(p.strip() for p in parts)


def classify(text: str, *, has_history: bool = False, extra_anchors: Iterable[str] = ()) -> ScopeDecision:
    """Decide whether to answer, redirect or refuse; danger is flagged in every case."""
    safety = safety_message(text)
    notices: tuple[str, ...] = ()
    question = text
    if INJECTION.search(text):
        rest = strip_injection(text)
        if not rest or not _has_any(rest, STRONG_ANCHORS):
            return ScopeDecision("injection", text, INJECTION_REPLY, safety=safety)
        question = rest
        notices = ("您的消息中有要求改变助手设定的内容，已忽略，只回答其中的劳动权益问题。",)
    for topic, pattern, where in ALWAYS_OUT:
        if pattern.search(question):
            return ScopeDecision("out_of_scope", question, f"{REFUSAL_INTRO}{where}", topic=topic, safety=safety)
    # The airline (航空公司) she flies with is not her employer (公司): it anchors nothing.
    strong = _has_any(question.replace("航空公司", ""), STRONG_ANCHORS)
    if not strong:
        for topic, pattern, where in OUT_OF_SCOPE:
            if pattern.search(question):
                return ScopeDecision("out_of_scope", question, f"{REFUSAL_INTRO}{where}", topic=topic, safety=safety)
    if strong or _has_any(question, WEAK_ANCHORS) or _has_any(question, extra_anchors) or _ARTICLE_REF.search(question):
        return ScopeDecision("in_scope", question, safety=safety, notices=notices)
    if has_history and len(question) <= 40:
        # A short follow-up ("我在昆明", "那怎么办") continues the conversation's labour question.
        return ScopeDecision("in_scope", question, safety=safety, notices=notices)
    if safety is not None:
        return ScopeDecision("out_of_scope", question, f"{REFUSAL_INTRO}{UNCLEAR_REPLY}", topic="安全", safety=safety)
    if detect_region(question) and len(question) <= 12:
        return ScopeDecision("unclear", question, "请问您在工作中遇到了什么问题？比如怀孕被辞退、产假天数、工资被扣等，"
                             "说得越具体，我越能帮上忙。")
    return ScopeDecision("unclear", question, f"{REFUSAL_INTRO}{UNCLEAR_REPLY}")
