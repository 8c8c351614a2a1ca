"""The capture screen's data: read in tui/capture_data.py, answers written by models/answer_save.py
(both without the ORM, so that the meeting shows and saves before SQLAlchemy is loaded)."""

from __future__ import annotations

from tui.capture_data import CaptureData, load_capture

__all__ = ["CaptureData", "load_capture"]
