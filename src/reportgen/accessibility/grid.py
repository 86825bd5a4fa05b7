"""Laying a table's cells out on a grid, so a column means the same thing in every row despite spans."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

Cell = TypeVar("Cell")


def layout(rows: Sequence[Sequence[tuple[Cell, int, int]]]) -> list[dict[int, Cell]]:
    """Rows of (cell, row span, column span) -> each row's cells by column position, spanned cells repeated."""
    grid: list[dict[int, Cell]] = []
    carried: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows it still covers)
    for row in rows:
        placed: dict[int, Cell] = {}
        column = 0
        for cell, down, across in row:
            while column in carried:
                column += 1
            down, across = _bounded(down), _bounded(across)
            for offset in range(across):
                placed[column + offset] = cell
                if down > 1:
                    carried[column + offset] = (cell, down - 1)
            column += across
        for position, (cell, remaining) in list(carried.items()):
            if placed.get(position) is cell:
                continue
            placed[position] = cell
            if remaining <= 1:
                del carried[position]
            else:
                carried[position] = (cell, remaining - 1)
        grid.append(placed)
    return grid


def _bounded(value) -> int:
    try:
        return max(1, min(int(value), 1000))
    except (TypeError, ValueError):
        return 1
