"""The HTTP API: create_app, keys, limits, the widget and its demo page."""

from assistant.api.app import create_app

__all__ = ["create_app"]
