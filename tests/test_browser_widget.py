"""End to end in headless Chromium: the demo page, a streamed answer, a citation card and a .docx download."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
from api_support import answer_service, make_settings, shared_runtime
from browser_support import CHROMIUM_ARGS, chromium_path, free_port, host_page, live_server

from assistant.storage import open_storage

pytestmark = pytest.mark.browser
answering = pytest.importorskip("assistant.answering")
sync_api = pytest.importorskip("playwright.sync_api")
if not hasattr(answering, "AnswerService"):
    pytest.skip("assistant.answering has no AnswerService yet", allow_module_level=True)
if chromium_path() is None:
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = make_settings(tmp_path_factory.mktemp("browser-data"))
    rt = shared_runtime()
    with live_server(settings, rt, answer_service(rt, settings)) as url:
        yield url


@pytest.fixture()
def page(base_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1280, "height": 800}, accept_downloads=True, locale="zh-CN"
        )
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        # The demo page has a strict CSP: any violation is logged by Chromium as a console error.
        pg.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
        pg.goto(base_url + "/")
        yield pg
        browser.close()
        assert errors == [], errors


def test_ask_cite_and_download(page: Any, tmp_path: Path) -> None:
    expect = sync_api.expect
    bubble = page.get_by_role("button", name="打开女职工维权法律助手")
    bubble.click()
    question = page.get_by_label("输入您的问题")
    expect(question).to_be_focused()
    question.fill("怀孕了公司要给我降薪合法吗")
    question.press("Enter")
    basis = page.locator("details.sec.basis > summary")
    expect(basis).to_contain_text("法律依据", timeout=30_000)
    basis.click()  # the legal basis waits under its heading
    card = page.locator('details.cite[data-id="女职工劳动保护特别规定#5"]')
    expect(card).to_be_visible()
    expect(card.locator("summary")).to_have_text("《女职工劳动保护特别规定》第五条")
    card.locator("summary").click()
    expect(card.locator("blockquote")).to_contain_text("降低其工资")
    expect(card.locator(".meta")).to_contain_text("版本")

    page.locator('button[data-template="pregnancy_transfer_objection"]').click()
    form = page.get_by_role("dialog", name="填写文书")
    expect(form.get_by_role("heading", name="孕期调岗降薪异议书")).to_be_visible()
    # Client-side validation first: an empty form and a bad phone number are refused in the browser.
    form.get_by_role("button", name="生成并下载 Word 文书").click()
    expect(form.locator(".summary")).to_contain_text("「异议人姓名」为必填项")
    form.locator('[name="applicant_phone"]').fill("12345")
    form.get_by_role("button", name="生成并下载 Word 文书").click()
    expect(form.locator(".summary")).to_contain_text("11位手机号")

    today = date.today()
    values = {
        "applicant_name": "王芳",
        "applicant_phone": "13912345678",
        "employer_name": "某某电子有限公司",
        "original_position": "组长",
        "new_position": "仓库管理员",
        "notice_date": (today - timedelta(days=20)).isoformat(),
        "requests": "恢复原岗位\n补发工资差额",
        "facts": "我告知公司怀孕后，公司把我调到仓库并把工资降了三成。",
        "objection_date": today.isoformat(),
    }
    for name, value in values.items():
        form.locator(f'[name="{name}"]').first.fill(value)
    with page.expect_download(timeout=30_000) as info:
        form.get_by_role("button", name="生成并下载 Word 文书").click()
    target = tmp_path / "doc.docx"
    info.value.save_as(target)
    assert info.value.suggested_filename.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "王芳" in text and "仓库管理员" in text and "补发工资差额" in text
    expect(form.locator(".note").last).to_contain_text("文书已生成")

    page.keyboard.press("Escape")  # closes the form, then the panel
    expect(form).to_be_hidden()
    page.keyboard.press("Escape")
    expect(page.get_by_label("输入您的问题")).to_be_hidden()
    expect(bubble).to_be_focused()


def test_narrow_screen_and_escaping(page: Any) -> None:
    expect = sync_api.expect
    page.set_viewport_size({"width": 375, "height": 740})
    page.get_by_role("button", name="打开女职工维权法律助手").click()
    panel = page.get_by_role("dialog", name="女职工维权法律助手")
    box = panel.bounding_box()
    assert box is not None and box["width"] <= 375 and box["x"] >= 0
    # Markup typed by a user (or returned by the model) shows as text, never as elements.
    question = page.get_by_label("输入您的问题")
    question.fill('<img src=x onerror="window.__pwned=1">产假有多少天')
    question.press("Enter")
    expect(page.locator(".msg.me").last).to_contain_text("<img src=x")
    expect(page.locator("details.cite").first).to_be_attached(timeout=30_000)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#fzz-legal-widget img").count() == 0
    # The voice button is always there (tests/test_browser_voice.py: it says why when voice cannot work).
    assert page.get_by_role("button", name="语音输入").count() == 1


def test_widget_on_a_host_page_with_a_strict_csp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A union page on another origin that forbids inline script, eval and inline style still runs the widget."""
    expect = sync_api.expect
    host_port = free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    settings = make_settings(tmp_path_factory.mktemp("csp-data"), allowed_origins=[host_origin])
    rt = shared_runtime()
    with live_server(settings, rt, answer_service(rt, settings)) as api:
        csp = (f"default-src 'none'; script-src {api}; connect-src {api}; style-src 'self'; img-src 'self'; "
               "base-uri 'none'; frame-ancestors 'none'")
        html = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>工会</title></head><body>'
                f'<h1>某市总工会</h1><script src="{api}/widget.js" data-key="demo-widget-key" defer></script>'
                f"</body></html>")
        with host_page(host_port, html, csp) as url, sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            pg = browser.new_context(locale="zh-CN").new_page()
            problems: list[str] = []
            pg.on("pageerror", lambda exc: problems.append(str(exc)))
            pg.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
            pg.goto(url + "/")
            pg.get_by_role("button", name="打开女职工维权法律助手").click()
            question = pg.get_by_label("输入您的问题")
            question.fill("怀孕了公司要给我降薪合法吗")
            question.press("Enter")
            card = pg.locator('details.cite[data-id="女职工劳动保护特别规定#5"]')
            expect(card).to_be_attached(timeout=30_000)
            # The shadow root is styled (a constructed stylesheet), not left bare by a blocked <style>.
            color = pg.locator(".bubble").evaluate("b => getComputedStyle(b).backgroundColor")
            assert color == "rgb(179, 38, 94)"
            # A follow-up continues the server-issued conversation bound to this browser's token.
            question.fill("那产假呢")
            question.press("Enter")
            expect(pg.locator(".msg.bot .tools")).to_have_count(2, timeout=30_000)
            token = pg.evaluate("Object.keys(localStorage).filter(k => k.startsWith('fzz-widget-token'))")
            browser.close()
        assert problems == [], problems
        assert len(token) == 1
        stored = open_storage(settings).conversations.turns_since()
        assert len(stored) == 2 and stored[0].conversation_id == stored[1].conversation_id
