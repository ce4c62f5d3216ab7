"""In headless Chromium: fill the arbitration form from an answer, preview it, see the one-year warning
before and after download, and download a file with a Chinese name."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
from api_support import answer_service, make_settings, shared_runtime
from browser_support import CHROMIUM_ARGS, chromium_path, live_server

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
if chromium_path() is None:
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = make_settings(tmp_path_factory.mktemp("browser-docs"))
    rt = shared_runtime()
    with live_server(settings, rt, answer_service(rt, settings)) as url:
        yield url


@pytest.fixture()
def page(base_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(base_url + "/")
        yield pg
        browser.close()
        assert errors == [], errors


def test_fill_preview_warn_and_download_with_a_chinese_name(page: Any, tmp_path: Path) -> None:
    expect = sync_api.expect
    page.get_by_role("button", name="打开女职工维权法律助手").click()
    question = page.get_by_label("输入您的问题")
    question.fill("我在北京上班，怀孕了被公司辞退，怎么申请劳动仲裁")
    question.press("Enter")
    button = page.locator('button[data-template="labor_arbitration_application"]')
    expect(button).to_be_visible(timeout=30_000)
    button.click()
    form = page.get_by_role("dialog", name="填写文书")
    expect(form.get_by_role("heading", name="劳动仲裁申请书")).to_be_visible()
    # What the conversation already knows (her region → the arbitration committee) is prefilled and marked.
    committee = form.locator('.field[data-field="arbitration_committee"]')
    expect(committee).to_have_attribute("data-prefilled", "true")
    expect(committee.locator(".pre")).to_contain_text("已根据对话预填")
    expect(committee.locator("input")).to_have_value("北京劳动人事争议仲裁委员会")

    long_ago = (date.today() - timedelta(days=400)).isoformat()
    values = {
        "applicant_name": "张丽",
        "applicant_id_number": "110105199203154522",
        "applicant_address": "北京市朝阳区某某小区3号楼501室",
        "applicant_phone": "13812345678",
        "position": "市场专员",
        "entry_date": "2023-03-01",
        "wage_standard": "每月10,000元",
        "facts": "申请人在孕期被被申请人口头辞退，并被停发工资。",
        "rights_infringed_date": long_ago,
        "arbitration_committee": "北京市海淀区劳动人事争议仲裁委员会",
        "application_date": date.today().isoformat(),
    }
    for name, value in values.items():
        form.locator(f'.field[data-field="{name}"] [name="{name}"]').fill(value)
    form.locator('[name="applicant_gender"]').select_option("女")
    respondents = form.locator('.field[data-field="respondents"]')
    respondents.locator('[name="name"]').first.fill("北京某某科技有限公司")
    respondents.locator('[name="address"]').first.fill("北京市海淀区中关村某某路88号")
    form.locator('.field[data-field="claims"] [name="item"]').first.fill("裁决被申请人支付违法解除劳动合同赔偿金")
    # 补充引用的法律条文 is a plain choice of articles, not a syntax to type.
    article = form.locator('.field[data-field="extra_articles"] input[type=checkbox]').first
    expect(article).to_be_visible()
    article.check()

    form.get_by_role("button", name="预览").click()
    frame = form.locator("iframe.preview")
    expect(frame).to_be_visible(timeout=30_000)
    preview = page.frame_locator("iframe.preview")
    expect(preview.locator("body")).to_contain_text("被申请人：北京某某科技有限公司")
    expect(preview.locator("body")).to_contain_text("张丽")
    warnings = form.locator(".warnings")
    expect(warnings).to_contain_text("超过一年")  # before download
    expect(preview.locator("body")).not_to_contain_text("超过一年")  # never in the document

    with page.expect_download(timeout=30_000) as info:
        form.get_by_role("button", name="生成并下载 Word 文书").click()
    download = info.value
    assert download.suggested_filename == f"劳动仲裁申请书-张丽-{date.today().isoformat()}.docx"
    target = tmp_path / "application.docx"
    download.save_as(target)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "北京某某科技有限公司" in text and "超过一年" not in text
    expect(form.locator(".note").last).to_contain_text("文书已生成")
    expect(warnings).to_contain_text("超过一年")  # and after download
