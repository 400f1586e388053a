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
        alphabet=st.sampled_from(list('اب جد.؟!\n،؛"()«»1 ٣x.@')) | st.characters(), max_size=200
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
