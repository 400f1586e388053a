"""Run each notebook in a real JupyterLab in headless Chromium; screenshot it; fail on cell errors.

JupyterLab is started headless with token auth on a copy of notebooks/ (so the committed notebooks
stay stripped), each notebook is opened, "Run All Cells" is executed through JupyterLab's command
registry, the notebook is saved, and its outputs are checked for errors. Screenshots go to
exports/browser/.

``CORPUS=path`` (environment, e.g. ``make check-browser CORPUS=../shared/corpora/x.jsonl``, or the
first argument) sets the notebooks' ``CORPUS`` parameter in the copies, so the check runs on a
corpus of a few thousand articles as well as on the seeds.
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


def _screenshots(page, stem: str, max_pages: int = 8) -> Path:
    """Screenshot the notebook page by page (JupyterLab scrolls inside its own panel)."""
    scroller = f"{ROOT_JS}.querySelector('.jp-WindowedPanel-outer')"
    height = max(1, page.evaluate(f"() => {scroller}.clientHeight"))
    total = page.evaluate(f"() => {scroller}.scrollHeight")
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


def _pick_second_actor(page, stem: str) -> str:
    """Choose another actor in a picker (a widget dropdown), if any; "yes" if its view changed."""
    select = f"{ROOT_JS}.querySelector('.jp-OutputArea .widget-dropdown select')"
    if not page.evaluate(f"() => !!{select}"):
        return "n/a"
    view = f"{ROOT_JS}.querySelector('.jp-OutputArea .widget-output').innerText"
    before = page.evaluate(f"() => {view}")
    page.evaluate(
        f"() => {{ const s = {select}; s.selectedIndex = 1;"
        " s.dispatchEvent(new Event('change', {bubbles: true})); }"
    )
    try:
        page.wait_for_function(
            f"(before) => {view} !== before && {view}.length > 0", arg=before, timeout=60_000
        )
    except Exception:
        return "no"
    time.sleep(1.5)
    out = f"{ROOT_JS}.querySelector('.jp-OutputArea .widget-output')"
    page.evaluate(f"() => {out}.scrollIntoView()")
    time.sleep(0.5)
    page.screenshot(path=str(OUT / f"{stem}-picker.png"))
    return "yes"


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
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CORPUS", "")
    for nb in notebooks:
        shutil.copy(nb, work / nb.name)
        if corpus:
            _set_corpus(work / nb.name, str(Path(corpus).resolve()))
    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
            f"--port={port}", f"--IdentityProvider.token={token}", "--allow-root", f"--ServerApp.root_dir={work}",
            "--LabApp.expose_app_in_browser=True",
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
                page.wait_for_selector(".jp-Notebook", timeout=60_000)
                page.wait_for_function(
                    "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                    " && window.jupyterapp.shell.currentWidget.sessionContext"
                    " && window.jupyterapp.shell.currentWidget.sessionContext.session",
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
                picked = _pick_second_actor(page, nb.stem)
                status = "ok" if not errors and arabic_visible and picked != "no" else "FAIL"
                failures += status != "ok"
                print(
                    f"{status:<4} {nb.name:<28} {time.time() - t0:6.1f}s  images={n_images} "
                    f"rtl_tables={n_rtl} widgets={n_widgets} picker_updates={picked} "
                    f"arabic_text={'yes' if arabic_visible else 'no'}  screenshots={shot.parent.relative_to(ROOT)}/{nb.stem}-*.png"
                )
                for e in errors:
                    print(f"     {e}")
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
