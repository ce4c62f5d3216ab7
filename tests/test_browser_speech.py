"""Real MediaRecorder output from headless Chromium (fake microphone) sent to POST /v1/speech the way the widget
sends it: the server reads the format and a length that matches Chromium's own decoding, and the stand-in
recogniser's words come back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api_support import make_settings, shared_runtime
from asr_standin import AsrStandIn, asr_server
from browser_support import CHROMIUM_ARGS, chromium_path, live_server

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
if chromium_path() is None:
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

FAKE_MIC = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
# Record with MediaRecorder, decode the same bytes with Web Audio, and upload them as the widget will.
RECORD_AND_SEND = """async ([mime, ms]) => {
  if (!MediaRecorder.isTypeSupported(mime)) return null;
  const stream = await navigator.mediaDevices.getUserMedia({audio: true});
  const rec = new MediaRecorder(stream, {mimeType: mime, audioBitsPerSecond: 32000});
  const parts = [];
  rec.ondataavailable = (e) => parts.push(e.data);
  const stopped = new Promise((done) => { rec.onstop = done; });
  rec.start(250);
  await new Promise((done) => setTimeout(done, ms));
  rec.stop();
  await stopped;
  stream.getTracks().forEach((t) => t.stop());
  const blob = new Blob(parts, {type: rec.mimeType});
  const decoded = (await new OfflineAudioContext(1, 48000, 48000).decodeAudioData(await blob.arrayBuffer())).duration;
  const key = {"X-API-Key": "demo-widget-key"};
  const token = (await (await fetch("/v1/widget/token", {method: "POST", headers: key})).json()).token;
  const form = new FormData();
  form.append("file", blob, "voice");
  const r = await fetch("/v1/speech", {method: "POST", body: form, headers: {...key, "X-Widget-Token": token}});
  return {status: r.status, body: await r.json(), decoded, size: blob.size, type: rec.mimeType};
}"""


@pytest.fixture(scope="module")
def asr() -> Iterator[AsrStandIn]:
    with asr_server(text="公司不给我签劳动合同怎么办") as s:
        yield s


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, asr: AsrStandIn) -> Iterator[str]:
    settings = make_settings(tmp_path_factory.mktemp("browser-speech"), asr_base_url=asr.base_url)
    with live_server(settings, shared_runtime(), None) as url:
        yield url


@pytest.fixture()
def page(base_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS + FAKE_MIC)
        pg = browser.new_context(locale="zh-CN").new_page()
        pg.goto(base_url + "/")
        yield pg
        browser.close()


def test_webm_from_mediarecorder(page: Any, asr: AsrStandIn) -> None:
    asr.requests.clear()
    out = page.evaluate(RECORD_AND_SEND, ["audio/webm;codecs=opus", 2500])
    assert out is not None, "Chromium records audio/webm;codecs=opus"
    assert out["status"] == 200, out
    body = out["body"]
    assert (body["text"], body["format"]) == ("公司不给我签劳动合同怎么办", "webm")
    # The length read from block timestamps is the decoded length, to within one Opus packet.
    assert abs(body["duration_s"] - out["decoded"]) <= 0.07, out
    [heard] = asr.requests
    assert (heard.filename, heard.content_type, len(heard.data)) == ("speech.webm", "audio/webm", out["size"])


def test_mp4_from_mediarecorder_is_accepted(page: Any, asr: AsrStandIn) -> None:
    asr.requests.clear()
    out = page.evaluate(RECORD_AND_SEND, ["audio/mp4", 1500])
    if out is None:
        pytest.skip("this Chromium does not record audio/mp4")
    assert out["status"] == 200, out
    # Fragmented MP4 declares no length: null, bounded by the size limit (the widget stops at max_seconds).
    assert (out["body"]["format"], out["body"]["duration_s"]) == ("mp4", None)
    assert asr.requests[0].filename == "speech.m4a"
