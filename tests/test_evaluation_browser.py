"""report.html in headless Chromium: every answer readable, filters work, plain Chinese, no local path."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM_ARGS, chromium_path

from assistant.answering import AnswerService
from assistant.config import Settings
from assistant.evaluation.datasets import load_dataset
from assistant.evaluation.inputs import write_rows
from assistant.evaluation.runner import run_eval
from assistant.evaluation.verdicts import Verdict, VerdictStore
from assistant.records import Answer
from assistant.runtime import open_runtime
from assistant.storage import open_storage

pytestmark = pytest.mark.browser

QUESTIONS = [
    "示例劳动保护法第四条", "哺乳期每天有多长时间喂奶", "怀上了老板给我降工资", "大肚子了公司扣我钱", "上班期间能不能喂奶",
    "生孩子能休几天产假", "申请仲裁有时间限制吗", "公司不给我发工资怎么办", "云南的女职工有什么特别规定", "背奶时间公司不给",
    "示例仲裁规则第一条", "怀孕了能不能不加班",
]
ROWS: list[dict[str, object]] = [
    {"id": f"b{i:02d}", "question": q, "expected_citations": ["示例劳动保护法#3" if i % 2 else "示例劳动保护法#4"],
     "category": "孕期" if i % 2 else "产假", "expected_conclusion": f"预期结论{i}", "must_include": ["一年"] if i == 7 else []}
    for i, q in enumerate(QUESTIONS, start=1)
] + [
    {"id": "b13", "question": "帮我写一首关于春天的诗", "in_scope": False, "category": "范围外"},
    {"id": "b14", "question": "今天天气怎么样", "in_scope": False, "category": "范围外"},
    {"id": "b15", "question": "推荐一只股票", "in_scope": False, "category": "范围外"},
]
ENGLISH = re.compile(r"hit@|recall|mrr|ndcg|bm25|faiss|p50|p95|precision|must_include|hybrid|approved|stale|latency",
                     re.IGNORECASE)


@pytest.fixture
def report(tmp_path: Path, fixture_settings: Settings) -> tuple[Path, dict[str, Any]]:
    rt = open_runtime(fixture_settings)
    data = tmp_path / "十五题.xlsx"
    write_rows(ROWS, data)
    rows = load_dataset(data, rt.corpus)
    service = AnswerService(rt, fixture_settings)
    store = VerdictStore(open_storage(fixture_settings))
    first = run_eval(rows, rt.retriever, tmp_path / "first", progress=False, dataset=str(data), answer=service.ask,
                     verdicts=store)
    assert first["review"]["reviewed"] == 0
    results = [json.loads(x) for x in (tmp_path / "first" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    store.put_many([Verdict(r["question"], r["answer"]["answer_hash"], "正确" if i < 3 else "部分正确", "", "王律师")
                    for i, r in enumerate(results[:4])])

    def changed(question: str) -> Answer:
        ans = service.ask(question)
        return dataclasses.replace(ans, body=ans.body + "（改写）") if question == QUESTIONS[1] else ans

    summary = run_eval(rows, rt.retriever, tmp_path / "run", progress=False, dataset=str(data), answer=changed,
                       verdicts=store)
    return tmp_path / "run" / "report.html", summary


def test_fifteen_answers_filters_plain_chinese_and_no_local_path(report: tuple[Path, dict[str, Any]]) -> None:
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    if chromium is None:
        pytest.skip("chromium not installed")
    path, summary = report
    html = path.read_text(encoding="utf-8")
    for local in ("/tmp/", "/work/", "/home/", "file://", str(path.parent)):
        assert local not in html
    results = [json.loads(x) for x in (path.parent / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert summary["review"]["stale"] == 1 and summary["review"]["approved_rate"] == round(2 / 3, 4)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(path.resolve().as_uri())
            summaries = page.locator("article.question .answer-summary")
            assert summaries.count() == 15
            shown = [t.strip() for t in summaries.all_inner_texts()]
            assert sorted(shown) == sorted(r["answer"]["summary"].strip() for r in results)
            assert all(shown)
            assert page.locator("#shown-count").inner_text() == "显示 15 / 15 题"
            # The approved rate and the stale answer, listed first.
            assert page.locator("#approved-rate").inner_text() == "66.7%"
            assert "待复核 1 题" in page.locator("#stale-count").inner_text()
            first = page.locator("article.question").first
            assert first.get_attribute("id") == "q-b02" and "待复核" in first.inner_text()
            # Filters and search.
            page.click("button[data-filter=out]")
            assert page.locator("article.question:visible").count() == 3
            page.click("button[data-filter=stale]")
            assert page.locator("article.question:visible").count() == 1
            page.click("button[data-filter=failed]")
            assert page.locator("article.question:visible").count() == sum(1 for r in results if r["failures"])
            page.click("button[data-filter=all]")
            page.select_option("#cat", "产假")
            assert page.locator("article.question:visible").count() == 6
            page.select_option("#cat", "")
            page.fill("#search", "股票")
            assert page.locator("article.question:visible").count() == 1
            page.fill("#search", "")
            # No English metric name outside small print (technical names live in <small class="tech">).
            visible = page.evaluate("""() => { const b = document.body.cloneNode(true);
                b.querySelectorAll('small, script, style').forEach(e => e.remove()); return b.innerText; }""")
            assert not ENGLISH.findall(visible), ENGLISH.findall(visible)
            assert page.locator("small.tech", has_text="hit@5").count() >= 1
        finally:
            browser.close()
