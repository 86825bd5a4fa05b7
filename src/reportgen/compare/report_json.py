"""The comparison as one JSON document with a versioned schema (docs/compare.md describes it)."""

from __future__ import annotations

import json

from ..core.findings import Source
from . import ReportFormat, register
from .citations import NEW, OLD, printed
from .model import KINDS, Change, Comparison, TextDiff

SCHEMA = "reportgen-compare"
# Bump on any change that could break a reader: a renamed or removed key, a changed meaning.
# Adding a key is not breaking and keeps the version.
VERSION = 1


def render(comparison: Comparison) -> bytes:
    return (json.dumps(as_dict(comparison), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def as_dict(comparison: Comparison) -> dict:
    counts = comparison.counts()
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "old": _edition(comparison.old),
        "new": _edition(comparison.new),
        "options": {"match_by": comparison.match_by, "strict": comparison.strict},
        "summary": {
            "changes": comparison.total_changes,
            "to_confirm": counts["carried-over"],
            "unchanged_commitments": comparison.unchanged_commitments,
            "by_kind": counts,
        },
        "kinds": [
            {"code": k.code, "title": k.title, "explanation": k.explanation, "counted": k.counted} for k in KINDS
        ],
        "text_matches": [
            {
                "item": m.item,
                "old_id": m.old_id,
                "new_id": m.new_id,
                "old_label": m.old_label,
                "new_label": m.new_label,
                "score": m.score,
                "confidence": m.confidence,
            }
            for m in comparison.text_matches
        ],
        "notes": list(comparison.notes),
        "changes": [_change(change) for change in comparison.changes],
    }


def _edition(info) -> dict:
    return {
        "file": info.file,
        "title": info.title,
        "edition": info.edition,
        "commitments": info.commitments,
        "chapters": info.chapters,
    }


def _place(source: Source | None) -> dict | None:
    if source is None or source.sheet is None:
        return None
    return {"sheet": source.sheet, "cell": source.cell, "row": source.row}


def _change(change: Change) -> dict:
    return {
        "kind": change.kind,
        "item": change.item,
        "id": change.id,
        "old_id": change.old_id,
        "label": change.label,
        "field": change.field,
        "summary": change.summary,
        "ref": change.ref,
        "old_ref": change.old_ref,
        "chapter": change.chapter,
        "old_chapter": change.old_chapter,
        "old": change.old,
        "new": change.new,
        "old_printed": printed(change.old, change, OLD),
        "new_printed": printed(change.new, change, NEW),
        "formatting_only": change.formatting_only,
        "difference": change.difference,
        "copied_from": change.copied_from,
        "match": None
        if change.match is None
        else {"method": change.match.method, "score": change.match.score, "confidence": change.match.confidence},
        "cell": _place(change.source),
        "old_cell": _place(change.old_source),
        "diff": _diff(change.diff, change),
        "citations": [
            {
                "id": c.metric_id,
                "form": c.form,
                "label": c.label,
                "old": c.old,
                "new": c.new,
                "changed": c.changed,
                "difference": c.difference,
            }
            for c in change.citations
        ],
    }


def _diff(diff: TextDiff | None, change: Change) -> dict | None:
    if diff is None:
        return None
    return {
        "level": diff.level,
        "notes": list(diff.notes),
        "words_deleted": diff.words_deleted,
        "words_inserted": diff.words_inserted,
        "old_printed": printed(diff.old, change, OLD),
        "new_printed": printed(diff.new, change, NEW),
        "segments": [
            {
                "op": s.op,
                "text": s.text,
                "space_after": s.space_after,
                "printed": printed(s.text, change, OLD if s.op == "delete" else NEW),
            }
            for s in diff.segments
        ],
    }


register(ReportFormat("json", ".json", False, lambda comparison, options: render(comparison)))
