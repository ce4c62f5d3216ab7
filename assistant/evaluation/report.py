"""report.html for legal staff: the figures in plain Chinese, the lawyers' review, and every question with its answer."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from assistant.corpus import Corpus
from assistant.evaluation.charts import Bar, bar_chart
from assistant.evaluation.failures import KINDS, article_label
from assistant.evaluation.labels import BY_PATH, METRICS, fmt, lookup, mode_label
from assistant.evaluation.report_style import CSS, SCRIPT
from assistant.evaluation.verdicts import VERDICTS

# Stage → (Chinese name, technical name in small print).
STAGE_LABELS = {"normalize": ("问题规范化", ""), "lexical": ("关键词检索", "BM25"), "embedding": ("问题语义向量化", ""),
                "faiss": ("语义检索", "FAISS"), "fusion": ("结果融合排序", ""), "total": ("检索合计", ""),
                "answer": ("生成回答", "")}
CATEGORY_CHARTS = (
    ("retrieval", "hit@5", "各类别前5条法条命中率"),
    ("answer", "conclusion_must_include", "各类别结论要点覆盖率"),
    ("answer", "cited_precision", "各类别引用准确率"),
)
_CARD_METRICS = [m for m in METRICS if not m.path.startswith(("retrieval_rank_shared", "latency_ms", "answer.latency"))]


def _tech(name: str) -> str:
    return f' <small class="tech">{escape(name)}</small>' if name else ""


def _tone(value: Any, kind: str, higher_is_better: bool) -> str:
    if value is None or kind == "ms":
        return ""
    if kind == "count":
        return "good" if value == 0 else "bad"
    v = float(value) if higher_is_better else 1 - float(value)
    return "good" if v >= 0.8 else ("warn" if v >= 0.5 else "bad")


def article_ref(aid: str, corpus: Corpus, *, expected: bool = False, extra: str = "") -> str:
    """An article label with its text in a <details>; only the label itself is marked when it is expected."""
    art = corpus.articles.get(aid)
    cls = ' class="expected"' if expected else ""
    if art is None:
        return f'<span class="art missing" title="法规库中没有此条">{escape(article_label(aid))}{extra}</span>'
    mark = '<span class="tick">✔ 应引用</span>' if expected else ""
    return (f'<details class="art"><summary{cls}>{escape(art.title)}{mark}{extra}</summary>'
            f'<div class="art-text">{escape(art.text)}<div class="muted">{escape(art.version)} · {escape(art.level)}'
            f"</div></div></details>")


def _cards(summary: dict[str, Any]) -> str:
    cards = []
    for m in _CARD_METRICS:
        value = lookup(summary, m.path)
        if value is None:
            continue
        cards.append(f'<div class="card {_tone(value, m.kind, m.higher_is_better)}"><div class="big">{fmt(value, m.kind, m.unit)}'
                     f'</div><div class="label">{escape(m.label)}{_tech(m.tech)}</div>'
                     f'<div class="explain">{escape(m.explain)}</div></div>')
    return '<div class="cards">' + "".join(cards) + "</div>"


def _review(summary: dict[str, Any], results: list[dict[str, Any]]) -> str:
    review = summary.get("review")
    if not review:
        return '<p class="muted">这次评测没有生成回答，所以没有律师复核结果。</p>'
    rate = fmt(review.get("approved_rate"), "pct")
    counts = "、".join(f"{v} {review['counts'].get(v, 0)} 题" for v in VERDICTS)
    stale = [r for r in results if (r.get("review") or {}).get("status") == "stale"]
    stale_links = "、".join(f'<a href="#q-{escape(str(r["id"]))}">{escape(str(r["id"]))}</a>' for r in stale)
    return (f'<div class="review-box"><p class="review-rate">律师判定正确率：<b id="approved-rate">{rate}</b>'
            f'（已复核且回答未变 {review["reviewed"]} 题）</p><p>{counts}；有害 <b>{review["harmful"]}</b> 题。</p>'
            f'<p id="stale-count" class="{"bad-text" if stale else ""}">待复核 <b>{review["stale"]}</b> 题（律师复核后回答已变）'
            f'{"：" + stale_links if stale else ""}；未复核 {review["unreviewed"]} 题。</p>'
            '<p class="muted small">复核方法：assistant eval review export 本次结果目录 --out 复核表.xlsx，在表中选择判定后'
            "用 assistant eval review import 复核表.xlsx 导入；下次评测会自动带出判定。</p></div>")


def _charts(summary: dict[str, Any]) -> str:
    cats = summary.get("categories") or {}
    out = []
    for block, key, title in CATEGORY_CHARTS:
        bars = [Bar(cat, lookup(c, f"{block}.{key}"), f"（{c.get('n_in_scope', c['n'])} 题）")
                for cat, c in cats.items() if lookup(c, block) is not None and c.get("n_in_scope")]
        if any(b.value is not None for b in bars):
            out.append(bar_chart(title, bars))
    fail_bars = [Bar(cat, c.get("n_failed", 0) / c["n"] if c.get("n") else 0.0, f"（{c['n']} 题）")
                 for cat, c in cats.items()]
    if fail_bars:
        out.append(bar_chart("各类别未通过的题目占比（越低越好）", fail_bars, higher_is_better=False))
    return '<div class="charts">' + "".join(f'<div class="chart-box">{c}</div>' for c in out) + "</div>"


def _category_table(summary: dict[str, Any]) -> str:
    cols = ("retrieval.hit@5", "retrieval.mrr@10", "answer.conclusion_must_include", "answer.cited_precision",
            "answer.cited_recall", "review.approved_rate")
    head = "".join(f"<th>{escape(BY_PATH[p].label)}</th>" for p in cols)
    rows = []
    for cat, c in (summary.get("categories") or {}).items():
        cells = "".join(f"<td>{fmt(lookup(c, p), 'pct')}</td>" for p in cols)
        rows.append(f"<tr><td>{escape(cat)}</td><td>{c['n']}</td>{cells}<td>{c.get('n_failed', 0)}</td></tr>")
    return (f'<table class="grid"><thead><tr><th>类别</th><th>题数</th>{head}<th>未通过的题</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _old_figures(summary: dict[str, Any]) -> str:
    old = [m for m in METRICS if m.path.startswith("retrieval_rank_shared")]
    items = "".join(f"<li>{escape(m.label)}：{fmt(lookup(summary, m.path), m.kind)}{_tech(m.tech)}</li>" for m in old
                    if lookup(summary, m.path) is not None)
    return (f'<details class="old"><summary>旧口径检索指标（仅供与旧报告对照）</summary><p class="muted small">旧算法把一张说明卡片'
            f"引用的所有法条都算作排在卡片的名次上，会高估检索效果；上面的指标按读者实际看到的法条顺序计算。</p><ul>{items}</ul>"
            "</details>") if items else ""


def _latency_table(summary: dict[str, Any]) -> str:
    stages = lookup(summary, "latency_ms.by_stage") or {}
    rows = "".join(f"<tr><td>{escape(STAGE_LABELS.get(s, (s, ''))[0])}{_tech(STAGE_LABELS.get(s, ('', ''))[1])}</td>"
                   f"<td>{v['p50']:.1f}</td><td>{v['p95']:.1f}</td></tr>" for s, v in stages.items())
    return ('<table class="grid narrow"><thead><tr><th>环节</th><th>一半的题不超过（毫秒）</th><th>95%的题不超过（毫秒）</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>")


def _shown_list(r: dict[str, Any], corpus: Corpus) -> str:
    expected = set(r.get("expected") or [])
    source: dict[str, str] = {}
    for h in r.get("retrieved") or []:
        if h.get("kind") != "article":
            kind = "说明卡片" if h.get("kind") == "card" else "典型案例"
            for a in h.get("cites") or []:
                source.setdefault(a, f"{kind}：{h.get('title') or h['id']}")
    items = []
    for i, aid in enumerate((r.get("articles_shown") or [])[:10], start=1):
        via = f'<div class="via">来自{escape(source[aid])}</div>' if aid in source else ""
        items.append(f"<li><span class=\"pos\">{i}.</span>{article_ref(aid, corpus, expected=aid in expected)}{via}</li>")
    return "".join(items) or "<li>（没有检索结果）</li>"


def _answer_html(r: dict[str, Any], corpus: Corpus) -> str:
    a = r.get("answer")
    if a is None:
        return '<p class="muted">（本次评测未生成回答）</p>'
    expected = set(r.get("expected") or [])
    cited = "".join(f"<li>{article_ref(c['id'], corpus, expected=c['id'] in expected)}</li>"
                    for c in a.get("citations") or []) or "<li>（没有引用法条）</li>"
    docs = "、".join(escape(t) for t in a.get("document_titles") or []) or "（无）"
    return (f'<div class="cols"><div class="col"><h4>预期结论</h4><p class="expected-conclusion">'
            f'{escape(r.get("expected_conclusion") or "（题集未填写）")}</p></div>'
            f'<div class="col"><h4>简要回答{"（拒答或引导）" if a.get("refused") else ""}</h4>'
            f'<p class="answer-summary">{escape(a.get("summary") or "")}</p></div></div>'
            f'<details class="full"><summary>展开回答全文</summary><pre class="answer-text">{escape(a.get("text") or "")}'
            f'</pre></details><p class="small">推荐文书：{docs}</p><h4>回答引用的法条</h4><ul class="plain">{cited}</ul>')


def _question(r: dict[str, Any], corpus: Corpus) -> str:
    review = r.get("review") or {}
    failed = bool(r.get("failures"))
    badges = [f'<span class="badge {"bad" if failed else "good"}">{"未通过" if failed else "通过"}</span>']
    if not r["in_scope"]:
        badges.append('<span class="badge">范围外</span>')
    if review.get("status") == "stale":
        prev = f"（上次：{review.get('previous_verdict')}）" if review.get("previous_verdict") else ""
        badges.append(f'<span class="badge stale">待复核{escape(prev)}</span>')
    elif review.get("verdict"):
        badges.append(f'<span class="badge verdict">律师判定：{escape(review["verdict"])}</span>')
    problems = "".join(f"<li><b>{escape(f['label'])}</b>：{escape(f['detail'])}</li>" for f in r.get("failures") or [])
    expected = "".join(f"<li>{article_ref(a, corpus, expected=True)}</li>" for a in r.get("expected") or []) \
        or "<li>（无：范围外问题）</li>"
    labels = "、".join(escape(x) for x in r.get("expected_labels") or [] if "款" in x or "项" in x)
    clause = f'<p class="small muted">题集写明的款、项：{labels}</p>' if labels else ""
    musts = ""
    if r.get("must_include") or r.get("must_not_include"):
        musts = (f'<p class="small">必含要点：{escape("、".join(r.get("must_include") or []) or "—")}；'
                 f'不应出现：{escape("、".join(r.get("must_not_include") or []) or "—")}</p>')
    own = "".join(f"<li>{escape(k)}：{escape(v)}</li>" for k, v in r.get("extra") or [] if v)
    comment = f'<p class="small">律师意见：{escape(review["comment"])}</p>' if review.get("comment") else ""
    search = " ".join([str(r["id"]), r["question"], str((r.get("answer") or {}).get("summary") or "")])
    problems_html = f'<ul class="problems">{problems}</ul>' if problems else ""
    own_html = f'<ul class="own">{own}</ul>' if own else ""
    notes_html = f'<p class="small muted">备注：{escape(r["notes"])}</p>' if r.get("notes") else ""
    attrs = (f'data-failed="{int(failed)}" data-scope="{"in" if r["in_scope"] else "out"}" '
             f'data-stale="{int(review.get("status") == "stale")}" data-cat="{escape(r.get("category") or "未分类")}" '
             f'data-search="{escape(search)}"')
    return (f'<article class="question {"failed" if failed else "passed"}" id="q-{escape(str(r["id"]))}" {attrs}>'
            f'<header><span class="qid">{escape(str(r["id"]))}</span><span class="cat">{escape(r.get("category") or "未分类")}'
            f'</span>{"".join(badges)}</header><p class="qtext">{escape(r["question"])}</p>'
            f'{problems_html}{comment}{_answer_html(r, corpus)}{musts}'
            f'<details class="more"><summary>应引用法条与检索结果</summary><div class="cols">'
            f'<div class="col"><h4>应引用法条</h4><ul class="plain">{expected}</ul>{clause}</div>'
            f'<div class="col"><h4>检索依次列出的前10条法条</h4><ol class="plain">{_shown_list(r, corpus)}</ol></div>'
            f"</div></details>{own_html}{notes_html}</article>")


def _filters(results: list[dict[str, Any]]) -> str:
    cats = sorted({r.get("category") or "未分类" for r in results})
    options = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in cats)
    n = len(results)
    failed = sum(1 for r in results if r.get("failures"))
    oos = sum(1 for r in results if not r["in_scope"])
    stale = sum(1 for r in results if (r.get("review") or {}).get("status") == "stale")
    return (f'<div class="filters" role="group" aria-label="筛选题目">'
            f'<button type="button" data-filter="all" class="on">全部（{n}）</button>'
            f'<button type="button" data-filter="failed">未通过（{failed}）</button>'
            f'<button type="button" data-filter="out">范围外（{oos}）</button>'
            f'<button type="button" data-filter="stale">待复核（{stale}）</button>'
            f'<label>类别 <select id="cat"><option value="">全部类别</option>{options}</select></label>'
            f'<label>搜索 <input id="search" type="search" placeholder="编号、问题或回答中的文字"></label>'
            f'<span id="shown-count" class="muted"></span></div>')


def render_report(summary: dict[str, Any], results: list[dict[str, Any]], corpus: Corpus) -> str:
    """The whole report as one self-contained HTML page (inline CSS and a small inline filter script)."""
    name = Path(str(summary.get("dataset") or "—")).name
    when = datetime.now().strftime("%Y年%m月%d日 %H:%M")
    counts = summary.get("failures") or {}
    kinds = "".join(f"<li>{escape(label)}：<b>{counts[k]}</b> 题</li>" for k, label in KINDS.items() if counts.get(k))
    # Stale answers first (the lawyer must look again), then the sheet's own order.
    ordered = sorted(results, key=lambda r: (r.get("review") or {}).get("status") != "stale")
    questions = "".join(_question(r, corpus) for r in ordered)
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>评测报告 · {escape(name)}</title><style>{CSS}</style></head>
<body><main>
<h1>法律助手评测报告</h1>
<p class="meta">题集：<b id="dataset-name">{escape(name)}</b> · 共 {summary.get("n_total", 0)} 题（范围内 {summary.get("n", 0)} 题）
 · 检索方式：{mode_label(summary.get("mode"))} · 生成时间：{when}</p>
<section><h2>一、律师复核</h2>{_review(summary, results)}</section>
<section><h2>二、总体结果</h2>{_cards(summary)}{f'<ul class="kinds">{kinds}</ul>' if kinds else ""}{_old_figures(summary)}</section>
<section><h2>三、按类别看</h2>{_charts(summary)}{_category_table(summary)}</section>
<section><h2>四、全部题目与回答</h2>
<p class="muted">每道题都列出了预期结论和助手的简要回答；待复核的题排在最前。点击法条名称可展开原文，标“✔ 应引用”的是题集要求引用的法条。</p>
{_filters(results)}<div id="questions">{questions}</div></section>
<section><h2>五、各环节耗时</h2>{_latency_table(summary)}</section>
</main><script>{SCRIPT}</script></body></html>
"""


def write_report(path: Path, summary: dict[str, Any], results: list[dict[str, Any]], corpus: Corpus) -> None:
    """Write report.html (UTF-8)."""
    path.write_text(render_report(json.loads(json.dumps(summary)), results, corpus), encoding="utf-8")
