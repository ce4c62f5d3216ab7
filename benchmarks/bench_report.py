"""Demand report build time on a generated month of consultations (issue 19's bar: 6,000 in under 30 s).

Generates the month into a temporary SQLite file (or, with --postgres, a temporary PostgreSQL server), then
times the figures (SQL + grouping), the HTML page and the Excel workbook, each `--repeat` times, and checks
that the figures equal a direct count of the generated data. Writes benchmarks/results/report.json.

    python benchmarks/bench_report.py [--conversations 6000] [--postgres] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from demand_month import Month, generate  # noqa: E402

from assistant.config import Settings  # noqa: E402
from assistant.reporting.demand import build_demand_report  # noqa: E402
from assistant.reporting.html import render_demand_html  # noqa: E402
from assistant.reporting.records import DemandReport  # noqa: E402
from assistant.reporting.xlsx import write_demand_xlsx  # noqa: E402
from assistant.storage import Storage, make_engine  # noqa: E402

LIMIT_S = 30.0
NOW = datetime(2026, 12, 1, 2, tzinfo=UTC)


def check(report: DemandReport, month: Month, k: int) -> list[str]:
    """Figures that differ from a direct count of the generated month (empty when all agree)."""
    problems = []
    if report.totals.questions != len(month.turns):
        problems.append(f"questions {report.totals.questions} != {len(month.turns)}")
    if report.totals.conversations != len(month.conversations()):
        problems.append(f"conversations {report.totals.conversations} != {len(month.conversations())}")
    if sum(w.questions for w in report.weeks) != len(month.turns):
        problems.append("weekly questions do not add up")
    truth = {t: v for t, v in month.by("topic").items() if t is not None and v[1] >= k}
    shown = {t.topic: (t.questions, t.conversations) for t in report.topics}
    if shown != truth:
        problems.append(f"topics {shown} != {truth}")
    if {d.template_id: d.count for d in report.documents} != dict(month.documents):
        problems.append("documents differ")
    if report.feedback.total != len(month.feedback):
        problems.append("feedback differs")
    return problems


def main() -> int:
    """Run the benchmark; exit 1 when the build is over 30 s or a figure is wrong."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conversations", type=int, default=6000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--postgres", action="store_true", help="a temporary PostgreSQL server instead of SQLite")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "report.json")
    args = ap.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-report-")))
        if args.postgres:
            from services import create_database, postgres_server

            url = create_database(stack.enter_context(postgres_server()), "bench_report")
            url = url.replace("postgresql://", "postgresql+psycopg://")
        else:
            url = f"sqlite:///{tmp / 'bench.sqlite3'}"
        storage = Storage(make_engine(url))
        settings = Settings(data_dir=tmp, embedding_model="none")
        t0 = time.perf_counter()
        month = generate(storage, conversations=args.conversations, seed=2026)
        generate_s = time.perf_counter() - t0
        figures, html, xlsx, total = [], [], [], []
        report = None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            report = build_demand_report(storage, settings, since=date(2026, 11, 1), until=date(2026, 11, 30), now=NOW)
            t1 = time.perf_counter()
            page = render_demand_html(report)
            t2 = time.perf_counter()
            write_demand_xlsx(tmp / "需求报告.xlsx", report)
            t3 = time.perf_counter()
            figures.append(t1 - t0)
            html.append(t2 - t1)
            xlsx.append(t3 - t2)
            total.append(t3 - t0)
        assert report is not None
        problems = check(report, month, settings.report_k)
        result = {
            "backend": "postgresql" if args.postgres else "sqlite",
            "conversations": report.totals.conversations,
            "questions": report.totals.questions,
            "feedback": report.feedback.total,
            "generate_s": round(generate_s, 2),
            "figures_s": round(statistics.median(figures), 3),
            "html_s": round(statistics.median(html), 3),
            "xlsx_s": round(statistics.median(xlsx), 3),
            "total_s_median": round(statistics.median(total), 3),
            "total_s_max": round(max(total), 3),
            "html_bytes": len(page.encode()),
            "limit_s": LIMIT_S,
            "figures_equal_direct_count": not problems,
            "machine": f"{platform.machine()}, {platform.python_version()}",
        }
        storage.dispose()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    for p in problems:
        print("figure mismatch:", p, file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    results[result["backend"]] = result
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if not problems and max(total) < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
