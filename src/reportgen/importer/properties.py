"""What a Word document says about itself outside its text: its language settings and a DRAFT marking."""

from __future__ import annotations

import re
from collections import Counter

from ..ooxml.namespaces import qn

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# DRAFT in capitals as a word of its own: the marking printed in a header, footer, watermark or cover line.
_DRAFT = re.compile(r"(?<![A-Za-z])DRAFT(?![A-Za-z])")
_COVER_LINE_WORDS = 8
_VML_TEXTPATH = qn("v:textpath")


def document_language(document) -> tuple[str, str] | None:
    """(language tag, where it was found) from the document's own settings, not its core properties.

    Word keeps the language of text in `w:lang` run properties: the document default (styles'
    `w:docDefaults`), the Normal style, and runs typed in another language. The language most of
    the body's text is in wins, so a document typed in British English on a template whose
    default is American English is British. Core properties come after this: LibreOffice writes
    its own interface language there whatever the text is in.
    """
    default = _style_language(document)
    counts: Counter[str] = Counter()
    body = document.element.body
    for run in body.iter(qn("w:r")):
        text = _text(run)
        if not text.strip():
            continue
        properties = run.find(qn("w:rPr"))
        language = _language_of(properties) or default
        if language:
            counts[language] += len(text)
    if counts:
        language, _ = max(counts.items(), key=lambda item: (item[1], item[0] == default))
        return language, "the language of the document's text"
    if default:
        return default, "the document's default language"
    return None


def _style_language(document) -> str | None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    language = _language_of(run_defaults.find(qn("w:rPr")) if run_defaults is not None else None)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
            language = _language_of(style.find(qn("w:rPr"))) or language
    return language


def _language_of(properties) -> str | None:
    if properties is None:
        return None
    element = properties.find(qn("w:lang"))
    value = element.get(qn("w:val")) if element is not None else None
    if value and _LANGUAGE_TAG.match(value.strip()):
        return value.strip()
    return None


def draft_marking(document) -> str | None:
    """Where the document is marked DRAFT (a header, footer, watermark or short line), or None."""
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if not re.match(r"^/word/(header|footer)\d*\.xml$", name):
            continue
        element = getattr(part, "element", None)
        if element is None:
            continue
        texts = [_text(paragraph) for paragraph in element.iter(qn("w:p"))]
        texts += [path.get("string") or "" for path in element.iter(_VML_TEXTPATH)]
        if any(_DRAFT.search(text) for text in texts):
            return "the page header or footer"  # the only parts the loop looks in
    for paragraph in document.element.body.iter(qn("w:p")):
        text = _text(paragraph)
        if _DRAFT.search(text) and len(text.split()) <= _COVER_LINE_WORDS:
            return "a line marking the document DRAFT"
    return None


def _text(element) -> str:
    """The text of a run or paragraph: its w:t pieces joined."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))
