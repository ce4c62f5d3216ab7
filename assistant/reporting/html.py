"""需求报告.html for union staff: plain Chinese, SVG charts, every table of the DemandReport, no script."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path

from assistant.calculators.base import CHINA_TZ
from assistant.evaluation.charts import Bar, bar_chart
from assistant.evaluation.report_style import CSS
from assistant.reporting.records import DemandReport, Hidden, QuestionList, TopicRow, WeekRow

BLUE = "#1565c0"
EXTRA_CSS = """
.privacy { background:#f1f8e9; border:1px solid #c5e1a5; border-radius:8px; padding:8px 16px; }
.privacy li { margin:2px 0; }
.note { color:var(--muted); font-size:13px; margin:6px 0; }
.up { color:var(--bad); font-weight:600; } .down { color:var(--good); font-weight:600; }
.grid td.text, .grid th.text { text-align:left; max-width:620px; }
.gap-hint { background:#fff8e1; border-left:4px solid var(--warn); padding:6px 12px; border-radius:4px; }
.scroll { overflow-x:auto; }
.chart-box { max-width:100%; }
@media (max-width: 640px) { main { padding:12px; } section { padding:4px 10px 14px; } }
"""


def day(d: date) -> str:
    """A day as union staff write it: 2026年11月1日."""
    return f"{d.year}年{d.month}月{d.day}日"


def week_label(w: WeekRow) -> str:
    """11月2日–8日 (both months when the week spans two)."""
    end = f"{w.end.day}日" if w.end.month == w.start.month else f"{w.end.month}月{w.end.day}日"
    return f"{w.start.month}月{w.start.day}日–{end}" if w.end != w.start else f"{w.start.month}月{w.start.day}日"


def pct(value: float | None) -> str:
    """A share as 78%; — when there is nothing to divide."""
    return "—" if value is None else f"{value * 100:.0f}%"


def trend(row: TopicRow, k: int) -> str:
    """The change against the previous period, in words."""
    if row.previous_conversations is None:
        return f"上期少于{k}个对话"
    if row.previous_conversations == 0:
        return "新出现"
    assert row.change is not None
    if abs(row.change) < 0.005:
        return "持平"
    return f"{'增加' if row.change > 0 else '减少'} {abs(row.change) * 100:.0f}%"


def hidden_note(hidden: Hidden, what: str, k: int) -> str:
    """The sentence saying how many groups were held back, never which."""
    if not hidden.groups:
        return ""
    return (f"另有 {hidden.groups} 个{what}（共 {hidden.questions} 次提问）因不足 {k} 个不同对话而未列出，"
            "以免认出个人。")


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], *, text_col: int | None = None,
           narrow: bool = True) -> str:
    cls = "grid narrow" if narrow else "grid"
    th = "".join(f'<th{" class=text" if i == text_col else ""}>{escape(h)}</th>' for i, h in enumerate(head))
    body = []
    for row in rows:
        cells = "".join(f'<td{" class=text" if i == text_col else ""}>{escape(c)}</td>' for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(head)}" class="muted">（本期没有可以列出的记录）</td></tr>')
    # Wide tables scroll inside their own box on a phone instead of widening the page.
    return (f'<div class="scroll"><table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody>'
            "</table></div>")


def _note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>' if text else ""


def _chart(svg: str) -> str:
    return f'<div class="charts"><div class="chart-box">{svg}</div></div>'


def _card(value: str, label: str, explain: str, tone: str = "") -> str:
    return (f'<div class="card {tone}"><div class="big">{escape(value)}</div><div class="label">{escape(label)}</div>'
            f'<div class="explain">{escape(explain)}</div></div>')


def _privacy(r: DemandReport) -> str:
    p, w = r.privacy, r.window
    keep = (f"对话在最后一次提问 {p.conversation_retention_days} 天后删除，反馈保存 {p.retention_days} 天；"
            f"已删除的记录不在本报告中（目前最早可追溯到 {day(w.kept_from)}）。" if w.kept_from
            else "保留期限未设置（记录不会自动删除）。")
    clipped = (f"<li>所选起始日期早于保留期限，{day(w.since)}至{day(w.kept_from)}之间的记录可能已被删除。</li>"
               if w.kept_from and w.since < w.kept_from else "")
    return ('<div class="privacy"><ul>'
            "<li>报告只使用去除个人信息后的文字：手机号、身份证号、银行卡号、邮箱、姓名等在保存时已替换为“[手机号]”等标记，"
            "显示前再检查一遍。</li>"
            f"<li>每个主题、地区和问题至少来自 <b>{p.k}</b> 个不同的对话才会列出，少于 {p.k} 个的只计数、不显示内容，"
            "避免认出某一位职工。</li>"
            f"<li>保留期限：{escape(keep)}</li>{clipped}</ul></div>")


def _overview(r: DemandReport) -> str:
    t, g, f, ref = r.totals, r.grounding, r.feedback, r.referrals
    docs = sum(d.count for d in r.documents)
    tone = "" if g.share_high is None else ("good" if g.share_high >= 0.8 else "warn" if g.share_high >= 0.5 else "bad")
    unhelpful = f.unhelpful / f.total if f.total else None
    cards = [
        _card(str(t.questions), "提问次数", f"本期共收到的问题（一次对话可以问多个问题）。范围外 {t.out_of_scope} 次。"),
        _card(str(t.conversations), "咨询对话数", "不同的对话（大致相当于来咨询的人次）。"),
        _card(pct(g.share_high), "依据充分的回答", f"劳动权益问题 {g.answered} 个中，{g.high} 个找到了直接对应的法规和解读。", tone),
        _card(pct(unhelpful), "反馈“没帮助”", f"共 {f.total} 条反馈，其中 {f.unhelpful} 条说没帮助。"),
        _card(str(docs), "生成的文书", "职工用助手填写生成的维权文书份数。"),
        _card(str(ref.safety + ref.out_of_scope + ref.low_grounding), "转介热线",
              "安全提示、范围外引导和依据不足时建议拨打热线的次数。"),
    ]
    return '<div class="cards">' + "".join(cards) + "</div>"


def _weeks(r: DemandReport) -> str:
    bars = [Bar(week_label(w), w.questions, f"（{w.conversations} 个对话）") for w in r.weeks]
    top = max((w.questions for w in r.weeks), default=0)
    chart = bar_chart("每周提问次数", bars, max_value=float(top or 1), percent=False, colour=BLUE, value_width=170)
    rows = [[week_label(w) + ("（不完整周）" if w.partial else ""), str(w.questions), str(w.conversations)]
            for w in r.weeks]
    return _chart(chart) + _table(("周（周一至周日）", "提问次数", "对话数"), rows)


def _topics(r: DemandReport) -> str:
    k = r.privacy.k
    top = max((t.conversations for t in r.topics), default=0)
    bars = [Bar(t.topic, t.conversations, f"（{trend(t, k)}）") for t in r.topics]
    chart = bar_chart("各主题的咨询对话数", bars, max_value=float(top or 1), percent=False, colour=BLUE,
                      value_width=170)
    rows = [[t.topic, str(t.conversations), str(t.questions),
             "—" if t.previous_conversations is None else str(t.previous_conversations), trend(t, k),
             pct(t.high_grounding)] for t in r.topics]
    prev = r.window
    notes = [f"上期指 {day(prev.previous_since)}至{day(prev.previous_until)}（与本期天数相同）。"]
    if not r.previous_complete:
        notes.append("上期有一部分已超过保留期限被删除，趋势仅供参考。")
    notes.append(hidden_note(r.topics_hidden, "主题", k))
    if r.unclassified:
        notes.append(f"另有 {r.unclassified} 个劳动权益问题没有归入任何主题（资料库中没有找到直接对应的依据）。")
    table = _table(("主题", "对话数", "提问次数", "上期对话数", "变化", "依据充分的回答"), rows)
    return _chart(chart) + table + "".join(_note(n) for n in notes)


def _regions(r: DemandReport) -> str:
    top = max((x.conversations for x in r.regions), default=0)
    bars = [Bar(x.label, x.conversations) for x in r.regions]
    chart = bar_chart("各地区的咨询对话数", bars, max_value=float(top or 1), percent=False, colour=BLUE)
    rows = [[x.label, str(x.conversations), str(x.questions)] for x in r.regions]
    note = "地区来自职工在问题中提到的地方（城市归入所在省份），或工会App传来的地区；未提到的计入“未识别地区”。"
    return (_chart(chart) + _table(("地区", "对话数", "提问次数"), rows) + _note(note)
            + _note(hidden_note(r.regions_hidden, "地区", r.privacy.k)))


def _grounding(r: DemandReport) -> str:
    g = r.grounding
    bars = [Bar(t.topic, t.high_grounding) for t in r.topics if t.high_grounding is not None]
    bars.insert(0, Bar("全部", g.share_high))
    chart = bar_chart("依据充分的回答占比（越高越好）", bars)
    text = (f"本期 {g.answered} 个劳动权益问题中，{g.high} 个（{pct(g.share_high)}）的回答找到了直接对应的法规条文和解读卡片；"
            f"{g.low} 个依据不足，助手没有猜测，而是建议拨打 12351。")
    return f"<p>{escape(text)}</p>" + _chart(chart)


def _questions(lst: QuestionList, k: int, empty_hint: str) -> str:
    rows = [[str(i), q.text, str(q.conversations), str(q.questions)] for i, q in enumerate(lst.rows, start=1)]
    notes = [hidden_note(lst.hidden, "问题", k)]
    if lst.more:
        notes.append(f"还有 {lst.more} 个问题也达到 {k} 个对话，未列在前面（--top 可以列出更多）。")
    if not rows:
        notes.append(empty_hint)
    return (_table(("序号", "问题（已去除个人信息）", "对话数", "提问次数"), rows, text_col=1, narrow=False)
            + "".join(_note(n) for n in notes))


def _feedback_line(r: DemandReport) -> str:
    f = r.feedback
    rating = f"，{f.rated} 条打了分，平均 {f.mean_rating:.1f} 分（满分 5 分）" if f.mean_rating is not None else ""
    return f"<p>本期共 {f.total} 条反馈：有帮助 {f.helpful} 条，没帮助 {f.unhelpful} 条{escape(rating)}。</p>"


def _documents(r: DemandReport) -> str:
    top = max((d.count for d in r.documents), default=0)
    bars = [Bar(d.title, d.count) for d in r.documents]
    chart = bar_chart("各类文书生成份数", bars, max_value=float(top or 1), percent=False, colour=BLUE,
                      label_width=170) if bars else ""
    rows = [[d.title, str(d.count)] for d in r.documents]
    note = ("文书记录不含地区，这里是全部地区的数字。" if r.window.region else "") + "只记录生成了哪种文书，从不保存填写的内容。"
    return (_chart(chart) if chart else "") + _table(("文书", "份数"), rows) + _note(note)


def _referrals(r: DemandReport) -> str:
    ref = r.referrals
    rows = [
        ["安全提示（轻生念头、暴力或人身威胁：先给出 110、12356、12338 等热线）", str(ref.safety), str(ref.safety_conversations)],
        ["范围外问题的引导（婚姻家庭、医疗等，告知应咨询的热线或机构）", str(ref.out_of_scope), str(ref.out_of_scope_conversations)],
        ["依据不足，建议拨打 12351 职工服务热线", str(ref.low_grounding), str(ref.low_grounding_conversations)],
    ]
    return _table(("转介类型", "次数", "对话数"), rows, text_col=0, narrow=False)


def render_demand_html(r: DemandReport) -> str:
    """The whole report as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched)."""
    w, k = r.window, r.privacy.k
    place = w.region or "全部地区"
    generated = w.generated_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    low_hint = "本期没有达到列出条件的依据不足问题。"
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>职工法律咨询需求报告 · {escape(day(w.since))}至{escape(day(w.until))}</title>
<style>{CSS}{EXTRA_CSS}</style></head>
<body><main>
<h1>女职工法律咨询需求报告</h1>
<p class="meta">时间：<b id="period">{escape(day(w.since))}至{escape(day(w.until))}</b>（{w.days} 天）· 地区：<b id="region">{escape(place)}</b>
 · 生成时间：{escape(generated)}（北京时间）</p>
{_privacy(r)}
<section><h2>一、概览</h2>{_overview(r)}</section>
<section><h2>二、每周提问</h2>{_weeks(r)}</section>
<section><h2>三、热门主题及变化趋势</h2>{_topics(r)}</section>
<section><h2>四、地区分布</h2>{_regions(r)}</section>
<section><h2>五、回答依据是否充分</h2>{_grounding(r)}</section>
<section><h2>六、依据不足的高频问题</h2>
<p class="gap-hint">这些问题助手没能找到直接对应的法规或解读，是下一步补充法规库和解读卡片的重点。</p>
{_questions(r.low_grounding, k, low_hint)}</section>
<section><h2>七、职工反馈“没帮助”的高频问题</h2>{_feedback_line(r)}
{_questions(r.unhelpful, k, "本期没有达到列出条件的“没帮助”问题。")}</section>
<section><h2>八、生成的文书</h2>{_documents(r)}</section>
<section><h2>九、热线转介</h2>{_referrals(r)}</section>
<p class="note">计数说明：“提问次数”是职工发出的问题条数；“对话数”是不同对话的个数，同一对话里的追问只算一次。
日期按北京时间计，每周从周一到周日。</p>
</main></body></html>
"""


def write_demand_html(path: Path, report: DemandReport) -> None:
    """Write the HTML report (UTF-8)."""
    path.write_text(render_demand_html(report), encoding="utf-8")
