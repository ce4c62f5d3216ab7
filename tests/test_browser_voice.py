"""The widget's 语音 button in headless Chromium (issue 20): a fake microphone playing a wav made here, the real
server and the stand-in recogniser. Her words land in the input box and nothing is sent until she presses 发送;
voice that cannot work says so; every failure shows a message she understands, next to the input box."""

from __future__ import annotations

import math
import re
import struct
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import answer_service, make_settings, shared_runtime
from asr_standin import AsrStandIn, asr_server
from axe_support import axe_violations, install_axe
from browser_support import CHROMIUM_ARGS, chromium_path, live_server

from assistant.speech import FAILED, NO_SPEECH, TIMEOUT, UNAVAILABLE

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
if chromium_path() is None:
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

HEARD = "产假有多少天"
MAX_SECONDS = 5.0
START = "语音输入：开始录音"
STOP = "停止录音"
# Instrumentation, not a stub: the real getUserMedia, with each stream it returns kept for the test to inspect.
WATCH_STREAMS = """(() => {
  window.__streams = [];
  const md = navigator.mediaDevices;
  if (!md) return;
  const real = md.getUserMedia.bind(md);
  md.getUserMedia = (c) => real(c).then((s) => { window.__streams.push(s); return s; });
})();"""
# WeChat's browser and most Chinese phone browsers: no Web Speech API (headless Chromium has one).
NO_WEB_SPEECH = "delete window.webkitSpeechRecognition; delete window.SpeechRecognition;"
# A browser whose Web Speech "hears" fixed words (the real one needs a foreign service).
FAKE_WEB_SPEECH = """window.webkitSpeechRecognition = class {
  start() { this.t = setTimeout(() => this.stop(), 10000); }
  stop() { clearTimeout(this.t); const alt = [{transcript: "浏览器自带识别的文字"}]; alt.isFinal = true;
    this.onresult && this.onresult({resultIndex: 0, results: [alt]}); this.onend && this.onend(); }
  abort() { clearTimeout(this.t); }
}; delete window.SpeechRecognition;"""


def tone_wav(path: Path, seconds: float = 4.0, rate: int = 48000) -> Path:
    """A 440 Hz tone as a mono 16-bit wav (the stand-in recogniser answers fixed words whatever it hears)."""
    frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                      for i in range(int(seconds * rate)))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return path


@pytest.fixture(scope="module")
def asr() -> Iterator[AsrStandIn]:
    with asr_server(text=HEARD) as s:
        yield s


@pytest.fixture()
def standin(asr: AsrStandIn) -> Iterator[AsrStandIn]:
    asr.requests.clear()
    yield asr
    asr.text, asr.status, asr.delay = HEARD, 200, 0.0
    asr.requests.clear()


@pytest.fixture(scope="module")
def voice_url(tmp_path_factory: pytest.TempPathFactory, asr: AsrStandIn) -> Iterator[str]:
    settings = make_settings(tmp_path_factory.mktemp("voice-data"), rate_limits=False, asr_base_url=asr.base_url,
                             asr_timeout=1.5, asr_max_seconds=MAX_SECONDS)
    rt = shared_runtime()
    with live_server(settings, rt, answer_service(rt, settings)) as url:
        yield url


@pytest.fixture(scope="module")
def plain_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with no recogniser configured."""
    settings = make_settings(tmp_path_factory.mktemp("no-voice-data"), rate_limits=False)
    rt = shared_runtime()
    with live_server(settings, rt, answer_service(rt, settings)) as url:
        yield url


@pytest.fixture(scope="module")
def mic_args(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    wav = tone_wav(tmp_path_factory.mktemp("mic") / "tone.wav")
    return ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}"]


@pytest.fixture(scope="module")
def playwright() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Any, mic_args: list[str]) -> Iterator[Any]:
    b = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS + mic_args)
    yield b
    b.close()


def open_widget(browser: Any, url: str, *, scripts: tuple[str, ...] = (NO_WEB_SPEECH,), **options: Any) -> Any:
    """A phone-sized page with the panel open; page.asked lists every /v1/ask request, page.errors script errors."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", **options)
    install_axe(context)
    for script in (WATCH_STREAMS, *scripts):
        context.add_init_script(script=script)
    page = context.new_page()
    page.asked, page.errors = [], []
    page.on("request", lambda r: page.asked.append(r.url) if "/v1/ask" in r.url else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(url + "/")
    page.get_by_role("button", name="打开女职工维权法律助手").click()
    return page


def voice_button(page: Any, name: str = START) -> Any:
    return page.get_by_role("button", name=name, exact=True)


def tap_twice(page: Any, wait_ms: int = 1500) -> None:
    """Tap-to-toggle: a short tap starts recording, the next tap stops it."""
    voice_button(page).click()
    stop = voice_button(page, STOP)
    sync_api.expect(stop).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(wait_ms)
    stop.click()


def microphone_released(page: Any) -> bool:
    """Every stream the widget opened has all its tracks ended (the microphone is off)."""
    return bool(page.evaluate(
        "() => window.__streams.length > 0 && window.__streams.every(s => s.getTracks().every(t => t.readyState === 'ended'))"))


def test_tap_to_toggle_puts_her_words_in_the_box_and_sends_nothing(browser: Any, voice_url: str,
                                                                   standin: AsrStandIn) -> None:
    expect = sync_api.expect
    page = open_widget(browser, voice_url)
    box = page.get_by_label("输入您的问题")
    line = page.locator(".voice-line")
    voice_button(page).click()
    stop = voice_button(page, STOP)
    expect(stop).to_have_attribute("aria-pressed", "true")
    expect(stop).to_have_text("停止")
    # Elapsed time and the server's limit (the last 10 s count down; this server allows 5 s).
    expect(line).to_have_text(re.compile(r"^正在录音 0:0\d / 0:05，还剩 \d 秒，再按一次“停止”结束$"))
    expect(page.locator("#fzz-panel > [role=status]")).to_have_text("正在录音…")
    page.wait_for_timeout(1500)
    stop.click()
    expect(box).to_have_value(HEARD)
    expect(box).to_be_focused()
    expect(line).to_have_text("已识别，请检查后发送")
    expect(page.locator("#fzz-panel > [role=status]")).to_have_text("已识别，请检查后发送")
    expect(voice_button(page)).to_have_attribute("aria-pressed", "false")
    # Nothing was sent on her behalf: no question in the log, no request to /v1/ask.
    assert page.asked == [] and page.locator(".msg.me").count() == 0
    [heard] = standin.requests
    assert heard.filename == "speech.webm" and len(heard.data) > 1000
    # The microphone is off and nothing of the recording is kept in the browser.
    assert microphone_released(page)
    assert page.evaluate("Object.keys(localStorage).every(k => k.startsWith('fzz-widget-token') || k === 'fzz-text-size')")
    page.get_by_role("button", name="发送问题").click()
    answer = page.locator(".msg.bot").last
    expect(answer.locator(".conclusion")).to_contain_text("98天", timeout=60_000)
    expect(page.locator(".msg.me")).to_have_text([HEARD])
    expect(line).to_be_hidden()
    assert len(page.asked) == 1 and page.errors == []


def test_press_and_hold_appends_to_what_she_typed(browser: Any, voice_url: str, standin: AsrStandIn) -> None:
    expect = sync_api.expect
    page = open_widget(browser, voice_url)
    box = page.get_by_label("输入您的问题")
    box.fill("我在上海")
    voice_button(page).hover()
    page.mouse.down()
    expect(voice_button(page, STOP)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".voice-line")).to_contain_text("松开按钮结束")
    page.wait_for_timeout(1500)
    page.mouse.up()  # letting go stops and sends the recording
    expect(box).to_have_value("我在上海，" + HEARD)
    assert len(standin.requests) == 1 and page.asked == []
    assert microphone_released(page) and page.errors == []


def test_keyboard_reaches_the_button_and_space_starts_and_stops(browser: Any, voice_url: str,
                                                                standin: AsrStandIn) -> None:
    expect = sync_api.expect
    page = open_widget(browser, voice_url)
    box = page.get_by_label("输入您的问题")
    expect(box).to_be_focused()
    page.keyboard.press("Tab")
    expect(voice_button(page)).to_be_focused()
    page.keyboard.press("Space")
    expect(voice_button(page, STOP)).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1200)
    page.keyboard.press("Space")
    expect(box).to_have_value(HEARD)
    expect(box).to_be_focused()
    # Enter toggles too; the next Tab stop after the button is 发送.
    page.keyboard.press("Tab")
    expect(voice_button(page)).to_be_focused()
    page.keyboard.press("Enter")
    expect(voice_button(page, STOP)).to_be_focused()
    page.wait_for_timeout(800)
    page.keyboard.press("Enter")
    expect(box).to_have_value(HEARD + "，" + HEARD)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="发送问题")).to_be_focused()
    assert len(standin.requests) == 2 and page.asked == [] and page.errors == []


def test_recording_stops_itself_at_the_servers_limit(browser: Any, voice_url: str, standin: AsrStandIn) -> None:
    expect = sync_api.expect
    page = open_widget(browser, voice_url)
    voice_button(page).click()
    expect(page.locator(".voice-line")).to_contain_text("还剩", timeout=5_000)  # the last seconds count down
    expect(page.get_by_label("输入您的问题")).to_have_value(HEARD, timeout=15_000)  # no second tap
    [heard] = standin.requests  # accepted: shorter than the server's limit
    assert heard.filename == "speech.webm"
    assert microphone_released(page) and page.asked == []


def test_server_errors_are_shown_as_the_server_words_them(browser: Any, voice_url: str,
                                                         standin: AsrStandIn) -> None:
    expect = sync_api.expect
    page = open_widget(browser, voice_url)
    box = page.get_by_label("输入您的问题")
    line = page.locator(".voice-line")
    cases: list[tuple[str, Any]] = [
        (FAILED, lambda: setattr(standin, "status", 500)),       # 502 asr_failed
        (NO_SPEECH, lambda: setattr(standin, "text", "")),       # 422 no_speech: it heard nothing
        (TIMEOUT, lambda: setattr(standin, "delay", 5.0)),       # 504 asr_timeout
    ]
    for message, arrange in cases:
        standin.text, standin.status, standin.delay = HEARD, 200, 0.0
        arrange()
        tap_twice(page, 800)
        expect(line).to_have_text(message, timeout=10_000)
        expect(line).to_have_class("voice-line err")
        expect(page.locator("#fzz-panel > [role=status]")).to_have_text(message)
        expect(voice_button(page)).to_have_attribute("aria-pressed", "false")
        expect(voice_button(page)).not_to_have_attribute("aria-disabled", "true")
        expect(box).to_have_value("")
    standin.delay = 0.0
    # A tap and a second tap at once: nothing recorded yet (said by the widget), or too short to hold speech
    # (the server's own check); the same words either way.
    for wait_ms in (0, 150):
        voice_button(page).click()
        page.wait_for_timeout(wait_ms)
        voice_button(page, STOP).click()
        expect(line).to_have_text("录音太短，没有听到说话，请按住按钮说完再松开")
    # The network fails while uploading.
    page.route("**/v1/speech", lambda route: route.abort("internetdisconnected")
               if route.request.method == "POST" else route.continue_())
    tap_twice(page, 800)
    expect(line).to_have_text("网络连接失败，录音没有识别。请检查网络后再说一次，或用文字输入问题")
    page.unroute("**/v1/speech")
    # After all that, voice still works.
    tap_twice(page, 800)
    expect(box).to_have_value(HEARD)
    assert microphone_released(page) and page.asked == [] and page.errors == []
    page.keyboard.press("Escape")  # a closed panel never leaves the microphone on
    expect(page.locator("#fzz-panel")).to_be_hidden()


def test_without_a_recogniser_the_button_says_voice_is_unavailable(browser: Any, plain_url: str) -> None:
    expect = sync_api.expect
    page = open_widget(browser, plain_url)
    button = voice_button(page, "语音输入（不可用）")
    expect(button).to_be_visible()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()  # still reachable, so she can find out why
    page.keyboard.press("Space")
    line = page.locator(".voice-line")
    expect(line).to_have_text("语音不可用：" + UNAVAILABLE)
    expect(page.locator("#fzz-panel > [role=status]")).to_have_text("语音不可用：" + UNAVAILABLE)
    button.click()
    expect(line).to_have_text("语音不可用：" + UNAVAILABLE)
    assert page.evaluate("window.__streams.length") == 0  # the microphone was never asked for
    assert page.errors == []


def test_the_servers_recogniser_wins_over_web_speech(browser: Any, voice_url: str, plain_url: str,
                                                     standin: AsrStandIn) -> None:
    """Web Speech sends the audio abroad: used only where the server has no recogniser."""
    expect = sync_api.expect
    page = open_widget(browser, voice_url, scripts=(FAKE_WEB_SPEECH,))
    tap_twice(page, 800)
    expect(page.get_by_label("输入您的问题")).to_have_value(HEARD)
    assert len(standin.requests) == 1
    page = open_widget(browser, plain_url, scripts=(FAKE_WEB_SPEECH,))
    tap_twice(page, 300)
    expect(page.get_by_label("输入您的问题")).to_have_value("浏览器自带识别的文字")
    assert len(standin.requests) == 1 and page.asked == [] and page.errors == []


@pytest.mark.parametrize(("flags", "message"), [
    (["--use-fake-device-for-media-stream"], "请允许使用麦克风"),  # no fake UI: the permission prompt is refused
    ([], "没有找到麦克风"),                                         # no microphone at all on this machine
])
def test_microphone_refused_or_missing(playwright: Any, voice_url: str, standin: AsrStandIn, flags: list[str],
                                       message: str) -> None:
    expect = sync_api.expect
    b = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS + flags)
    try:
        page = open_widget(b, voice_url)
        voice_button(page).click()
        line = page.locator(".voice-line")
        expect(line).to_contain_text(message)
        expect(line).to_contain_text("或用文字输入问题")
        expect(voice_button(page)).to_have_attribute("aria-pressed", "false")
        assert standin.requests == [] and page.errors == []
    finally:
        b.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_while_recording_and_after_an_error(browser: Any, voice_url: str, standin: AsrStandIn,
                                                scheme: str) -> None:
    page = open_widget(browser, voice_url, color_scheme=scheme)
    voice_button(page).click()
    sync_api.expect(page.locator(".voice-line")).to_contain_text("正在录音")
    assert axe_violations(page) == []
    page.wait_for_timeout(800)
    standin.status = 500
    voice_button(page, STOP).click()
    sync_api.expect(page.locator(".voice-line")).to_have_text(FAILED)
    assert axe_violations(page) == []


def test_a_finger_on_a_phone_taps_and_holds(browser: Any, voice_url: str, standin: AsrStandIn) -> None:
    """Touch input (a phone): tap, tap; then a finger held on the button for 1.5 s and lifted."""
    expect = sync_api.expect
    page = open_widget(browser, voice_url, has_touch=True, is_mobile=True)
    box = page.get_by_label("输入您的问题")
    voice_button(page).tap()
    expect(voice_button(page, STOP)).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1200)
    voice_button(page, STOP).tap()
    expect(box).to_have_value(HEARD)
    r = voice_button(page).bounding_box()
    point = {"x": r["x"] + r["width"] / 2, "y": r["y"] + r["height"] / 2}
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
    expect(voice_button(page, STOP)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".voice-line")).to_contain_text("松开按钮结束")
    page.wait_for_timeout(1500)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    expect(box).to_have_value(HEARD + "，" + HEARD)
    assert len(standin.requests) == 2 and page.asked == [] and page.errors == []
