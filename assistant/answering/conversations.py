"""Conversations as the answer chain sees them; stored through `assistant.storage` (owned, redacted)."""

from __future__ import annotations

from assistant.storage.conversations import Conversation, ConversationStore, Turn, check_id, new_id

__all__ = ["Conversation", "ConversationStore", "Turn", "check_id", "new_id"]
