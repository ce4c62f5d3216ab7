"""Mechanisms a fourth lawyer review found wrong: notices that do not fit the topic, two-part messages."""

from __future__ import annotations

from assistant.answering.compose import region_notices


def test_a_province_without_texts_is_told_of_extra_leave_only_on_leave_topics() -> None:
    held = {"全国", "上海"}
    arbitration = region_notices(held, "江苏", False, None, "仲裁管辖")
    assert arbitration and "江苏" in arbitration[0] and "延长产假" not in arbitration[0]
    leave = region_notices(held, "江苏", False, None, "产假")
    assert "延长产假" in leave[0]
    assert region_notices(held, "上海", True, None, "仲裁管辖") == []
