"""Screenshots of the widget at 390×844 (phone) and 1280×800 (desktop) into build/screenshots/.

Run: python scripts/widget_screenshots.py
States: the empty chat, an answer as it first shows (her question and the conclusion), the answer with its
sections open, dark mode, a safety answer, the 没帮助 box, a network failure with retry, the document form.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS, chromium_path, live_server  # noqa: E402

from assistant.api.app import make_answer_service  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.runtime import open_runtime  # noqa: E402

SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
QUESTION = "我在上海，怀孕了公司要给我降薪合法吗"


def _ask(page: Any, question: str) -> Any:
    box = page.get_by_label("输入您的问题")
    box.fill(question)
    box.press("Enter")
    answer = page.locator(".msg.bot").last
    expect(answer.locator(".tools")).to_be_visible(timeout=60_000)
    return answer


def _shots(browser: Any, url: str, name: str, size: tuple[int, int], out: Path, scheme: str) -> None:
    w, h = size
    page = browser.new_page(viewport={"width": w, "height": h}, locale="zh-CN", color_scheme=scheme)
    prefix = f"{name}-{scheme}"
    page.goto(url + "/")
    page.get_by_role("button", name="打开女职工维权法律助手").click()
    page.screenshot(path=out / f"{prefix}-1-empty.png")
    answer = _ask(page, QUESTION)
    page.screenshot(path=out / f"{prefix}-2-answer.png")
    for summary in answer.locator("details.sec > summary").all():
        summary.click()
    answer.locator("details.cite > summary").first.click()
    answer.locator("details.sec.basis").scroll_into_view_if_needed()
    page.screenshot(path=out / f"{prefix}-3-sections.png")
    answer.get_by_role("button", name="没帮助").click()
    answer.locator(".fb").scroll_into_view_if_needed()
    page.screenshot(path=out / f"{prefix}-4-feedback.png")
    if scheme == "light":
        _ask(page, "老公打我怎么办")
        page.screenshot(path=out / f"{prefix}-5-safety.png")
        page.route("**/v1/ask/stream", lambda route: route.abort("internetdisconnected"))
        page.get_by_label("输入您的问题").fill("哺乳期每天有哺乳时间吗")
        page.get_by_label("输入您的问题").press("Enter")
        expect(page.locator(".msg.err")).to_be_visible()
        page.screenshot(path=out / f"{prefix}-6-retry.png")
        page.unroute("**/v1/ask/stream")
        page.get_by_role("button", name="开始新对话（清除本次对话和记住的地区）").click()
        answer = _ask(page, "怀孕了公司要给我降薪合法吗")
        answer.locator("button[data-template]").first.click()
        expect(page.get_by_role("dialog", name="填写文书").locator("h2")).to_be_visible()
        page.get_by_role("button", name="生成并下载 Word 文书").click()
        page.screenshot(path=out / f"{prefix}-7-form.png")
    page.close()


def main() -> int:
    """Save the PNGs and print their paths."""
    exe = chromium_path()
    if exe is None:
        print("未找到 Chromium：apt-get install -y chromium", file=sys.stderr)
        return 1
    out = ROOT / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    rt = open_runtime(settings)
    with live_server(settings, rt, make_answer_service(rt, settings)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        for name, size in SIZES.items():
            for scheme in ("light", "dark"):
                _shots(browser, url, name, size, out, scheme)
        browser.close()
    for png in sorted(out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
