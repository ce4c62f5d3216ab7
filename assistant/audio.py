"""What a recording is, judged by its bytes: container format and length, read in memory and never stored.

Formats are recognised by their magic numbers, not by the client's content type: WAV (`RIFF....WAVE`),
Ogg (`OggS`: Opus from Firefox, Vorbis, FLAC, Speex), WebM/Matroska (EBML `1A 45 DF A3`: Chrome, Android,
WeChat's Android browser) and MP4 (`....ftyp`: Safari and WeChat on iPhone). The length comes from mutagen
(WAV header, Ogg granule positions, MP4 movie header) and, for WebM, from the block timestamps that
ebmlite reads (MediaRecorder writes no Duration element). A fragmented MP4 (what MediaRecorder writes)
declares no usable length: then `duration_s` is None and only the size limit bounds it.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from assistant.errors import AudioTooLargeError, AudioTooLongError, AudioUnsupportedError, NoSpeechError

log = logging.getLogger(__name__)

MIME: Final = {"webm": "audio/webm", "ogg": "audio/ogg", "wav": "audio/wav", "mp4": "audio/mp4"}
SUFFIX: Final = {"webm": ".webm", "ogg": ".ogg", "wav": ".wav", "mp4": ".m4a"}
MIN_SECONDS: Final = 0.3  # a tap, not a question: answered no_speech without asking the recogniser
UNSUPPORTED: Final = "不支持这种录音格式，请使用 webm、ogg、wav 或 m4a 录音"
UNREADABLE: Final = "无法读取这段录音（文件可能不完整），请重新录音"
_EBML_MAGIC: Final = b"\x1a\x45\xdf\xa3"


@dataclass(frozen=True, slots=True)
class AudioClip:
    """A recording held in memory: its bytes, container format and length in seconds (None: not declared)."""

    data: bytes
    format: str  # one of MIME's keys
    duration_s: float | None

    @property
    def mime(self) -> str:
        """The content type sent on to the recogniser."""
        return MIME[self.format]

    @property
    def filename(self) -> str:
        """A neutral file name with the right suffix (servers such as FunASR's pick the decoder by it)."""
        return "speech" + SUFFIX[self.format]

    def __repr__(self) -> str:  # never the bytes, in a traceback or a log
        return f"AudioClip(format={self.format!r}, bytes={len(self.data)}, duration_s={self.duration_s})"


def detect_format(data: bytes) -> str | None:
    """'webm', 'ogg', 'wav' or 'mp4' from the first bytes, else None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if data[:4] == b"OggS":
        return "ogg"
    if data[:4] == _EBML_MAGIC:
        return "webm"
    if data[4:8] == b"ftyp":
        return "mp4"
    return None


def inspect_audio(data: bytes, *, max_bytes: int, max_seconds: float) -> AudioClip:
    """The clip, or AudioTooLargeError / AudioUnsupportedError / AudioTooLongError / NoSpeechError."""
    if len(data) > max_bytes:
        raise AudioTooLargeError(max_bytes)
    fmt = detect_format(data)
    if fmt is None:
        raise AudioUnsupportedError(UNSUPPORTED)
    duration = _duration(fmt, data)
    if duration is not None:
        if duration > max_seconds:
            raise AudioTooLongError(duration, max_seconds)
        if duration < MIN_SECONDS:
            raise NoSpeechError("录音太短，没有听到说话，请按住按钮说完再松开")
    return AudioClip(data=data, format=fmt, duration_s=None if duration is None else round(duration, 2))


def _duration(fmt: str, data: bytes) -> float | None:
    # Third-party parse errors end here, as one AudioUnsupportedError (the one boundary for these libraries).
    try:
        if fmt == "webm":
            return _webm_duration(data)
        return _mutagen_duration(fmt, data)
    except AudioUnsupportedError:
        raise
    except Exception as exc:  # mutagen.MutagenError, ebmlite's IOError/TypeError/KeyError on a broken file
        log.info("unreadable %s recording: %s", fmt, type(exc).__name__)
        raise AudioUnsupportedError(UNREADABLE) from exc


def _mutagen_duration(fmt: str, data: bytes) -> float | None:
    import mutagen
    from mutagen.mp4 import MP4
    from mutagen.oggflac import OggFLAC
    from mutagen.oggopus import OggOpus
    from mutagen.oggspeex import OggSpeex
    from mutagen.oggvorbis import OggVorbis
    from mutagen.wave import WAVE

    options: dict[str, list[Any]] = {
        "wav": [WAVE], "ogg": [OggOpus, OggVorbis, OggFLAC, OggSpeex], "mp4": [MP4]}
    audio = mutagen.File(io.BytesIO(data), options=options[fmt])
    if audio is None:  # an Ogg stream of another codec (Theora video …)
        raise AudioUnsupportedError(UNSUPPORTED)
    length = float(audio.info.length)
    if fmt == "mp4" and b"moof" in data[:4096]:
        # Fragmented MP4: the movie header covers only the first fragment, so its length means nothing.
        return None
    return length


@lru_cache(maxsize=1)
def _matroska() -> Any:
    import ebmlite

    return ebmlite.loadSchema("matroska.xml")


def _webm_duration(data: bytes) -> float | None:
    """The Segment's Duration when written, else the end of the last block (cluster time + block offset)."""
    from ebmlite.decoding import readElementSize

    doc = _matroska().loads(data)
    if doc.info.get("DocType") not in ("webm", "matroska"):  # another EBML format
        raise AudioUnsupportedError(UNSUPPORTED)
    scale_ns = 1_000_000
    declared: float | None = None
    stamps: list[int] = []
    for top in doc:
        if top.name != "Segment":
            continue
        for part in top:
            if part.name == "Info":
                for field in part:
                    if field.name == "TimecodeScale":
                        scale_ns = int(field.value)
                    elif field.name == "Duration":
                        declared = float(field.value)
            elif part.name == "Cluster":
                cluster_time = 0
                for child in part:
                    if child.name == "Timecode":
                        cluster_time = int(child.value)
                    elif child.name in ("SimpleBlock", "BlockGroup"):
                        block = child if child.name == "SimpleBlock" else next(
                            (b for b in child if b.name == "Block"), None)
                        if block is None:
                            continue
                        raw = io.BytesIO(bytes(block.value[:12]))
                        readElementSize(raw)  # the track number, an EBML variable-size integer
                        offset = int.from_bytes(raw.read(2), "big", signed=True)
                        stamps.append(cluster_time + offset)
    if declared is not None and declared > 0:
        return declared * scale_ns / 1e9
    if not stamps:
        raise AudioUnsupportedError(UNREADABLE)
    stamps.sort()
    # The last block lasts about as long as the gap before it (Opus frames are of one size).
    last = stamps[-1] + (stamps[-1] - stamps[-2] if len(stamps) > 1 else 0)
    return last * scale_ns / 1e9
