"""Run each notebook in a real JupyterLab in headless Chromium; screenshot it; fail on cell errors.

JupyterLab is started headless with token auth on a copy of notebooks/ (so the committed notebooks
stay stripped), each notebook is opened, "Run All Cells" is executed through JupyterLab's command
registry, the notebook is saved, and its outputs are checked for errors. Screenshots go to
exports/browser/.

``CORPUS=path`` (environment, e.g. ``make check-browser CORPUS=../shared/corpora/x.jsonl``, or the
first argument) sets the notebooks' ``CORPUS`` parameter in the copies, so the check runs on a
corpus of a few thousand articles as well as on the seeds; ``NOTEBOOKS="02 05"`` checks only those.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "exports" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_server(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer at {url}")


# The open notebook's DOM (earlier notebooks' tabs stay in the document, hidden).
ROOT_JS = "window.jupyterapp.shell.currentWidget.node"


SCROLLER_JS = f"{ROOT_JS}.querySelector('.jp-WindowedPanel-outer')"


def _screenshots(page, stem: str, max_pages: int = 20) -> Path:
    """Screenshot the notebook page by page (JupyterLab scrolls inside its own panel)."""
    scroller = SCROLLER_JS
    height = max(1, page.evaluate(f"() => {scroller}.clientHeight"))
    # Up to the last cell's bottom, not scrollHeight (JupyterLab pads past the end: blank pages).
    total = page.evaluate(
        f"() => {{ const s = {scroller}, c = [...{ROOT_JS}.querySelectorAll('.jp-Cell')].pop();"
        " return Math.ceil(c.getBoundingClientRect().bottom - s.getBoundingClientRect().top + s.scrollTop); }"
    )
    for old in OUT.glob(f"{stem}-*.png"):
        old.unlink()
    first = None
    for k in range(min(max_pages, max(1, -(-total // height)))):
        page.evaluate(f"() => {{ {scroller}.scrollTop = {k * height}; }}")
        time.sleep(0.5)
        shot = OUT / f"{stem}-{k + 1}.png"
        page.screenshot(path=str(shot))
        first = first or shot
    return first


# Each widget is a VBox of header widgets, its control and an Output redrawn on change.
BOX_MARGIN = 250  # px above the box for JupyterLab's menu, tab bar and toolbar
MAX_SHOT_HEIGHT = 8000
BOX_JS = f"[...{ROOT_JS}.querySelectorAll('.jp-OutputArea .widget-vbox')].find(b => b.querySelector(':scope > .widget-output'))"
VIEW_JS = f"(({BOX_JS}) || {{}}).querySelector?.(':scope > .widget-output')?.innerText || ''"


def _wait_for_redraw(page, before: str, timeout: float = 120_000) -> bool:
    """Wait until the widget's view shows something other than ``before`` (and not nothing)."""
    try:
        page.wait_for_function(
            f"(before) => {{ const t = {VIEW_JS}; return t.length > 0 && t !== before; }}",
            arg=before,
            timeout=timeout,
            polling=500,
        )
    except Exception:
        return False
    time.sleep(2)  # let images of the redrawn view load
    return True


def _shot_box(page, path: Path) -> bool:
    """Screenshot the whole widget box (control and view); False if any of it is cut off.

    JupyterLab scrolls inside its own panel, so an element screenshot of a box taller than the
    window shows only the part in the window (the rest is grey background): the window is made
    tall enough for the box first, the box scrolled to the panel's top, then restored."""
    page.evaluate(f"() => {BOX_JS}.setAttribute('data-browser-check', '1')")
    box = page.locator("[data-browser-check='1']")
    viewport = page.viewport_size
    height = box.evaluate("b => Math.ceil(b.getBoundingClientRect().height)")
    if height + BOX_MARGIN > viewport["height"]:
        page.set_viewport_size(
            {"width": viewport["width"], "height": min(MAX_SHOT_HEIGHT, height + BOX_MARGIN)}
        )
        page.evaluate("() => window.dispatchEvent(new Event('resize'))")
    # JupyterLab re-lays out its panels after a resize (slowly on a busy machine): wait until
    # the notebook's scrolling panel has the room, then bring the box to its top.
    with contextlib.suppress(Exception):
        page.wait_for_function(
            f"(h) => {SCROLLER_JS}.clientHeight >= Math.min(h, innerHeight - {BOX_MARGIN})",
            arg=height,
            timeout=30_000,
            polling=500,
        )
    box.evaluate("b => b.scrollIntoView({block: 'start'})")
    time.sleep(0.5)
    whole = box.evaluate(
        f"b => {{ const r = b.getBoundingClientRect(), s = {SCROLLER_JS}.getBoundingClientRect();"
        " return r.top >= s.top - 1 && r.bottom <= s.bottom + 1; }"
    )
    box.screenshot(path=str(path))
    page.evaluate(f"() => {BOX_JS}.removeAttribute('data-browser-check')")
    page.set_viewport_size(viewport)
    return whole


def _verdict(redrawn: bool, whole: bool) -> str:
    """ "yes" when the view redrew and its screenshot holds the whole box."""
    if not redrawn:
        return "no (the view did not redraw)"
    return "yes" if whole else "no (the box does not fit its screenshot)"


def _operate_widget(page, stem: str) -> list[str]:
    """Operate the notebook's widget: pick another entry of its dropdown (actor, speaker) or
    change its date inputs; one "<what>: yes|no ..." per operation, "yes" when the view redrew
    and its screenshot shows the whole box."""
    if not page.evaluate(f"() => !!({BOX_JS})"):
        return []
    results = []
    dropdown = f"{BOX_JS}.querySelector(':scope > .widget-dropdown select')"
    dates = f"[...{BOX_JS}.querySelectorAll(':scope > .widget-datepicker input[type=date]')]"
    if page.evaluate(f"() => !!({dropdown})"):
        before = page.evaluate(f"() => {VIEW_JS}")
        label = page.evaluate(
            f"() => {{ const s = {dropdown}; s.selectedIndex = 1;"
            " s.dispatchEvent(new Event('change', {bubbles: true}));"
            " return s.options[1] ? s.options[1].text : ''; }"
        )
        ok = _wait_for_redraw(page, before)
        whole = _shot_box(page, OUT / f"{stem}-widget-1.png")
        results.append(f"picked {label!r}: {_verdict(ok, whole)}")
    elif page.evaluate(f"() => {dates}.length === 2"):
        start, end = page.evaluate(f"() => {dates}.map(e => e.value)")
        # The widget clamps to its bounds, which it names in its tooltip ("lo … hi").
        tooltip = page.evaluate(
            f"() => {{ const w = {dates}[0].closest('.widget-datepicker');"
            " return w.title || w.querySelector('[title]')?.title || ''; }"
        )  # ipywidgets 8 puts a described widget's tooltip on its label
        found = _ISO_DAY_RE.findall(tooltip)
        lo, hi = found if len(found) == 2 else (start, end)
        if lo == hi:  # one day allowed: no other range exists, nothing to operate
            return [f"dates {lo}..{hi}: one day only, nothing to change: yes"]
        # Within the inputs' bounds (the widget refuses others): the last day alone (or the
        # first, when the view already shows one day), then the widest range allowed.
        first = (end, end) if start != end else (lo, lo)
        for k, (new_start, new_end) in enumerate((first, (lo, hi)), 1):
            before = page.evaluate(f"() => {VIEW_JS}")
            page.evaluate(
                f"(values) => {dates}.forEach((e, i) => {{ e.value = values[i];"
                " e.dispatchEvent(new Event('change', {bubbles: true})); })",
                [new_start, new_end],
            )
            ok = _wait_for_redraw(page, before)
            whole = _shot_box(page, OUT / f"{stem}-widget-{k}.png")
            results.append(f"dates {new_start}..{new_end}: {_verdict(ok, whole)}")
    return results


def _errors_in(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    errors = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        if cell.get("execution_count") is None and cell["source"]:
            errors.append(f"cell {i} did not run")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
    return errors


_ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CORPUS_RE = re.compile(r'^CORPUS = ".*"$', re.M)


def _set_corpus(path: Path, corpus: str) -> None:
    """Point the parameters cell of the notebook copy at ``corpus`` (an absolute path)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = "".join(cell["source"])
            cell["source"] = _CORPUS_RE.sub(f"CORPUS = {json.dumps(corpus)}", src)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="nb-browser-"))
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    if only := os.environ.get("NOTEBOOKS", "").split():  # e.g. NOTEBOOKS="02 05"
        notebooks = [nb for nb in notebooks if nb.name[:2] in only]
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CORPUS", "")
    for nb in notebooks:
        shutil.copy(nb, work / nb.name)
        if corpus:
            _set_corpus(work / nb.name, str(Path(corpus).resolve()))
    # Attach every cell to the DOM: with JupyterLab's default windowing, cells scrolled out of
    # view are not drawn and the later screenshots come out blank.
    settings = work / ".settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
            f"--port={port}", f"--IdentityProvider.token={token}", "--allow-root", f"--ServerApp.root_dir={work}",
            "--LabApp.expose_app_in_browser=True", f"--LabApp.user_settings_dir={work / '.settings'}",
            f"--LabApp.workspaces_dir={work / '.workspaces'}",  # restore no tabs of an earlier run
        ],
        stdout=subprocess.DEVNULL,
        stderr=(OUT / "jupyterlab.log").open("w"),
    )  # fmt: skip
    failures = 0
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for_server(f"{base}/api/status?token={token}")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            # Keep JupyterLab's news prompt from covering the outputs.
            page.add_init_script(
                "localStorage.setItem('@jupyterlab/apputils-extension:announcements', 'false')"
            )
            for nb in notebooks:
                t0 = time.time()
                page.goto(f"{base}/lab/tree/{nb.name}?token={token}")
                page.wait_for_function(
                    "(name) => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                    " && window.jupyterapp.shell.currentWidget.context?.path === name"
                    " && window.jupyterapp.shell.currentWidget.sessionContext"
                    " && window.jupyterapp.shell.currentWidget.sessionContext.session",
                    arg=nb.name,
                    timeout=60_000,
                )
                with contextlib.suppress(Exception):  # JupyterLab's news prompt covers outputs
                    page.get_by_role("button", name="No", exact=True).click(timeout=2000)
                page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
                # Busy while any cell shows [*]; wait for the kernel to go idle.
                page.wait_for_function(
                    "() => { const w = window.jupyterapp.shell.currentWidget;"
                    " return w.sessionContext.session.kernel.status === 'idle'"
                    " && document.querySelectorAll('.jp-InputPrompt').length > 0"
                    " && ![...document.querySelectorAll('.jp-InputPrompt')].some(e => e.textContent.includes('*')); }",
                    timeout=600_000,
                    polling=1000,
                )
                page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
                time.sleep(2)
                shot = _screenshots(page, nb.stem)
                errors = _errors_in(work / nb.name)
                arabic_visible = page.evaluate(
                    f"() => /[\\u0600-\\u06FF]/.test({ROOT_JS}.querySelector('.jp-Notebook').innerText)"
                )
                n_images = page.evaluate(
                    f"() => {ROOT_JS}.querySelectorAll('.jp-OutputArea img').length"
                )
                n_rtl = page.evaluate(
                    f"() => {ROOT_JS}.querySelectorAll('.jp-OutputArea table[dir=\"rtl\"]').length"
                )
                n_widgets = page.evaluate(
                    f"() => {ROOT_JS}.querySelectorAll('.jp-OutputArea .jupyter-widgets.widget-vbox').length"
                )
                operated = _operate_widget(page, nb.stem)
                redrawn = all(r.endswith(": yes") for r in operated)
                status = "ok" if not errors and arabic_visible and redrawn else "FAIL"
                failures += status != "ok"
                print(
                    f"{status:<4} {nb.name:<28} {time.time() - t0:6.1f}s  images={n_images} "
                    f"rtl_tables={n_rtl} widgets={n_widgets} "
                    f"arabic_text={'yes' if arabic_visible else 'no'}  screenshots={shot.parent.relative_to(ROOT)}/{nb.stem}-*.png"
                )
                for line in [*operated, *errors]:
                    print(f"     {line}")
                # Free the kernel and the tab before the next notebook.
                page.evaluate(
                    "() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()"
                )
                page.evaluate("window.jupyterapp.commands.execute('application:close-all')")
                time.sleep(1)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
