"""The stylesheet embedded in report.html (system fonts with CJK fallbacks, printable)."""

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
.index p { margin:6px 0; }
.index a, .kinds a { color:#1565c0; }
.failure { border:1px solid var(--line); border-left:5px solid var(--bad); border-radius:8px; padding:10px 16px; margin:14px 0;
  break-inside:avoid; }
.failure header { display:flex; flex-wrap:wrap; gap:8px; align-items:center; }
.qid { font-weight:700; font-family:monospace; font-size:15px; }
.cat { background:#eef3f8; border-radius:10px; padding:0 9px; font-size:13px; }
.badge { background:#fdecea; color:var(--bad); border-radius:10px; padding:0 9px; font-size:13px; }
.question { font-size:17px; margin:8px 0 4px; }
.problems { margin:4px 0 8px; padding-left:20px; font-size:14px; }
.cols { display:grid; grid-template-columns:repeat(auto-fit, minmax(260px, 1fr)); gap:14px; }
.col ul { list-style:none; padding:0; margin:0; }
.col li { margin:2px 0; }
.col li.hit summary, .col li.hit > span { color:var(--good); font-weight:600; }
details.art summary { cursor:pointer; }
.art-text { background:#f7f9fb; border:1px solid var(--line); border-radius:6px; padding:6px 10px; margin:4px 0 8px;
  font-size:13px; white-space:pre-wrap; }
.art.missing { color:var(--bad); }
.leads { font-size:13px; padding:2px 0 6px 16px; }
.leads ul { padding-left:4px; }
@media print { body { background:#fff; } section { border:none; } details.art { display:block; } }
"""
