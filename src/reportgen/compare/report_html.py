"""The comparison as one self-contained, accessible web page (templates/compare.html.j2 and compare.css)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from .. import __version__
from . import ReportFormat, register
from .citations import NEW, OLD, changed_notes, cited_note, pieces
from .model import KINDS, Change, Citation, Comparison, TextDiff

# Kinds shown as one table row each rather than as a text with its redline.
COMPACT_KINDS = ("moved", "renumbered", "id-changed", "field-changed", "metric-changed", "edition-changed")


@lru_cache(maxsize=2)
def template(name: str):
    """A comparison page's template (the editions' or the meetings'), in one Jinja set-up for both."""
    environment = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    return environment.from_string(files("reportgen.templates").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def css() -> str:
    """The house style both comparison pages embed."""
    return files("reportgen.templates").joinpath("compare.css").read_text(encoding="utf-8")


def render(comparison: Comparison) -> bytes:
    counts = comparison.counts()
    old_name = comparison.old.edition or comparison.old.file
    new_name = comparison.new.edition or comparison.new.file
    language = comparison.new.language or "en-GB"
    html = template("compare.html.j2").render(
        version=__version__,
        css=Markup(css()),
        old=comparison.old,
        new=comparison.new,
        old_name=old_name,
        new_name=new_name,
        match_by=comparison.match_by,
        strict=comparison.strict,
        headline=headline(comparison),
        kinds=KINDS,
        counts=counts,
        unchanged=comparison.unchanged_commitments,
        notes=comparison.notes,
        text_matches=comparison.text_matches,
        groups=comparison.grouped(),
        compact_kinds=COMPACT_KINDS,
        changes_all=len(comparison.changes),
        changes_any=bool(comparison.changes),
        counted_total=comparison.total_changes,
        # The report's own words are British English; quoted edition text is in the edition's language.
        content_lang=Markup(f' lang="{escape(language)}"') if language.casefold() != "en-gb" else "",
        place=place,
        redline=redline_html,
        lines=lines_html,
        changed_notes=changed_notes,
        cited_note=cited_note,
    )
    return html.encode("utf-8")


def headline(comparison: Comparison) -> str:
    counts = comparison.counts()
    parts = [f"{comparison.total_changes} change{'s' if comparison.total_changes != 1 else ''}"]
    if counts["boilerplate-changed"]:
        n = counts["boilerplate-changed"]
        parts.append(f"{n} commitment{'s' if n != 1 else ''} reworded")
    if counts["carried-over"]:
        n = counts["carried-over"]
        parts.append(f"{n} update{'s' if n != 1 else ''} carried over unchanged, to confirm")
    return "; ".join(parts) + "."


def place(change: Change) -> str:
    if change.source is not None and change.source.sheet:
        return change.source.describe()
    if change.old_source is not None and change.old_source.sheet:
        return f"previous edition, {change.old_source.describe()}"
    return ""


def lines_html(text: str, change: Change | None = None, side: str = NEW) -> Markup:
    """Text with its line breaks kept; with its `change`, cited figures as `side`'s edition prints them."""
    if change is None or not change.citations:
        return Markup("<br>\n").join(escape(line) for line in text.split("\n"))
    parts = []
    for piece, citation in pieces(text, change, side):
        if citation is None:
            parts.append(Markup("<br>\n").join(escape(line) for line in piece.split("\n")))
        else:
            parts.append(Markup('<span class="metric" title="{}">{}</span>').format(_title(citation, side), piece))
    return Markup("").join(parts)


def _title(citation: Citation, side: str) -> str:
    """The metric behind a printed figure, and its other value when the editions differ."""
    title = f"{citation.reference}: {citation.label}"
    if citation.changed:
        other, edition = (citation.new, "new") if side == OLD else (citation.old, "previous")
        title += f"; {other} in the {edition} edition"
    return title


def redline_html(diff: TextDiff, change: Change | None = None) -> Markup:
    """The redline as <del> and <ins>, each also announced in words for screen readers."""
    parts: list[Markup] = []
    for segment in diff.segments:
        body = lines_html(segment.text, change, OLD if segment.op == "delete" else NEW)
        if segment.op == "delete":
            parts.append(
                Markup(
                    '<del><span class="visually-hidden">[deleted: </span>{}<span class="visually-hidden">]</span></del>'
                ).format(body)
            )
        elif segment.op == "insert":
            parts.append(
                Markup(
                    '<ins><span class="visually-hidden">[inserted: </span>{}'
                    '<span class="visually-hidden">]</span></ins>'
                ).format(body)
            )
        else:
            parts.append(body)
        parts.append(lines_html(segment.space_after) if "\n" in segment.space_after else escape(segment.space_after))
    return Markup("").join(parts)


register(ReportFormat("html", ".html", False, lambda comparison, options: render(comparison)))
