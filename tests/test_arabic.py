from hypothesis import given
from hypothesis import strategies as st

from analysis import arabic


def test_remove_tashkeel_and_tatweel():
    assert arabic.remove_tashkeel("مُحَمَّدٌ") == "محمد"
    assert arabic.remove_tatweel("اليـــابان") == "اليابان"


def test_normalize_letters_and_digits():
    assert arabic.normalize("أإآٱ") == "اااا"
    assert arabic.normalize("مستشفى") == "مستشفي"
    assert arabic.normalize("اليابانية") == "اليابانيه"
    assert arabic.normalize("٢٠٢٤ و۱۴۰۳") == "2024 و1403"
    assert arabic.normalize("\u200fاليابان\u200e") == "اليابان"


def test_normalize_with_map_recovers_original_spans():
    text = "وزارة الدفاعِ اليَـابانيّة أعلنت ٢٠٢٤"
    nt = arabic.normalize_with_map(text)
    assert nt.text == "وزاره الدفاع اليابانيه اعلنت 2024"
    i = nt.text.index("اليابانيه")
    s, e = nt.span(i, i + len("اليابانيه"))
    assert text[s:e] == "اليَـابانيّة"
    i = nt.text.index("الدفاع")
    s, e = nt.span(i, i + len("الدفاع"))
    # trailing kasra belongs to the word
    assert text[s:e] == "الدفاعِ"
    i = nt.text.index("2024")
    assert text[slice(*nt.span(i, i + 4))] == "٢٠٢٤"


def test_normalize_with_map_identity_is_cheap():
    nt = arabic.normalize_with_map("اليابان")
    assert nt.index is None
    assert nt.span(0, 7) == (0, 7)


@given(st.text())
def test_normalize_with_map_is_consistent(text):
    nt = arabic.normalize_with_map(text)
    assert nt.text == arabic.normalize(text)
    for m in arabic.WORD_RE.finditer(nt.text):
        s, e = nt.span(m.start(), m.end())
        assert 0 <= s < e <= len(text)
        assert arabic.normalize(text[s:e]) == m.group()


def test_tokenize_offsets():
    text = "قال الرئيسُ، إنّ اليابان (2024) مهمة."
    toks = arabic.tokenize(text)
    assert [t.surface for t in toks] == ["قال", "الرئيسُ", "إنّ", "اليابان", "2024", "مهمة"]
    for t in toks:
        assert text[t.start : t.end] == t.surface
    assert toks[1].norm == "الرئيس"


def test_proclitic_splits():
    stems = {stem for _, stem in arabic.proclitic_splits("واليابان")}
    assert {"واليابان", "اليابان", "يابان"} <= stems
    stems = {stem for _, stem in arabic.proclitic_splits("لليابان")}
    assert "اليابان" in stems and "يابان" in stems
    stems = {stem for _, stem in arabic.proclitic_splits("وبالصين")}
    assert "الصين" in stems and "صين" in stems
    assert arabic.strip_proclitics("فبالتعاون") == "تعاون"
    # a bare word keeps its own reading first
    assert arabic.proclitic_splits("بروكسل")[0] == ("", "بروكسل")


def test_has_arabic():
    assert arabic.has_arabic("hello مرحبا")
    assert not arabic.has_arabic("hello 123")
