"""`assistant report demand` end to end on a generated month, then the page in headless Chromium: every section and
chart renders, in Chinese, at desktop and phone width, with the figures of the records; screenshots are kept."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from browser_support import CHROMIUM_ARGS, chromium_path
from demand_month import generate
from openpyxl import load_workbook

from assistant.cli import run
from assistant.config import Settings
from assistant.storage import open_storage

SECTIONS = ["一、概览", "二、每周提问", "三、热门主题及变化趋势", "四、地区分布", "五、回答依据是否充分", "六、依据不足的高频问题",
            "七、职工反馈“没帮助”的高频问题", "八、生成的文书", "九、热线转介"]
ENGLISH = re.compile(r"\b(None|null|nan|NaN|undefined|True|False|topic|grounding|conversation)\b")


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    storage = open_storage(Settings(data_dir=data, embedding_model="none"))
    generate(storage, conversations=600, seed=5, start=date(2026, 11, 1))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    monkeypatch.chdir(tmp_path)
    assert run(["report", "demand", "--since", "2026年11月1日", "--until", "2026-11-30", "--out", "需求报告.html"]) == 0
    return tmp_path / "需求报告.html"


def test_the_cli_writes_both_files_and_keeps_existing_ones(made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = made.with_suffix(".xlsx")
    assert made.is_file() and xlsx.is_file()
    sheets = load_workbook(xlsx).sheetnames
    assert sheets[0] == "说明" and "主题" in sheets
    before = made.read_bytes()
    assert run(["report", "demand", "--since", "2026-11-01", "--until", "2026-11-30", "--out", str(made)]) == 2
    assert "已存在" in capsys.readouterr().err and made.read_bytes() == before
    assert run(["report", "demand", "--since", "2026-11-01", "--until", "2026-11-30", "--out", str(made), "--force"]) == 0
    assert "600 个对话" in capsys.readouterr().out
    assert run(["report", "demand", "--since", "2026年13月1日", "--out", "别的.html"]) == 2
    assert "不存在" in capsys.readouterr().err and not Path("别的.html").exists()
    assert run(["report", "demand", "--since", "2026-11-01", "--until", "2026-11-30", "--region", "昆明", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"region": "云南"' in out and '"k": 5' in out


@pytest.mark.browser
def test_the_report_renders_in_chromium(made: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    if chromium is None:
        pytest.skip("chromium not installed")
    html = made.read_text(encoding="utf-8")
    for local in ("/tmp/", "/work/", "/home/", "file://"):
        assert local not in html
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(made.resolve().as_uri())
            assert [h.strip() for h in page.locator("section h2").all_inner_texts()] == SECTIONS
            assert page.locator("#period").inner_text() == "2026年11月1日至2026年11月30日"
            charts = page.locator("svg.chart")
            assert charts.count() == 5  # weeks, topics, regions, grounding, documents
            for i in range(charts.count()):
                box = charts.nth(i).bounding_box()
                assert box is not None and box["width"] > 300 and box["height"] > 40
            # The weekly table shows the records' numbers: six weeks summing to every question.
            weeks = page.locator("section:nth-of-type(2) tbody tr").all_inner_texts()
            assert len(weeks) == 6 and "不完整周" in weeks[0]
            total = sum(int(row.split("\t")[1]) for row in weeks)
            assert page.locator(".card .big").first.inner_text() == str(total)
            assert "至少来自 5 个不同的对话" in page.locator(".privacy").inner_text()
            visible = page.evaluate("() => document.body.innerText")
            assert not ENGLISH.findall(visible), ENGLISH.findall(visible)
            page.screenshot(path=str(made.with_name("report-desktop.png")), full_page=True)
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone.goto(made.resolve().as_uri())
            # Nothing widens the page on a phone: wide tables and charts scroll in their own boxes.
            assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
            phone.screenshot(path=str(made.with_name("report-phone.png")))
        finally:
            browser.close()
    assert made.with_name("report-desktop.png").stat().st_size > 50_000
