"""axe-core for the browser tests: installed from the npm registry into tests/browser_js (npm ci, pinned by
its package-lock.json; node_modules is never committed) and injected into the page by Playwright."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

JS_DIR = Path(__file__).resolve().parent / "browser_js"
AXE = JS_DIR / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


@cache
def axe_source() -> str:
    """axe.min.js, installed first when missing (offline once installed: npm ci only runs without it)."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is missing: apt-get install -y npm (scripts/ensure-services.sh does)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(JS_DIR)], check=True,
                       capture_output=True, timeout=300)
    return AXE.read_text(encoding="utf-8")


def install_axe(context: Any) -> None:
    """Make axe-core available in every page of a Playwright context (an init script: the page's own CSP,
    which forbids inline script and eval, does not apply to it)."""
    context.add_init_script(script=axe_source())


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Every serious or critical axe-core violation on the page (open shadow roots included)."""
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await window.axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + " :: " + (n.failureSummary || ""))}));
        }"""
    )
    return [v for v in found if v["impact"] in SEVERE]
