"""Issue 16 in headless Chromium: a worker reading answers on a 390×844 phone (and a desktop), axe-core clean."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from api_support import answer_service, make_settings, shared_runtime
from axe_support import axe_violations, install_axe
from browser_support import CHROMIUM_ARGS, chromium_path, live_server

from assistant.storage import open_storage

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
if chromium_path() is None:
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PAY = "怀孕了公司要给我降薪合法吗"
HOTLINE = re.compile(r"(?<![\d第.])(12351|12333|12338|12348|12320|110)(?![\d条款项元天%.])")


class Paced:
    """The real answer service, holding each stream after its summary until the test lets it go on."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.store = real.store
        self.gate = threading.Event()
        self.gate.set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def stream(self, question: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
        for ev in self.real.stream(question, **kwargs):
            yield ev
            if ev["event"] == "summary":
                assert self.gate.wait(60)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Paced, Any]]:
    settings = make_settings(tmp_path_factory.mktemp("phone-data"), rate_limits=False)
    rt = shared_runtime()
    paced = Paced(answer_service(rt, settings))
    with live_server(settings, rt, paced) as url:
        yield url, paced, open_storage(settings)


@pytest.fixture()
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser: Any, url: str, viewport: dict[str, int] = PHONE, **options: Any) -> Any:
    context = browser.new_context(viewport=viewport, locale="zh-CN", has_touch=viewport is PHONE,
                                  is_mobile=viewport is PHONE, **options)
    install_axe(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    page.goto(url + "/")
    page.get_by_role("button", name="打开女职工维权法律助手").click()
    return page


def ask(page: Any, question: str) -> Any:
    """Type and send a question; the finished answer box."""
    box = page.get_by_label("输入您的问题")
    box.fill(question)
    box.press("Enter")
    answer = page.locator(".msg.bot").last
    sync_api.expect(answer.locator(".tools")).to_be_visible(timeout=60_000)
    return answer


def in_view(page: Any, selector: str) -> bool:
    """The element lies wholly inside the visible part of the conversation log (and of the viewport)."""
    return bool(page.locator(selector).evaluate("""node => {
        const log = node.closest('.log').getBoundingClientRect(), r = node.getBoundingClientRect();
        return r.height > 0 && r.top >= log.top - 1 && r.bottom <= log.bottom + 1
            && r.top >= 0 && r.bottom <= window.innerHeight;
    }"""))


def paragraphs(answer: Any) -> list[str]:
    """The normalised text of every paragraph shown in one answer (quoted statute text excluded)."""
    texts: list[str] = answer.locator(".para").evaluate_all("ns => ns.map(n => n.textContent)")
    return [re.sub(r"【[^】]*】|\s+", "", t) for t in texts]


def test_reading_an_answer_on_a_phone(browser: Any, server: tuple[str, Paced, Any]) -> None:
    expect = sync_api.expect
    url, _, storage = server
    page = open_page(browser, url, permissions=["clipboard-read", "clipboard-write"])
    panel = page.get_by_role("dialog", name="女职工维权法律助手")
    assert panel.bounding_box()["width"] == 390  # the panel is the whole screen
    # An empty chat offers example questions and says what is kept, redacted, for how long and why.
    privacy = page.locator("details.privacy")
    privacy.locator("summary").click()
    expect(privacy).to_contain_text("180天")
    expect(privacy).to_contain_text("去掉手机号、身份证号")
    page.get_by_role("button", name=PAY).click()
    answer = page.locator(".msg.bot").last
    expect(answer.locator(".tools")).to_be_visible(timeout=60_000)
    expect(page.locator(".welcome")).to_have_count(0)
    # Her question and the conclusion are what she sees first, not the feedback buttons at the bottom.
    assert in_view(page, ".msg.me >> nth=-1") and in_view(page, ".msg.bot >> nth=-1 >> .conclusion")
    expect(answer.locator(".conclusion h3")).to_have_text("结论")
    # The answer is announced once, through the status region (the log itself is not read out as it grows).
    expect(page.locator("#fzz-panel > [role=status]")).to_contain_text("回答已生成。结论：")
    expect(page.locator(".log")).to_have_attribute("aria-live", "off")
    scroll = page.locator(".log").evaluate("l => [l.scrollTop, l.scrollHeight, l.clientHeight]")
    assert scroll[0] < scroll[1] - scroll[2], "the view did not jump to the end of the answer"
    # Legal basis, cases and next steps wait under headings she can open.
    basis = answer.locator("details.sec.basis")
    expect(basis.locator("> summary")).to_contain_text("法律依据")
    expect(basis.locator("details.cite").first).to_be_hidden()
    basis.locator("> summary").click()
    cite = basis.locator('details.cite[data-id="女职工劳动保护特别规定#5"]')
    cite.locator("summary").click()
    expect(cite.locator("blockquote")).to_contain_text("降低其工资")
    expect(cite.locator(".meta")).to_contain_text("版本")
    steps = answer.locator("details.sec.steps")
    steps.locator("> summary").click()
    expect(steps.locator('a[href="tel:12351"]')).to_be_visible()
    expect(steps.locator('a[href="tel:12333"]')).to_be_visible()
    # No paragraph twice.
    shown = paragraphs(answer)
    assert len(shown) == len(set(shown)) and len(shown) >= 3, shown
    # Copy the answer.
    answer.get_by_role("button", name="复制回答").click()
    expect(answer.get_by_role("button", name="已复制")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("问：" + PAY) and "结论：" in copied and "《女职工劳动保护特别规定》第五条" in copied
    # 没帮助 opens a box for why; the comment is stored (redacted) for the legal staff.
    answer.get_by_role("button", name="没帮助").click()
    why = answer.get_by_label("哪里没帮到您？（可不填，请勿填写个人信息）")
    expect(why).to_be_focused()
    why.fill("没有说到上海的规定，我电话13812345678")
    answer.get_by_role("button", name="提交反馈").click()
    expect(answer.locator(".fb")).to_contain_text("谢谢您的反馈")
    row = storage.feedback.list(1)[0]
    assert row.helpful is False and "没有说到上海的规定" in row.comment and "13812345678" not in row.comment
    assert page.errors == []


def test_duplicates_and_hotlines_in_a_safety_answer(browser: Any, server: tuple[str, Paced, Any]) -> None:
    """The raw answer repeats itself (body = summary, the safety notice also in notices); she reads each once."""
    url, _, _ = server
    page = open_page(browser, url)
    answer = ask(page, "老公打我怎么办")
    shown = paragraphs(answer)
    assert len(shown) == len(set(shown)), shown
    assert sum("110" in p for p in shown) == 1
    alert = answer.get_by_role("alert")
    sync_api.expect(alert.locator('a[href="tel:110"]')).to_be_visible()
    sync_api.expect(alert.locator('a[href="tel:12338"]')).to_be_visible()
    # Outside quoted statute text, every hotline number is a tel: link.
    bare = answer.evaluate("""(box, pattern) => {
        const re = new RegExp(pattern);
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        const out = [];
        while (walker.nextNode()) {
            const n = walker.currentNode;
            if (!n.parentElement.closest("a, blockquote") && re.test(n.textContent)) out.push(n.textContent);
        }
        return out;
    }""", HOTLINE.pattern)
    assert bare == []


def test_sources_render_before_the_answer_is_finished(browser: Any, server: tuple[str, Paced, Any]) -> None:
    expect = sync_api.expect
    url, paced, _ = server
    page = open_page(browser, url)
    paced.gate.clear()
    try:
        page.get_by_label("输入您的问题").fill("产假有多少天")
        page.get_by_label("输入您的问题").press("Enter")
        answer = page.locator(".msg.bot").last
        # The stream is held after its summary: sources and conclusion are on screen, the rest not yet.
        expect(answer.locator(".conclusion")).to_contain_text("98天", timeout=60_000)
        expect(answer.locator("details.sec.basis > summary")).to_contain_text("法律依据")
        expect(answer.locator(".status")).to_contain_text("正在整理回答")
        assert answer.locator(".tools").count() == 0 and answer.locator("details.sec.steps").count() == 0
    finally:
        paced.gate.set()
    expect(answer.locator(".tools")).to_be_visible(timeout=60_000)
    expect(answer.locator(".status")).to_have_count(0)
    expect(answer.locator("details.sec.steps")).to_have_count(1)


def test_a_new_conversation_forgets_the_region(browser: Any, server: tuple[str, Paced, Any]) -> None:
    expect = sync_api.expect
    url, _, storage = server
    page = open_page(browser, url)
    before = {t.conversation_id for t in storage.conversations.turns_since()}
    ask(page, "我在上海，产假有多少天")
    ask(page, "产假有多少天")
    turns = [t for t in storage.conversations.turns_since() if t.conversation_id not in before]
    assert [t.region for t in turns] == ["上海", "上海"] and len({t.conversation_id for t in turns}) == 1
    old = turns[0].conversation_id
    page.get_by_role("button", name="开始新对话（清除本次对话和记住的地区）").click()
    expect(page.locator(".msg.me")).to_have_count(0)
    expect(page.locator(".welcome button.example")).to_have_count(4)
    expect(page.get_by_label("输入您的问题")).to_be_focused()
    answer = ask(page, "产假有多少天")
    expect(answer.locator(".conclusion")).not_to_contain_text("上海")
    new = [t for t in storage.conversations.turns_since() if t.conversation_id not in before | {old}]
    assert [t.region for t in new] == [None]
    assert storage.conversations.get(new[0].conversation_id).region is None
    # The old conversation is gone on the server too (its region with it).
    assert all(t.conversation_id != old for t in storage.conversations.turns_since())


def test_a_network_failure_keeps_her_question(browser: Any, server: tuple[str, Paced, Any]) -> None:
    expect = sync_api.expect
    url, _, _ = server
    page = open_page(browser, url)
    question = "哺乳期每天有哺乳时间吗"
    page.route("**/v1/ask/stream", lambda route: route.abort("internetdisconnected"))
    box = page.get_by_label("输入您的问题")
    box.fill(question)
    box.press("Enter")
    error = page.locator(".msg.err")
    expect(error).to_contain_text("网络连接失败，您的问题没有丢失")
    expect(box).to_have_value(question)
    page.unroute("**/v1/ask/stream")
    # A stream cut off before its end is a failure too, not half an answer.
    page.route("**/v1/ask/stream", lambda route: route.fulfill(
        status=200, headers={"Content-Type": "text/event-stream"},
        body='id: 1\nevent: sources\ndata: []\n\nid: 2\nevent: summary\ndata: "半"\n\n'))
    error.get_by_role("button", name="重试").click()
    expect(page.locator(".msg.err")).to_contain_text("网络连接失败")
    expect(page.locator(".msg.me")).to_have_count(1)
    page.unroute("**/v1/ask/stream")
    page.locator(".msg.err").get_by_role("button", name="重试").click()
    answer = page.locator(".msg.bot").last
    expect(answer.locator(".tools")).to_be_visible(timeout=60_000)
    expect(page.locator(".msg.me")).to_have_text([question])
    expect(page.locator(".msg.err")).to_have_count(0)


def test_focus_trap_text_size_dark_mode_and_print(browser: Any, server: tuple[str, Paced, Any]) -> None:
    expect = sync_api.expect
    url, _, _ = server
    page = open_page(browser, url)
    inside = "() => { const r = document.querySelector('#fzz-legal-widget').shadowRoot; " \
             "return !!r.activeElement && r.getElementById('fzz-panel').contains(r.activeElement); }"
    for key in ["Tab"] * 14 + ["Shift+Tab"] * 14:
        page.keyboard.press(key)
        assert page.evaluate(inside), key
    panel = page.locator("#fzz-panel")
    size = page.get_by_role("button", name="调整字号，当前标准")
    size.click()
    expect(panel).to_have_attribute("data-size", "l")
    assert panel.evaluate("p => getComputedStyle(p).fontSize") == "17px"
    page.reload()
    page.get_by_role("button", name="打开女职工维权法律助手").click()
    expect(page.get_by_role("button", name="调整字号，当前大")).to_be_visible()
    page.emulate_media(color_scheme="dark")
    assert panel.evaluate("p => getComputedStyle(p).backgroundColor") == "rgb(31, 27, 29)"
    page.emulate_media(color_scheme="light")
    assert panel.evaluate("p => getComputedStyle(p).backgroundColor") == "rgb(255, 255, 255)"
    ask(page, PAY)
    page.emulate_media(media="print")
    assert page.locator("form.ask").evaluate("f => getComputedStyle(f).display") == "none"
    assert page.locator("main").evaluate("m => getComputedStyle(m).display") == "none"  # the page behind
    assert page.locator(".log").evaluate("l => getComputedStyle(l).overflowY") == "visible"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator(".msg.bot details:not([open])")).to_have_count(0)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator(".msg.bot details.sec.basis")).not_to_have_attribute("open", "")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious(browser: Any, server: tuple[str, Paced, Any], scheme: str) -> None:
    url, _, _ = server
    page = open_page(browser, url, color_scheme=scheme)
    assert axe_violations(page) == []  # the empty chat with its examples and privacy notice
    answer = ask(page, PAY)
    for summary in answer.locator("summary").all():
        summary.click()  # every section and citation open
    answer.get_by_role("button", name="没帮助").click()
    assert axe_violations(page) == []
    answer.locator("button[data-template]").first.click()
    form = page.get_by_role("dialog", name="填写文书")
    sync_api.expect(form.locator("h2")).to_be_visible()
    form.get_by_role("button", name="生成并下载 Word 文书").click()  # with its problems listed
    assert axe_violations(page) == []


def test_desktop_viewport(browser: Any, server: tuple[str, Paced, Any]) -> None:
    url, _, _ = server
    page = open_page(browser, url, viewport=DESKTOP)
    panel = page.get_by_role("dialog", name="女职工维权法律助手").bounding_box()
    assert panel["width"] == 400 and panel["x"] > 800  # a panel beside the page, not over all of it
    ask(page, "我在上海，怀孕了公司要给我降薪合法吗")
    ask(page, "那产假呢")
    assert in_view(page, ".msg.me >> nth=-1") and in_view(page, ".msg.bot >> nth=-1 >> .conclusion")
    for answer in page.locator(".msg.bot").all():
        shown = paragraphs(answer)
        assert len(shown) == len(set(shown)), shown
    assert axe_violations(page) == []
    assert page.errors == []


def test_an_llm_answer_streams_into_the_widget(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """LLM mode (a fake chat model): verified sentences appear as they stream, then once each as paragraphs."""
    from langchain_core.language_models import FakeListChatModel

    from assistant.answering import AnswerService

    reply = "根据《女职工劳动保护特别规定》第七条，女职工生育享受98天产假，其中产前可以休假15天。\n\n难产的，增加产假十五天。"
    settings = make_settings(tmp_path_factory.mktemp("llm-widget"), rate_limits=False)
    rt = shared_runtime()
    service = AnswerService(rt, settings, chat_model=FakeListChatModel(responses=[reply] * 3))
    with live_server(settings, rt, service) as url:
        page = open_page(browser, url)
        answer = ask(page, "产假有多少天")
        body = answer.locator(".body .para")
        sync_api.expect(body).to_have_text(["根据《女职工劳动保护特别规定》第七条，女职工生育享受98天产假，其中产前可以休假15天。",
                                            "难产的，增加产假十五天。"])
        sync_api.expect(answer.locator(".conclusion")).to_contain_text("98天")
        shown = paragraphs(answer)
        assert len(shown) == len(set(shown)), shown
        assert page.errors == []
