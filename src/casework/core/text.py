"""Sanitising customer-written HTML and deriving plain text."""

from __future__ import annotations

import html
import re

import nh3

_ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "code", "div", "em", "i", "li", "ol", "p", "pre", "span", "strong", "u", "ul",
    "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "hr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_TAG_RE = re.compile(r"<[^>]+>")
_BLOCK_RE = re.compile(r"</?(p|div|br|li|tr|h[1-6]|blockquote|pre)[^>]*>", re.I)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sanitize_html(raw: str) -> str:
    """Keep formatting, drop everything that can run or load: scripts, handlers, styles, images."""
    return nh3.clean(
        raw,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_to_text(raw: str) -> str:
    text = _BLOCK_RE.sub("\n", raw)
    text = _TAG_RE.sub("", text)
    text = html.unescape(text)
    return clean_text(text)


def clean_text(text: str) -> str:
    text = _CONTROL_RE.sub("", text.replace("\r\n", "\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_to_html(text: str) -> str:
    """Plain text as safe HTML: escaped, paragraphs and line breaks kept."""
    paragraphs = [p for p in clean_text(text).split("\n\n") if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
