"""Quotes: one test per case of issue 16, on sentences written for the tests, plus the scorer and
the tables the notebook calls."""

from __future__ import annotations

import json

import pytest

from analysis import articles_from_texts, parse, schema
from analysis.arabic import WORD_RE, normalize, tokenize
from analysis.pipeline import parse_document
from analysis.quotes import extract_quotes, tables
from analysis.quotes.evaluate import (
    DEFAULT_CORPUS,
    baseline_quotes,
    evaluate,
    gold_paths,
    score_document,
)
from analysis.quotes.tokens import WORD_GOES_ON, WORD_OPEN
from analysis.quotes.tokens import tokens as _tokens


def quotes_of(text: str) -> list[dict]:
    parsed = parse_document({"doc_id": "t", "text": text, "published": None, "path": ""})
    rows = extract_quotes(
        doc_id="t", text=text, sentences=parsed["sentences"], mentions=parsed["mentions"]
    )
    for r in rows:  # offsets index the original text
        assert text[r["cue_start"] : r["cue_end"]] == r["cue"]
        assert text[r["content_start"] : r["content_end"]] == r["content"]
    return rows


def speaker(text: str, row: dict) -> str:
    return text[row["speaker_start"] : row["speaker_end"]]


def test_cue_before_speaker():
    text = "قال وزير الخارجية عادل الجبير إن المملكة ترفض أي تدخل في شؤون جيرانها."
    (q,) = quotes_of(text)
    assert q["kind"] == "indirect" and q["cue"] == "قال"
    assert q["content"] == "المملكة ترفض أي تدخل في شؤون جيرانها"
    assert "الجبير" in speaker(text, q) and q["speaker_resolved"] == "explicit"
    assert q["speaker_type"] == "person"


def test_speaker_before_cue():
    text = "وفي الرياض، عادل الجبير قال إن الحوار هو الطريق الوحيد للحل."
    (q,) = quotes_of(text)
    assert "الجبير" in speaker(text, q) and q["speaker_resolved"] == "explicit"
    assert q["content"].startswith("الحوار هو الطريق")


def test_quotation_before_the_cue():
    text = "«لن نسمح بالعبث بأمن المنطقة مهما كان الثمن»، قال وزير الخارجية عادل الجبير."
    (q,) = quotes_of(text)
    assert q["kind"] == "direct"
    assert q["content"] == "لن نسمح بالعبث بأمن المنطقة مهما كان الثمن"
    assert "الجبير" in speaker(text, q)


def test_direct_quotation_after_colon():
    text = "وقال عادل الجبير: “نحن ندعم الحل السياسي في اليمن ونرفض التدخل الإيراني”."
    (q,) = quotes_of(text)
    assert q["kind"] == "direct" and q["content"].startswith("نحن ندعم")
    assert q["content"].endswith("الإيراني")


@pytest.mark.parametrize(
    ("cue", "sentence"),
    [
        ("وأضاف", "وأضاف أن الاجتماع سيعقد الأسبوع المقبل."),
        ("فيما أكدت", "فيما أكدت أن الاجتماع سيعقد الأسبوع المقبل."),
        ("وقالوا", "وقالوا إن الاجتماع سيعقد الأسبوع المقبل."),
        ("مضيفا", "وتحدث عن الزيارة، مضيفا أن الاجتماع سيعقد الأسبوع المقبل."),
        ("قائلا", "وختم قائلا إن الاجتماع سيعقد الأسبوع المقبل."),
    ],
)
def test_cues_with_clitics_and_inflection(cue, sentence):
    text = "قال الوزير خالد الفالح إن الإنتاج مستقر. " + sentence
    rows = quotes_of(text)
    assert len(rows) == 2
    assert rows[1]["cue"] == cue.split()[-1]
    assert rows[1]["content"].startswith("الاجتماع سيعقد")


def test_statement_noun_cue():
    text = "وجاء في بيان للوزارة أن الحملة ستستمر حتى نهاية الشهر."
    (q,) = quotes_of(text)
    assert q["cue"] == "بيان" and q["content"].startswith("الحملة ستستمر")


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("دعا الأمين العام للأمم المتحدة إلى وقف فوري لإطلاق النار.", "وقف فوري لإطلاق النار"),
        ("وطالب المحتجون بإطلاق سراح المعتقلين فورا.", "بإطلاق سراح المعتقلين فورا"),
        ("وحذر المتحدث من عواقب التصعيد في المنطقة.", "عواقب التصعيد في المنطقة"),
        ("وشدد الوزير على أهمية التعاون بين البلدين.", "أهمية التعاون بين البلدين"),
        (
            "ونفت الشركة الاتهامات الموجهة إليها جملة وتفصيلا.",
            "الاتهامات الموجهة إليها جملة وتفصيلا",
        ),
        ("واعتبر المحلل أن القرار جاء متأخرا.", "القرار جاء متأخرا"),
        ("ورأى الكاتب أن الأزمة ستطول.", "الأزمة ستطول"),
    ],
)
def test_stance_verbs_with_content(sentence, content):
    (q,) = quotes_of(sentence)
    assert q["content"] == content


def test_multi_sentence_quotation_is_one_quote():
    text = (
        "وقال محمد العلي: “لقد انتهينا من المرحلة الأولى. وسنبدأ المرحلة الثانية قريبا. "
        "ونتوقع أن ننتهي قبل العام المقبل”. وأضاف أن الميزانية كافية."
    )
    rows = quotes_of(text)
    assert len(rows) == 2
    assert rows[0]["kind"] == "direct"
    assert rows[0]["content"].startswith("لقد انتهينا") and rows[0]["content"].endswith(
        "العام المقبل"
    )
    assert rows[1]["content"] == "الميزانية كافية"


def test_new_cue_starts_a_new_quote():
    text = "أكد المدير سعد القحطاني أن العمل يسير وفق الخطة، مشيرا إلى أن المشروع سينتهي قريبا."
    rows = quotes_of(text)
    assert [r["content"] for r in rows] == ["العمل يسير وفق الخطة", "المشروع سينتهي قريبا"]
    assert rows[1]["speaker_resolved"] == "coreference"
    assert speaker(text, rows[1]) == speaker(text, rows[0])


def test_chain_keeps_the_outlet():
    text = "ونقلت صحيفة الحياة عن مصدر مسؤول قوله إن المفاوضات ستستأنف الأسبوع المقبل."
    (q,) = quotes_of(text)
    assert q["kind"] == "according_to"
    assert speaker(text, q).startswith("مصدر مسؤول")
    assert q["speaker_resolved"] == "unresolved" and q["speaker_actor_id"] == ""
    assert "الحياة" in text[q["outlet_start"] : q["outlet_end"]]
    assert q["content"] == "المفاوضات ستستأنف الأسبوع المقبل"


def outlet(text: str, row: dict) -> str:
    return "" if row["outlet_start"] is None else text[row["outlet_start"] : row["outlet_end"]]


def test_agency_spoken_to_is_the_outlet_not_the_speaker():
    text = "وقال وزير الصحة خالد الفالح لوكالة رويترز إن عدد الإصابات انخفض هذا الأسبوع."
    (q,) = quotes_of(text)
    assert "الفالح" in speaker(text, q) and q["speaker_type"] == "person"
    assert "رويترز" in outlet(text, q) and q["outlet_actor_id"] == "org:REUTERS"


def test_agency_spoken_to_with_no_subject_is_the_last_speaker():
    text = (
        'وقال باراك أوباما إن الاتفاق تاريخي. وقال لرويترز "نحن ملتزمون بأمن حلفائنا في المنطقة".'
    )
    first, second = quotes_of(text)
    assert second["kind"] == "direct" and second["speaker_resolved"] == "coreference"
    assert speaker(text, second) == speaker(text, first) == "باراك أوباما"
    assert outlet(text, second) == "لرويترز"


@pytest.mark.parametrize(
    ("text", "who", "outlet_id"),
    [
        # an unknown man beside an agency keeps his words; the agency is whom he spoke to
        ('وقال سميث لوكالة فرانس برس "هذه الشائعات غير صحيحة على الإطلاق".', "سميث", "org:AFP"),
        # an agency reporting in its own name is the speaker, with no outlet
        (
            "وذكرت وكالة الأنباء الفرنسية أن الشرطة اعتقلت ثلاثة أشخاص.",
            "وكالة الأنباء الفرنسية",
            "",
        ),
        # an agency between the speaker and the content is the outlet
        (
            "وقال باراك أوباما، بحسب ما نقلت عنه وكالة رويترز، إن الاتفاق تاريخي.",
            "باراك أوباما",
            "org:REUTERS",
        ),
    ],
)
def test_agency_is_the_outlet_unless_it_reports_itself(text, who, outlet_id):
    (q,) = quotes_of(text)
    assert speaker(text, q) == who and q["outlet_actor_id"] == outlet_id


def test_dateline_agency_is_no_speaker():
    text = "باريس (رويترز) - أغلقت الشرطة الطريق المؤدي إلى المطار. وأضافت أن التحقيق جار."
    (q,) = quotes_of(text)
    assert q["speaker_actor_id"] != "org:REUTERS"


def test_statement_noun_in_the_verbs_intro_keeps_the_verbs_speaker():
    text = (
        "وقالت وزارة الداخلية الكويتية في بيان نشرته وكالة الأنباء الكويتية: إنه تم القبض على شبكة."
        " وأضاف البيان أن التحقيق مستمر."
    )
    first, second = quotes_of(text)
    assert speaker(text, first) == "وزارة الداخلية الكويتية" and first["cue"] == "وقالت"
    assert first["content"] == "تم القبض على شبكة" and first["outlet_actor_id"] == "org:KUNA"
    assert second["speaker_resolved"] == "coreference"
    assert second["speaker_actor_id"] == first["speaker_actor_id"] != ""


def test_definite_noun_repeats_an_organisation_named_before():
    text = (
        "أصدرت وزارة الطاقة الأمريكية بيانات جديدة عن المخزونات. وقالت الوزارة إن المخزونات ارتفعت."
    )
    (q,) = quotes_of(text)
    assert speaker(text, q) == "وزارة الطاقة الأمريكية" and q["speaker_resolved"] == "coreference"


def test_participle_after_according_to_refers_to_the_clause_subject():
    text = "وبحسب مراسلنا فإن وزير الخارجية عادل الجبير وصل إلى باريس، موضحا أنه سيلتقي نظيره."
    first, second = quotes_of(text)
    assert first["content"].startswith("وزير الخارجية") and "مراسلنا" in speaker(text, first)
    assert "الجبير" in speaker(text, second) and second["speaker_resolved"] == "coreference"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # a spokesman's role at a ministry, then his own (unlisted) name: the man
        (
            "وقال المتحدث الرسمي باسم وزارة الداخلية اللواء منصور التركي إن الخلية ضبطت.",
            "منصور التركي",
        ),
        # a quoted name inside the speaker phrase does not end it
        ('وأكد مدير "فنون أبها" أحمد السروي، أن المسامرة تستضيف عددا من المثقفين.', "أحمد السروي"),
        # a role, then the man in apposition between commas, then a that-clause 15 words on
        (
            "أكد أمير منطقة عسير رئيس مجلس التنمية السياحية بالمنطقة، الأمير فيصل بن خالد بن"
            " عبدالعزيز، أن السياحة في المنطقة تشهد نموا كبيرا.",
            "فيصل بن خالد بن عبدالعزيز",
        ),
        # a title opens the subject of an object-taking cue
        ("أعلن الأمير خالد الفيصل افتتاح المعرض في جدة.", "خالد الفيصل"),
        # ... also with a long title before the name
        ("أعلن وزير التجارة والصناعة توفيق الربيعة إيقاف بيع المنتج.", "توفيق الربيعة"),
        # an organisation's head noun and the definite words of its name, no mention needed
        ("أعلن معهد الإدارة العامة استمرار استقباله طلبات الترشيح.", "معهد الإدارة العامة"),
    ],
)
def test_speaker_phrases_with_roles_and_names(text, who):
    (q,) = quotes_of(text)
    assert speaker(text, q) == who


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # an indefinite noun after the cue is its object, not its subject
        (
            "وكانت الحكومة قد أعلنت انخفاض مستحقات الشركاء الأجانب.",
            "انخفاض مستحقات الشركاء الأجانب",
        ),
        # فيها (in his speech) is no speaker
        (
            "وألقى المدير كلمة، وأكد فيها أن أبواب المكتب مفتوحة للجميع.",
            "أبواب المكتب مفتوحة للجميع",
        ),
    ],
)
def test_words_after_the_cue_that_are_no_speaker(text, content):
    (q,) = quotes_of(text)
    assert q["content"] == content
    assert q["speaker_start"] is None or speaker(text, q) not in content + " فيها"


@pytest.mark.parametrize(
    "second",
    [
        'واصفا تلك التصريحات بأنها "باطلة ولا تخدم العلاقات بين البلدين".',
        'مضيفا القول: "هذه النتيجة تقربنا خطوة من الحل".',
    ],
)
def test_participle_takes_no_subject_of_its_own(second):
    text = "وأكد عادل الجبير أن المملكة ترفض التدخل، " + second
    first, q = quotes_of(text)
    assert q["speaker_resolved"] == "coreference" and speaker(text, q) == speaker(text, first)


def test_source_named_by_according_to_is_no_later_verbs_subject():
    text = "قتل 13 شخصا في الهجوم، بحسب وكالة الصحافة الفرنسية. وقال إن الانفجار وقع قرب المسجد."
    first, second = quotes_of(text)
    assert first["speaker_actor_id"] == "org:AFP" and second["speaker_actor_id"] != "org:AFP"


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # a report inside a that-clause is part of its content, not a quote of its own
        ("وذكرت وزارة الداخلية أن التحريات كشفت أن الخلية تضم ثمانية عناصر.", ["وذكرت"]),
        # after a clause opener it is a statement of its own
        (
            "وذكرت وزارة الداخلية أن الخلية ضبطت فيما أشارت الشرطة إلى أن التحقيق مستمر.",
            ["وذكرت", "أشارت"],
        ),
    ],
)
def test_report_inside_a_content_is_not_a_new_quote(text, cues):
    assert [q["cue"] for q in quotes_of(text)] == cues


def test_a_speaker_keeps_the_gender_it_was_given():
    text = "وأفادت وكالة الأنباء الفرنسية أن الشرطة اعتقلت ثلاثة أشخاص. وقال إن التحقيق مستمر."
    first, second = quotes_of(text)
    assert first["speaker_actor_id"] == "org:AFP" and second["speaker_actor_id"] != "org:AFP"


def test_quotes_follow_no_adjective_after_the_corpus_steps():
    text = "وقال مسؤول يمني إن الهدنة صامدة. وقال عادل الجبير إن المملكة تدعم اليمن."
    quotes = parse(articles_from_texts([text]), cache=False).quotes
    assert quotes["speaker_actor_id"].tolist() == ["", "person:adel-al-jubeir"]


def test_plural_verb_with_no_speaker_before_names_no_single_mention():
    text = "التقى وزير الخارجية عادل الجبير الوفد في الرياض. وقالوا إن المحادثات كانت مثمرة."
    (q,) = quotes_of(text)
    assert q["speaker_start"] is None and q["speaker_resolved"] == "unresolved"


def test_pledge_is_a_cue():
    text = "تعهد رئيس الوزراء اليوناني أليكسيس تسيبراس بأن حكومته لن تسمح بالحجز على المساكن."
    (q,) = quotes_of(text)
    assert q["content"] == "حكومته لن تسمح بالحجز على المساكن" and "تسيبراس" in speaker(text, q)


HEADLINE = "الفالح يؤكد أن الإصابات بكورونا انخفضت\n"


@pytest.mark.parametrize(
    ("body", "contents"),
    [
        # the body makes the headline's statement in full: counted once, there
        (
            "الرياض - أكد وزير الصحة خالد الفالح أن الإصابات بكورونا انخفضت هذا الأسبوع.",
            ["الإصابات بكورونا انخفضت هذا الأسبوع"],
        ),
        # the body says something else: the headline's quote stays
        (
            "الرياض - أكد وزير الخارجية عادل الجبير أن المملكة ترفض التدخل.",
            ["الإصابات بكورونا انخفضت", "المملكة ترفض التدخل"],
        ),
    ],
)
def test_headline_summarising_a_body_statement_is_not_counted_twice(body, contents):
    assert [q["content"] for q in quotes_of(HEADLINE + body)] == contents


def test_a_first_line_ending_a_sentence_is_no_headline():
    text = HEADLINE.replace("\n", ".\n") + "وأكد خالد الفالح أن الإصابات بكورونا انخفضت كثيرا."
    assert len(quotes_of(text)) == 2


@pytest.mark.parametrize(
    ("text", "who", "type_"),
    [
        ("وقالت وزارة الصحة إن عدد الإصابات انخفض هذا الأسبوع.", "وزارة الصحة", "organization"),
        ("وأعلنت السعودية أن الحدود ستفتح أمام الحجاج.", "السعودية", "country"),
        ("وقال المتحدث باسم الشرطة إن التحقيق مستمر.", "المتحدث", ""),
        ("وأوضح مصدر مسؤول أن القرار نهائي.", "مصدر مسؤول", ""),
    ],
)
def test_speakers_that_are_not_named_people(text, who, type_):
    (q,) = quotes_of(text)
    assert who in speaker(text, q)
    assert q["speaker_type"] == type_
    assert (q["speaker_actor_id"] != "") == bool(type_)


def test_according_to():
    text = "قتل خمسة أشخاص في الحادث، بحسب وزارة الداخلية."
    (q,) = quotes_of(text)
    assert q["kind"] == "according_to" and q["content"] == "قتل خمسة أشخاص في الحادث"
    assert "وزارة الداخلية" in speaker(text, q)


@pytest.mark.parametrize(
    "text",
    [
        "قال في مؤتمر صحفي.",
        "وأعرب الوزير عن شكره للحضور.",
        "يذكر أن الحفل أقيم في الرياض.",
        "داعيا الله أن يوفق الجميع.",
        "وقع الحادث بين الساعة الثامنة والتاسعة مساء.",
    ],
)
def test_no_content_no_quote(text):
    assert quotes_of(text) == []


def test_agreement_speaker_resolved_to_last_speaker_or_person():
    text = "التقى الأمير فيصل بن سلمان بالمواطنين في المدينة. وأكد أن الدولة ماضية في خدمة الزوار."
    (q,) = quotes_of(text)
    assert q["speaker_resolved"] == "coreference" and "فيصل" in speaker(text, q)


def test_feminine_agreement_skips_a_man():
    text = (
        "قالت وزارة التعليم إن الدراسة تبدأ في سبتمبر. "
        "واستقبل الوزير أحمد العيسى الطلاب. "
        "وأضافت أن المناهج الجديدة جاهزة."
    )
    rows = quotes_of(text)
    assert "وزارة التعليم" in speaker(text, rows[-1])


def test_rows_conform_to_the_schema():
    text = "قال وزير الخارجية عادل الجبير إن المملكة ترفض التدخل. وأوضح مصدر أن الوفد وصل."
    df = schema.conform(quotes_of(text), "quotes")
    schema.check(df, "quotes")
    assert list(df["quote_id"]) == [0, 1]
    assert df["speaker_start"].notna().all()


def test_empty_text():
    assert extract_quotes(doc_id="e", text="", sentences=[], mentions=[]) == []


# --- the scorer --------------------------------------------------------------------------------


def test_score_document_counts_half_overlap_and_speakers():
    text = "ا" * 100
    gold = [{"content_start": 10, "content_end": 30, "speaker_start": 0, "speaker_end": 5}]
    half = {"content_start": 20, "content_end": 60, "speaker_start": 2, "speaker_end": 4}
    less = {"content_start": 21, "content_end": 60, "speaker_start": 2, "speaker_end": 4}
    assert score_document(text, [half], gold) == [1, 1, 1, 1]
    assert score_document(text, [less], gold) == [0, 1, 1, 0]
    wrong = {**half, "speaker_start": 50, "speaker_end": 55}
    assert score_document("أ" * 50 + " الجبير" + "ب" * 43, [wrong], gold)[3] == 0


def test_baseline_takes_the_nearest_person_before():
    text = "التقى الرئيس عبدالفتاح السيسي الوفد. وقال إن العلاقات قوية."
    parsed = parse_document({"doc_id": "b", "text": text, "published": None, "path": ""})
    (q,) = baseline_quotes(text=text, sentences=parsed["sentences"], mentions=parsed["mentions"])
    assert "السيسي" in text[q["speaker_start"] : q["speaker_end"]]


def test_gold_files_hold_offsets_only():
    for path in gold_paths("all"):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert set(rec) == {"doc_id", "n_chars", "text_sha1", "quotes"}
            for q in rec["quotes"]:
                assert 0 <= q["content_start"] < q["content_end"] <= rec["n_chars"]


@pytest.mark.skipif(not DEFAULT_CORPUS.exists(), reason="needs ../shared")
def test_gold_test_split_meets_the_aims():
    res = evaluate(gold_paths("test"), DEFAULT_CORPUS)
    assert res["n_docs"] == 13
    assert res["system"]["F1"] >= 0.9 > res["baseline"]["F1"]
    assert res["system"]["speaker"] > res["baseline"]["speaker"]


# --- tables for the notebook -------------------------------------------------------------------


@pytest.fixture
def frames():
    texts = {
        "d1": "قال وزير الخارجية عادل الجبير إن المملكة تدعم اليمن. وأضاف أن إيران تتدخل في المنطقة.",
        "d2": "وقالت وزارة الصحة إن الإصابات انخفضت. وأكد وزير الخارجية عادل الجبير أن مصر شريك مهم.",
    }
    quotes, mentions, articles = [], [], []
    for doc_id, text in texts.items():
        parsed = parse_document({"doc_id": doc_id, "text": text, "published": None, "path": ""})
        mentions += parsed["mentions"]
        quotes += extract_quotes(
            doc_id=doc_id, text=text, sentences=parsed["sentences"], mentions=parsed["mentions"]
        )
        articles.append(
            {
                "doc_id": doc_id,
                "text": text,
                "title": doc_id,
                "n_chars": len(text),
                "published": "2015-07-2" + doc_id[1],
            }
        )
    return (
        schema.conform(quotes, "quotes"),
        schema.conform(mentions, "mentions"),
        schema.conform(articles, "articles"),
    )


def test_top_speakers(frames):
    quotes, _, _ = frames
    top = tables.top_speakers(quotes, n=5)
    first = top.iloc[0]
    assert "الجبير" in first["speaker_name"] and first["n_quotes"] == 3
    by_doc = tables.top_speakers(quotes, n=5, unit="doc")
    assert by_doc.iloc[0]["n_quotes"] == 2
    with pytest.raises(ValueError):
        tables.top_speakers(quotes, n=5, unit="story")


def test_speaker_quotes_has_context(frames):
    quotes, _, articles = frames
    actor = tables.top_speakers(quotes, n=1).iloc[0]["speaker_actor_id"]
    table = tables.speaker_quotes(quotes, articles, actor)
    assert len(table) == 3 and set(table["doc_id"]) == {"d1", "d2"}
    assert table["context"].str.contains(table["content"].iloc[0], regex=False).any()
    assert table["published"].notna().all()


def test_speaker_mentions_who_talks_about_whom(frames):
    quotes, mentions, _ = frames
    pairs = tables.speaker_mentions(quotes, mentions)
    jubeir = pairs[pairs["speaker_name"].str.contains("الجبير")]
    assert {"إيران", "مصر"} <= set(jubeir["name_ar"])
    assert (pairs["n"] >= 1).all()
    assert not (pairs["speaker_actor_id"] == pairs["actor_id"]).any()


@pytest.mark.parametrize(
    "text",
    [
        "وقـــال الوزيرُ ــ إنّ «الاتفاق» تم\u200f. Reuters قال",
        "_ab __ _ـَ كلمة_أخرى 12_3 ـقال َال 𝐀bc قال",  # underscores, lone marks, beyond the BMP
        "",
    ],
)
def test_tokens_index_the_original_text(text):
    got = _tokens(text)
    assert [t.norm for t in got] == [t.norm for t in tokenize(text) if t.norm]
    assert [t.norm for t in got] == WORD_RE.findall(normalize(text))
    for t in got:
        assert text[t.start : t.end] == t.surface and normalize(t.surface) == t.norm
    assert WORD_RE.pattern == WORD_OPEN + WORD_GOES_ON + "*"


@pytest.mark.parametrize(
    "governed",
    [
        "ورفع التهاني لمقام خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز",  # a dative
        "ورفض بشدة تصريحات وزير الخارجية الإيراني محمد جواد ظريف",  # someone else's words
    ],
)
def test_fallback_skips_an_object_or_addressee(governed):
    text = f"افتتح عادل الجبير المعرض. {governed}. ثم تحدث عن الحفل، فقال: إن الجهود مستمرة."
    rows = [r for r in quotes_of(text) if r["cue"] == "فقال"]
    assert len(rows) == 1 and rows[0]["speaker_resolved"] == "coreference"
    assert speaker(text, rows[0]) == "الجبير"
