"""A generated month of consultations for the demand report's tests and benchmark (synthetic, seeded).

Conversations of one to three questions, in regions, on topics (some rarer than the privacy threshold),
with low-grounding and out-of-scope questions, safety notices, feedback and documents. Personal data is
planted in the questions (phone, ID number, bank card, email, a name after 我叫) and the rows go in the
way the service writes them: through `assistant.privacy.redact`. A few rows are written raw, as a legacy
or hand-made row could be, to prove the report redacts again. `Month` keeps the ground truth for exact
expected figures, computed here without the report's code.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

from pii_samples import id18, luhn_complete
from sqlalchemy import insert

from assistant.privacy import redact
from assistant.storage import Storage, schema

CHINA = timezone(timedelta(hours=8))
START = date(2026, 11, 1)
DAYS = 30

# topic → questions (the base forms workers ask, each with variants below).
TOPICS: dict[str, tuple[str, ...]] = {
    "三期保护": ("怀孕了公司能辞退我吗", "怀孕期间公司给我降薪合法吗", "孕期被调岗怎么办"),
    "产假": ("产假有多少天", "生二胎产假能休几天", "难产能多休几天产假"),
    "哺乳期保护": ("哺乳期每天有多长时间喂奶", "哺乳期能不能不上夜班"),
    "拖欠工资": ("公司拖欠三个月工资怎么办", "老板不发工资可以去哪里投诉"),
    "解除劳动合同": ("被公司辞退能拿多少赔偿", "公司让我自己辞职我该怎么办"),
    "职场性骚扰": ("领导对我性骚扰怎么办", "同事经常讲黄色笑话让我难受"),
    "劳动仲裁": ("劳动仲裁要准备什么材料", "仲裁时效是多久"),
    "社会保险": ("公司不给交社保合法吗",),
}
WEIGHTS = {"三期保护": 30, "产假": 22, "哺乳期保护": 12, "拖欠工资": 14, "解除劳动合同": 12, "职场性骚扰": 6,
           "劳动仲裁": 8, "社会保险": 5}
# Rarer than any threshold: asked in two conversations only, never named in the report.
RARE = {"竞业限制": ("签了竞业限制协议公司不给补偿",), "服务期": ("公司出钱培训后要求服务五年",)}
LOW = ("外卖骑手摔伤了平台管不管", "公司年会抽奖中奖要交税吗", "单位食堂饭菜太难吃能投诉吗")
OUT = ("帮我写一首关于春天的诗", "今天天气怎么样", "推荐一只股票")
REGIONS = (("云南", 25), ("上海", 20), ("广东", 18), ("浙江", 12), (None, 20), ("西藏", 0))
TEMPLATES = ("labor_arbitration_application", "pregnancy_transfer_objection", "wage_payment_demand",
             "maternity_leave_application", "sexual_harassment_complaint")
SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周", "小红芳娟丽秀英敏静燕玲"


def _variant(rng: random.Random, base: str) -> str:
    """The same question as different women type it."""
    text = base
    if rng.random() < 0.3:
        text = rng.choice(("请问", "你好，", "您好，请问")) + text
    if rng.random() < 0.4:
        text += rng.choice(("？", "?", "吗？", "啊", "。"))
    if rng.random() < 0.2:
        text = text.replace("公司", "公司，", 1)
    return text


@dataclass
class Planted:
    """Personal data written into the questions: none of it may appear in any output."""

    values: list[str] = field(default_factory=list)


def _personal(rng: random.Random, planted: Planted) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        phone = "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
        planted.values.append(phone)
        return f"我的电话{phone}，"
    if kind == 1:
        born = date(1980, 1, 1) + timedelta(days=rng.randrange(8000))
        number = id18(rng.choice("1234") + "10105" + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}")
        planted.values.append(number)
        return f"身份证{number}，"
    if kind == 2:
        card = luhn_complete("6222" + "".join(rng.choice("0123456789") for _ in range(14)))
        planted.values.append(card)
        return f"工资卡{card}，"
    if kind == 3:
        email = f"worker{rng.randrange(10**6)}@example.com"
        planted.values.append(email)
        return f"邮箱{email}，"
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    planted.values.append(name)
    return f"我叫{name}，"


@dataclass(frozen=True)
class GenTurn:
    """One generated question with its labels (the ground truth)."""

    conversation: str
    at: datetime
    base: str
    kind: str  # "topic", "low" or "out"
    topic: str | None
    grounding: str
    region: str | None
    safety: bool


@dataclass
class Month:
    """What was generated, and the figures a direct count gives."""

    turns: list[GenTurn] = field(default_factory=list)
    feedback: list[tuple[datetime, bool, int | None, str, str | None]] = field(default_factory=list)
    documents: Counter[str] = field(default_factory=Counter)
    planted: Planted = field(default_factory=Planted)

    def conversations(self, turns: list[GenTurn] | None = None) -> set[str]:
        """Distinct conversations among `turns`."""
        return {t.conversation for t in (self.turns if turns is None else turns)}

    def by(self, key: str) -> dict[object, tuple[int, int]]:
        """attribute value → (questions, distinct conversations)."""
        groups: dict[object, list[GenTurn]] = defaultdict(list)
        for t in self.turns:
            groups[getattr(t, key)].append(t)
        return {k: (len(v), len(self.conversations(v))) for k, v in groups.items()}


def _cid(tag: str, i: int) -> str:
    return "c_" + tag + f"{i:0{24 - len(tag)}d}"


def generate(storage: Storage, *, conversations: int = 600, seed: int = 7, raw_every: int = 97,
             start: date = START, days: int = DAYS, tag: str = "gen") -> Month:
    """Write `days` of consultations from `start` into `storage` (ids tagged `tag`); returns the ground truth.

    Every `raw_every`-th question is written without redaction (0: none), as a legacy row could be.
    """
    rng = random.Random(seed)
    month = Month()
    topics, weights = list(WEIGHTS), list(WEIGHTS.values())
    regions, region_w = [r for r, _ in REGIONS], [w for _, w in REGIONS]
    conv_rows, turn_rows, fb_rows = [], [], []
    rare = [(topic, q) for topic, qs in RARE.items() for q in qs]
    for i in range(conversations):
        cid = _cid(tag, i)
        region = rng.choices(regions, region_w)[0]
        if i < 4:  # one region with too few conversations to be named, one rare topic each in two
            region = "西藏" if i < 2 else region
        begin = datetime.combine(start + timedelta(days=rng.randrange(days)), datetime.min.time(), CHINA) + timedelta(
            minutes=rng.randrange(24 * 60 - 30))
        topic = rng.choices(topics, weights)[0]
        n_turns = rng.choice((1, 1, 2, 3))
        at = begin
        for idx in range(n_turns):
            roll = rng.random()
            if i < 4 and idx == 0:
                kind, t_topic, base = "topic", *rare[i // 2]
            elif roll < 0.12:
                kind, t_topic, base = "low", None, rng.choice(LOW)
            elif roll < 0.17:
                kind, t_topic, base = "out", None, rng.choice(OUT)
            else:
                kind, t_topic, base = "topic", topic, rng.choice(TOPICS[topic])
            safety = kind == "topic" and t_topic == "职场性骚扰" and rng.random() < 0.3
            grounding = "high" if kind == "topic" and rng.random() < 0.9 else "low"
            text = _variant(rng, base)
            if rng.random() < 0.3:
                text = _personal(rng, month.planted) + text
            stored = text if raw_every and len(turn_rows) % raw_every == 0 else redact(text)
            month.turns.append(GenTurn(cid, at, base, kind, t_topic, grounding, region, safety))
            turn_rows.append({"conversation_id": cid, "idx": idx, "created_at": at.astimezone(UTC), "question": stored,
                              "summary": redact("（回答摘要）"), "topic": t_topic, "grounding": grounding,
                              "region": region, "in_scope": kind != "out", "safety": safety, "mode": "compose"})
            if rng.random() < 0.25:
                helpful = kind == "topic" and grounding == "high" and rng.random() < 0.7
                rating = rng.choice((None, 1, 2, 3, 4, 5))
                fb_at = at + timedelta(minutes=1)
                fb_cid: str | None = cid if rng.random() < 0.95 else None
                month.feedback.append((fb_at, helpful, rating, base, fb_cid))
                fb_rows.append({"created_at": fb_at.astimezone(UTC), "helpful": helpful, "rating": rating,
                                "comment": redact(_personal(rng, month.planted) + "没用"), "question": redact(text),
                                "conversation_id": fb_cid, "client": "widget"})
            at += timedelta(minutes=rng.randrange(1, 10))
        conv_rows.append({"id": cid, "owner": f"widget:{tag}{i:029x}", "created_at": begin.astimezone(UTC),
                          "updated_at": at.astimezone(UTC), "region": region, "topic": topic, "query": None,
                          "known": "{}"})
    doc_rows = []
    for _ in range(conversations // 6):
        template = rng.choice(TEMPLATES)
        day = datetime.combine(start + timedelta(days=rng.randrange(days)), datetime.min.time(), CHINA)
        month.documents[template] += 1
        doc_rows.append({"created_at": (day + timedelta(hours=12)).astimezone(UTC), "template_id": template,
                         "client": "widget"})
    with storage.engine.begin() as conn:
        conn.execute(insert(schema.conversations), conv_rows)
        conn.execute(insert(schema.turns), turn_rows)
        if fb_rows:
            conn.execute(insert(schema.feedback), fb_rows)
        conn.execute(insert(schema.documents), doc_rows)
    return month


def china_day(moment: datetime) -> date:
    """The China calendar day of a time."""
    return moment.astimezone(CHINA).date()
