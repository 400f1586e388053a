"""The layout of ``analysis/dates``: imports point one way, modules stay small, one family table."""

from __future__ import annotations

import ast
from pathlib import Path

from analysis import config
from analysis.dates import scanner
from analysis.dates.families import FAMILIES

DATES = config.PACKAGE_DIR / "dates"
# Optional heavy dependencies a function may import on first use.
LAZY_IMPORTS = {"dateparser.search"}


def _modules() -> dict[str, ast.Module]:
    """Dotted name under ``analysis.dates`` -> parsed source."""
    out = {}
    for path in sorted(DATES.rglob("*.py")):
        parts = path.relative_to(DATES).with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__")
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _package_of(name: str, path_is_init: bool) -> list[str]:
    parts = name.split(".") if name else []
    return parts if path_is_init else parts[:-1]


def _imports(name: str, tree: ast.Module, modules: dict[str, ast.Module]) -> set[str]:
    """The modules of ``analysis.dates`` that module ``name`` imports at its top level."""
    is_init = (DATES / name.replace(".", "/") / "__init__.py").exists() or not name
    out = set()
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = _package_of(name, is_init)
        if node.level > 1:
            base = base[: len(base) - (node.level - 1)] if node.level - 1 <= len(base) else None
        if base is None:  # above analysis.dates
            continue
        target = ".".join([*base, *(node.module.split(".") if node.module else [])])
        for alias in node.names:
            sub = f"{target}.{alias.name}".strip(".")
            if sub in modules:
                out.add(sub)
            elif target in modules:
                out.add(target)
    out.discard(name)
    return out


def test_dates_imports_have_no_cycle():
    modules = _modules()
    graph = {name: _imports(name, tree, modules) for name, tree in modules.items()}
    assert graph["scanner"] >= {"families", "pieces"}  # the walk sees relative imports
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            assert state.get(nxt) != 1, f"import cycle: {' -> '.join([*path, node, nxt])}"
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [])


def test_dates_modules_are_small_and_import_at_the_top():
    local = []
    for path in DATES.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert source.count("\n") <= 700, path
        assert "_parser" not in source.replace("build_parser", ""), path  # no private re internals
        for fn in ast.walk(ast.parse(source)):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                local += [
                    f"{path.name}:{node.lineno} in {fn.name}"
                    for node in ast.walk(fn)
                    if isinstance(node, ast.Import)
                    or (isinstance(node, ast.ImportFrom) and node.module not in LAZY_IMPORTS)
                ]
    assert local == []


def test_one_family_table_drives_the_scanner():
    names = [f.name for f in FAMILIES]
    assert len(names) == len(set(names)) == 20
    assert list(scanner.patterns()) == names
    assert sorted(scanner.master().groupindex.keys() & {f"f{i}" for i in range(21)}) == sorted(
        f"f{i}" for i in range(len(FAMILIES))
    )


def test_date_lexicon_files_say_where_they_come_from():
    for path in sorted(Path(config.LEXICON_DIR).glob("date_*.csv")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), path.name


def test_scanner_without_inner_captures_finds_what_the_master_finds():
    text = (
        "عقد الاجتماع في 10 أغسطس 2015، وبعد ذلك بأسبوعين في أيام عيد الفطر الثلاثة، "
        "ثم من 5 إلى 9 شوال 1436هـ، وأكثر من ثلاثة أعوام، الساعة التاسعة وخمس وعشرون دقيقة، "
        "والعيد، ونحو عامين، وأواخر مارس، وكل خميس"
    )
    rx, master = scanner._scanner(), scanner.master()
    assert rx.groups < master.groups / 4  # family groups and the ones conditionals name
    found = [(m.start() + 1, m.end(), m.lastgroup) for m in rx.finditer(" " + text)]
    pos, want = 0, []
    while (m := master.search(text, pos)) is not None:
        want.append((m.start() + 1, m.end() + 1, m.lastgroup))
        pos = m.end()
    assert found == want and len(want) >= 5
