"""analysis.display: frames with Arabic shown right to left."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import display

ARABIC = pd.DataFrame(
    {"actor_id": ["country:JPN", "org:NATO"], "name": ["اليابان", "حلف شمال الأطلسي"], "n": [8, 10]}
)
LATIN = pd.DataFrame({"actor_id": ["country:JPN"], "name": ["Japan"], "n": [8]})


def test_arabic_columns():
    assert display.arabic_columns(ARABIC) == ["name"]
    assert display.arabic_columns(LATIN) == []
    assert display.arabic_columns(pd.DataFrame({"الاسم": [1]})) == ["الاسم"]
    assert display.has_arabic_frame(ARABIC) and not display.has_arabic_frame(LATIN)
    # Only the sampled head is inspected, so a huge frame costs little.
    tail_only = pd.DataFrame({"x": ["a"] * 60 + ["عربي"]})
    assert display.arabic_columns(tail_only, sample=50) == []


def test_rtl_table_html():
    html = display.rtl(ARABIC).to_html()
    assert 'dir="rtl"' in html and "direction: rtl" in html
    assert "unicode-bidi: plaintext" in html
    assert "حلف شمال الأطلسي" in html
    assert "<caption" not in html


def test_rtl_limits_rows():
    big = pd.DataFrame({"name": ["اليابان"] * 100, "n": range(100)})
    html = display.rtl(big, max_rows=5).to_html()
    assert html.count("اليابان") == 5
    assert "5 of 100 rows" in html
    with pd.option_context("display.max_rows", 60, "display.min_rows", 10):
        assert display.rtl(big).to_html().count("اليابان") == 10
        assert display.rtl(big.head(60)).to_html().count("اليابان") == 60


def test_formatter_only_for_arabic_frames():
    assert 'dir="rtl"' in display._html(ARABIC)
    assert 'dir="rtl"' not in display._html(LATIN)


def test_enable_rtl_in_a_shell(shell):
    before = shell.display_formatter.format(ARABIC)[0]["text/html"]
    assert 'dir="rtl"' not in before
    assert display.enable_rtl()
    fmt = shell.display_formatter.format(ARABIC)[0]
    assert 'dir="rtl"' in fmt["text/html"]
    assert 'dir="rtl"' not in shell.display_formatter.format(LATIN)[0]["text/html"]
    display.disable_rtl()
    assert 'dir="rtl"' not in shell.display_formatter.format(ARABIC)[0]["text/html"]


def test_enable_rtl_outside_a_kernel():
    from IPython.core.interactiveshell import InteractiveShell

    if InteractiveShell.initialized():
        pytest.skip("a shell is active")
    assert display.enable_rtl() is False


def test_rtl_dates_at_midnight_read_as_days():
    df = pd.DataFrame(
        {
            "value": ["٢٠٢٢"],
            "start": pd.to_datetime(["2022-01-01"]),
            "t": pd.to_datetime(["2022-01-01 10:30"]),
        }
    )
    html = display.rtl(df).to_html()
    assert ">2022-01-01<" in html and "2022-01-01 00:00:00" not in html
    assert "10:30" in html
