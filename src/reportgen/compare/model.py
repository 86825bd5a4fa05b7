"""The Comparison: what changed between two editions, as plain data every report format reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.findings import Source

# How far apart two texts are.
SAME = "same"
FORMATTING = "formatting"  # only spaces, line breaks, quotation marks, dashes, bullets or emphasis
WORDS = "words"


@dataclass(frozen=True)
class Segment:
    """A run of the redline: "equal", "delete" (old text only) or "insert" (new text only)."""

    op: str
    text: str
    space_after: str = ""


@dataclass(frozen=True)
class TextDiff:
    old: str
    new: str
    segments: tuple[Segment, ...]
    level: str  # SAME, FORMATTING or WORDS
    notes: tuple[str, ...] = ()  # what kind of formatting changed, or which link targets changed

    @property
    def words_deleted(self) -> int:
        return sum(len(s.text.split()) for s in self.segments if s.op == "delete")

    @property
    def words_inserted(self) -> int:
        return sum(len(s.text.split()) for s in self.segments if s.op == "insert")


@dataclass(frozen=True)
class Kind:
    code: str
    title: str
    explanation: str
    counted: bool = True  # False: shown, but not a change (carried over, formatting only)


KINDS: tuple[Kind, ...] = (
    Kind(
        "boilerplate-changed",
        "Commitment text changed",
        "Commitments are boilerplate: their wording should stay the same from edition to edition. "
        "Check each change is intended.",
    ),
    Kind(
        "carried-over",
        "Update carried over unchanged",
        "The update is word for word the same as in the previous edition. Confirm it is still true, or ask "
        "for a new update.",
        counted=False,
    ),
    Kind("update-changed", "Update changed", "What the update now says, with deleted and inserted words marked."),
    Kind("added", "Added", "New in this edition."),
    Kind("removed", "Removed", "In the previous edition but not in this one."),
    Kind("moved", "Moved to another chapter", "The same commitment, now in a different chapter."),
    Kind("renumbered", "Renumbered", "The printed number (Ref) changed; the wording did not change because of it."),
    Kind(
        "id-changed",
        "Matched by text: ID changed",
        "The ID differs between the editions, so the pair was matched by the similarity of its text. IDs should "
        "stay the same: check the match and correct the ID.",
    ),
    Kind("text-changed", "Other text changed", "Narrative sections, and chapter titles and introductions."),
    Kind(
        "field-changed",
        "Other details changed",
        "A commitment's Status or Lead, or a narrative section's placement or heading level.",
    ),
    Kind("metric-changed", "Metric changed", "The figure, its label, unit or date, with the difference."),
    Kind("edition-changed", "Edition details changed", "Fields of the Edition sheet: label, dates, publisher."),
    Kind(
        "formatting-only",
        "Formatting only",
        "Differences only in spaces, line breaks, quotation marks, dashes, bullets or emphasis. Not counted as "
        "changes; --strict counts them.",
        counted=False,
    ),
)
KIND_BY_CODE = {kind.code: kind for kind in KINDS}
KIND_ORDER = {kind.code: index for index, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Match:
    """How an old item was paired with a new one."""

    method: str  # "id", "text" (similarity), "title" or "number" (chapters)
    score: float | None = None  # 0-100 text similarity, for matches not made by ID

    @property
    def confidence(self) -> str | None:
        if self.score is None:
            return None
        if self.score >= 95:
            return "near certain"
        if self.score >= 88:
            return "likely"
        return "possible"


@dataclass(frozen=True)
class Citation:
    """A metric cited in a change's text, as each edition prints it (None where it prints nothing)."""

    metric_id: str
    form: str  # "value" or "share"
    label: str  # the metric's Label (and Category)
    old: str | None
    new: str | None
    difference: str | None = None  # new minus old, when the value changed

    @property
    def reference(self) -> str:
        """The citation as an officer types it: {metric:ID} or {metric:ID:share}."""
        return f"{{metric:{self.metric_id}{':share' if self.form == 'share' else ''}}}"

    @property
    def changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old != self.new

    def printed(self, side: str) -> str | None:
        """As the old ("old") or new (any other side) edition prints it, else as the other prints it."""
        first, second = (self.old, self.new) if side == "old" else (self.new, self.old)
        return first if first is not None else second


@dataclass(frozen=True)
class Change:
    kind: str  # a Kind code
    item: str  # "commitment", "chapter", "narrative", "metric" or "edition"
    id: str  # the item's ID in the new edition (the old one's when removed); a field or title otherwise
    label: str  # how a reader names it: "1.2 C-003", a heading, a metric label
    field: str  # the column or field that changed: "Commitment", "Update", "Ref", "Value"...
    summary: str  # one plain sentence
    old: str | None = None
    new: str | None = None
    diff: TextDiff | None = None
    old_id: str | None = None
    ref: str | None = None
    old_ref: str | None = None
    chapter: str | None = None
    old_chapter: str | None = None
    source: Source | None = None  # the cell in the new workbook
    old_source: Source | None = None  # the cell in the old workbook
    match: Match | None = None
    difference: str | None = None  # a metric's change, formatted ("+1.2 points")
    copied_from: str | None = None  # a carried-over update found under another commitment: its label
    position: tuple[int, ...] = ()  # document order, for sorting within a kind
    citations: tuple[Citation, ...] = ()  # metrics its texts cite, printed as each edition prints them

    @property
    def formatting_only(self) -> bool:
        return self.diff is not None and self.diff.level == FORMATTING


@dataclass(frozen=True)
class EditionInfo:
    file: str
    title: str
    edition: str
    commitments: int
    chapters: int
    language: str = "en-GB"


@dataclass(frozen=True)
class TextMatch:
    """A pair matched by text similarity rather than ID, for the reviewer to check."""

    item: str
    old_id: str
    new_id: str
    old_label: str
    new_label: str
    score: float
    confidence: str


@dataclass
class Comparison:
    old: EditionInfo
    new: EditionInfo
    match_by: str = "id"
    strict: bool = False
    changes: list[Change] = field(default_factory=list)
    text_matches: list[TextMatch] = field(default_factory=list)
    unchanged_commitments: int = 0
    notes: list[str] = field(default_factory=list)  # things the reviewer should know (duplicate IDs)

    def counts(self) -> dict[str, int]:
        """Changes by kind, every kind present, in report order."""
        counts = {kind.code: 0 for kind in KINDS}
        for change in self.changes:
            counts[change.kind] += 1
        return counts

    @property
    def total_changes(self) -> int:
        return sum(1 for change in self.changes if KIND_BY_CODE[change.kind].counted)

    def of_kind(self, code: str) -> list[Change]:
        return [change for change in self.changes if change.kind == code]

    def grouped(self) -> list[tuple[Kind, list[Change]]]:
        """Kinds that have changes, in report order, each with its changes."""
        return [(kind, items) for kind in KINDS if (items := self.of_kind(kind.code))]
