"""Inputs -> ``articles`` + ``errors``: formats, encodings, metadata, bad documents.

Accepted inputs: a folder of ``.txt`` files (with an optional ``metadata.csv`` beside them:
``file,published,source,title,...``), a single ``.txt``, ``.jsonl`` / ``.ndjson``, ``.csv`` and
``.parquet``. Every problem becomes a row of ``errors`` and a :class:`CorpusWarning`; a bad document
never stops the run and is never dropped silently. ``severity == "error"`` rows are documents that
were skipped; ``"warning"`` rows describe documents that were kept (decoded as Windows-1256, bytes
replaced, HTML removed, no Arabic...).

Every string that comes from the corpus is untrusted: texts, titles, sources and ids go through
:func:`clean_text` (entities decoded once, then every tag-like ``<...>`` removed, so decoding never
yields markup; control characters and lone surrogates out); titles, sources and ids are also made
one line. An id is data: it may hold ``/`` or ``..`` and is never joined into a file path.

Folders are read flat: the ``.txt`` files directly inside (``.txt`` in any case, even a file named
just ``.txt``). Everything else gets a row: subfolders (with the number of ``.txt`` files they hold),
other files, fifos and devices (never opened), dangling or looping symlinks, symlinks leading out of
the folder (not followed), and ``metadata.csv`` rows naming no file of the folder or swallowing the
next rows through an unbalanced quote.

JSONL is decoded line by line: a line that is not UTF-8 is decoded as Windows-1256 or ISO-8859-6
(whichever reads as Arabic), with a warning naming the line and the encoding in ``encoding``. A
``text`` that is a list of strings is joined with blank lines (a warning); any other non-string
``text`` skips the record. A CSV's delimiter is the one of ``, ; TAB |`` whose header has a
``text`` column. A damaged Parquet row group is reported with its row count; the others are read.
Publication dates are read value by value with :func:`analysis.schema.parse_date`; each repair or
guess (Hijri converted, UTC offset dropped, epoch unit) is a warning row.

Streaming: :func:`iter_records` yields one record at a time and :func:`iter_batches` groups them,
so a corpus of any size is read with memory bounded by the batch size.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import os
import re
import stat
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import schema
from .arabic import ARABIC_LETTER_RE, has_arabic

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
METADATA_NAME = "metadata.csv"
LARGE_DOC_CHARS = 2_000_000

_NEWLINES_RE = re.compile(r"\r\n?|\u2028|\u2029|\x85")
# Tag-like: what a browser would start a tag, end tag, comment, doctype or PI with (``<`` then a
# letter, ``/``, ``!`` or ``?``); a ``<`` before a space or digit ("a < b") is prose and stays.
_TAG_RE = re.compile(r"<(?:[A-Za-z]|/[A-Za-z]?|[!?])[^<>]*>")
_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr)\b[^<>]*>", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#\d{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_BLANK_LINES_RE = re.compile(r"[ \t]*\n[ \t]*\n(?:[ \t]*\n)+")
_LINE_BREAK_RE = re.compile(r"\s*\n\s*")
_LEGACY_ENCODINGS = ("windows-1256", "iso-8859-6")
# Characters a legacy decoding of Arabic should not produce: Latin-1 letters, × ÷, U+FFFD.
_NOT_ARABIC_RE = re.compile(r"[\u00a0-\u00ff\ufffd]")
CSV_DELIMITERS = (",", ";", "\t", "|")
_FILE_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)
MAX_REPR = 80


class CorpusWarning(UserWarning):
    """A document was skipped, repaired or looks suspicious."""


class Loaded(NamedTuple):
    """What :func:`load_corpus` returns: the articles and every problem met on the way."""

    articles: pd.DataFrame
    errors: pd.DataFrame


@dataclass(slots=True)
class Problem:
    """One row of the ``errors`` frame."""

    path: str
    reason: str
    doc_id: str = ""
    line: int | None = None
    severity: str = "error"

    def as_row(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            # A reason may quote an OS message holding an undecodable file name.
            "reason": _SURROGATE_RE.sub("\ufffd", self.reason),
        }


@dataclass(slots=True)
class Article:
    """One row of the ``articles`` frame, before it becomes a frame."""

    doc_id: str
    text: str
    path: str
    title: str = ""
    published: Any = None
    source: str = ""
    encoding: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "source": self.source,
            "path": self.path,
            "n_chars": len(self.text),
            "encoding": self.encoding,
        }


# ---------------------------------------------------------------------------------------------
# Bytes -> text


def _looks_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the position of NUL bytes."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    # Arabic UTF-16 has few NULs (high bytes are 0x06); ASCII has half; check the alternation.
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    # Arabic block: every other byte is 0x06.
    if sample[1::2].count(6) / (len(sample) / 2) > 0.4:
        return "utf-16-le"
    if sample[0::2].count(6) / (len(sample) / 2) > 0.4:
        return "utf-16-be"
    return None


def _arabic_score(text: str) -> int:
    return len(ARABIC_LETTER_RE.findall(text)) - 3 * len(_NOT_ARABIC_RE.findall(text))


def legacy_decode(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 Arabic bytes with the legacy code page that reads best as Arabic."""
    decoded = [(data.decode(enc, errors="replace"), enc) for enc in _LEGACY_ENCODINGS]
    return max(decoded, key=lambda pair: _arabic_score(pair[0]))


def decode_bytes(data: bytes) -> tuple[str | None, str, list[str]]:
    """Decode raw bytes: returns (text or None if not text, encoding used, notes)."""
    notes: list[str] = []
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, notes
            except UnicodeDecodeError:
                text = data.decode(enc, errors="replace")
                notes.append(f"invalid {enc} bytes replaced with U+FFFD")
                return text, enc, notes
    utf16 = _looks_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        notes.append(f"no BOM; decoded as {utf16}")
        return text, utf16, notes
    if b"\x00" in data[:8192]:
        return None, "", ["binary file (NUL bytes), not text"]
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    n_bad = replaced.count("\ufffd")
    # UTF-8 with a few broken bytes still decodes to many Arabic letters; a legacy file decodes
    # to almost none, and to Arabic once read with its code page.
    if n_bad >= len(ARABIC_LETTER_RE.findall(replaced)):
        legacy, enc = legacy_decode(data)
        if has_arabic(legacy):
            notes.append(f"not UTF-8; decoded as {enc}")
            return legacy, enc, notes
    notes.append(f"invalid UTF-8: {n_bad} undecodable byte sequence(s) replaced with U+FFFD")
    return replaced, "utf-8", notes


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = len(_CONTROL_RE.findall(sample)) + sample.count("\ufffd")
    return bad / len(sample) > 0.1


def _strip_tags(text: str) -> str:
    text = _COMMENT_RE.sub("", _SCRIPT_RE.sub("", text))
    text = _BLOCK_TAG_RE.sub("\n", text)
    # To a fixed point: removing "<b>" from "<scr<b>ipt>" must not leave "<script>" behind.
    while True:
        text, n = _TAG_RE.subn("", text)
        if not n:
            return text


def clean_text(text: str) -> tuple[str, list[str]]:
    """Decode entities once, then remove every tag, control character and lone surrogate.

    Decoding comes first, so ``&lt;img onerror=...&gt;`` becomes a tag and is removed with the
    others: what comes out holds no ``<...>`` markup (a ``<`` before a space or digit stays).
    """
    notes: list[str] = []
    text = text.lstrip("\ufeff")
    if _ENTITY_RE.search(text):
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
        notes.append("HTML entities decoded")
    text = _NEWLINES_RE.sub("\n", text)
    if "<" in text and _TAG_RE.search(text):
        text = _BLANK_LINES_RE.sub("\n\n", _strip_tags(text))
        notes.append("HTML markup removed")
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
        notes.append("control characters removed")
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
        notes.append("lone surrogate code point(s) replaced with U+FFFD")
    return text, notes


def one_line(value: Any) -> tuple[str, list[str]]:
    """A title, source or id: :func:`clean_text`, then line breaks made one space."""
    text, notes = clean_text(str(value))
    return _LINE_BREAK_RE.sub(" ", text).strip(), notes


def _short(value: Any) -> str:
    """``repr`` cut to :data:`MAX_REPR` characters, for a reason column."""
    text = repr(value)
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 3] + "..."


def path_str(path: str | Path) -> str:
    """A path as a printable string (undecodable bytes of its name become U+FFFD)."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def first_line(text: str) -> str:
    """The first non-empty line, stripped (the headline of a .txt article)."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


# ---------------------------------------------------------------------------------------------
# Records


Record = Article | Problem


def _check_article(art: Article, *, line: int | None = None) -> Iterator[Record]:
    """Yield the article (or a skip), plus warnings about its content."""
    where = {"path": art.path, "doc_id": art.doc_id, "line": line}
    if not art.text.strip():
        what = "empty text" if not art.text else "text is whitespace only"
        yield Problem(reason=f"{what}; document skipped", **where)
        return
    if not has_arabic(art.text):
        yield Problem(reason="no Arabic letters in text", severity="warning", **where)
    if len(art.text) > LARGE_DOC_CHARS:
        yield Problem(
            reason=f"very large document ({len(art.text):,} characters)",
            severity="warning",
            **where,
        )
    yield art


def _kind(mode: int) -> str:
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
            raise OSError(f"not a regular file ({_kind(mode)})")
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


def _text_file_record(path: Path, *, doc_id: str | None = None) -> Iterator[Record]:
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
    if text is None or _looks_binary(text):
        reason = notes[-1] if notes else "binary content, not text"
        yield Problem(path=where, doc_id=doc_id, reason=f"{reason}; skipped")
        return
    text, clean_notes = clean_text(text)
    for note in notes + clean_notes:
        yield Problem(path=where, doc_id=doc_id, reason=note, severity="warning")
    art = Article(doc_id=doc_id, text=text, path=where, title=first_line(text), encoding=encoding)
    yield from _check_article(art)


def _pick_delimiter(header_line: str, column: str, *, first: str = ",") -> str | None:
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


def _read_metadata(folder: Path) -> tuple[dict[str, MetaRow], list[Problem]]:
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
    text = _NEWLINES_RE.sub("\n", text.lstrip("\ufeff"))
    delim = _pick_delimiter(first_line(text), "file")
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


def _apply_metadata(art: Article, row: MetaRow | None) -> Iterator[Problem]:
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
            reason = f"not a regular file ({_kind(mode)}); never opened, skipped"
            problems.append(Problem(path=where, reason=reason))
        elif entry.name.lower().endswith(".txt"):
            files.append(path)
        else:
            reason = f"ignored: not a .txt file ({path.suffix or 'no suffix'})"
            problems.append(Problem(path=where, reason=reason, severity="warning"))
    return files, problems


def _folder_records(folder: Path) -> Iterator[Record]:
    meta, problems = _read_metadata(folder)
    yield from problems
    files, skipped = _scan_folder(folder)
    used: set[int] = set()
    for path in files:
        row = meta.get(path.name) or meta.get(path.stem)
        if row:
            used.add(row.line)
        for rec in _text_file_record(path):
            if isinstance(rec, Article):
                yield from _apply_metadata(rec, row)
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


def _field(obj: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = obj.get(name)
        if value is not None and not (isinstance(value, float) and pd.isna(value)):
            return value
    return None


def _text_value(value: Any) -> tuple[str | None, list[str]]:
    """A record's ``text`` as a string, with notes; None (and the reason) if it is none."""
    if isinstance(value, str):
        return value, []
    if isinstance(value, float) and pd.isna(value):
        return "", []
    if isinstance(value, bytes):
        text, _, notes = decode_bytes(value)
        return text, notes or ["text is bytes, not text; skipped"]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value), [f"text is a list of {len(value)} strings; joined as paragraphs"]
    kind = type(value).__name__
    return None, [f"text is a {kind} ({_short(value)}), not a string; skipped"]


def _label_field(obj: dict[str, Any], name: str, *names: str) -> tuple[str, list[str]]:
    """A one-line title / source / id, with notes naming the field."""
    value = _field(obj, *names)
    if value is None:
        return "", []
    if isinstance(value, list | dict | tuple | set):
        return "", [f"{name} is a {type(value).__name__}, not a string; ignored"]
    clean, notes = one_line(value)
    return clean, [f"{name}: {note}" for note in notes]


def _mapping_record(
    obj: dict[str, Any], *, path: str, line: int, fallback_id: str, encoding: str = ""
) -> Iterator[Record]:
    doc_id, notes = _label_field(obj, "id", "doc_id", "id")
    if not doc_id:
        doc_id, _ = one_line(fallback_id)
    if "text" not in obj or obj["text"] is None:
        yield Problem(
            path=path, doc_id=doc_id, line=line, reason="record has no 'text' field; skipped"
        )
        return
    text, text_notes = _text_value(obj["text"])
    if text is None:
        yield Problem(path=path, doc_id=doc_id, line=line, reason=text_notes[0])
        return
    text, clean_notes = clean_text(text)
    title, title_notes = _label_field(obj, "title", "title", "headline")
    source, source_notes = _label_field(obj, "source", "source")
    for note in notes + text_notes + clean_notes + title_notes + source_notes:
        yield Problem(path=path, doc_id=doc_id, line=line, reason=note, severity="warning")
    art = Article(
        doc_id=doc_id,
        text=text,
        path=path,
        title=title,
        published=_field(obj, "published", "date", "pub_date"),
        source=source,
        encoding=encoding,
    )
    yield from _check_article(art, line=line)


def _sniff_encoding(path: Path) -> tuple[str, list[str]]:
    with path.open("rb") as fh:
        head = fh.read(65536)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", []
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", []
    utf16 = _looks_utf16(head)
    if utf16:
        return utf16, [f"no BOM; decoded as {utf16}"]
    _, enc, notes = decode_bytes(head)
    if enc in _LEGACY_ENCODINGS:
        return enc, notes
    return "utf-8", []


def _decode_line(raw: bytes) -> tuple[str, str]:
    """One line of bytes -> (text, encoding: "" for UTF-8, else the one used)."""
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    replaced = raw.decode("utf-8", errors="replace")
    legacy, enc = legacy_decode(raw)
    if _arabic_score(legacy) > _arabic_score(replaced):
        return legacy, enc
    return replaced, "utf-8"


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, text, encoding) of each line; UTF-16 files whole, the rest line by line."""
    encoding, _ = _sniff_encoding(path)
    if encoding.startswith("utf-16"):
        with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
            for lineno, line in enumerate(fh, start=1):
                yield lineno, line, encoding
        return
    with path.open("rb") as fh:
        lines = (part for raw in fh for part in raw.rstrip(b"\r\n").split(b"\r"))
        for lineno, raw in enumerate(lines, start=1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            text, enc = _decode_line(raw)
            yield lineno, text, enc


def _json_object(line: str) -> tuple[Any, str | None]:
    """The JSON value of a line, or None and why it cannot be read."""
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        return None, f"line is not valid JSON ({exc.msg})"
    except RecursionError:
        return None, "line is JSON nested too deeply to read"
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return None, f"line is not valid JSON ({exc})"


def _jsonl_records(path: Path) -> Iterator[Record]:
    where = path_str(path)
    for lineno, raw, enc in _jsonl_lines(path):
        line = raw.strip()
        if not line:
            continue
        obj, reason = _json_object(line)
        if reason or not isinstance(obj, dict):
            yield Problem(
                path=where, line=lineno, reason=reason or "line is JSON but not an object"
            )
            continue
        recs = list(
            _mapping_record(
                obj, path=where, line=lineno, fallback_id=f"{path.stem}-{lineno}", encoding=enc
            )
        )
        doc_id = recs[-1].doc_id if recs else ""
        if enc in _LEGACY_ENCODINGS:
            reason = f"line {lineno} is not UTF-8; decoded as {enc}"
            yield Problem(path=where, line=lineno, doc_id=doc_id, reason=reason, severity="warning")
        elif "\ufffd" in line and enc:
            reason = "undecodable bytes replaced with U+FFFD"
            yield Problem(path=where, line=lineno, doc_id=doc_id, reason=reason, severity="warning")
        yield from recs


def _csv_records(path: Path) -> Iterator[Record]:
    where = path_str(path)
    encoding, notes = _sniff_encoding(path)
    for note in notes:
        yield Problem(path=where, reason=note, severity="warning")
    csv.field_size_limit(sys.maxsize)
    default = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
        head = fh.readline()
        if not head.strip():
            yield Problem(path=where, reason="empty CSV file (or empty header line); skipped")
            return
        delimiter = _pick_delimiter(head, "text", first=default)
        if delimiter is None:
            reason = f"CSV has no 'text' column (header {head.strip()[:200]!r}, tried , ; TAB |)"
            yield Problem(path=where, line=1, reason=reason)
            return
        if delimiter != default:
            reason = f"CSV delimiter is {delimiter!r}, not {default!r}; read with it"
            yield Problem(path=where, line=1, reason=reason, severity="warning")
        fh.seek(0)
        reader = csv.reader(fh, delimiter=delimiter)
        header = [h.strip().lstrip("\ufeff").lower() for h in next(reader)]
        rownum = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                rownum += 1
                yield Problem(path=where, line=reader.line_num, reason=f"corrupted CSV row: {exc}")
                continue
            rownum += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield Problem(
                    path=where,
                    line=reader.line_num,
                    reason=f"CSV row has {len(row)} fields, header has {len(header)}; skipped",
                )
                continue
            yield from _mapping_record(
                dict(zip(header, row, strict=True)),
                path=where,
                line=reader.line_num,
                fallback_id=f"{path.stem}-{rownum}",
            )


def _row_group_rows(pf: Any, group: int) -> Iterator[list[dict[str, Any]] | Exception]:
    """The rows of one Parquet row group in slices; an exception ends it (damaged data)."""
    try:
        for batch in pf.iter_batches(batch_size=2048, row_groups=[group]):
            yield batch.to_pylist()
    except Exception as exc:  # pyarrow raises OSError, ArrowInvalid... on damaged pages
        yield exc


def _parquet_records(path: Path) -> Iterator[Record]:
    import pyarrow.parquet as pq

    where = path_str(path)
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        reason = f"unreadable Parquet file (truncated? its footer, the index of its rows, is lost): {exc}"
        yield Problem(path=where, reason=reason)
        return
    if "text" not in pf.schema_arrow.names:
        yield Problem(path=where, reason=f"Parquet has no 'text' column ({pf.schema_arrow.names})")
        return
    rownum = 0
    for group in range(pf.num_row_groups):
        n_rows, done = pf.metadata.row_group(group).num_rows, 0
        for rows in _row_group_rows(pf, group):
            if isinstance(rows, Exception):
                lost = n_rows - done
                yield Problem(
                    path=where,
                    line=rownum + 1,
                    reason=f"Parquet row group {group} damaged: rows {rownum + 1}-{rownum + lost}"
                    f" ({lost}) lost: {type(rows).__name__}: {' '.join(str(rows).split())}",
                )
                rownum += lost
                break
            for obj in rows:
                rownum += 1
                done += 1
                yield from _mapping_record(
                    obj, path=where, line=rownum, fallback_id=f"{path.stem}-{rownum}"
                )


def iter_records(path: str | Path) -> Iterator[Record]:
    """Yield every :class:`Article` and :class:`Problem` of a corpus, one at a time."""
    path = Path(path)
    where = path_str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        dangling = " (a dangling symlink)" if path.is_symlink() else ""
        yield Problem(path=where, reason=f"no such file or folder{dangling}")
        return
    except (OSError, ValueError) as exc:
        yield Problem(path=where, reason=f"cannot read: {exc}")
        return
    if stat.S_ISDIR(mode):
        yield from _folder_records(path)
        return
    if not stat.S_ISREG(mode):
        yield Problem(path=where, reason=f"not a regular file ({_kind(mode)}); never opened")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_records(path)
    elif suffix in CSV_SUFFIXES:
        yield from _csv_records(path)
    elif suffix in PARQUET_SUFFIXES:
        yield from _parquet_records(path)
    else:
        if suffix not in TEXT_SUFFIXES and not path.name.lower().endswith(".txt"):
            yield Problem(
                path=where,
                reason=f"unknown suffix {suffix or '(none)'}: read as plain text",
                severity="warning",
            )
        meta, problems = _read_metadata(path.parent)
        yield from problems
        for rec in _text_file_record(path):
            if isinstance(rec, Article):
                yield from _apply_metadata(rec, meta.get(path.name) or meta.get(path.stem))
            yield rec


def _warn(problem: Problem) -> None:
    where = problem.path + (f":{problem.line}" if problem.line else "")
    label = f" [{problem.doc_id}]" if problem.doc_id else ""
    warnings.warn(f"{where}{label}: {problem.reason}", CorpusWarning, stacklevel=3)


class _Deduper:
    """Make doc_ids unique within a corpus, recording each rename.

    A repeat of ``x`` becomes the first free ``x~2``, ``x~3``... so ``x~2, x, x`` gives
    ``x~2, x, x~3``: unique whatever the input order.
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.next: dict[str, int] = {}

    def __call__(self, art: Article) -> Problem | None:
        old = art.doc_id
        if old not in self.seen:
            self.seen.add(old)
            return None
        n = self.next.get(old, 2)
        while f"{old}~{n}" in self.seen:
            n += 1
        self.next[old] = n + 1
        art.doc_id = f"{old}~{n}"
        self.seen.add(art.doc_id)
        return Problem(
            path=art.path,
            doc_id=art.doc_id,
            reason=f"duplicate doc_id {old!r}; renamed to {art.doc_id!r}",
            severity="warning",
        )


def _published(art: Article) -> tuple[Any, Problem | None]:
    """The article's date by :func:`schema.parse_date`, and a row for a repair or failure."""
    raw = art.published
    when, note = schema.parse_date(raw)
    blank = raw is None or (isinstance(raw, str) and not raw.strip()) or raw is pd.NA
    blank = blank or (isinstance(raw, float) and pd.isna(raw))
    if pd.isna(when) and not blank:
        why = f" ({note})" if note else ""
        note = f"unreadable publication date {_short(raw)}; set to NaT{why}"
    if not note:
        return when, None
    reason = note if note.startswith("unreadable") else f"publication date: {note}"
    return when, Problem(path=art.path, doc_id=art.doc_id, reason=reason, severity="warning")


def _frames(
    articles: list[Article], problems: list[Problem], published_default: Any = None
) -> Loaded:
    for art in articles:
        art.published, problem = _published(art)
        if problem:
            problems.append(problem)
    rows = [a.as_row() for a in articles]
    arts = schema.conform(pd.DataFrame(rows, columns=list(schema.SCHEMAS["articles"])), "articles")
    arts = fill_published(arts, published_default)
    errs = schema.conform(
        pd.DataFrame([p.as_row() for p in problems], columns=list(schema.SCHEMAS["errors"])),
        "errors",
    )
    return Loaded(arts, errs)


def fill_published(articles: pd.DataFrame, default: Any = None) -> pd.DataFrame:
    """``articles`` with unknown publication dates set to ``default`` (unchanged if None)."""
    if default is None or not len(articles):
        return articles
    filled = articles["published"].fillna(pd.Timestamp(default)).astype(schema.DATE)
    return articles.assign(published=filled)


def iter_batches(
    path: str | Path, *, batch_size: int = 1000, published_default: Any = None, warn: bool = True
) -> Iterator[Loaded]:
    """Read a corpus in batches of at most ``batch_size`` articles (bounded memory)."""
    dedupe = _Deduper()
    articles: list[Article] = []
    problems: list[Problem] = []
    for rec in iter_records(path):
        if isinstance(rec, Problem):
            if warn:
                _warn(rec)
            problems.append(rec)
            continue
        renamed = dedupe(rec)
        if renamed:
            if warn:
                _warn(renamed)
            problems.append(renamed)
        articles.append(rec)
        if len(articles) >= batch_size:
            yield _frames(articles, problems, published_default)
            articles, problems = [], []
    if articles or problems:
        yield _frames(articles, problems, published_default)


def load_corpus(path: str | Path, *, published_default: Any = None, warn: bool = True) -> Loaded:
    """Load a corpus into ``(articles, errors)`` frames; see the module docstring for inputs."""
    parts = list(
        iter_batches(path, batch_size=sys.maxsize, published_default=published_default, warn=warn)
    )
    if not parts:
        return Loaded(schema.empty("articles"), schema.empty("errors"))
    return concat_loaded(parts)


def concat_loaded(parts: Iterable[Loaded]) -> Loaded:
    """Concatenate batches into one :class:`Loaded`."""
    parts = list(parts)
    arts = [p.articles for p in parts if len(p.articles)]
    errs = [p.errors for p in parts if len(p.errors)]
    articles = pd.concat(arts, ignore_index=True) if arts else schema.empty("articles")
    errors = pd.concat(errs, ignore_index=True) if errs else schema.empty("errors")
    return Loaded(schema.conform(articles, "articles"), schema.conform(errors, "errors"))


def articles_from_texts(
    texts: Iterable[str], *, published: Any = None, prefix: str = "doc"
) -> pd.DataFrame:
    """Build an ``articles`` frame from plain strings (handy in notebooks and tests)."""
    rows = []
    for i, text in enumerate(texts):
        clean, _ = clean_text(text)
        rows.append(
            Article(
                doc_id=f"{prefix}{i}",
                text=clean,
                path="",
                title=first_line(clean),
                published=published,
            ).as_row()
        )
    return schema.conform(pd.DataFrame(rows, columns=list(schema.SCHEMAS["articles"])), "articles")


__all__ = [
    "CorpusWarning",
    "Loaded",
    "articles_from_texts",
    "clean_text",
    "decode_bytes",
    "iter_batches",
    "iter_records",
    "legacy_decode",
    "load_corpus",
    "one_line",
    "path_str",
]
