"""Hostile corpus text stays text: in every HTML the project writes, on charts, and in every CSV.

The HTML checks parse the output (``html.parser``) and look at the elements, rather than
searching strings: no element may carry an ``on*`` handler or a ``javascript:`` URL, and no
script/svg/img/details/iframe may come from the data.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from analysis import charts, display, escape, explore, render
from analysis.__main__ import main as cli
from analysis.export import export_figure, export_table
from analysis.pipeline import parse
from analysis.store import store_folder

IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg onload=alert(1)>"
DETAILS = "<details open ontoggle=alert(1)>"
SCRIPT_ID = '"><script>alert(1)</script>'
ENTITY = "&lt;img src=x onerror=alert(1)&gt;"
JS_LINK = '<a href="javascript:alert(1)">رابط</a>'
JS_TEXT = "javascript:alert(1)"
IFRAME = '<iframe src="javascript:alert(1)"></iframe>'
PAYLOADS = [IMG, SVG, DETAILS, SCRIPT_ID, ENTITY, JS_LINK, IFRAME]
MATH = r"$\undefined{x}$"  # mathtext that fails to parse: the figure would not draw
FORMULA = '=HYPERLINK("http://evil.example","x")'

# Elements that run code or load content; they may come from a template, never from data.
ACTIVE_TAGS = {"script", "svg", "img", "details", "iframe", "object", "embed", "math"}
URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "data"}

BODY = (
    "قال وزير الخارجية السعودي عادل الجبير في الرياض يوم الأحد 9 أغسطس 2015 إن المملكة "
    "العربية السعودية والولايات المتحدة تعملان معا. "
)
RECORDS = [
    {
        "id": SCRIPT_ID,
        "title": f"{IMG} السعودية {MATH}",
        "source": SVG,
        "published": "2015-08-10",
        "text": f"{BODY}{DETAILS} وأضاف الجبير أن {JS_LINK} {JS_TEXT} مصر والأردن {IFRAME} {BODY}",
    },
    {
        "id": "doc-2",
        "title": ENTITY,
        "source": FORMULA,
        "published": "2015-08-11",
        "text": f"{BODY}{ENTITY} الجبير {MATH} في جدة {SVG} {BODY}",
    },
]


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Elements:
    p = _Elements()
    p.feed(html)
    p.close()
    return p


def _active(tag: str, attrs: dict[str, str]) -> bool:
    # A figure drawn inline is an <img> of a data: PNG: not from the data.
    return tag in ACTIVE_TAGS and not (tag == "img" and attrs.get("src", "").startswith("data:"))


def hostile_elements(html: str, *, template: Counter | None = None) -> list[str]:
    """Elements in ``html`` that run code or came from data; ``template``: active tags allowed."""
    bad = []
    allowed = Counter(template or {})
    for tag, attrs in _parse(html).elements:
        for name, value in attrs.items():
            if name.startswith("on"):
                bad.append(f"<{tag} {name}=...>")
            if name in URL_ATTRS and value.strip().lower().startswith("javascript:"):
                bad.append(f"<{tag} {name}={value!r}>")
        if _active(tag, attrs):
            if allowed[tag] > 0:
                allowed[tag] -= 1
            else:
                bad.append(f"<{tag}>")
    return bad


def visible_text(html: str) -> str:
    return "".join(_parse(html).text)


def _assert_inert(html: str, *, shown: list[str], template: Counter | None = None) -> None:
    assert hostile_elements(html, template=template) == []
    text = visible_text(html)
    for payload in shown:
        assert payload in text, f"{payload!r} not shown as text"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for r in RECORDS:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def parsed():
    """The corpus parsed from a frame, which bypasses input cleaning: reading a file removes markup
    (tests/test_hostile_input.py), but the output side must hold on its own, whatever the frames hold."""
    articles = pd.DataFrame(RECORDS).rename(columns={"id": "doc_id"})
    return parse(articles.assign(n_chars=articles["text"].str.len()), warn=False)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


# A frame with every payload as a cell, a column label, an index label and an index name.
HOSTILE = pd.DataFrame(
    {
        "title": pd.array([f"{p} عربي" for p in PAYLOADS], dtype="string"),
        SVG: [[p] for p in PAYLOADS],  # a list cell: pandas' own escape= would miss it
        "n": range(len(PAYLOADS)),
    },
    index=pd.Index([f"{p}#{i}" for i, p in enumerate(PAYLOADS)], name=IMG),
)


# -- HTML: tables ----------------------------------------------------------------------------


def test_rtl_styler_escapes_cells_labels_and_caption():
    html = display.rtl(HOSTILE, max_rows=len(PAYLOADS) - 1).to_html()
    assert 'dir="rtl"' in html and "<caption" in html
    (table,) = [a for t, a in _parse(html).elements if t == "table"]
    assert table["dir"] == "rtl" and escape.NO_MATH_CLASS in table["class"]
    _assert_inert(html, shown=[IMG, SVG, DETAILS, SCRIPT_ID, ENTITY, JS_LINK])
    assert visible_text(html).count(IMG) >= 3  # cell, row label and index name


def test_rtl_of_the_parsed_hostile_corpus(parsed):
    for df in parsed.frames().values():
        _assert_inert(display.rtl(df).to_html(), shown=[])
    html = display.rtl(parsed.articles).to_html()
    _assert_inert(html, shown=[SCRIPT_ID, SVG, DETAILS, FORMULA])


def test_kwic_table_escapes_contexts_and_ids(parsed):
    actor = "person:adel-al-jubeir"
    table = charts.kwic(parsed.mentions, parsed.articles, actor, width=60)
    assert len(table) >= 3
    for lang in ("ar", "en"):
        html = charts.kwic_table(table, lang=lang).to_html()
        _assert_inert(html, shown=[SCRIPT_ID, DETAILS, MATH])


def test_kwic_table_escapes_column_labels():
    table = pd.DataFrame(
        {c: [IMG] for c in ["doc_id", "start", "end", "before", "keyword", "after"]}
    )
    _assert_inert(charts.kwic_table(table, lang="en").to_html(), shown=[IMG])


def test_enable_rtl_formatter_escapes(shell):
    assert display.enable_rtl()
    latin = HOSTILE.assign(title=[p for p in PAYLOADS])  # no Arabic: pandas' own HTML
    for df in (HOSTILE, latin):
        html = shell.display_formatter.format(df)[0]["text/html"]
        _assert_inert(html, shown=[IMG, SVG, DETAILS, SCRIPT_ID, ENTITY])
    assert 'dir="rtl"' in shell.display_formatter.format(HOSTILE)[0]["text/html"]


def _view_html(view) -> list[str]:
    from IPython.utils.capture import capture_output

    with capture_output() as cap:
        view._ipython_display_()
    return [o.data["text/html"] for o in cap.outputs if "text/html" in o.data]


def test_explore_views_escape_heading_and_tables(shell, parsed):
    parts = _view_html(explore.View(f"{IMG} {SCRIPT_ID} {MATH}", [display.rtl(HOSTILE)]))
    assert parts[0].startswith("<h4") and escape.NO_MATH_CLASS in parts[0]
    for html in parts:
        _assert_inert(html, shown=[IMG])
    view = explore.actor_view(parsed, "person:adel-al-jubeir", lang="en")
    htmls = _view_html(view)
    assert len(htmls) == 2  # heading and keyword in context
    for html in htmls:
        _assert_inert(html, shown=[])
    assert DETAILS in visible_text(htmls[1])
    day = parsed.articles["published"].min()
    for field in ("published", "mentioned"):
        view = explore.range_view(parsed, day, day + pd.Timedelta(days=2), field=field)
        for html in _view_html(view):
            _assert_inert(html, shown=[])


# -- HTML: exported notebooks ----------------------------------------------------------------


@pytest.fixture(scope="module")
def notebooks(corpus, tmp_path_factory):
    from analysis.notebooks import notebook_paths, run_all

    out = tmp_path_factory.mktemp("exports")
    runs = run_all(corpus=str(corpus), out=str(out), names=[p.stem for p in notebook_paths()])
    yield runs, out
    # The notebooks cached the corpus under the project's data/processed: leave nothing behind.
    shutil.rmtree(store_folder(corpus), ignore_errors=True)


def template_tags(executed) -> Counter:
    """Active tags nbconvert's template puts in ``executed``'s HTML: its export without outputs
    (the same metadata, e.g. widget state, so the same scripts)."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    body, _ = HTMLExporter().from_notebook_node(nb)
    return Counter(t for t, a in _parse(body).elements if _active(t, a))


@pytest.mark.slow
def test_exported_notebooks_are_inert(notebooks):
    """The exported HTML pages, and every text/html output of the executed copies (what
    JupyterLab renders). One test: the notebooks run once, on one worker."""
    runs, _ = notebooks
    assert runs and all(r.ok for r in runs), [r.message for r in runs if not r.ok]
    shown = Counter()
    for r in runs:
        html = r.output.with_suffix(".html").read_text(encoding="utf-8")
        assert hostile_elements(html, template=template_tags(r.output)) == [], r.name
        # Every table keeps MathJax (loaded by the page) off the "$...$" in its cells.
        tables = [a for t, a in _parse(html).elements if t == "table"]
        assert tables and all("tex2jax_ignore" in a.get("class", "") for a in tables), r.name
        text = visible_text(html)
        shown.update(p for p in [*PAYLOADS, JS_TEXT] if p in text)
    # Reading the file removed the markup (tests/test_hostile_input.py); what is left of the
    # payloads, such as a javascript: URL written as plain words, reaches the pages as text.
    assert shown[JS_TEXT], shown
    n = 0
    for r in runs:
        nb = nbformat.read(r.output, as_version=4)
        for cell in nb.cells:
            for o in cell.get("outputs", []):
                html = o.get("data", {}).get("text/html")
                if html:
                    n += 1
                    assert hostile_elements("".join(html)) == [], (r.name, cell.id)
                assert "application/javascript" not in o.get("data", {}), (r.name, cell.id)
    assert n >= 8


# -- charts ----------------------------------------------------------------------------------


def test_labels_keep_dollars_literal():
    from matplotlib.text import Text

    for s in (MATH, "$x^2$", "السعر $5 و$6", r"a\$b$c", "$"):
        t = Text(text=render.label(s))
        shown, math = t._preprocess_math(t.get_text())
        assert math is False and shown == s


def test_charts_draw_hostile_names_and_titles(parsed):
    m = parsed.mentions.copy()
    m.loc[m["actor_id"] == "country:SAU", "name_ar"] = f"{MATH} {SVG}"
    ax = charts.plot_actor_frequency(m, top=5)
    ax.figure.canvas.draw()  # mathtext would raise here
    assert f"{MATH} {SVG}" in [t._preprocess_math(t.get_text())[0] for t in ax.get_yticklabels()]
    ax = charts.plot_article_wordcloud(parsed.articles, SCRIPT_ID)
    ax.figure.canvas.draw()
    assert ax.get_title() == render.label(RECORDS[0]["title"][:60])


def test_exported_charts_svg_is_inert(parsed, tmp_path):
    written = charts.export_charts(parsed, out=tmp_path, formats=("png", "svg"))
    svgs = [p for paths in written.values() for p in paths if p.suffix == ".svg"]
    assert len(svgs) >= 5
    for p in svgs:
        els = _parse(p.read_text(encoding="utf-8")).elements
        assert not [t for t, a in els if t in {"script", "foreignobject", "iframe"}], p.name
        assert not [a for _, a in els if any(k.startswith("on") for k in a)], p.name
    fig, ax = plt.subplots()
    ax.set_title(render.label(f"{SCRIPT_ID} {MATH}"))
    (path,) = export_figure(fig, "hostile", formats=("svg",), out=tmp_path)
    assert "<script" not in path.read_text(encoding="utf-8")


# -- CSV -------------------------------------------------------------------------------------

CSV_FRAME = pd.DataFrame(
    {
        "text": pd.array(
            [FORMULA, "+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1", "عادي", None], dtype="string"
        ),
        "obj": ["=1+1", "ok", -5, None, "-x", "a-b", "@", 3.5],
        "n": [-3, 1, 2, 3, 4, 5, 6, 7],
        "x": [-2.5, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
    }
)


def _read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_write_csv_neutralises_formulas_keeps_numbers(tmp_path):
    rows = _read_csv(escape.write_csv(CSV_FRAME, tmp_path / "t.csv"))
    # One row per record: unquoted, the CR in "\r=1" would start a row with an unguarded =1.
    assert len(rows) == len(CSV_FRAME) + 1
    assert rows[0] == ["text", "obj", "n", "x"]
    text, obj, n, x = (list(c) for c in zip(*rows[1:], strict=True))
    assert text == [
        "'" + FORMULA,
        "'+1",
        "'-2+3",
        "'@SUM(A1:A2)",
        "'\tcmd",
        "'\r=1",
        "عادي",
        "",
    ]
    assert obj == ["'=1+1", "ok", "-5", "", "'-x", "a-b", "'@", "3.5"]
    assert n[0] == "-3" and x[0] == "-2.5"
    # The frame itself is untouched.
    assert CSV_FRAME.loc[0, "text"] == FORMULA


def test_write_csv_neutralises_header_and_keeps_dtypes_and_index():
    df = pd.DataFrame({"=cmd": pd.array(["=a"], dtype="str"), "-n": [-1]}, index=[5])
    safe = escape.csv_safe(df)
    assert list(safe.columns) == ["'=cmd", "'-n"]
    assert safe.iloc[0, 0] == "'=a" and safe.iloc[0, 1] == -1
    assert safe.dtypes.iloc[0] == df.dtypes.iloc[0] and list(safe.index) == [5]


def _no_formula_cells(folder) -> int:
    n = 0
    for p in sorted(folder.glob("*.csv")):
        for row in _read_csv(p):
            for cell in row:
                n += 1
                assert cell[:1] not in escape.CSV_TRIGGERS or _number(cell), (p.name, cell)
    return n


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_every_csv_writer_neutralises(parsed, corpus, tmp_path):
    hostile = parsed.articles.assign(title=FORMULA)
    export_table(hostile, "articles", out=tmp_path / "table")
    assert _read_csv(tmp_path / "table" / "articles.csv")[1][1] == "'" + FORMULA
    assert cli(["parse", str(corpus), "--out", str(tmp_path / "cli"), "--csv"]) == 0
    rows = _read_csv(tmp_path / "cli" / "articles.csv")
    assert "'" + FORMULA in {c for r in rows for c in r}
    assert _no_formula_cells(tmp_path / "cli") > 50
    charts.export_charts(parsed, out=tmp_path / "figures", formats=("png",))
    assert (tmp_path / "figures" / "kwic.csv").exists()
    assert _no_formula_cells(tmp_path / "figures") > 20
