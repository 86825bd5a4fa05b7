"""Edition fields from the cover, the publication lines and the document's properties."""

from __future__ import annotations

import re

from ..core.richtext import LineBreak, Text
from ..core.wording import DRAFT_MARKING
from . import fields as edition_fields
from .docx_reader import Para, Table
from .drafts import Assembly
from .properties import document_language, draft_marking

_PROPERTIES = "the document's properties"
_HEADING_WORDS = 12


def read_cover(paras: list[Para], out: Assembly) -> tuple[str, str] | None:
    """Title, label and dates from the cover; return a likely Publisher line, to use if nothing better turns up."""
    found = out.fields
    styled_title = any(p.title for p in paras)
    title_lines: list[str] = []
    leftovers: list[Para] = []
    for para in paras:
        text = " ".join(para.text.split())
        if para.style_name.casefold() == "draft marking" or text == DRAFT_MARKING:
            continue  # reportgen's boxed draft marking, not cover text: read_properties makes the Status Draft
        if para.title:
            title_lines.append(text)
        elif edition_fields.is_label(text) and "Edition" not in found.values:
            found.offer("Edition", text, para.place)
        elif record_dates(text, para.place, found):
            continue
        elif not styled_title and "Edition" not in found.values and not leftovers:
            title_lines.append(text)  # the lines above the label are the title
        else:
            leftovers.append(para)
    if title_lines:
        found.offer("Title", " ".join(title_lines), paras[0].place)
    guess = None
    for para in leftovers:
        text = " ".join(para.text.split())
        if guess is None and len(text.split()) <= _HEADING_WORDS and not re.search(r"\d{4}", text):
            guess = (text, para.place)
        else:
            out.unplaced(para.place, text, " on the cover")
    return guess


def record_dates(text: str, place: str, found: edition_fields.EditionFields) -> bool:
    """Record a monitoring period or publication line; True if the text was one."""
    period = edition_fields.monitoring_period(text)
    if period:
        found.offer("Period start", period[0], place)
        found.offer("Period end", period[1], place)
        return True
    if re.match(r"\s*published\b", text, re.IGNORECASE):
        publisher, day = edition_fields.publication_in(text)
        found.offer("Publisher", publisher, place)
        found.offer("Publication date", day, place)
        return bool(publisher or day)
    day = edition_fields.lone_date(text)
    if day:
        found.offer("Publication date", day, place)
        return True
    return False


def read_properties(document, out: Assembly) -> None:
    """What the text did not say, from the document's properties, and the period from the label."""
    found = out.fields
    props = edition_fields.core_properties(document)
    found.offer("Title", props.get("title"), _PROPERTIES)
    label = props.get("category") if edition_fields.is_label(props.get("category", "")) else None
    found.offer("Edition", label, _PROPERTIES)
    found.offer("Author", props.get("author"), _PROPERTIES)
    found.offer("Subject", props.get("subject"), _PROPERTIES)
    found.offer("Keywords", props.get("keywords"), _PROPERTIES)
    joined = props.get("keywords")
    if joined and "," not in joined and len(joined.split()) > 3 and _saved_by_libreoffice(document):
        out.note(
            "import-keywords-joined",
            _PROPERTIES,
            f"the keywords '{joined}' have no separators between them "
            "(LibreOffice joins a document's keywords with spaces when it saves it as .docx); put commas "
            "between the keywords in the Keywords field of the Edition sheet",
        )
    language = document_language(document)
    if language is not None:
        found.offer("Language", language[0], language[1])
    found.offer("Language", props.get("language"), _PROPERTIES)
    marking = draft_marking(document)
    if marking is not None:
        found.offer("Status", "Draft", marking)
    elif "draft" in props.get("content_status", "").casefold():
        found.offer("Status", "Draft", f"{_PROPERTIES} (status)")
    if "Period start" in found.values or not found.values.get("Edition"):
        return
    period = edition_fields.period_of_label(str(found.values["Edition"]))
    if period is None:
        for section in out.sections:
            period = edition_fields.period_in(" ".join(p.text for p in section.body))
            if period:
                break
    if period:
        found.offer("Period start", period[0], "the edition label")
        found.offer("Period end", period[1], "the edition label")


def _saved_by_libreoffice(document) -> bool:
    """Whether the package says LibreOffice wrote it (docProps/app.xml's Application)."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            return b"LibreOffice" in part.blob
    return False


def settle_publisher(guess: tuple[str, str] | None, out: Assembly) -> None:
    """Use the cover line taken for the publisher only when the document names none itself."""
    if guess is None:
        return
    text, place = guess
    named = out.fields.values.get("Publisher")
    if named is None:
        out.fields.offer("Publisher", text, place)
        out.note(
            "import-field-guessed", place, f"the Publisher was taken to be '{text}', a line on the cover; check it"
        )
    elif str(named).casefold() != text.casefold():
        out.unplaced(place, text, " on the cover")


def mark_bold_headings(blocks: list) -> None:
    """In a document with no heading styles, a short line all in bold above text is a heading."""
    if any(isinstance(block, Para) and block.heading is not None for block in blocks):
        return
    for index, block in enumerate(blocks[:-1]):
        following = next((b for b in blocks[index + 1 :] if isinstance(b, Table) or not b.is_empty), None)
        if (
            isinstance(block, Para)
            and _looks_like_heading(block)
            and following is not None
            and (isinstance(following, Table) or not _looks_like_heading(following) or following.title)
        ):
            block.heading = 1


def _looks_like_heading(para: Para) -> bool:
    text = " ".join(para.text.split())
    if not text or para.title or para.list_level is not None or len(text.split()) > _HEADING_WORDS:
        return False
    if text.endswith((".", ",", ";")):
        return False
    runs = [node for node in para.inlines if not isinstance(node, LineBreak)]
    return all(isinstance(node, Text) and (node.bold or not node.text.strip()) for node in runs)
