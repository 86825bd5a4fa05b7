"""Rules about links: addresses a reader can follow, and link text that says where it goes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..core.findings import Finding, error, warning
from ..core.linktext import VAGUE_LINK_TEXT
from ..core.richtext import SAFE_LINK_SCHEMES, Link, is_well_formed_url
from ..core.wording import clip
from .registry import Context, rule
from .texts import rich_texts

_BARE_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
# "[text](address)" left as text: the parser could not read it as a link.
_BROKEN_MARKUP = re.compile(r"\[[^\[\]\n]+\]\s*\(\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|www\.|[/#])[^()\n]*\)?")
_FILE_NAME = re.compile(r"^[^/]*\.(?:pdf|docx?|xlsx?|xlsm|pptx?|csv|txt|odt|ods|rtf)$", re.IGNORECASE)
_LOOKS_LIKE_HOST = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#]\S*)?$")


@rule("link-malformed", "link-scheme")
def link_addresses(context: Context) -> Iterator[Finding]:
    """A link's address must be a complete web or e-mail address, the only kinds a reader can safely follow.

    Anything else (javascript:, file:, data:, a place inside the workbook) is never
    published as a link, so the words would silently stop being one.
    """
    for item in rich_texts(context):
        for link in item.rich.links():
            problem = _address_problem(link)
            if problem is not None:
                code, message = problem
                yield error(code, message, item.source)
        for match in _BROKEN_MARKUP.finditer(item.text):
            yield error(
                "link-malformed",
                f"'{clip(match.group(0))}' looks like a link but could not be read as "
                "one; write it as [link text](https://address), with no space before the bracket and none "
                "in the address",
                item.source,
            )


def _address_problem(link: Link) -> tuple[str, str] | None:
    href = link.href.strip()
    text = clip(link.text) or href
    if not href:
        return "link-malformed", f"the link '{text}' has no address; write it as [link text](https://address)"
    if href.startswith("#"):
        return "link-scheme", (
            f"the link '{text}' points to {href[1:] or 'a place'} inside the workbook, which a "
            "reader cannot follow; link to a published web page instead"
        )
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in SAFE_LINK_SCHEMES:
        if is_well_formed_url(href):
            return None
        kind = "e-mail address" if scheme == "mailto" else "web address"
        return "link-malformed", (
            f"the link address '{clip(href)}' is not a complete {kind}; check it for "
            "spaces and a missing domain, such as https://www.example.gov.uk/page"
        )
    if not scheme or re.fullmatch(r"[a-z]", scheme):
        if _LOOKS_LIKE_HOST.match(href) and not _FILE_NAME.search(href.split("?")[0]):
            return "link-malformed", (
                f"the link address '{clip(href)}' has no https:// at the start; write https://{href}"
            )
        return "link-scheme", (
            f"the link '{text}' points to '{clip(href)}', a file or place on a computer "
            "that readers cannot open; link to a published web page (https://) instead"
        )
    return "link-scheme", (
        f"the link '{text}' uses '{scheme}:', which is never published as a link; use an https:// or mailto: address"
    )


@rule("link-text-bare-url", "link-text-vague")
def link_text(context: Context) -> Iterator[Finding]:
    """Link text should say where the link goes: many readers hear or scan links out of their sentence."""
    for item in rich_texts(context):
        for link in item.rich.links():
            text = " ".join(link.text.split())
            if link.scheme == "mailto" and text.casefold() in (link.href[7:].casefold(), link.href.casefold()):
                continue  # an e-mail address is the usual, and clearest, text for itself
            if not text:
                yield warning(
                    "link-text-vague",
                    f"the link to {clip(link.href)} has no text; write words that "
                    "say where it goes, as [Annual report 2025](https://...)",
                    item.source,
                )
            elif _BARE_URL.match(text) or text == link.href:
                yield warning(
                    "link-text-bare-url",
                    f"the link text is the bare address {clip(text)}; write "
                    f"words that say where it goes, as [title of the page]({clip(link.href)})",
                    item.source,
                )
            elif text.casefold().strip(" .:;,!()") in VAGUE_LINK_TEXT:
                yield warning(
                    "link-text-vague",
                    f"the link text '{text}' does not say where the link goes; use "
                    "the title of the page or document instead",
                    item.source,
                )
