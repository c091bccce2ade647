"""Keyset (cursor) pagination: pages stay fast at any depth because no OFFSET is used."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from casework.core.errors import ValidationFailed


def encode_cursor(values: list) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kinds: tuple[type, ...]) -> list:
    """Decode a cursor made by :func:`encode_cursor`; ``kinds`` says how to read each value."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError
        return [datetime.fromisoformat(v) if k is datetime else k(v) for v, k in zip(values, kinds, strict=True)]
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise ValidationFailed("Invalid cursor.", details=[{"loc": ["cursor"], "msg": "invalid"}]) from exc


@dataclass
class Page:
    items: list
    next_cursor: str | None
