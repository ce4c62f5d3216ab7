"""report.html for legal staff: the summary in plain Chinese, charts by category, then every failure."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from assistant.corpus import Corpus
from assistant.evaluation.charts import Bar, bar_chart
from assistant.evaluation.failures import KINDS
from assistant.evaluation.report_style import CSS

# (summary path, label, explanation, kind) where kind is "pct", "count" or "ms".
HEADLINES: tuple[tuple[str, str, str, str], ...] = (
    ("retrieval.hit@1", "首条命中率", "排在第1位的检索结果就是应引用法条的问题占比", "pct"),
    ("retrieval.hit@5", "前5条命中率", "前5条结果中至少有一条应引用法条的问题占比", "pct"),
    ("retrieval.recall@5", "前5条召回率", "应引用的法条中，出现在前5条结果里的平均比例", "pct"),
    ("retrieval.recall@10", "前10条召回率", "应引用的法条中，出现在前10条结果里的平均比例", "pct"),
    ("retrieval.mrr@10", "平均倒数名次", "第一条正确结果排第1位记1分、第2位记0.5分……越接近100%越好", "pct"),
    ("retrieval.ndcg@10", "排序质量", "综合看所有应引用法条排得是否靠前（nDCG@10），越接近100%越好", "pct"),
    ("answer.citation_precision", "引用准确率", "回答中引用的法条里，属于应引用法条或紧密相关法条的比例", "pct"),
    ("answer.invented_citations", "编造或失效引用", "回答里语料库中没有、原文不符或已废止的引用条数，应当为0", "count"),
    ("answer.must_include", "必含要点覆盖率", "题目要求回答必须说到的要点（如“98天”）实际说到的比例", "pct"),
    ("answer.refusal_accuracy", "拒答准确率", "范围外的问题被正确拒答或引导的比例", "pct"),
    ("answer.in_scope_refused", "范围内被误拒", "本该回答却被当作范围外拒答的问题数，应当为0", "count"),
    ("templates.accuracy", "文书推荐准确率", "填写了“应推荐文书”的问题中，推荐结果包含这些文书的比例", "pct"),
    ("latency_ms.p50", "检索耗时中位数", "一半的问题检索用时不超过这个时间", "ms"),
    ("answer.latency_ms.p95", "回答耗时（95%）", "95%的问题生成回答用时不超过这个时间", "ms"),
)
STAGE_LABELS = {"normalize": "问题规范化", "lexical": "关键词检索（BM25）", "embedding": "问题向量化",
                "faiss": "向量检索（FAISS）", "fusion": "结果融合排序", "total": "检索合计", "answer": "生成回答"}
CATEGORY_CHARTS = (
    ("retrieval", "hit@5", "各类别前5条命中率"),
    ("retrieval", "recall@10", "各类别前10条召回率"),
    ("answer", "citation_precision", "各类别引用准确率"),
)


def lookup(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of the summary, or None."""
    cur: Any = data
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "pct":
        return f"{float(value) * 100:.1f}%"
    if kind == "ms":
        return f"{float(value):.0f} 毫秒"
    return str(value)


def _tone(value: Any, kind: str, path: str) -> str:
    if value is None or kind == "ms":
        return ""
    if kind == "count":
        return "good" if value == 0 else "bad"
    v = float(value)
    return "good" if v >= 0.8 else ("warn" if v >= 0.5 else "bad")


def article_ref(aid: str, corpus: Corpus, *, extra: str = "") -> str:
    """An article label with its text in a <details> (and on hover); unknown ids are shown as they are."""
    art = corpus.articles.get(aid)
    if art is None:
        return f'<span class="art missing" title="语料库中没有此条">{escape(aid)}{extra}</span>'
    title = f"《{art.law}》{art.label}"
    return (f'<details class="art"><summary title="{escape(art.text[:300])}">{escape(title)}{extra}</summary>'
            f'<div class="art-text">{escape(art.text)}<div class="muted">{escape(art.version)} · {escape(art.level)}'
            f"</div></div></details>")


def _summary_cards(summary: dict[str, Any]) -> str:
    cards = []
    for path, label, explain, kind in HEADLINES:
        value = lookup(summary, path)
        if value is None:
            continue
        cards.append(f'<div class="card {_tone(value, kind, path)}"><div class="big">{_fmt(value, kind)}</div>'
                     f'<div class="label">{escape(label)}</div><div class="explain">{escape(explain)}</div></div>')
    return '<div class="cards">' + "".join(cards) + "</div>"


def _failure_overview(summary: dict[str, Any], n_failed: int) -> str:
    counts = summary.get("failures") or {}
    items = "".join(f'<li><a href="#kind-{k}">{escape(label)}</a>：<b>{counts.get(k, 0)}</b> 题</li>'
                    for k, label in KINDS.items() if counts.get(k))
    if not items:
        return '<p class="good-text">没有发现问题：所有题目都通过了检查。</p>'
    return f"<p>共有 <b>{n_failed}</b> 道题至少有一个问题（一道题可能同时有几类问题）：</p><ul class=\"kinds\">{items}</ul>"


def _charts(summary: dict[str, Any]) -> str:
    cats = summary.get("categories") or {}
    out = []
    for block, key, title in CATEGORY_CHARTS:
        bars = [Bar(cat, lookup(c, f"{block}.{key}"), f"（{c.get('n_in_scope', c['n'])} 题）")
                for cat, c in cats.items() if lookup(c, block) is not None and c.get("n_in_scope")]
        if bars:
            out.append(bar_chart(title, bars))
    fail_bars = [Bar(cat, _failed_share(c), f"（{c['n']} 题）")
                 for cat, c in cats.items()]
    if fail_bars:
        out.append(bar_chart("各类别有问题的题目占比（越低越好）", fail_bars, higher_is_better=False))
    return '<div class="charts">' + "".join(f'<div class="chart-box">{c}</div>' for c in out) + "</div>"


def _failed_share(cat: dict[str, Any]) -> float:
    return float(cat.get("n_failed", 0)) / cat["n"] if cat.get("n") else 0.0


def _category_table(summary: dict[str, Any]) -> str:
    rows = []
    for cat, c in (summary.get("categories") or {}).items():
        rows.append("<tr>" + "".join(f"<td>{v}</td>" for v in (
            escape(cat), c["n"], _fmt(lookup(c, "retrieval.hit@5"), "pct"), _fmt(lookup(c, "retrieval.recall@10"), "pct"),
            _fmt(lookup(c, "retrieval.mrr@10"), "pct"),
            _fmt(lookup(c, "answer.citation_precision"), "pct") if c.get("n_in_scope") else "—",
            _fmt(lookup(c, "answer.must_include"), "pct") if lookup(c, "answer.must_include") else "—",
            _fmt(lookup(c, "templates.accuracy"), "pct"), c.get("n_failed", 0))) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("类别", "题数", "前5条命中率", "前10条召回率", "平均倒数名次",
                                             "引用准确率", "必含要点覆盖", "文书推荐准确率", "有问题的题"))
    return f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _latency_table(summary: dict[str, Any]) -> str:
    stages = lookup(summary, "latency_ms.by_stage") or {}
    rows = "".join(f"<tr><td>{escape(STAGE_LABELS.get(s, s))}</td><td>{v['p50']:.1f}</td><td>{v['p95']:.1f}</td></tr>"
                   for s, v in stages.items())
    return ('<table class="grid narrow"><thead><tr><th>环节</th><th>中位数（毫秒）</th><th>95%（毫秒）</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def _hit_item(hit: dict[str, Any], expected: set[str], corpus: Corpus) -> str:
    """One of the top-5 hits: an article, or a card or case with the articles it leads to."""
    rank = f"（第{hit['rank']}名）"
    rid = hit["id"]
    if hit.get("kind") == "article" or not corpus.has(rid):
        return f'<li class="{"hit" if rid in expected else ""}">{article_ref(rid, corpus, extra=rank)}</li>'
    rec = corpus.get(rid)
    cites = list(getattr(rec, "cites", ()))
    kind = "说明卡片" if hit.get("kind") == "card" else "典型案例"
    reached = [a for a in cites if a in expected]
    leads = "".join(f'<li class="{"hit" if a in expected else ""}">{article_ref(a, corpus)}</li>' for a in cites)
    mark = f"，含应引用法条 {len(reached)} 条" if reached else ""
    return (f'<li class="{"hit" if reached else ""}"><details class="art"><summary>[{kind}] {escape(rec.title)}{rank}'
            f'{mark}</summary><div class="leads">引向：<ul>{leads or "<li>（无）</li>"}</ul></div></details></li>')


def _failure_item(r: dict[str, Any], corpus: Corpus) -> str:
    badges = "".join(f'<span class="badge">{escape(f["label"])}</span>' for f in r["failures"])
    expected = "".join(f"<li>{article_ref(a, corpus)}</li>" for a in r.get("expected") or []) or "<li>（无：范围外问题）</li>"
    exp_set = set(r.get("expected") or [])
    retrieved = "".join(_hit_item(h, exp_set, corpus) for h in (r.get("retrieved") or [])[:5]) or "<li>（没有检索结果）</li>"
    ans = r.get("answer")
    answer_html = ""
    if ans is not None:
        cited = "".join(f'<li class="{"hit" if a in exp_set else ""}">{article_ref(a, corpus)}</li>'
                        for a in ans.get("cited") or []) or "<li>（没有引用法条）</li>"
        state = "拒答/引导" if ans.get("refused") else "作了回答"
        answer_html = (f'<div class="col"><h4>回答引用（{state}）</h4><ul>{cited}</ul>'
                       f'<p class="muted small">回答摘要：{escape(str(ans.get("summary") or "")[:200])}</p></div>')
    details = "".join(f"<li><b>{escape(f['label'])}</b>：{escape(f['detail'])}</li>" for f in r["failures"])
    notes = f'<p class="muted small">备注：{escape(r["notes"])}</p>' if r.get("notes") else ""
    return (f'<article class="failure" id="q-{escape(r["id"])}"><header><span class="qid">{escape(r["id"])}</span>'
            f'<span class="cat">{escape(r.get("category") or "未分类")}</span>{badges}</header>'
            f'<p class="question">{escape(r["question"])}</p><ul class="problems">{details}</ul>'
            f'<div class="cols"><div class="col"><h4>应引用法条</h4><ul>{expected}</ul></div>'
            f'<div class="col"><h4>检索前5条结果</h4><ul>{retrieved}</ul></div>{answer_html}</div>{notes}</article>')


def _failures(results: list[dict[str, Any]], corpus: Corpus) -> str:
    failed = [r for r in results if r.get("failures")]
    if not failed:
        return ""
    parts = []
    for kind, label in KINDS.items():
        ids = [r["id"] for r in failed if kind in {f["kind"] for f in r["failures"]}]
        if ids:
            links = "、".join(f'<a href="#q-{escape(i)}">{escape(i)}</a>' for i in ids)
            parts.append(f'<p id="kind-{kind}"><b>{escape(label)}</b>（{len(ids)} 题）：{links}</p>')
    items = "".join(_failure_item(r, corpus) for r in failed)
    return f'<div class="index">{"".join(parts)}</div>{items}'


def render_report(summary: dict[str, Any], results: list[dict[str, Any]], corpus: Corpus) -> str:
    """The whole report as one self-contained HTML page."""
    n_failed = sum(1 for r in results if r.get("failures"))
    for cat, c in (summary.get("categories") or {}).items():
        c["n_failed"] = sum(1 for r in results if (r.get("category") or "未分类") == cat and r.get("failures"))
    mode = "关键词 + 语义混合检索" if summary.get("mode") == "hybrid" else "仅关键词检索（向量模型未启用）"
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>评测报告 · {escape(Path(str(summary.get("dataset") or "")).name)}</title><style>{CSS}</style></head>
<body><main>
<h1>法律助手评测报告</h1>
<p class="meta">题集：{escape(str(summary.get("dataset") or "—"))} · 共 {summary.get("n_total", 0)} 题（范围内 {summary.get("n", 0)} 题）
 · 检索方式：{mode} · 生成时间：{when}</p>
<section><h2>一、总体结果</h2>{_summary_cards(summary)}{_failure_overview(summary, n_failed)}</section>
<section><h2>二、按类别看</h2>{_charts(summary)}{_category_table(summary)}</section>
<section><h2>三、各环节耗时</h2>{_latency_table(summary)}</section>
<section><h2>四、全部问题题目（{n_failed} 题）</h2>
<p class="muted">点击法条名称可以展开原文；绿色标出的是应引用法条。</p>{_failures(results, corpus)}</section>
</main></body></html>
"""


def write_report(path: Path, summary: dict[str, Any], results: list[dict[str, Any]], corpus: Corpus) -> None:
    """Write report.html (UTF-8)."""
    # The report adds per-category failure counts; work on a copy so the caller's summary is unchanged.
    path.write_text(render_report(json.loads(json.dumps(summary)), results, corpus), encoding="utf-8")
