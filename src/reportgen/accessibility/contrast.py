"""Colour contrast as WCAG 2 defines it: relative luminance, contrast ratio and the AA thresholds."""

from __future__ import annotations

import re
from dataclasses import dataclass

RGB = tuple[float, float, float]  # each channel 0..1, sRGB

WHITE: RGB = (1.0, 1.0, 1.0)
BLACK: RGB = (0.0, 0.0, 0.0)

# WCAG 2.2 success criterion 1.4.3 (contrast, minimum).
NORMAL_TEXT_MINIMUM = 4.5
LARGE_TEXT_MINIMUM = 3.0
LARGE_TEXT_POINTS = 18.0
LARGE_BOLD_TEXT_POINTS = 14.0


def relative_luminance(colour: RGB) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: RGB, background: RGB) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_large_text(points: float | None, bold: bool) -> bool:
    if points is None:
        return False
    return points >= LARGE_TEXT_POINTS or (bold and points >= LARGE_BOLD_TEXT_POINTS)


def minimum_ratio(points: float | None, bold: bool) -> float:
    return LARGE_TEXT_MINIMUM if is_large_text(points, bold) else NORMAL_TEXT_MINIMUM


def blend(foreground: RGB, background: RGB, alpha: float) -> RGB:
    """The colour seen when `foreground` is painted with opacity `alpha` over `background`."""
    alpha = max(0.0, min(1.0, alpha))
    return tuple(f * alpha + b * (1 - alpha) for f, b in zip(foreground, background))  # type: ignore[return-value]


def cmyk_to_rgb(cyan: float, magenta: float, yellow: float, black: float) -> RGB:
    # The naive conversion: without the document's output profile, nothing better is determinable.
    return ((1 - cyan) * (1 - black), (1 - magenta) * (1 - black), (1 - yellow) * (1 - black))


def to_hex(colour: RGB) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in colour)


_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def parse_hex(text: str | None) -> RGB | None:
    """'1F4E79', '#1f4e79' or '#abc' as a colour; None for 'auto' or anything else."""
    if not text:
        return None
    match = _HEX.match(text.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


@dataclass(frozen=True)
class ContrastProblem:
    foreground: RGB
    background: RGB
    ratio: float
    required: float

    def describe(self) -> str:
        return (
            f"text colour {to_hex(self.foreground)} on {to_hex(self.background)} has a contrast ratio of "
            f"{self.ratio:.2f}:1, below the {self.required:g}:1 that WCAG 2 (1.4.3) requires for text of this "
            "size; darken the text or lighten the background"
        )


def check_contrast(
    foreground: RGB, background: RGB, points: float | None = None, bold: bool = False
) -> ContrastProblem | None:
    ratio = contrast_ratio(foreground, background)
    required = minimum_ratio(points, bold)
    if ratio < required:
        return ContrastProblem(foreground, background, ratio, required)
    return None
