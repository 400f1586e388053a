from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import schema
from analysis.corpus import articles_from_texts
from analysis.sentences import sentences_frame, split_sentences, split_spans


def test_basic_split_and_paragraphs():
    text = "العنوان هنا\nقال الوزير إن الاجتماع انتهى. وأضاف أن التعاون مستمر!\n\nهل ينجح؟ نعم."
    assert split_sentences(text) == [
        "العنوان هنا",
        "قال الوزير إن الاجتماع انتهى.",
        "وأضاف أن التعاون مستمر!",
        "هل ينجح؟",
        "نعم.",
    ]
    paras = [p for p, _, _ in split_spans(text)]
    assert paras == [0, 1, 1, 2, 2]


def test_no_split_on_comma_decimals_dates_abbreviations():
    text = "ارتفع النمو 3.5 في المئة، حسب د. أحمد وأ.د. سامي في 18.10.2024 بالتوقيت المحلي."
    assert split_sentences(text) == [text]


def test_no_split_in_urls_and_emails():
    text = "راسلونا على info@example.com أو زوروا www.spa.gov.sa للمزيد. شكرا."
    assert split_sentences(text) == [
        "راسلونا على info@example.com أو زوروا www.spa.gov.sa للمزيد.",
        "شكرا.",
    ]


def test_no_split_inside_closed_quotes_and_parentheses():
    text = 'قال: "انتهى الاجتماع. سنلتقي غدا" ثم غادر. (وهذا مهم. جدا) انتهى.'
    assert split_sentences(text) == [
        'قال: "انتهى الاجتماع. سنلتقي غدا" ثم غادر.',
        "(وهذا مهم. جدا) انتهى.",
    ]


def test_missing_space_after_full_stop():
    assert split_sentences("انتهى الاجتماع.وقال الوزير") == ["انتهى الاجتماع.", "وقال الوزير"]


def test_full_stop_before_unicode_spaces_ends_a_sentence():
    for space in ("\xa0", "\u2009", "\u202f", "\u3000"):
        assert split_sentences(f"انتهى الاجتماع.{space}وقال الوزير") == [
            "انتهى الاجتماع.",
            "وقال الوزير",
        ]


def test_runs_of_unicode_spaces_are_paragraph_breaks():
    # A paper that separates paragraphs with " \xa0 " and no full stop (a list after a colon).
    text = "المهام الآتية: \xa0 تحديد النقاط \xa0\xa0\xa0 تنفيذ الخطة\u2028الثالثة"
    spans = split_spans(text)
    assert [text[s:e] for _, s, e in spans] == [
        "المهام الآتية:",
        "تحديد النقاط",
        "تنفيذ الخطة",
        "الثالثة",
    ]
    assert [p for p, _, _ in spans] == [0, 1, 2, 3]
    # A lone NBSP between two words is a word space, not a break.
    assert split_sentences("حالة وفاة\xa0وحالتين") == ["حالة وفاة\xa0وحالتين"]


def test_quotation_of_many_sentences_is_split():
    quoted = " ".join(["جملة طويلة من كلام المتحدث هنا."] * 20)
    assert len(split_sentences(f"قال «{quoted}» ثم غادر")) > 10
    assert len(split_sentences("قال «جملة قصيرة. وأخرى» ثم غادر.")) == 1


def test_frame_matches_text():
    arts = articles_from_texts(["أولا. ثانيا؟\nثالثا", "  \n  نص واحد  "])
    sents = sentences_frame(arts)
    schema.check(sents, "sentences")
    texts = dict(zip(arts["doc_id"], arts["text"], strict=True))
    for row in sents.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    assert list(sents[sents.doc_id == "doc0"]["sent_id"]) == [0, 1, 2]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list('اب جد.؟!\n،؛"()«»1 ٣x.@\xa0\u2009')) | st.characters(),
        max_size=200,
    )
)
def test_spans_partition_non_whitespace(text):
    spans = split_spans(text)
    owner = [0] * len(text)
    last_end = -1
    for _, s, e in spans:
        assert s < e
        assert s >= last_end  # in order, no overlap
        last_end = e
        assert not text[s].isspace() and not text[e - 1].isspace()
        for i in range(s, e):
            owner[i] += 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert owner[i] == 1, (i, ch)
