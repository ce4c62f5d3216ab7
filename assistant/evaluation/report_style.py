"""The stylesheet and the small filter script embedded in report.html (system fonts with CJK fallbacks, printable)."""

CSS = """
:root { --good:#2e7d32; --warn:#ef8f00; --bad:#c62828; --ink:#1f2933; --muted:#66737f; --line:#d9dee3; }
* { box-sizing: border-box; }
body { margin:0; background:#f4f6f8; color:var(--ink);
  font-family: "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
  font-size:15px; line-height:1.6; }
main { max-width:1180px; margin:0 auto; padding:24px 28px 60px; }
h1 { font-size:28px; margin:0 0 4px; }
h2 { font-size:21px; border-left:5px solid #1565c0; padding-left:10px; margin:34px 0 14px; }
h4 { margin:6px 0; font-size:14px; color:var(--muted); }
.meta, .muted { color:var(--muted); }
.small { font-size:13px; }
section { background:#fff; border:1px solid var(--line); border-radius:10px; padding:4px 22px 20px; margin-top:20px; }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(200px, 1fr)); gap:12px; }
.card { border:1px solid var(--line); border-top:5px solid #90a4ae; border-radius:8px; padding:12px 14px; background:#fbfcfd; }
.card.good { border-top-color:var(--good); } .card.warn { border-top-color:var(--warn); } .card.bad { border-top-color:var(--bad); }
.card .big { font-size:30px; font-weight:700; line-height:1.2; }
.card.good .big { color:var(--good); } .card.warn .big { color:var(--warn); } .card.bad .big { color:var(--bad); }
.card .label { font-weight:600; margin-top:2px; }
.card .explain { color:var(--muted); font-size:13px; line-height:1.45; margin-top:4px; }
.kinds li { margin:2px 0; }
.good-text { color:var(--good); font-weight:600; }
.charts { display:flex; flex-wrap:wrap; gap:16px; }
.chart-box { border:1px solid var(--line); border-radius:8px; padding:10px 12px; background:#fbfcfd; overflow-x:auto; }
.chart text { font-family:inherit; font-size:13px; fill:var(--ink); }
.chart .chart-title { font-size:15px; font-weight:700; }
.chart .muted { fill:var(--muted); }
table.grid { border-collapse:collapse; width:100%; margin-top:16px; font-size:14px; }
table.grid.narrow { width:auto; min-width:420px; }
.grid th, .grid td { border:1px solid var(--line); padding:5px 9px; text-align:right; }
.grid th:first-child, .grid td:first-child { text-align:left; }
.grid thead th { background:#eef3f8; }
.kinds a { color:#1565c0; }
small.tech { color:var(--muted); font-size:11px; font-weight:400; }
.review-box { border:1px solid var(--line); border-radius:8px; padding:8px 16px; background:#fbfcfd; }
.review-rate { font-size:20px; } .bad-text { color:var(--bad); }
.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin:10px 0 14px; position:sticky; top:0;
  background:#fff; padding:8px 0; z-index:2; border-bottom:1px solid var(--line); }
.filters button { border:1px solid var(--line); background:#f4f6f8; border-radius:16px; padding:3px 12px; cursor:pointer;
  font:inherit; }
.filters button.on { background:#1565c0; color:#fff; border-color:#1565c0; }
.filters input, .filters select { font:inherit; padding:2px 6px; }
.question { border:1px solid var(--line); border-left:5px solid var(--good); border-radius:8px; padding:10px 16px;
  margin:14px 0; break-inside:avoid; }
.question.failed { border-left-color:var(--bad); }
.question header { display:flex; flex-wrap:wrap; gap:8px; align-items:center; }
.qid { font-weight:700; font-family:monospace; font-size:15px; }
.cat { background:#eef3f8; border-radius:10px; padding:0 9px; font-size:13px; }
.badge { background:#eef3f8; border-radius:10px; padding:0 9px; font-size:13px; }
.badge.bad { background:#fdecea; color:var(--bad); } .badge.good { background:#e8f5e9; color:var(--good); }
.badge.stale { background:#fff3e0; color:#b35c00; font-weight:700; } .badge.verdict { background:#e3f2fd; }
.qtext { font-size:17px; margin:8px 0 4px; }
.problems { margin:4px 0 8px; padding-left:20px; font-size:14px; }
.cols { display:grid; grid-template-columns:repeat(auto-fit, minmax(260px, 1fr)); gap:14px; }
.expected-conclusion { background:#f1f8e9; border-radius:6px; padding:6px 10px; margin:0; }
.answer-summary { background:#f7f9fb; border-radius:6px; padding:6px 10px; margin:0; }
pre.answer-text { white-space:pre-wrap; font-family:inherit; font-size:14px; background:#f7f9fb; padding:8px 12px;
  border-radius:6px; }
ul.plain, ol.plain { list-style:none; padding:0; margin:0; }
ul.plain li, ol.plain li { margin:2px 0; }
.pos { color:var(--muted); display:inline-block; min-width:1.8em; }
ol.plain li details.art { display:inline-block; }
.via { font-size:12px; color:var(--muted); padding-left:1.8em; }
summary.expected { color:var(--good); font-weight:600; }
.tick { font-size:12px; margin-left:6px; color:var(--good); }
.own { font-size:13px; color:var(--muted); padding-left:18px; }
details.old { margin-top:14px; }
details.art summary { cursor:pointer; }
.art-text { background:#f7f9fb; border:1px solid var(--line); border-radius:6px; padding:6px 10px; margin:4px 0 8px;
  font-size:13px; white-space:pre-wrap; }
.art.missing { color:var(--bad); }
.leads { font-size:13px; padding:2px 0 6px 16px; }
.leads ul { padding-left:4px; }
@media print { body { background:#fff; } section { border:none; } details.art { display:block; } }
"""

# Filters 全部 / 未通过 / 范围外 / 待复核, a category and a search box; nothing leaves the page.
SCRIPT = """
(function () {
  var filter = "all", qs = document.querySelectorAll("article.question");
  var cat = document.getElementById("cat"), search = document.getElementById("search");
  var count = document.getElementById("shown-count");
  function apply() {
    var word = search.value.trim().toLowerCase(), n = 0;
    qs.forEach(function (q) {
      var ok = filter === "all" || (filter === "failed" && q.dataset.failed === "1") ||
        (filter === "out" && q.dataset.scope === "out") || (filter === "stale" && q.dataset.stale === "1");
      ok = ok && (!cat.value || q.dataset.cat === cat.value);
      ok = ok && (!word || q.dataset.search.toLowerCase().indexOf(word) >= 0);
      q.hidden = !ok;
      if (ok) { n += 1; }
    });
    count.textContent = "显示 " + n + " / " + qs.length + " 题";
  }
  document.querySelectorAll(".filters button").forEach(function (b) {
    b.addEventListener("click", function () {
      filter = b.dataset.filter;
      document.querySelectorAll(".filters button").forEach(function (x) { x.classList.toggle("on", x === b); });
      apply();
    });
  });
  cat.addEventListener("change", apply);
  search.addEventListener("input", apply);
  apply();
})();
"""
