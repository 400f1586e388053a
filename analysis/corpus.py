"""Inputs -> ``articles`` + ``errors``: formats, encodings, metadata, bad documents.

Accepted inputs: a folder of ``.txt`` files (with an optional ``metadata.csv`` beside them:
``file,published,source,title,...``), a single ``.txt``, ``.jsonl`` / ``.ndjson``, ``.csv`` and
``.parquet``. Every problem becomes a row of ``errors`` and a :class:`CorpusWarning`; a bad document
never stops the run and is never dropped silently. ``severity == "error"`` rows are documents that
were skipped; ``"warning"`` rows describe documents that were kept (decoded as Windows-1256, bytes
replaced, HTML removed, no Arabic...).

Streaming: :func:`iter_records` yields one record at a time and :func:`iter_batches` groups them,
so a corpus of any size is read with memory bounded by the batch size.
"""

from __future__ import annotations

import codecs
import csv
import html
import json
import re
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
_HTML_TAG_RE = re.compile(
    r"<\s*/?\s*(?:p|br|div|span|a|b|i|strong|em|ul|ol|li|h[1-6]|table|tr|td|th|img|font|script|style|html|body|head|meta|link)\b[^<>]*>",
    re.IGNORECASE,
)
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr)\b[^<>]*>", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES_RE = re.compile(r"[ \t]*\n[ \t]*\n(?:[ \t]*\n)+")


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
            "reason": self.reason,
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
    # UTF-8 with a few broken bytes still decodes to many Arabic letters; a legacy Windows-1256
    # file decodes to almost none, and to Arabic once read as Windows-1256.
    if n_bad >= len(ARABIC_LETTER_RE.findall(replaced)):
        legacy = data.decode("cp1256", errors="replace")
        if has_arabic(legacy):
            notes.append("not UTF-8; decoded as windows-1256")
            return legacy, "windows-1256", notes
    notes.append(f"invalid UTF-8: {n_bad} undecodable byte sequence(s) replaced with U+FFFD")
    return replaced, "utf-8", notes


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = len(_CONTROL_RE.findall(sample)) + sample.count("\ufffd")
    return bad / len(sample) > 0.1


def clean_text(text: str) -> tuple[str, list[str]]:
    """Normalise newlines, drop a BOM and stray control characters, strip HTML remnants."""
    notes: list[str] = []
    text = _NEWLINES_RE.sub("\n", text.lstrip("\ufeff"))
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
        notes.append("control characters removed")
    if _HTML_TAG_RE.search(text):
        text = _SCRIPT_RE.sub("", text)
        text = _BLOCK_TAG_RE.sub("\n", text)
        text = _HTML_TAG_RE.sub("", text)
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
        text = _BLANK_LINES_RE.sub("\n\n", text)
        notes.append("HTML markup removed")
    elif _ENTITY_RE.search(text) and ("&nbsp;" in text or "&quot;" in text or "&#" in text):
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
        notes.append("HTML entities decoded")
    return text, notes


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


def _text_file_record(path: Path, *, doc_id: str | None = None) -> Iterator[Record]:
    doc_id = doc_id or path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(path=str(path), doc_id=doc_id, reason=f"cannot read file: {exc}")
        return
    if not data:
        yield Problem(path=str(path), doc_id=doc_id, reason="empty file (0 bytes); skipped")
        return
    text, encoding, notes = decode_bytes(data)
    if text is None or _looks_binary(text):
        reason = notes[-1] if notes else "binary content, not text"
        yield Problem(path=str(path), doc_id=doc_id, reason=f"{reason}; skipped")
        return
    text, clean_notes = clean_text(text)
    for note in notes + clean_notes:
        yield Problem(path=str(path), doc_id=doc_id, reason=note, severity="warning")
    art = Article(
        doc_id=doc_id, text=text, path=str(path), title=first_line(text), encoding=encoding
    )
    yield from _check_article(art)


def _read_metadata(folder: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    meta_path = folder / METADATA_NAME
    if not meta_path.exists():
        return {}, []
    try:
        meta = pd.read_csv(meta_path, dtype=str, keep_default_na=False, comment=None)
    except Exception as exc:  # a broken metadata file must not stop the corpus
        return {}, [Problem(path=str(meta_path), reason=f"unreadable metadata.csv: {exc}")]
    if "file" not in meta.columns:
        return {}, [Problem(path=str(meta_path), reason="metadata.csv has no 'file' column")]
    out: dict[str, dict[str, Any]] = {}
    for row in meta.to_dict("records"):
        name = row["file"].strip()
        out[name] = row
        out.setdefault(Path(name).stem, row)
    return out, []


def _apply_metadata(art: Article, row: dict[str, Any] | None) -> None:
    if not row:
        return
    art.published = row.get("published") or row.get("date") or art.published
    art.source = row.get("source") or art.source
    if row.get("title"):
        art.title = row["title"]


def _folder_records(folder: Path) -> Iterator[Record]:
    meta, problems = _read_metadata(folder)
    yield from problems
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    for path in files:
        for rec in _text_file_record(path):
            if isinstance(rec, Article):
                _apply_metadata(rec, meta.get(path.name) or meta.get(path.stem))
            yield rec
    others = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() not in TEXT_SUFFIXES
        and p.name != METADATA_NAME
        and not p.name.startswith(".")
    )
    for path in others:
        yield Problem(
            path=str(path),
            reason=f"ignored: not a .txt file ({path.suffix or 'no suffix'})",
            severity="warning",
        )


def _field(obj: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = obj.get(name)
        if value is not None and not (isinstance(value, float) and pd.isna(value)):
            return value
    return None


def _mapping_record(
    obj: dict[str, Any], *, path: str, line: int, fallback_id: str
) -> Iterator[Record]:
    raw_id = _field(obj, "doc_id", "id")
    doc_id = str(raw_id).strip() if raw_id is not None and str(raw_id).strip() else fallback_id
    text = obj.get("text")
    if text is None:
        yield Problem(
            path=path, doc_id=doc_id, line=line, reason="record has no 'text' field; skipped"
        )
        return
    if not isinstance(text, str):
        text = str(text) if not (isinstance(text, float) and pd.isna(text)) else ""
    text, notes = clean_text(text)
    for note in notes:
        yield Problem(path=path, doc_id=doc_id, line=line, reason=note, severity="warning")
    title = _field(obj, "title", "headline")
    art = Article(
        doc_id=doc_id,
        text=text,
        path=path,
        title=str(title).strip() if title is not None else "",
        published=_field(obj, "published", "date", "pub_date"),
        source=str(_field(obj, "source") or ""),
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
    if enc == "windows-1256":
        return "cp1256", notes
    return "utf-8", []


def _jsonl_records(path: Path) -> Iterator[Record]:
    encoding, notes = _sniff_encoding(path)
    for note in notes:
        yield Problem(path=str(path), reason=note, severity="warning")
    with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Problem(
                    path=str(path), line=lineno, reason=f"line is not valid JSON ({exc.msg})"
                )
                continue
            if not isinstance(obj, dict):
                yield Problem(path=str(path), line=lineno, reason="line is JSON but not an object")
                continue
            if "\ufffd" in line:
                yield Problem(
                    path=str(path),
                    line=lineno,
                    doc_id=str(obj.get("id") or obj.get("doc_id") or ""),
                    reason="undecodable bytes replaced with U+FFFD",
                    severity="warning",
                )
            yield from _mapping_record(
                obj, path=str(path), line=lineno, fallback_id=f"{path.stem}-{lineno}"
            )


def _csv_records(path: Path) -> Iterator[Record]:
    encoding, notes = _sniff_encoding(path)
    for note in notes:
        yield Problem(path=str(path), reason=note, severity="warning")
    csv.field_size_limit(sys.maxsize)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            yield Problem(path=str(path), reason="empty CSV file; skipped")
            return
        except csv.Error as exc:
            yield Problem(path=str(path), line=1, reason=f"unreadable CSV header: {exc}")
            return
        header = [h.strip().lstrip("\ufeff") for h in header]
        if "text" not in header:
            yield Problem(
                path=str(path), line=1, reason=f"CSV has no 'text' column (columns: {header})"
            )
            return
        rownum = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                rownum += 1
                yield Problem(
                    path=str(path), line=reader.line_num, reason=f"corrupted CSV row: {exc}"
                )
                continue
            rownum += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield Problem(
                    path=str(path),
                    line=reader.line_num,
                    reason=f"CSV row has {len(row)} fields, header has {len(header)}; skipped",
                )
                continue
            yield from _mapping_record(
                dict(zip(header, row, strict=True)),
                path=str(path),
                line=reader.line_num,
                fallback_id=f"{path.stem}-{rownum}",
            )


def _parquet_records(path: Path) -> Iterator[Record]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        yield Problem(path=str(path), reason=f"unreadable Parquet file: {exc}")
        return
    if "text" not in pf.schema_arrow.names:
        yield Problem(
            path=str(path), reason=f"Parquet has no 'text' column ({pf.schema_arrow.names})"
        )
        return
    rownum = 0
    for batch in pf.iter_batches(batch_size=2048):
        for obj in batch.to_pylist():
            rownum += 1
            yield from _mapping_record(
                obj, path=str(path), line=rownum, fallback_id=f"{path.stem}-{rownum}"
            )


def iter_records(path: str | Path) -> Iterator[Record]:
    """Yield every :class:`Article` and :class:`Problem` of a corpus, one at a time."""
    path = Path(path)
    if not path.exists():
        yield Problem(path=str(path), reason="no such file or folder")
        return
    if path.is_dir():
        yield from _folder_records(path)
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_records(path)
    elif suffix in CSV_SUFFIXES:
        yield from _csv_records(path)
    elif suffix in PARQUET_SUFFIXES:
        yield from _parquet_records(path)
    else:
        if suffix not in TEXT_SUFFIXES:
            yield Problem(
                path=str(path),
                reason=f"unknown suffix {suffix or '(none)'}: read as plain text",
                severity="warning",
            )
        meta, problems = _read_metadata(path.parent)
        yield from problems
        for rec in _text_file_record(path):
            if isinstance(rec, Article):
                _apply_metadata(rec, meta.get(path.name) or meta.get(path.stem))
            yield rec


def _warn(problem: Problem) -> None:
    where = problem.path + (f":{problem.line}" if problem.line else "")
    label = f" [{problem.doc_id}]" if problem.doc_id else ""
    warnings.warn(f"{where}{label}: {problem.reason}", CorpusWarning, stacklevel=3)


class _Deduper:
    """Make doc_ids unique within a corpus, recording each rename."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, art: Article) -> Problem | None:
        n = self.seen.get(art.doc_id, 0)
        self.seen[art.doc_id] = n + 1
        if n == 0:
            return None
        old = art.doc_id
        art.doc_id = f"{old}~{n + 1}"
        self.seen.setdefault(art.doc_id, 1)
        return Problem(
            path=art.path,
            doc_id=art.doc_id,
            reason=f"duplicate doc_id {old!r}; renamed to {art.doc_id!r}",
            severity="warning",
        )


def _frames(
    articles: list[Article], problems: list[Problem], published_default: Any = None
) -> Loaded:
    rows = [a.as_row() for a in articles]
    arts = schema.conform(pd.DataFrame(rows, columns=list(schema.SCHEMAS["articles"])), "articles")
    raw_published = pd.Series([a.published for a in articles], dtype=object)
    bad = raw_published.notna() & arts["published"].isna() & (raw_published.astype(str) != "")
    for i in bad[bad].index:
        problems.append(
            Problem(
                path=articles[i].path,
                doc_id=articles[i].doc_id,
                reason=f"unreadable publication date {articles[i].published!r}; set to NaT",
                severity="warning",
            )
        )
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
    "load_corpus",
]
