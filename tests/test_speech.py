"""Voice input (issue 20): POST /v1/speech against a stand-in transcription server started here; formats and
limits judged by the bytes; every failure a stable code with a Chinese message; the audio kept off disk."""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import client, make_settings
from asr_standin import AsrStandIn, asr_server, ogg_opus_bytes, wav_bytes, webm_bytes
from db_dump import dump_database
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.audio import detect_format, inspect_audio
from assistant.errors import (
    AudioError,
    AudioTooLargeError,
    AudioTooLongError,
    AudioUnsupportedError,
    NoSpeechError,
)
from assistant.speech import clean_text
from assistant.storage import open_storage

MB = 1024 * 1024


@pytest.fixture(scope="module")
def standin() -> Iterator[AsrStandIn]:
    with asr_server() as s:
        yield s


@pytest.fixture
def asr(standin: AsrStandIn) -> AsrStandIn:
    """The module's stand-in, reset to a plain success."""
    standin.text, standin.status, standin.delay, standin.plain = "怀孕了公司要给我降薪合法吗", 200, 0.0, False
    standin.requests.clear()
    standin.release.clear()
    return standin


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech-data")


@pytest.fixture(scope="module")
def key(data_dir: Path) -> dict[str, str]:
    _, plain = open_storage(make_settings(data_dir)).keys.create("语音测试")
    return {"X-API-Key": plain}


@pytest.fixture(scope="module")
def api(data_dir: Path, standin: AsrStandIn) -> Iterator[TestClient]:
    with client(data_dir, rate_limits=False, asr_base_url=standin.base_url, asr_timeout=1.0,
                asr_api_key="asr-secret") as c:
        yield c


def upload(api: TestClient, data: bytes, key: dict[str, str], name: str = "录音.bin",
           kind: str = "application/octet-stream") -> Any:
    return api.post("/v1/speech", files={"file": (name, data, kind)}, headers=key)


# Formats and lengths, judged by the bytes


def test_formats_are_detected_from_the_bytes() -> None:
    assert detect_format(wav_bytes(1)) == "wav"
    assert detect_format(ogg_opus_bytes(1)) == "ogg"
    assert detect_format(webm_bytes(1)) == "webm"
    assert detect_format(b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00") == "mp4"
    assert detect_format(b"ID3\x04\x00\x00\x00\x00") is None  # mp3 is not taken
    assert detect_format(b"RIFF\x10\x00\x00\x00AVI LIST") is None
    assert detect_format(b"") is None


def test_durations_from_header_granules_and_block_timestamps() -> None:
    big = {"max_bytes": 4 * MB, "max_seconds": 600.0}
    assert inspect_audio(wav_bytes(2.5), **big).duration_s == 2.5
    assert inspect_audio(wav_bytes(2.5, rate=8000), **big).duration_s == 2.5
    assert inspect_audio(ogg_opus_bytes(3.2), **big).duration_s == 3.2
    # MediaRecorder's WebM has no Duration element: 58 blocks of 60 ms end at 3.48 s
    assert inspect_audio(webm_bytes(3.5), **big).duration_s == 3.48
    assert inspect_audio(webm_bytes(40, frame_ms=20), **big).duration_s == 40.0
    assert inspect_audio(webm_bytes(4, duration=True), **big).duration_s == 3.96
    clip = inspect_audio(webm_bytes(70), **big)
    assert (clip.format, clip.mime, clip.filename, clip.duration_s) == ("webm", "audio/webm", "speech.webm", 69.96)
    assert "bytes=" in repr(clip) and "\\x" not in repr(clip)  # a traceback never shows the audio


def test_limits_and_unreadable_files() -> None:
    limits = {"max_bytes": 2 * MB, "max_seconds": 60.0}
    with pytest.raises(AudioTooLongError) as too_long:
        inspect_audio(webm_bytes(61), **limits)
    assert too_long.value.message == "录音太长（约 61 秒，最多 60 秒），请分几段说"
    with pytest.raises(AudioTooLongError):
        inspect_audio(ogg_opus_bytes(75), **limits)
    with pytest.raises(AudioTooLongError):
        inspect_audio(wav_bytes(61, rate=8000), **limits)
    assert inspect_audio(wav_bytes(60, rate=8000), **limits).duration_s == 60.0
    with pytest.raises(AudioTooLargeError):
        inspect_audio(wav_bytes(70), **limits)  # 16 kHz: 2.2 MB
    with pytest.raises(NoSpeechError):
        inspect_audio(wav_bytes(0.1), **limits)
    with pytest.raises(AudioUnsupportedError, match="不支持这种录音格式"):
        inspect_audio(webm_bytes(3, doc_type="mide"), **limits)  # EBML, but not Matroska
    for broken in (webm_bytes(3)[:90], b"OggS" + b"\x00" * 60, b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01", wav_bytes(2)[:30],
                   b"\x00\x00\x00\x18ftypisom" + b"\x00" * 40, b"hello"):
        with pytest.raises(AudioUnsupportedError):
            inspect_audio(broken, **limits)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([b"\x1a\x45\xdf\xa3", b"OggS", b"RIFF\x00\x01\x00\x00WAVE", b"\x00\x00\x00\x18ftypisom"]),
       st.binary(max_size=400), st.sampled_from([b"", webm_bytes(1)[4:200], ogg_opus_bytes(1)[4:120]]))
def test_any_bytes_give_a_clip_or_an_audio_error(magic: bytes, tail: bytes, middle: bytes) -> None:
    with contextlib.suppress(AudioError):
        inspect_audio(magic + middle + tail, max_bytes=MB, max_seconds=60.0)


def test_recognised_text_is_cleaned() -> None:
    assert clean_text("<|zh|><|NEUTRAL|><|Speech|>懷孕了公司要給我降薪，合法嗎？ ") == "怀孕了公司要给我降薪，合法吗？"
    assert clean_text("  \n ") == ""


# The route against the stand-in transcription server


def test_config_says_whether_voice_works(api: TestClient, key: dict[str, str], tmp_path: Path) -> None:
    body = api.get("/v1/speech", headers=key).json()
    assert body == {"available": True, "message": None,
                    "formats": ["audio/webm", "audio/ogg", "audio/wav", "audio/mp4"],
                    "max_bytes": 2 * MB, "max_seconds": 60.0, "field": "file"}
    with client(tmp_path, rate_limits=False, api_auth=False) as off:
        body = off.get("/v1/speech").json()
        assert body["available"] is False and body["message"] == "语音识别服务未配置，请用文字输入问题"
        r = off.post("/v1/speech", files={"file": ("a.wav", wav_bytes(1), "audio/wav")})
        assert r.status_code == 503
        assert r.json() == {"code": "asr_unavailable", "message": "语音识别服务未配置，请用文字输入问题"}


def test_success_forwards_the_recording_and_returns_her_words(
        api: TestClient, key: dict[str, str], asr: AsrStandIn) -> None:
    audio = webm_bytes(3.5)
    r = upload(api, audio, key, name="../../etc/passwd", kind="text/plain")  # name and type are ignored
    assert r.status_code == 200, r.text
    assert r.json() == {"text": "怀孕了公司要给我降薪合法吗", "duration_s": 3.48, "format": "webm"}
    [heard] = asr.requests
    assert (heard.model, heard.language, heard.response_format) == ("paraformer", "zh", "json")
    assert (heard.filename, heard.content_type, heard.data) == ("speech.webm", "audio/webm", audio)
    assert heard.authorization == "Bearer asr-secret"


@pytest.mark.parametrize(("make", "fmt", "seconds"), [
    (lambda: wav_bytes(2.5), "wav", 2.5), (lambda: ogg_opus_bytes(3.2), "ogg", 3.2),
    (lambda: webm_bytes(3.5), "webm", 3.48)])
def test_raw_audio_body_is_accepted_too(api: TestClient, key: dict[str, str], asr: AsrStandIn,
                                        make: Any, fmt: str, seconds: float) -> None:
    r = api.post("/v1/speech", content=make(), headers={**key, "Content-Type": "audio/whatever"})
    assert r.status_code == 200, r.text
    assert (r.json()["format"], r.json()["duration_s"]) == (fmt, seconds)
    assert asr.requests[0].filename == "speech." + fmt


def test_traditional_output_and_plain_text_replies(api: TestClient, key: dict[str, str], asr: AsrStandIn) -> None:
    asr.text, asr.plain = "<|zh|>產假有多少天", True
    r = upload(api, wav_bytes(2), key)
    assert r.json()["text"] == "产假有多少天"


@pytest.mark.parametrize(("setup", "status", "code", "message"), [
    ({"status": 500}, 502, "asr_failed", "语音识别服务暂时出错，请稍后再试，或用文字输入问题"),
    ({"status": 404}, 502, "asr_failed", "语音识别服务暂时出错，请稍后再试，或用文字输入问题"),
    ({"delay": 10.0}, 504, "asr_timeout", "语音识别服务响应超时，请稍后再试，或用文字输入问题"),
    ({"text": "  "}, 422, "no_speech", "没有识别到说话内容，请靠近话筒再说一次"),
])
def test_recogniser_failures_have_stable_codes(api: TestClient, key: dict[str, str], asr: AsrStandIn,
                                               setup: dict[str, Any], status: int, code: str, message: str) -> None:
    for name, value in setup.items():
        setattr(asr, name, value)
    r = upload(api, wav_bytes(2), key)
    assert (r.status_code, r.json()) == (status, {"code": code, "message": message})
    assert len(asr.requests) == 1


def test_language_hint_can_be_left_out_and_urls_are_checked(tmp_path: Path, asr: AsrStandIn) -> None:
    with client(tmp_path, rate_limits=False, api_auth=False, asr_base_url=asr.base_url + "/", asr_language="",
                asr_model="sensevoice") as c:
        assert c.post("/v1/speech", content=wav_bytes(1), headers={"Content-Type": "audio/wav"}).status_code == 200
    assert (asr.requests[0].model, asr.requests[0].language, asr.requests[0].authorization) == ("sensevoice", None, None)
    assert make_settings(tmp_path, asr_base_url="  ").asr_base_url is None
    with pytest.raises(ValueError, match="must start with http"):
        make_settings(tmp_path, asr_base_url="asr.internal:8000/v1")


def test_recogniser_down(tmp_path: Path) -> None:
    from services import free_port

    with client(tmp_path, rate_limits=False, api_auth=False,
                asr_base_url=f"http://127.0.0.1:{free_port()}/v1") as down:
        r = down.post("/v1/speech", files={"file": ("a.wav", wav_bytes(2), "audio/wav")})
    assert (r.status_code, r.json()["code"]) == (502, "asr_failed")


@pytest.mark.parametrize(("data", "status", "code", "message"), [
    (webm_bytes(61), 413, "audio_too_long", "录音太长（约 61 秒，最多 60 秒），请分几段说"),
    (wav_bytes(0.1), 422, "no_speech", "录音太短，没有听到说话，请按住按钮说完再松开"),
    (b"ID3\x04" + b"\x00" * 2000, 415, "audio_unsupported", "不支持这种录音格式，请使用 webm、ogg、wav 或 m4a 录音"),
    (b"OggS" + b"\x00" * 2000, 415, "audio_unsupported", "不支持这种录音格式，请使用 webm、ogg、wav 或 m4a 录音"),
    (ogg_opus_bytes(3)[:40], 415, "audio_unsupported", "无法读取这段录音（文件可能不完整），请重新录音"),
    (b"", 422, "invalid_input", "没有收到录音：录音文件是空的"),
])
def test_bad_recordings_never_reach_the_recogniser(api: TestClient, key: dict[str, str], asr: AsrStandIn,
                                                   data: bytes, status: int, code: str, message: str) -> None:
    r = upload(api, data, key)
    assert (r.status_code, r.json()) == (status, {"code": code, "message": message})
    assert asr.requests == []


def test_too_large_by_header_and_by_stream(api: TestClient, key: dict[str, str], asr: AsrStandIn) -> None:
    message = "录音文件过大（最多 2.0 MB），请说得简短一些后重试"
    r = upload(api, b"RIFF" + b"\x00" * (2 * MB + 100 * 1024), key)
    assert (r.status_code, r.json()) == (413, {"code": "audio_too_large", "message": message})

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams in
        for _ in range(40):
            yield b"\x00" * (64 * 1024)

    r = api.post("/v1/speech", content=chunks(), headers={**key, "Content-Type": "audio/wav"})
    assert (r.status_code, r.json()["code"]) == (413, "audio_too_large")
    # Within the body limit but over the audio limit (multipart framing has 64 KB of slack)
    r = upload(api, wav_bytes(65.6), key)
    assert (r.status_code, r.json()["code"]) == (413, "audio_too_large")
    assert asr.requests == []
    # Every other route keeps its 64 KB limit
    r = api.post("/v1/feedback", content=b"{" + b" " * 70000 + b"}", headers={**key, "Content-Type": "application/json"})
    assert (r.status_code, r.json()["code"]) == (413, "payload_too_large")


def test_malformed_uploads(api: TestClient, key: dict[str, str], asr: AsrStandIn) -> None:
    r = api.post("/v1/speech", files={"audio": ("a.wav", wav_bytes(1), "audio/wav")}, headers=key)
    assert (r.status_code, r.json()["message"]) == (422, "没有收到录音：请在表单字段 file 中上传录音文件")
    r = api.post("/v1/speech", data={"file": "不是文件"}, files={"x": ("a", b"1")}, headers=key)
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"
    r = api.post("/v1/speech", json={"audio": "UklGRg=="}, headers=key)
    assert (r.status_code, r.json()["code"]) == (415, "audio_unsupported")
    r = api.post("/v1/speech", content=b"--x\r\nbroken", headers={**key, "Content-Type": "multipart/form-data"})
    assert (r.status_code, r.json()["code"]) == (422, "invalid_input")
    two = [("file", ("a.wav", wav_bytes(1), "audio/wav")), ("file", ("b.wav", wav_bytes(1), "audio/wav"))]
    r = api.post("/v1/speech", files=two, headers=key)
    assert (r.status_code, r.json()["code"]) == (422, "invalid_input")
    assert asr.requests == []


def test_recording_never_spills_to_disk(api: TestClient, key: dict[str, str], asr: AsrStandIn,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    spilled: list[int] = []
    original = tempfile.SpooledTemporaryFile.rollover

    def rollover(self: Any) -> None:
        spilled.append(1)
        original(self)

    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", rollover)
    audio = wav_bytes(55)  # 1.76 MB: over Starlette's 1 MB spool, which would roll over to a temporary file
    r = upload(api, audio, key)
    assert r.status_code == 200, r.text
    assert spilled == [] and asr.requests[0].data == audio


def test_same_auth_and_limits_as_every_route(data_dir: Path, standin: AsrStandIn, asr: AsrStandIn) -> None:
    origin = {"Origin": "http://127.0.0.1:8000"}
    with client(data_dir, asr_base_url=standin.base_url, widget_limit="2/minute") as c:
        assert c.post("/v1/speech", files={"file": ("a.wav", wav_bytes(1), "audio/wav")}).status_code == 401
        assert c.get("/v1/speech").status_code == 401
        token = c.post("/v1/widget/token", headers={"X-API-Key": "demo-widget-key", **origin}).json()["token"]
        widget = {"X-API-Key": "demo-widget-key", "X-Widget-Token": token, **origin}
        assert c.get("/v1/speech", headers=widget).json()["available"] is True
        r = c.post("/v1/speech", files={"file": ("a.wav", wav_bytes(1), "audio/wav")}, headers=widget)
        assert r.status_code == 200 and r.headers["RateLimit-Remaining"] == "0"
        r = c.post("/v1/speech", files={"file": ("a.wav", wav_bytes(1), "audio/wav")}, headers=widget)
        assert (r.status_code, r.json()["code"]) == (429, "rate_limited")
        _, admin_only = open_storage(make_settings(data_dir)).keys.create("只看统计", ["admin"])
        r = c.post("/v1/speech", files={"file": ("a.wav", wav_bytes(1), "audio/wav")}, headers={"X-API-Key": admin_only})
        assert (r.status_code, r.json()["code"]) == (403, "forbidden")
    assert len(asr.requests) == 1


def test_openapi_documents_the_upload(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    post = spec["paths"]["/v1/speech"]["post"]
    assert set(post["requestBody"]["content"]) == {"multipart/form-data", "audio/*"}
    assert {"413", "415", "422", "502", "503", "504"} <= set(post["responses"])
    assert "get" in spec["paths"]["/v1/speech"]


def test_audio_and_text_reach_neither_database_nor_log(
        api: TestClient, key: dict[str, str], asr: AsrStandIn, data_dir: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    marker = b"VOICE-MARKER-7f3a"
    asr.text = "我叫王小红，电话13812345678，怀孕了被辞退"
    caplog.set_level(logging.DEBUG)
    r = upload(api, wav_bytes(3, marker=marker), key)
    assert r.status_code == 200 and "13812345678" in r.json()["text"]  # she sees her own words
    asr.status = 500  # an error body quoting what it heard is not logged either
    assert upload(api, wav_bytes(3, marker=marker), key).status_code == 502
    log = caplog.text
    assert "speech: wav, 3.0 s" in log and "HTTP 500" in log
    for secret in ("13812345678", "王小红", "怀孕了被辞退", marker.decode()):
        assert secret not in log
    rows = dump_database(open_storage(make_settings(data_dir)))
    assert marker.decode() not in rows and "13812345678" not in rows
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert marker not in path.read_bytes(), path


def test_real_server_json_log_and_files_hold_no_audio_or_words(tmp_path: Path, asr: AsrStandIn) -> None:
    """`assistant serve` as operators run it: its JSON log, database and data folder after voice requests."""
    import httpx
    from process_support import base_env, serve

    data = tmp_path / "data"
    marker = b"VOICE-MARKER-91c2"
    asr.text = "我叫李秀英，手机13912345678，公司拖欠工资"
    log = tmp_path / "server.log"
    env = base_env(data, ASSISTANT_ASR_BASE_URL=asr.base_url, ASSISTANT_API_AUTH="false")
    with serve(env, log) as url, httpx.Client(base_url=url, timeout=60) as h:
        files = {"file": ("她的录音.wav", wav_bytes(3, marker=marker), "audio/wav")}
        r = h.post("/v1/speech", files=files)
        assert r.status_code == 200 and r.json()["text"] == asr.text
        asr.status = 500
        assert h.post("/v1/speech", files=files).json()["code"] == "asr_failed"
        assert h.post("/v1/speech", content=wav_bytes(70, marker=marker),
                      headers={"Content-Type": "audio/wav"}).json()["code"] == "audio_too_large"
    text = log.read_text(encoding="utf-8")
    assert '"route": "/v1/speech", "status": 200' in text and '"status": 413' in text
    assert "speech: wav, 3.0 s" in text and "HTTP 500" in text
    blobs = {"server.log": text.encode(), "rows": dump_database(open_storage(make_settings(data))).encode()}
    blobs.update({str(p): p.read_bytes() for p in data.rglob("*") if p.is_file()})
    for name, blob in blobs.items():
        for secret in (marker, b"13912345678", "李秀英".encode(), "拖欠工资".encode(), "她的录音".encode()):
            assert secret not in blob, (name, secret)


def test_cli_checks_the_configured_recogniser(tmp_path: Path, asr: AsrStandIn, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from assistant.cli import run

    recording = tmp_path / "问题.ogg"
    recording.write_bytes(ogg_opus_bytes(3.2))
    monkeypatch.delenv("ASSISTANT_ASR_BASE_URL", raising=False)
    assert run(["speech", str(recording)]) == 1
    assert "语音识别服务未配置" in capsys.readouterr().err
    monkeypatch.setenv("ASSISTANT_ASR_BASE_URL", asr.base_url)
    assert run(["speech", str(recording), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"text": "怀孕了公司要给我降薪合法吗", "duration_s": 3.2,
                                                   "format": "ogg"}
    assert run(["speech", str(recording)]) == 0
    assert "ogg，3.2 秒，模型 paraformer" in capsys.readouterr().out
    (tmp_path / "a.txt").write_text("不是录音")
    assert run(["speech", str(tmp_path / "a.txt")]) == 2
    assert "不支持这种录音格式" in capsys.readouterr().err
    assert run(["speech", str(tmp_path / "无.wav")]) == 2
    asr.status = 503
    assert run(["speech", str(recording)]) == 1
    assert "语音识别服务暂时出错" in capsys.readouterr().err
    from assistant.cli.speech_cmd import doctor_line

    assert doctor_line(make_settings(tmp_path, asr_base_url="")).startswith("语音识别：未配置")
    assert doctor_line(make_settings(tmp_path, asr_base_url=asr.base_url)).startswith(f"语音识别：{asr.base_url}")
