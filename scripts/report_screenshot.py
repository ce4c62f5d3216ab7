"""Render an evaluation report.html in headless Chromium and save a full-page screenshot (build/report.png)."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def screenshot(report: Path, out: Path, *, width: int = 1280, full_page: bool = True) -> Path:
    """Open `report` in headless Chromium and write a PNG to `out`; returns `out`."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError("chromium not found on PATH")
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(report.resolve().as_uri())
            page.wait_for_load_state("load")
            page.screenshot(path=str(out), full_page=full_page)
        finally:
            browser.close()
    return out


def main() -> int:
    """Command line: report_screenshot.py [RUN_DIR or report.html] [--out build/report.png]."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("report", type=Path, nargs="?", default=ROOT / "eval" / "runs" / "women_workers")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "report.png")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--viewport-only", action="store_true", help="only the first screen, not the full page")
    args = ap.parse_args()
    report = args.report / "report.html" if args.report.is_dir() else args.report
    if not report.is_file():
        print(f"no report at {report}; run `assistant eval run` first", file=sys.stderr)
        return 2
    print(screenshot(report, args.out, width=args.width, full_page=not args.viewport_only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
