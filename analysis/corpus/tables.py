"""Record formats: JSONL (decoded line by line), CSV (delimiter detected) and Parquet (row group by row group)."""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .folders import pick_delimiter
from .records import Article, Problem, Record, check_article
from .text import (
    LEGACY_ENCODINGS,
    arabic_score,
    clean_text,
    decode_bytes,
    legacy_decode,
    looks_utf16,
    one_line,
    path_str,
    short_repr,
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
    return None, [f"text is a {kind} ({short_repr(value)}), not a string; skipped"]


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
    yield from check_article(art, line=line)


def _sniff_encoding(path: Path) -> tuple[str, list[str]]:
    with path.open("rb") as fh:
        head = fh.read(65536)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", []
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", []
    utf16 = looks_utf16(head)
    if utf16:
        return utf16, [f"no BOM; decoded as {utf16}"]
    _, enc, notes = decode_bytes(head)
    if enc in LEGACY_ENCODINGS:
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
    if arabic_score(legacy) > arabic_score(replaced):
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


def jsonl_records(path: Path) -> Iterator[Record]:
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
        if enc in LEGACY_ENCODINGS:
            reason = f"line {lineno} is not UTF-8; decoded as {enc}"
            yield Problem(path=where, line=lineno, doc_id=doc_id, reason=reason, severity="warning")
        elif "\ufffd" in line and enc:
            reason = "undecodable bytes replaced with U+FFFD"
            yield Problem(path=where, line=lineno, doc_id=doc_id, reason=reason, severity="warning")
        yield from recs


def csv_records(path: Path) -> Iterator[Record]:
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
        delimiter = pick_delimiter(head, "text", first=default)
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


def parquet_records(path: Path) -> Iterator[Record]:
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
