"""What a recording is, judged by its bytes: container format and length, read in memory and never stored.

Formats are recognised by their magic numbers, not by the client's content type: WAV (`RIFF....WAVE`),
Ogg (`OggS`: Opus from Firefox, Vorbis, FLAC, Speex), WebM/Matroska (EBML `1A 45 DF A3`: Chrome, Android,
WeChat's Android browser) and MP4 (`....ftyp`: Safari and WeChat on iPhone). The length comes from mutagen
(WAV header, Ogg granule positions, MP4 movie header) and, for WebM, from the blocks' timestamps
(MediaRecorder writes no Duration element). A fragmented MP4 (what MediaRecorder writes)
declares no usable length: then `duration_s` is None and only the size limit bounds it.
"""

from __future__ import annotations

import io
import logging
import struct
from dataclasses import dataclass
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
    except Exception as exc:  # mutagen.MutagenError, struct.error, IndexError/ValueError on a broken file
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
    if fmt == "mp4" and _fragmented(data):
        # The movie header of a fragmented MP4 covers only what precedes the fragments: its length means nothing.
        return None
    return float(audio.info.length)


def _fragmented(data: bytes) -> bool:
    """True for an MP4 whose movie box announces fragments (`moov/mvex`), as MediaRecorder writes it."""
    # mutagen's box walker is private; the movie box comes before any media in a recording, and a stray
    # match only costs the length check (the size limit still holds).
    return b"mvex" in data[:65536]


# Matroska element ids (RFC 9559). Masters in _DESCEND are read into, whatever their size: MediaRecorder
# writes the Segment and each Cluster with an unknown size, so the file is read as one flat run of elements.
_EBML, _SEGMENT, _INFO, _CLUSTER, _BLOCK_GROUP = 0x1A45DFA3, 0x18538067, 0x1549A966, 0x1F43B675, 0xA0
_DESCEND: Final = frozenset({_EBML, _SEGMENT, _INFO, _CLUSTER, _BLOCK_GROUP})
_DOC_TYPE, _TIMESTAMP_SCALE, _DURATION, _CLUSTER_TIME = 0x4282, 0x2AD7B1, 0x4489, 0xE7
_SIMPLE_BLOCK, _BLOCK = 0xA3, 0xA1


def _vint(data: bytes, pos: int, *, marker: bool) -> tuple[int | None, int]:
    """An EBML variable-size integer at `pos` (an id keeps its marker bit; a size of all ones is unknown: None)."""
    length = 9 - data[pos].bit_length()
    if length > 8 or pos + length > len(data):
        raise ValueError("not an EBML variable-size integer")
    raw = int.from_bytes(data[pos:pos + length], "big")
    if marker:
        return raw, pos + length
    value = raw & ((1 << 7 * length) - 1)
    return (None if value == (1 << 7 * length) - 1 else value), pos + length


def _webm_duration(data: bytes) -> float | None:
    """The Segment's Duration when written, else the end of the last block (cluster time + block offset).

    Hand-written on purpose, 30 lines: ebmlite's wheel installs a top-level `tests` package that shadows this
    project's, and enzyme cannot read unknown-size elements (what every MediaRecorder file has)."""
    pos, doc_type, scale_ns, declared, cluster, stamps = 0, "matroska", 1_000_000, 0.0, 0, []
    while pos < len(data):
        eid, pos = _vint(data, pos, marker=True)
        size, pos = _vint(data, pos, marker=False)
        if eid in _DESCEND:
            continue  # its children follow
        if size is None:
            break  # an unknown-size element we do not read: nothing after it can be found
        payload, pos = data[pos:pos + size], pos + size
        if eid == _DOC_TYPE:
            doc_type = payload.rstrip(b"\x00").decode("ascii", "replace")
        elif eid == _TIMESTAMP_SCALE:
            scale_ns = int.from_bytes(payload, "big") or scale_ns
        elif eid == _DURATION and size in (4, 8):
            declared = struct.unpack(">f" if size == 4 else ">d", payload)[0]
        elif eid == _CLUSTER_TIME:
            cluster = int.from_bytes(payload, "big")
        elif eid in (_SIMPLE_BLOCK, _BLOCK) and payload:
            _track, at = _vint(payload, 0, marker=False)
            if len(payload) >= at + 2:
                stamps.append(cluster + int.from_bytes(payload[at:at + 2], "big", signed=True))
    if doc_type not in ("webm", "matroska"):  # another EBML format
        raise AudioUnsupportedError(UNSUPPORTED)
    if declared > 0:
        return float(declared * scale_ns / 1e9)
    if not stamps:
        raise AudioUnsupportedError(UNREADABLE)
    stamps.sort()
    # The last block lasts about as long as the gap before it (Opus frames are of one size).
    last = stamps[-1] + (stamps[-1] - stamps[-2] if len(stamps) > 1 else 0)
    return last * scale_ns / 1e9
