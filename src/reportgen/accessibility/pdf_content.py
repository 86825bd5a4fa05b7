"""Reading PDF page content: what is tagged, what is neither tagged nor an artifact, text and its colours."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pikepdf

from .contrast import RGB, WHITE, blend, cmyk_to_rgb
from .pdf_fonts import FontInfo, font_info

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PAINT = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*"}
_FILL = {"f", "F", "f*", "B", "B*", "b", "b*"}
_MAX_FORM_DEPTH = 12  # a form that draws itself would otherwise never end


def multiply(first: Matrix, second: Matrix) -> Matrix:
    a, b, c, d, e, f = first
    A, B, C, D, E, F = second
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, b * x + d * y + f)


@dataclass
class TextRun:
    text: str
    mcid: int | None
    artifact: bool
    colour: RGB | None
    background: RGB | None
    points: float
    bold: bool
    visible: bool


@dataclass
class PageContent:
    """What one page's content streams hold, as far as the checks need to know."""

    untagged: dict[str, int] = field(default_factory=dict)  # "text", "paths", "images" -> count
    untagged_sample: str = ""
    mcid_text: dict[int, str] = field(default_factory=dict)
    mcids: set[int] = field(default_factory=set)
    runs: list[TextRun] = field(default_factory=list)
    fonts: dict[tuple, FontInfo] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: RGB | None = (0.0, 0.0, 0.0)
    fill_space: str = "/DeviceGray"
    alpha: float = 1.0
    font: FontInfo | None = None
    size: float = 0.0
    render_mode: int = 0
    leading: float = 0.0

    def copy(self) -> _State:
        return _State(**self.__dict__)


@dataclass
class _Stream:
    """Where the interpreter is in one content stream: the graphics state, the text position, the path."""

    resources: object
    state: _State
    depth: int
    saved: list[_State] = field(default_factory=list)  # the q/Q stack
    text_matrix: Matrix = IDENTITY
    line_matrix: Matrix = IDENTITY
    path_rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    path_other: bool = False


class _Reader:
    def __init__(self, page_content: PageContent, font_cache: dict):
        self.out = page_content
        self.font_cache = font_cache
        self.marked: list[tuple[str, int | None]] = []
        self.backgrounds: list[tuple[tuple[float, float, float, float], RGB | None]] = []

    # -- marked content --------------------------------------------------------------------------
    @property
    def artifact(self) -> bool:
        return any(tag == "/Artifact" for tag, _ in self.marked)

    @property
    def mcid(self) -> int | None:
        for _tag, mcid in reversed(self.marked):
            if mcid is not None:
                return mcid
        return None

    def note_content(self, kind: str, sample: str = "") -> None:
        if self.artifact or self.mcid is not None:
            return
        self.out.untagged[kind] = self.out.untagged.get(kind, 0) + 1
        if sample.strip() and not self.out.untagged_sample:
            self.out.untagged_sample = " ".join(sample.split())[:60]

    # -- the interpreter ---------------------------------------------------------------------------
    def run(self, stream_owner, resources, state: _State, depth: int = 0) -> None:
        try:
            instructions = pikepdf.parse_content_stream(stream_owner)
        except (pikepdf.PdfError, ValueError) as exc:
            self.out.errors.append(str(exc))
            return
        stream = _Stream(resources, state, depth)
        for instruction in instructions:
            handler = _OPERATORS.get(str(instruction.operator))
            if handler is not None:
                handler(self, stream, instruction.operands)

    # Each handler reads one operator (or a family of them) of the content stream, as PDF 32000-1 defines it.
    def _inline_image(self, stream: _Stream, operands) -> None:
        self.note_content("images")
        self._cover(stream.state, (0, 0, 1, 1), None)

    def _save(self, stream: _Stream, operands) -> None:
        stream.saved.append(stream.state.copy())

    def _restore(self, stream: _Stream, operands) -> None:
        if stream.saved:
            stream.state = stream.saved.pop()

    def _concatenate(self, stream: _Stream, operands) -> None:
        if len(operands) == 6:
            stream.state.ctm = multiply(tuple(float(x) for x in operands), stream.state.ctm)  # type: ignore[arg-type]

    def _begin_marked(self, stream: _Stream, operands, op: str) -> None:
        self.marked.append((str(operands[0]) if operands else "", self._mcid(op, operands, stream.resources)))

    def _end_marked(self, stream: _Stream, operands) -> None:
        if self.marked:
            self.marked.pop()

    def _colour(self, stream: _Stream, operands, op: str) -> None:
        self._fill_colour(stream.state, op, operands, stream.resources)

    def _graphics_state(self, stream: _Stream, operands) -> None:
        if operands:
            self._ext_gstate(stream.state, stream.resources, operands[0])

    def _begin_text(self, stream: _Stream, operands) -> None:
        stream.text_matrix = stream.line_matrix = IDENTITY

    def _text_font(self, stream: _Stream, operands) -> None:
        if len(operands) == 2:
            stream.state.font = self._font(stream.resources, operands[0])
            stream.state.size = float(operands[1])

    def _render_mode(self, stream: _Stream, operands) -> None:
        if operands:
            stream.state.render_mode = int(operands[0])

    def _text_leading(self, stream: _Stream, operands) -> None:
        if operands:
            stream.state.leading = float(operands[0])

    def _text_matrix(self, stream: _Stream, operands) -> None:
        if len(operands) == 6:
            stream.text_matrix = stream.line_matrix = tuple(float(x) for x in operands)  # type: ignore[assignment]

    def _move_text(self, stream: _Stream, operands, op: str) -> None:
        if len(operands) != 2:
            return
        tx, ty = float(operands[0]), float(operands[1])
        if op == "TD":
            stream.state.leading = -ty
        stream.text_matrix = stream.line_matrix = multiply((1, 0, 0, 1, tx, ty), stream.line_matrix)

    def _next_line(self, stream: _Stream, operands, op: str) -> None:
        stream.text_matrix = stream.line_matrix = multiply((1, 0, 0, 1, 0, -stream.state.leading), stream.line_matrix)
        if op != "T*":
            self._show(stream.state, stream.text_matrix, operands[-1:] if operands else [])

    def _show_text(self, stream: _Stream, operands) -> None:
        self._show(stream.state, stream.text_matrix, operands)

    def _rectangle(self, stream: _Stream, operands) -> None:
        if len(operands) != 4:
            return
        x, y, w, h = (float(v) for v in operands)
        corners = [apply(stream.state.ctm, px, py) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        stream.path_rects.append((min(xs), min(ys), max(xs), max(ys)))

    def _path(self, stream: _Stream, operands) -> None:
        stream.path_other = True

    def _end_path(self, stream: _Stream, operands, op: str) -> None:
        if op in _PAINT:
            self.note_content("paths")
        # Only a path of one rectangle is a background; several make a frame (a border) or a shape.
        if op in _FILL and not stream.path_other and len(stream.path_rects) == 1:
            state = stream.state
            self._cover(state, stream.path_rects[0], state.fill if state.alpha >= 0.999 else None)
        stream.path_rects, stream.path_other = [], False

    def _shading(self, stream: _Stream, operands) -> None:
        self.note_content("paths")

    def _xobject(self, stream: _Stream, operands) -> None:
        if operands:
            self._do(stream.state, stream.resources, operands[0], stream.depth)

    def _mcid(self, op: str, operands, resources) -> int | None:
        if op != "BDC" or len(operands) < 2:
            return None
        properties = operands[1]
        if isinstance(properties, pikepdf.Name):
            try:
                properties = resources.Properties[properties]
            except (AttributeError, KeyError, TypeError):
                return None
        if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
            mcid = int(properties.MCID)
            self.out.mcids.add(mcid)
            return mcid
        return None

    def _fill_colour(self, state: _State, op: str, operands, resources) -> None:
        values = _numbers(operands)
        if op == "cs":
            state.fill_space = self._space(resources, operands[0]) if operands else "/DeviceGray"
            state.fill = (0.0, 0.0, 0.0) if state.fill_space in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK") else None
            return
        if op == "g":
            state.fill_space = "/DeviceGray"
        elif op == "rg":
            state.fill_space = "/DeviceRGB"
        elif op == "k":
            state.fill_space = "/DeviceCMYK"
        state.fill = _to_rgb(state.fill_space, values)

    def _space(self, resources, name) -> str:
        if str(name) in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"):
            return str(name)
        try:
            space = resources.ColorSpace[name]
        except (AttributeError, KeyError, TypeError):
            return "/Unknown"
        if isinstance(space, pikepdf.Array) and len(space) >= 2 and space[0] == "/ICCBased":
            components = int(space[1].get("/N", 0))
            return {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}.get(components, "/Unknown")
        if isinstance(space, pikepdf.Name):
            return str(space)
        return "/Unknown"

    def _ext_gstate(self, state: _State, resources, name) -> None:
        try:
            gstate = resources.ExtGState[name]
        except (AttributeError, KeyError, TypeError):
            return
        if "/ca" in gstate:
            state.alpha = float(gstate.ca)
        font = gstate.get("/Font")
        if isinstance(font, pikepdf.Array) and len(font) == 2:
            state.font = font_info(font[0], self.font_cache)
            state.size = float(font[1])

    def _font(self, resources, name) -> FontInfo | None:
        try:
            font = resources.Font[name]
        except (AttributeError, KeyError, TypeError):
            return None
        info = font_info(font, self.font_cache)
        self.out.fonts[font.objgen if font.is_indirect else (bytes(font.unparse()),)] = info
        return info

    def _show(self, state: _State, text_matrix: Matrix, operands) -> None:
        text = self._decode(state, operands)
        self.note_content("text", text)
        mcid = self.mcid
        if mcid is not None and not self.artifact:
            self.out.mcid_text[mcid] = self.out.mcid_text.get(mcid, "") + text
        matrix = multiply(text_matrix, state.ctm)
        scale = math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]))
        points = state.size * scale
        x, y = apply(matrix, 0, state.size * 0.3)
        background = self._background_at(x, y)
        colour = state.fill
        if colour is not None and background is not None and state.alpha < 0.999:
            colour = blend(colour, background, state.alpha)
        visible = state.render_mode not in (3, 7)
        bold = bool(state.font and state.font.bold) or state.render_mode in (2, 6)
        self.out.runs.append(TextRun(text, mcid, self.artifact, colour, background, points, bold, visible))

    def _decode(self, state: _State, operands) -> str:
        if state.font is None:
            return ""
        parts = []
        for operand in operands:
            items = operand if isinstance(operand, pikepdf.Array) else [operand]
            for item in items:
                if isinstance(item, pikepdf.String):
                    parts.append(state.font.decode(bytes(item)))
                elif not isinstance(item, pikepdf.Name):
                    try:
                        if float(item) < -200:  # a wide negative kern is how many producers write a space
                            parts.append(" ")
                    except (TypeError, ValueError):
                        pass
        return "".join(parts)

    def _cover(self, state: _State, rect, colour: RGB | None) -> None:
        self.backgrounds.append((rect, colour))

    def _background_at(self, x: float, y: float) -> RGB | None:
        for (x0, y0, x1, y1), colour in reversed(self.backgrounds):
            if x0 <= x <= x1 and y0 <= y <= y1:
                return colour
        return WHITE

    def _do(self, state: _State, resources, name, depth: int) -> None:
        try:
            xobject = resources.XObject[name]
        except (AttributeError, KeyError, TypeError):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self.note_content("images")
            corners = [apply(state.ctm, px, py) for px, py in ((0, 0), (1, 0), (0, 1), (1, 1))]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            self._cover(state, (min(xs), min(ys), max(xs), max(ys)), None)
        elif subtype == "/Form" and depth < _MAX_FORM_DEPTH:
            inner = state.copy()
            matrix = xobject.get("/Matrix")
            if isinstance(matrix, pikepdf.Array) and len(matrix) == 6:
                inner.ctm = multiply(tuple(float(v) for v in matrix), state.ctm)  # type: ignore[arg-type]
            self.run(xobject, xobject.get("/Resources", resources), inner, depth + 1)


def _with_operator(handler, op: str):
    """A handler shared by several operators, told which one it is reading."""
    return lambda reader, stream, operands: handler(reader, stream, operands, op)


_OPERATORS = {
    "INLINE IMAGE": _Reader._inline_image,
    "q": _Reader._save,
    "Q": _Reader._restore,
    "cm": _Reader._concatenate,
    **{op: _with_operator(_Reader._begin_marked, op) for op in ("BMC", "BDC")},
    "EMC": _Reader._end_marked,
    **{op: _with_operator(_Reader._colour, op) for op in ("g", "rg", "k", "sc", "scn", "cs")},
    "gs": _Reader._graphics_state,
    "BT": _Reader._begin_text,
    "Tf": _Reader._text_font,
    "Tr": _Reader._render_mode,
    "TL": _Reader._text_leading,
    "Tm": _Reader._text_matrix,
    **{op: _with_operator(_Reader._move_text, op) for op in ("Td", "TD")},
    **{op: _with_operator(_Reader._next_line, op) for op in ("T*", "'", '"')},
    "Tj": _Reader._show_text,
    "TJ": _Reader._show_text,
    "re": _Reader._rectangle,
    **{op: _Reader._path for op in ("m", "l", "c", "v", "y", "h")},
    **{op: _with_operator(_Reader._end_path, op) for op in (*_PAINT, "n")},
    "sh": _Reader._shading,
    "Do": _Reader._xobject,
}


def _numbers(operands) -> list[float]:
    values = []
    for operand in operands:
        if isinstance(operand, pikepdf.Name):
            continue
        try:
            values.append(float(operand))
        except (TypeError, ValueError):
            continue
    return values


def _to_rgb(space: str, values: list[float]) -> RGB | None:
    if space == "/DeviceGray" and len(values) >= 1:
        return (values[0],) * 3  # type: ignore[return-value]
    if space == "/DeviceRGB" and len(values) >= 3:
        return (values[0], values[1], values[2])
    if space == "/DeviceCMYK" and len(values) >= 4:
        return cmyk_to_rgb(*values[:4])
    return None


def read_page(page: pikepdf.Page, font_cache: dict) -> PageContent:
    content = PageContent()
    reader = _Reader(content, font_cache)
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    if "/Contents" in page.obj:
        reader.run(page, resources, _State())
    return content
