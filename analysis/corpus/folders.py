"""Folders of ``.txt`` files and their ``metadata.csv``: read flat, everything skipped reported."""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .records import Article, Problem, Record, check_article
from .text import (
    NEWLINES_RE,
    clean_text,
    decode_bytes,
    first_line,
    looks_binary,
    one_line,
    path_str,
)

METADATA_NAME = "metadata.csv"

CSV_DELIMITERS = (",", ";", "\t", "|")
_FILE_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def file_kind(mode: int) -> str:
    for test, name in _FILE_KINDS:
        if test(mode):
            return name
    return "special file"


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a fifo or device is never read (opening a fifo blocks)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(f"not a regular file ({file_kind(mode)})")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a symlink inside the corpus folder is not followed, or None if it may be."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return "dangling symlink (its target does not exist); skipped"
    except (OSError, RuntimeError) as exc:
        return f"unresolvable symlink ({exc}); skipped"
    if not target.is_relative_to(root):
        return f"symlink leads out of the corpus folder (to {path_str(target)}); not followed"
    return None


def text_file_records(path: Path, *, doc_id: str | None = None) -> Iterator[Record]:
    where = path_str(path)
    doc_id, id_notes = one_line(doc_id or path.stem)
    for note in id_notes:
        yield Problem(path=where, doc_id=doc_id, reason=f"id: {note}", severity="warning")
    try:
        data = _read_regular(path)
    except OSError as exc:
        yield Problem(path=where, doc_id=doc_id, reason=f"cannot read file: {exc}")
        return
    if not data:
        yield Problem(path=where, doc_id=doc_id, reason="empty file (0 bytes); skipped")
        return
    text, encoding, notes = decode_bytes(data)
    if text is None or looks_binary(text):
        reason = notes[-1] if notes else "binary content, not text"
        yield Problem(path=where, doc_id=doc_id, reason=f"{reason}; skipped")
        return
    text, clean_notes = clean_text(text)
    for note in notes + clean_notes:
        yield Problem(path=where, doc_id=doc_id, reason=note, severity="warning")
    art = Article(doc_id=doc_id, text=text, path=where, title=first_line(text), encoding=encoding)
    yield from check_article(art)


def pick_delimiter(header_line: str, column: str, *, first: str = ",") -> str | None:
    """The delimiter among :data:`CSV_DELIMITERS` whose split of the header has ``column``."""
    for delim in (first, *CSV_DELIMITERS):
        fields = next(csv.reader([header_line], delimiter=delim), [])
        if column in (f.strip().lstrip("\ufeff").lower() for f in fields):
            return delim
    return None


class MetaRow(NamedTuple):
    """One row of a folder's ``metadata.csv`` and the line it starts on."""

    line: int
    values: dict[str, str]


def _swallowed(row: list[str], delim: str, n_cols: int) -> list[str]:
    """Lines inside a multi-line cell that look like rows of their own (unbalanced quote)."""
    inner = [ln for cell in row if "\n" in cell for ln in cell.split("\n")[1:]]
    return [ln for ln in inner if ln.count(delim) >= max(1, n_cols - 1)]


def read_metadata(folder: Path) -> tuple[dict[str, MetaRow], list[Problem]]:
    meta_path = folder / METADATA_NAME
    if not (meta_path.exists() or meta_path.is_symlink()):
        return {}, []
    where = path_str(meta_path)
    if reason := _link_problem(meta_path, folder.resolve()):
        return {}, [Problem(path=where, reason=f"metadata.csv: {reason}")]
    try:
        text, _, notes = decode_bytes(_read_regular(meta_path))
    except OSError as exc:
        return {}, [Problem(path=where, reason=f"unreadable metadata.csv: {exc}")]
    problems = [Problem(path=where, reason=n, severity="warning") for n in notes]
    if text is None:
        return {}, [*problems, Problem(path=where, reason="metadata.csv is not text; ignored")]
    text = NEWLINES_RE.sub("\n", text.lstrip("\ufeff"))
    delim = pick_delimiter(first_line(text), "file")
    if delim is None:
        return {}, [*problems, Problem(path=where, reason="metadata.csv has no 'file' column")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = [h.strip().lower() for h in next(reader)]
    out: dict[str, MetaRow] = {}
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(
                Problem(path=where, line=start, reason=f"metadata row unreadable: {exc}")
            )
            continue
        if not any(cell.strip() for cell in row):
            continue
        if reader.line_num > start and (lost := _swallowed(row, delim, len(header))):
            names = [ln.split(delim, 1)[0].strip().strip('"') for ln in lost]
            problems.append(
                Problem(
                    path=where,
                    line=start,
                    reason=f"metadata row runs over lines {start}-{reader.line_num} (unbalanced"
                    f" quote?) and swallows {len(lost)} row(s) for {names}; none of them applied",
                )
            )
            continue
        if len(row) != len(header):
            problems.append(
                Problem(
                    path=where,
                    line=start,
                    reason=f"metadata row has {len(row)} fields, header has {len(header)}; ignored",
                )
            )
            continue
        values = dict(zip(header, row, strict=True))
        name = values["file"].strip()
        out[name] = MetaRow(start, values)
        out.setdefault(Path(name).stem, MetaRow(start, values))
    return out, problems


def apply_metadata(art: Article, row: MetaRow | None) -> Iterator[Problem]:
    """Set the article's date, source and title from its metadata row; yield cleaning notes."""
    if not row:
        return
    values = row.values
    art.published = values.get("published") or values.get("date") or art.published
    for name in ("source", "title"):
        if values.get(name):
            clean, notes = one_line(values[name])
            setattr(art, name, clean)
            for note in notes:
                yield Problem(
                    path=art.path, doc_id=art.doc_id, reason=f"{name}: {note}", severity="warning"
                )


def _txt_count(folder: Path) -> int:
    return sum(name.lower().endswith(".txt") for _, _, names in os.walk(folder) for name in names)


def _scan_folder(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The ``.txt`` files directly in ``folder``, and a row for everything else."""
    root = folder.resolve()
    files: list[Path] = []
    problems: list[Problem] = []
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name == METADATA_NAME:
            continue
        path = Path(entry.path)
        where = path_str(path)
        if reason := _link_problem(path, root):
            problems.append(Problem(path=where, reason=reason))
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            problems.append(Problem(path=where, reason=f"cannot read: {exc}"))
            continue
        if stat.S_ISDIR(mode):
            reason = f"subfolder not read (folders are read flat): {_txt_count(path)} .txt skipped"
            problems.append(Problem(path=where, reason=reason, severity="warning"))
        elif not stat.S_ISREG(mode):
            reason = f"not a regular file ({file_kind(mode)}); never opened, skipped"
            problems.append(Problem(path=where, reason=reason))
        elif entry.name.lower().endswith(".txt"):
            files.append(path)
        else:
            reason = f"ignored: not a .txt file ({path.suffix or 'no suffix'})"
            problems.append(Problem(path=where, reason=reason, severity="warning"))
    return files, problems


def folder_records(folder: Path) -> Iterator[Record]:
    meta, problems = read_metadata(folder)
    yield from problems
    files, skipped = _scan_folder(folder)
    used: set[int] = set()
    for path in files:
        row = meta.get(path.name) or meta.get(path.stem)
        if row:
            used.add(row.line)
        for rec in text_file_records(path):
            if isinstance(rec, Article):
                yield from apply_metadata(rec, row)
            yield rec
    yield from skipped
    named = {row.line: row.values["file"] for row in meta.values() if row.line not in used}
    for line, name in sorted(named.items()):
        yield Problem(
            path=path_str(folder / METADATA_NAME),
            line=line,
            reason=f"metadata.csv names {name!r}: no such .txt file in the folder",
            severity="warning",
        )
