"""The pipeline's outline step: the edition's outline built, and its charts drawn, once for every writer."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Edition
from .document import Outline, build_outline


@dataclass(frozen=True)
class OutlinedEdition:
    """What every writer reads. The edition is kept beside its outline for what the outline leaves to
    each format: rich text's glossary terms and cited figures, the title and dates a file is stamped with."""

    edition: Edition
    outline: Outline


def outline_edition(edition: Edition) -> OutlinedEdition:
    return OutlinedEdition(edition, build_outline(edition))
