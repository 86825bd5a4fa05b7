"""The layers only point down: every import of one of our modules, at module level or inside a function,
goes to the importer's own package or to a package in a lower row of LAYERS (README.md, "How it is built").

Read from the source with `ast`, so an import hidden inside a function to dodge a cycle counts as much
as one at the top of a module.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src" / "reportgen"

# Lowest first. A package may import its own modules and any package in a lower row; never one in its
# own row (peers stay independent) or above. Root modules (cli.py, __main__.py) sit at the top.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),  # the model, rich text, findings, schema, errors, wording (dates, numbers, headings), readability
    ("runtime", "markup"),  # infrastructure (cache, output, fonts, lifetime); markup parsed and written
    ("ooxml",),  # opening Office Open XML packages safely, its namespaces and hardened parser
    ("workbook",),  # reading and writing the workbook, its safety checks and instructions
    ("charts",),  # charts drawn once, with their words and data
    ("outline",),  # the format-neutral outline every writer walks
    ("validation", "writers", "importer"),  # rules over a workbook; DOCX, HTML and PDF; Word documents read
    ("compare",),  # two editions compared, its reports, and the --previous gates validation runs
    ("accessibility",),  # checks of finished files; they may read writers' constants and shared readers
    ("rollover",),  # `reportgen next` for an edition
    ("meeting",),  # the meeting workbook, which reuses all of the above; kind.py knows both kinds
    ("pipeline",),  # the build's steps
    ("workspace",),  # `reportgen serve`
    ("cli",),  # the command line
    ("__main__",),  # `python -m reportgen`
)
RANK = {name: rank for rank, row in enumerate(LAYERS) for name in row}
# Python loads reportgen/__init__.py before any of our modules, so reading __version__ from it can form
# no cycle; it must stay that way: it imports nothing of ours.
ROOT_NAMES_ANYONE_MAY_READ = frozenset({"__version__"})
# In-function imports that still close a cycle inside one package, each with the reason it is allowed.
# The test below fails when one is no longer needed, so the list only shrinks.
CYCLES_ALLOWED: dict[frozenset[str], str] = {}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, relative to reportgen: "charts.data"
    target: str  # the module imported, relative to reportgen ("" is reportgen/__init__.py)
    names: tuple[str, ...]  # what `from target import ...` takes, empty for `import target`
    line: int
    in_function: bool

    def where(self) -> str:
        return f"{MODULES[self.module].relative_to(SOURCE.parent.parent)}:{self.line}"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports_of(module: str, path: Path) -> list[Import]:
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = [part for part in package if part]
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name == "reportgen" or alias.name.startswith("reportgen."):
                        target = alias.name.removeprefix("reportgen").removeprefix(".")
                        found.append(Import(module, target, (), child.lineno, in_function))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                elif child.module == "reportgen" or (child.module or "").startswith("reportgen."):
                    target = child.module.removeprefix("reportgen").removeprefix(".")
                else:
                    continue
                names = tuple(alias.name for alias in child.names)
                # `from .. import charts` imports the module reportgen.charts, not a name of reportgen.
                submodules = [name for name in names if f"{target}.{name}".strip(".") in MODULES]
                for name in submodules:
                    found.append(Import(module, f"{target}.{name}".strip("."), (), child.lineno, in_function))
                rest = tuple(name for name in names if name not in submodules)
                if rest or not submodules:
                    found.append(Import(module, target, rest, child.lineno, in_function))
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _imports() -> list[Import]:
    return [item for module, path in MODULES.items() for item in _imports_of(module, path)]


IMPORTS = _imports()


def _layer(module: str) -> str:
    return module.split(".")[0]


def test_every_package_and_root_module_has_a_row():
    unplaced = sorted({_layer(module) for module in MODULES if module and _layer(module) not in RANK})
    assert not unplaced, f"place these in LAYERS (tests/test_layers.py and README.md): {unplaced}"


def test_no_row_names_a_package_that_is_not_there():
    # ooxml is the one OOXML package issue 11 asks for; it may land before or after this test.
    missing = sorted(name for name in RANK if name not in {_layer(m) for m in MODULES} and name != "ooxml")
    assert missing == []


def test_imports_only_point_down():
    wrong = []
    for item in IMPORTS:
        here, there = _layer(item.module) if item.module else "", _layer(item.target) if item.target else ""
        if there == here:
            continue
        if not item.target:
            if set(item.names) <= ROOT_NAMES_ANYONE_MAY_READ:
                continue
            wrong.append(f"{item.where()}: imports {item.names} from the package root, which holds only the version")
            continue
        if RANK[there] >= RANK[here]:
            kind = "a peer" if RANK[there] == RANK[here] else "a higher layer"
            inside = " (inside a function)" if item.in_function else ""
            wrong.append(f"{item.where()}: {item.module} imports {item.target}{inside}, {kind}")
    assert not wrong, "imports that point up or sideways:\n" + "\n".join(wrong)


def test_the_package_root_imports_nothing_of_ours():
    assert [item.where() for item in IMPORTS if not item.module] == []


def _cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(frozenset(group))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return groups


def _edges(with_functions: bool) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for item in IMPORTS:
        if (with_functions or not item.in_function) and item.target in MODULES and item.target != item.module:
            # A package's __init__ importing its own modules is how packages work, not a cycle to remove.
            if item.target.startswith(item.module + ".") or item.module.startswith(item.target + "."):
                continue
            edges.setdefault(item.module, set()).add(item.target)
    return edges


def test_no_cycle_at_module_level():
    assert _cycles(_edges(with_functions=False)) == []


def test_no_import_inside_a_function_only_to_dodge_a_cycle():
    # An import inside a function is for a heavy library or a per-command load, never to break a cycle:
    # counted with the module-level ones, our imports still form no cycle (except those allowed above).
    cycles = _cycles(_edges(with_functions=True))
    assert [sorted(group) for group in cycles if group not in CYCLES_ALLOWED] == []
    assert [sorted(group) for group in CYCLES_ALLOWED if group not in cycles] == [], (
        "this cycle is gone: remove it from CYCLES_ALLOWED"
    )
