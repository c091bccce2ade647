"""Text hygiene shared by every signal: never raise, always return something usable.

``prepare`` turns whatever arrived (str, bytes, None, binary garbage, 1 MB of text) into a
:class:`PreparedText`: the cleaned text, whether it was truncated and from what length.
``fold`` gives the matching form used by rules and lexicons: lower case, accents removed,
apostrophes and dashes unified, letter runs shortened ("heeelp" → "heelp"), so an admin writes
``incendie`` once and it matches "INCENDIE", "incendié" and "incendiiie".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

DEFAULT_MAX_CHARS = 20_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffd]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                              "\u2013": "-", "\u2014": "-", "\u201c": '"', "\u201d": '"',
                              "\u00ab": '"', "\u00bb": '"', "\u00df": "ss", "\u0153": "oe", "\u00e6": "ae"})
_TRANSLATED = re.compile("[\u2019\u2018\u02bc`\u00b4\u2013\u2014\u201c\u201d\u00ab\u00bb\u00df\u0153\u00e6]")
_RUNS = re.compile(r"(\w)\1{2,}")


@dataclass(frozen=True)
class PreparedText:
    text: str
    original_length: int
    truncated: bool

    @cached_property
    def is_empty(self) -> bool:  # asked once per signal: computed once
        return not any(ch.isalnum() for ch in self.text)


def to_str(raw) -> str:
    """Decode anything into str: bytes as UTF-8 (replacing bad bytes), None as ''."""
    if raw is None:
        return ""
    if isinstance(raw, bytes | bytearray | memoryview):
        return bytes(raw).decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        return str(raw)
    return raw


def prepare(raw, *, max_chars: int = DEFAULT_MAX_CHARS) -> PreparedText:
    """Clean ``raw`` for analysis; texts longer than ``max_chars`` keep their head (recorded)."""
    text = to_str(raw)
    original_length = len(text)
    truncated = original_length > max_chars
    if truncated:
        text = text[:max_chars]
    text = _SURROGATE.sub("", text)
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", text).strip()
    return PreparedText(text=text, original_length=original_length, truncated=truncated)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(m: re.Match) -> str:
    return "" if unicodedata.combining(m.group()) else m.group()


def strip_accents(text: str) -> str:
    # combining marks are never ASCII: only the non-ASCII characters are looked at
    return _NON_ASCII.sub(_drop_combining, unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """Matching form: lower case, no accents, unified apostrophes, letter runs capped at two.

    Length can change (NFKD, ``ß`` → ``ss``); rules report spans on the folded text.
    """
    if _TRANSLATED.search(text):
        text = text.translate(_APOSTROPHES)
    text = text.lower()
    if not text.isascii():
        text = strip_accents(text)
    return _RUNS.sub(r"\1\1", text)


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def letter_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())
