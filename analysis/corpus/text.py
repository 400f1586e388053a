"""Bytes -> text: encodings (BOMs, UTF-16, legacy Arabic code pages) and cleaning (newlines, control characters, entities, markup)."""

from __future__ import annotations

import codecs
import html
import os
import re
from pathlib import Path
from typing import Any

from ..arabic import ARABIC_LETTER_RE, has_arabic

NEWLINES_RE = re.compile(r"\r\n?|\u2028|\u2029|\x85")
# Tag-like: what a browser would start a tag, end tag, comment, doctype or PI with (``<`` then a
# letter, ``/``, ``!`` or ``?``); a ``<`` before a space or digit ("a < b") is prose and stays.
_TAG_RE = re.compile(r"<(?:[A-Za-z]|/[A-Za-z]?|[!?])[^<>]*>")
_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr)\b[^<>]*>", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#\d{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_BLANK_LINES_RE = re.compile(r"[ \t]*\n[ \t]*\n(?:[ \t]*\n)+")
_LINE_BREAK_RE = re.compile(r"\s*\n\s*")
LEGACY_ENCODINGS = ("windows-1256", "iso-8859-6")
# Characters a legacy decoding of Arabic should not produce: Latin-1 letters, × ÷, U+FFFD.
_NOT_ARABIC_RE = re.compile(r"[\u00a0-\u00ff\ufffd]")
MAX_REPR = 80

# ---------------------------------------------------------------------------------------------
# Bytes -> text


def looks_utf16(data: bytes) -> str | None:
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


def arabic_score(text: str) -> int:
    return len(ARABIC_LETTER_RE.findall(text)) - 3 * len(_NOT_ARABIC_RE.findall(text))


def legacy_decode(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 Arabic bytes with the legacy code page that reads best as Arabic."""
    decoded = [(data.decode(enc, errors="replace"), enc) for enc in LEGACY_ENCODINGS]
    return max(decoded, key=lambda pair: arabic_score(pair[0]))


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
    utf16 = looks_utf16(data)
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


def looks_binary(text: str) -> bool:
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
    text = NEWLINES_RE.sub("\n", text)
    if "<" in text and _TAG_RE.search(text):
        text = _BLANK_LINES_RE.sub("\n\n", _strip_tags(text))
        notes.append("HTML markup removed")
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
        notes.append("control characters removed")
    if SURROGATE_RE.search(text):
        text = SURROGATE_RE.sub("\ufffd", text)
        notes.append("lone surrogate code point(s) replaced with U+FFFD")
    return text, notes


def one_line(value: Any) -> tuple[str, list[str]]:
    """A title, source or id: :func:`clean_text`, then line breaks made one space."""
    text, notes = clean_text(str(value))
    return _LINE_BREAK_RE.sub(" ", text).strip(), notes


def short_repr(value: Any) -> str:
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
