"""Property tests: any text gives valid rows (no crash, offsets on the original, ordered intervals)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.dates import extract_dates

# Words that build date expressions, mixed with noise, marks and digits of three scripts.
PIECES = [
    "في",
    "من",
    "إلى",
    "بين",
    "و",
    "عام",
    "العام",
    "سنة",
    "يوم",
    "شهر",
    "الماضي",
    "المقبل",
    "الجاري",
    "اليوم",
    "أمس",
    "غدا",
    "الخميس",
    "الاثنين",
    "مايو",
    "أيار",
    "(مايو)",
    "كانون",
    "رمضان",
    "شوال",
    "ذو الحجة",
    "هـ",
    "م",
    "الموافق",
    "الساعة",
    "السادسة",
    "مساء",
    "أيام",
    "ثلاثة",
    "عامين",
    "قبل",
    "منذ",
    "الربع",
    "الأول",
    "النصف",
    "القرن",
    "العشرين",
    "الثمانينيات",
    "نحو",
    "أواخر",
    "في وقت سابق",
    "هذا الأسبوع",
    "2015",
    "1436",
    "25",
    "10",
    "/",
    "-",
    ".",
    ":",
    "،",
    "\n",
    "١٤٣٦",
    "۲۰۱۵",
    "\u064e",
    "\u0640",
    "\u200f",
    "شاحنة",
    "101",
    "عيد الفطر",
    "عيد الميلاد",
    "رأس السنة",
    "الهجرية",
    "ثالث أيام",
    "يومين",
    "مئة",
    "ونصف",
    "منتصف",
    "الأحد",
    "مليون",
    "وشهرين",
    "أسبوع",
    "100000",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
)
publications = st.one_of(
    st.none(),
    st.dates(
        min_value=pd.Timestamp("1930-01-01").date(), max_value=pd.Timestamp("2070-12-31").date()
    ),
)


@settings(max_examples=400, deadline=None)
@given(text=texts, published=publications)
def test_any_text_gives_valid_rows(text, published):
    pub = None if published is None else pd.Timestamp(published)
    sentences = [{"sent_id": 0, "start": 0, "end": len(text)}]
    rows = extract_dates(doc_id="d", text=text, sentences=sentences, published=pub)
    last_end = -1
    for r in rows:
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"] : r["end"]] == r["surface"]
        assert r["start"] >= last_end  # no overlaps, text order
        last_end = r["end"]
        assert r["type"] in {"DATE", "DURATION", "TIME", "SET"}
        if r["resolved"]:
            assert r["start_date"] <= r["end_date"]
        else:
            assert pd.isna(r["start_date"]) and pd.isna(r["end_date"])
        if pub is None:
            assert not (r["relative"] and r["resolved"])
        if r["type"] in {"DURATION", "SET"}:
            assert not r["resolved"]
