"""Link text every format is checked for: a link must say where it goes, not just be a URL or 'click here'."""

from __future__ import annotations

import re

from ..core.findings import Finding, Source, error, warning
from ..core.linktext import VAGUE_LINK_TEXT

_URL = re.compile(r"^(?:(?:https?|ftp)://|www\.)\S+$", re.IGNORECASE)
_DOMAIN_PATH = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$", re.IGNORECASE)


def normalise_link_text(text: str) -> str:
    return " ".join(text.split())


def looks_like_url(text: str) -> bool:
    text = text.strip()
    return bool(_URL.match(text) or (_DOMAIN_PATH.match(text) and ("/" in text or text.lower().startswith("www."))))


def check_link_text(text: str | None, href: str | None, place: Source) -> Finding | None:
    """The one finding (if any) about a link's text, the same for PDF, DOCX and HTML."""
    shown = normalise_link_text(text or "")
    target = f" to {href}" if href else ""
    if not shown:
        return error(
            "link-text-missing",
            f"the link{target} has no text, so a screen reader can only read out its "
            "address or nothing at all; give it text that says where it goes",
            place,
        )
    bare = shown.rstrip(".,;:")
    if looks_like_url(bare) or (href and bare.casefold() == href.casefold()):
        return warning(
            "link-text-bare-url",
            f"the link text is the bare address '{_clip(shown)}'; use words that "
            "say where the link goes, such as the page's title",
            place,
        )
    if bare.casefold().strip("!?»›> ") in VAGUE_LINK_TEXT:
        return warning(
            "link-text-unclear",
            f"the link text '{shown}' does not say where it goes out of context; use the destination's name instead",
            place,
        )
    return None


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
