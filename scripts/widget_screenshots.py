"""Screenshots of the widget (closed, answer, document form) at 1280×800 and 375×740 into build/screenshots/.

Run: python scripts/widget_screenshots.py
(uses the configured settings; ASSISTANT_EMBEDDING_MODEL=none is faster)
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS, chromium_path, live_server  # noqa: E402

from assistant.api.app import make_answer_service  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.runtime import open_runtime  # noqa: E402

SIZES = {"desktop": (1280, 800), "mobile": (375, 740)}
QUESTION = "怀孕了公司要给我降薪合法吗"


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
        for name, (w, h) in SIZES.items():
            page = browser.new_page(viewport={"width": w, "height": h}, locale="zh-CN")
            page.goto(url + "/")
            page.screenshot(path=out / f"{name}-1-closed.png")
            page.get_by_role("button", name="打开女职工维权法律助手").click()
            page.get_by_label("输入您的问题").fill(QUESTION)
            page.get_by_label("输入您的问题").press("Enter")
            card = page.locator("details.cite").first
            expect(card).to_be_visible(timeout=60_000)
            card.locator("summary").click()
            card.scroll_into_view_if_needed()
            page.screenshot(path=out / f"{name}-2-answer.png")
            page.locator("button[data-template]").first.click()
            expect(page.get_by_role("dialog", name="填写文书").locator("h2")).to_be_visible()
            page.get_by_role("button", name="生成并下载 Word 文书").click()
            page.screenshot(path=out / f"{name}-3-form.png")
            page.close()
        browser.close()
    for png in sorted(out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
