"""Date extraction: the seed's must-show list, and one test per family of expressions."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config, parse, schema
from analysis.dates import extract_dates
from analysis.dates.lexicon import lexicon

PUB = pd.Timestamp("2015-08-10")  # a Monday (25 Shawwal 1436)


def dates(text: str, published=PUB) -> list[dict]:
    rows = extract_dates(
        doc_id="t", text=text, sentences=[{"sent_id": 0, "start": 0}], published=published
    )
    for r in rows:
        assert text[r["start"] : r["end"]] == r["surface"]
    return rows


def by_surface(text: str, published=PUB) -> dict[str, dict]:
    return {r["surface"]: r for r in dates(text, published)}


def interval(row: dict) -> tuple[str, str]:
    return (row["start_date"].isoformat(), row["end_date"].isoformat())


# --- the seed (published 2024-10-18, a Friday) -----------------------------------------------


@pytest.fixture(scope="module")
def seed_parsed():
    return parse(config.SEEDS_DIR)


@pytest.fixture(scope="module")
def seed_dates(seed_parsed) -> pd.DataFrame:
    schema.check(seed_parsed.dates, "dates")
    return seed_parsed.dates


SEED_MUST_SHOW = {
    "اليوم الجمعة": ("2024-10-18", "2024-10-18", "2024-10-18"),
    "في وقت سابق اليوم": ("2024-10-18", "2024-10-18", "2024-10-18"),
    "عام 2022": ("2022", "2022-01-01", "2022-12-31"),
    "بين مايو 2023 ومارس 2024": ("2023-05/2024-03", "2023-05-01", "2024-03-31"),
    "في وقت سابق من الأسبوع": ("2024-W42", "2024-10-14", "2024-10-20"),
    "في وقت لاحق من هذا الأسبوع": ("2024-W42", "2024-10-14", "2024-10-20"),
}


def test_seed_must_show(seed_dates):
    got = {r.surface: r for r in seed_dates.itertuples()}
    for surface, (value, start, end) in SEED_MUST_SHOW.items():
        assert surface in got, f"missing {surface!r}; got {list(got)}"
        row = got[surface]
        assert row.value == value
        assert row.start_date == pd.Timestamp(start)
        assert row.end_date == pd.Timestamp(end)
        assert row.resolved and row.type == "DATE"


def test_seed_nothing_from_truck_count(seed_dates):
    text = (config.SEEDS_DIR / "000_f42bc61d2d07c030.txt").read_text(encoding="utf-8")
    i = text.index("101 شاحنة")
    overlapping = seed_dates[(seed_dates.start < i + 9) & (seed_dates.end > i)]
    assert overlapping.empty
    assert set(seed_dates.surface) == set(SEED_MUST_SHOW)


def test_seed_offsets_and_sentences(seed_parsed, seed_dates):
    text = seed_parsed.articles.iloc[0]["text"]
    sents = seed_parsed.sentences
    for r in seed_dates.itertuples():
        assert text[r.start : r.end] == r.surface
        s = sents[sents.sent_id == r.sent_id].iloc[0]
        assert s.start <= r.start < s.end


# --- Gregorian months in the three systems ---------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("يناير 2015", "2015-01"),
        ("إبريل 2015", "2015-04"),
        ("أبريل 2015", "2015-04"),
        ("يونيه 2015", "2015-06"),
        ("يوليه 2015", "2015-07"),
        ("آب 2015", "2015-08"),
        ("كانون الثاني 2015", "2015-01"),
        ("كانون 2 2015", "2015-01"),
        ("تشرين 1 2014", "2014-10"),
        ("كانون الأول 2014", "2014-12"),
        ("جانفي 2015", "2015-01"),
        ("فيفري 2015", "2015-02"),
        ("أفريل 2015", "2015-04"),
        ("ماي 2015", "2015-05"),
        ("جوان 2015", "2015-06"),
        ("جويلية 2015", "2015-07"),
        ("أوت 2015", "2015-08"),
    ],
)
def test_month_systems(text, value):
    rows = dates(f"جرى ذلك في {text} حسب المصدر")
    assert [r["value"] for r in rows] == [value]
    assert rows[0]["surface"] == text


def test_doubled_month_is_one_date():
    rows = dates("في أيار (مايو) 2014 بدأت المحادثات")
    assert len(rows) == 1
    assert rows[0]["surface"] == "أيار (مايو) 2014"
    assert interval(rows[0]) == ("2014-05-01", "2014-05-31")


def test_ambiguous_month_words_need_context():
    assert dates("زار الأب ابنه في نيسان") == []
    assert dates("قال أب الطفل") == []
    assert [r["value"] for r in dates("في شهر آب")] == ["2015-08"]


# --- Hijri ---------------------------------------------------------------------------------


def test_hijri_day_month_year_and_gregorian_twin():
    rows = dates("يوم الاثنين 25 شوال 1436هـ الموافق 10 أغسطس 2015م")
    assert [r["calendar"] for r in rows] == ["hijri", "gregorian"]
    h, g = rows
    assert h["hijri"] == "1436-10-25" and h["value"] == "2015-08-10"
    assert interval(h) == interval(g) == ("2015-08-10", "2015-08-10")


def test_hijri_month_year_and_year_alone():
    r = by_surface("صدر في رمضان 1436 هـ وفي عام 1435 للهجرة")
    assert interval(r["رمضان 1436 هـ"]) == ("2015-06-18", "2015-07-16")
    assert r["رمضان 1436 هـ"]["hijri"] == "1436-09"
    assert r["عام 1435 للهجرة"]["granularity"] == "year"
    assert interval(r["عام 1435 للهجرة"]) == ("2013-11-04", "2014-10-24")


def test_hijri_outside_umm_al_qura_is_unresolved_not_invented():
    rows = dates("توفي عام 1200هـ")
    assert len(rows) == 1 and not rows[0]["resolved"] and rows[0]["hijri"] == "1200"


def test_hijri_month_without_year_uses_nearest():
    # published 25 Shawwal 1436: the last Ramadan is 1436, the next Dhu al-Hijja is 1436 too.
    r = by_surface("بعد شهر رمضان وقبل ذي الحجة المقبل")
    assert r["شهر رمضان"]["hijri"] == "1436-09"
    assert r["ذي الحجة المقبل"]["hijri"] == "1436-12"


# --- numeric dates, digits, ordinals ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("18/10/2024", "2024-10-18"),
        ("2024-10-18", "2024-10-18"),
        ("18.10.2024", "2024-10-18"),
        ("١٨/١٠/٢٠٢٤", "2024-10-18"),
        ("۱۸/۱۰/۲۰۲۴", "2024-10-18"),
        ("1436/10/25هـ", "2015-08-10"),
    ],
)
def test_numeric_dates(text, value):
    rows = dates(f"صدر القرار بتاريخ {text} رسميا")
    assert [(r["surface"], r["value"]) for r in rows] == [(text, value)]


def test_invalid_numeric_dates_are_not_dates():
    assert dates("النتيجة 45/13/2015 والنسبة 3.5.2") == []


def test_ordinal_days():
    r = by_surface("يبدأ في الأول من أكتوبر. وفي الخامس من رمضان والعشرين من الشهر الجاري")
    assert r["الأول من أكتوبر"]["value"] == "2015-10-01"  # future cue "يبدأ"
    assert r["الخامس من رمضان"]["hijri"] == "1436-09-05"
    assert r["العشرين من الشهر الجاري"]["value"] == "2015-08-20"


def test_day_of_current_month_and_future_verb_weekday():
    r = by_surface("يواجه الرائد يوم 17 الحالي، حيث سيوقع اللاعب يوم الأربعاء")
    assert r["يوم 17 الحالي"]["value"] == "2015-08-17"
    assert r["يوم الأربعاء"]["value"] == "2015-08-12"  # future verb "سيوقع"
    # a noun that looks like a future verb is no cue
    assert by_surface("انفجرت سيارة يوم الأربعاء")["يوم الأربعاء"]["value"] == "2015-08-05"


def test_same_month_anaphora():
    r = by_surface("لقاء في الثالث من سبتمبر المقبل ثم في الثامن من الشهر نفسه")
    assert r["الثامن من الشهر نفسه"]["value"] == "2015-09-08"
    assert dates("في الثامن من الشهر نفسه") == []  # no month named before


def test_day_with_article_and_attached_month():
    r = by_surface("في الـ19 من أغسطس الجاري وفي 29أغسطس")
    assert r["الـ19 من أغسطس الجاري"]["value"] == "2015-08-19"
    assert r["29أغسطس"]["value"] == "2015-08-29"


# --- years, decades, centuries; counts are not years -------------------------------------------


def test_years_in_date_context():
    r = by_surface("عام 2022 والعام 2013 وسنة 1990 ومنذ 2009 وفي 2015")
    assert {s: v["value"] for s, v in r.items()} == {
        "عام 2022": "2022",
        "العام 2013": "2013",
        "سنة 1990": "1990",
        "2009": "2009",
        "2015": "2015",
    }


def test_year_closing_an_event_name():
    r = by_surface("التصفيات المؤهلة لكأس العالم 2018 ومهرجان صيف الباحة ١٤٣٦")
    assert r["2018"]["value"] == "2018"
    assert r["١٤٣٦"]["hijri"] == "1436"
    assert dates("اتصل على الرقم 1100 أو 1919") == []


def test_counts_amounts_scores_are_not_dates():
    assert dates("وصلت 101 شاحنة ونمت 5.3 في المئة ودفع 2015 ريالا وانتهت 2-1") == []


def test_year_look_alikes_are_not_dates():
    assert dates("طول الشارع 1200م وعرضه 60م") == []
    assert dates("دقة تصل إلى 1920 في 1080 بيكسل، ونفذ خلال (1157) جولة") == []
    assert dates("بلغت خلال شهر يوليو، 2938 ألف ريال")[0]["surface"] == "شهر يوليو"
    r = dates("قدم أغنية عاطفية عام 1377 وفي القرن السابع الهجري")
    assert [(x["calendar"], x["hijri"], x["resolved"]) for x in r] == [
        ("hijri", "1377", True),
        ("hijri", "06", False),
    ]


def test_decades_and_centuries():
    r = by_surface("في الثمانينيات والتسعينيات من القرن الماضي وفي القرن العشرين")
    assert r["الثمانينيات"]["value"] == "198X"
    assert r["التسعينيات من القرن الماضي"]["value"] == "199X"
    assert interval(r["القرن العشرين"]) == ("1900-01-01", "1999-12-31")


# --- ranges, quarters, halves ----------------------------------------------------------------


def test_ranges():
    r = by_surface("من 4 الى 6 اغسطس، وخلال الفترة من 1 مايو إلى 30 يونيو 2015، وبين 2010 و2012")
    assert interval(r["من 4 الى 6 اغسطس"]) == ("2015-08-04", "2015-08-06")
    assert r["من 1 مايو إلى 30 يونيو 2015"]["value"] == "2015-05-01/2015-06-30"
    assert interval(r["بين 2010 و2012"]) == ("2010-01-01", "2012-12-31")


def test_dash_ranges_without_preposition():
    r = by_surface(
        "خلال الفترة 17 - 23 شوال 1436هـ الموافق 17 - 20 أغسطس، وميزانية العام الحالي 1436 – 1437هـ"
    )
    assert interval(r["17 - 23 شوال 1436هـ"]) == ("2015-08-02", "2015-08-08")
    assert interval(r["17 - 20 أغسطس"]) == ("2015-08-17", "2015-08-20")
    assert r["1436 – 1437هـ"]["hijri"] == "1436/1437"
    assert dates("انتهت المباراة 2-1 لصالح الفريق") == []


def test_quarters_and_halves():
    r = by_surface("الربع الأول من العام والنصف الثاني من 2015 والربع الأخير من العام الماضي")
    assert r["الربع الأول من العام"]["value"] == "2015-Q1"
    assert interval(r["النصف الثاني من 2015"]) == ("2015-07-01", "2015-12-31")
    assert r["الربع الأخير من العام الماضي"]["value"] == "2014-Q4"


# --- relative expressions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("اليوم", "2015-08-10", "2015-08-10"),
        ("أمس", "2015-08-09", "2015-08-09"),
        ("الأمس", "2015-08-09", "2015-08-09"),
        ("أول أمس", "2015-08-08", "2015-08-08"),
        ("غدا", "2015-08-11", "2015-08-11"),
        ("بعد غد", "2015-08-12", "2015-08-12"),
        ("هذا الأسبوع", "2015-08-10", "2015-08-16"),
        ("الأسبوع الماضي", "2015-08-03", "2015-08-09"),
        ("الأسبوع المقبل", "2015-08-17", "2015-08-23"),
        ("الشهر الجاري", "2015-08-01", "2015-08-31"),
        ("الشهر الماضي", "2015-07-01", "2015-07-31"),
        ("هذا العام", "2015-01-01", "2015-12-31"),
        ("العام الماضي", "2014-01-01", "2014-12-31"),
        ("العام المقبل", "2016-01-01", "2016-12-31"),
        ("قبل ثلاثة أيام", "2015-08-07", "2015-08-07"),
        ("منذ عامين", "2013-01-01", "2013-12-31"),
        ("في وقت سابق من الأسبوع", "2015-08-10", "2015-08-16"),
        ("يوم الخميس الماضي", "2015-08-06", "2015-08-06"),
        ("الأحد المقبل", "2015-08-16", "2015-08-16"),
    ],
)
def test_relative(text, start, end):
    rows = dates(f"وقال المتحدث {text} إن الوضع مستقر")
    assert len(rows) == 1 and rows[0]["surface"] == text
    assert rows[0]["relative"] and interval(rows[0]) == (start, end)


def test_ambiguous_weekday_alone_mid_sentence_unless_read_as_a_number():
    assert [r["value"] for r in dates("حسب ما أفاد الإعلام السويدي الاثنين. ولم")] == ["2015-08-10"]
    for text, day in [
        ("أعلن مسؤول تركي الإثنين أن أنقرة", "2015-08-10"),
        ("وكانت السلطات قد أفرجت الاثنين عن الحقوقي", "2015-08-10"),
        ("ونشرت القوات الأحد مدرعاتها", "2015-08-09"),
        ("بدأ التسجيل ابتداء من الأحد، إذ تم", "2015-08-09"),
        ("وقع الهجوم مساء السبت - الأحد في مالي", "2015-08-09"),
        ("بعد يومي الراحة (الأحد والإثنين) اللذين", "2015-08-10"),
        ("ومن المقرر أن يصل الوفد الأحد إلى الرياض", "2015-08-16"),  # future cue: the next one
    ]:
        rows = dates(text)
        assert rows and rows[-1]["surface"] in {"الإثنين", "الاثنين", "الأحد"}, text
        assert interval(rows[-1]) == (day, day), text
    for text in [
        "الخلاف بين الاثنين. ثم",
        "دعم الفريقين الاثنين في البطولة",
        "لم يختر أي من الاثنين وكلا الاثنين",
        "رأى الكواكب الأحد عشر",
        "في الدور الاثنين والعشرين",
        "سافر الاثنين معا",
        "ما زالت موالية للاثنين. وأكدت",
        "بعون الله الواحد الأحد ثم",
        "وقال إن الاثنين سيحضران",
    ]:
        assert dates(text) == [], text


def test_bare_weekday_past_and_future():
    r = dates("وصل الوفد الخميس. ومن المقرر أن يعقد الاجتماع الخميس.")
    assert [interval(x)[0] for x in r] == ["2015-08-06", "2015-08-13"]


def test_month_without_year_nearest_or_next_after_future_cue():
    r = by_surface("في مايو ثم في ديسمبر وفي يوليو الماضي وفي أغسطس")
    assert r["مايو"]["value"] == "2015-05"
    assert r["ديسمبر"]["value"] == "2015-12"  # no verb: the nearest December
    assert r["يوليو الماضي"]["value"] == "2015-07"
    assert r["أغسطس"]["value"] == "2015-08"  # the current month counts
    assert by_surface("ومن المقرر أن يبدأ في ديسمبر")["ديسمبر"]["value"] == "2015-12"


def test_day_of_month_without_year_is_the_nearest():
    r = by_surface("قد تفرض قيود في 16 سبتمبر، بعد ما حدث في 25 مارس")
    assert r["16 سبتمبر"]["value"] == "2015-09-16"
    assert r["25 مارس"]["value"] == "2015-03-25"


def test_range_from_ordinal_day_to_modified_month():
    r = dates("الفترة من أول يونيو وحتى منتصف يوليو كانت الأشد")
    assert [(x["surface"], interval(x)) for x in r] == [
        ("من أول يونيو وحتى منتصف يوليو", ("2015-06-01", "2015-07-20"))  # mid-July: 11-20
    ]


def test_definite_counts_of_units():
    r = by_surface("خطة الـ١٠٠ يوم مثل وعد السبعة أشهر")
    assert {k: v["value"] for k, v in r.items()} == {"الـ١٠٠ يوم": "P100D", "السبعة أشهر": "P7M"}


def test_month_named_twice_is_one_date():
    r = dates("استولوا عليها في سبتمبر أيلول وتسليم ديسمبر كانون الأول")
    assert [(x["surface"], x["value"]) for x in r] == [
        ("سبتمبر أيلول", "2014-09"),
        ("ديسمبر كانون الأول", "2015-12"),
    ]


def test_numeric_month_year_after_shahr():
    r = dates("حتى نهاية شهر ٥/٢٠١٥ فقط")
    assert [(x["surface"], x["value"], x["mod"]) for x in r] == [
        ("نهاية شهر ٥/٢٠١٥", "2015-05", "END")
    ]


def test_relative_day_with_weekday_in_parentheses_and_mismatch():
    r = by_surface("قال اليوم (الاثنين) إن")
    assert interval(r["اليوم (الاثنين)"]) == ("2015-08-10", "2015-08-10")
    # dated Tuesday 11th but written on Monday: the weekday named wins
    r = by_surface("أعلن اليوم الاثنين", published=pd.Timestamp("2015-08-11"))
    assert interval(r["اليوم الاثنين"]) == ("2015-08-10", "2015-08-10")


def test_hijri_year_range_and_deictic_year_in_apposition():
    r = by_surface("العام التدريبي 1436/1437هـ وموسم هذا العام 1436ه")
    assert r["1436/1437هـ"]["hijri"] == "1436/1437"
    assert interval(r["1436/1437هـ"]) == ("2014-10-25", "2016-10-01")
    assert interval(r["هذا العام 1436ه"]) == ("2014-10-25", "2015-10-13")


def test_no_published_date_keeps_row_unresolved():
    rows = dates("قال أمس إن الاجتماع عقد الأسبوع الماضي في 10 أغسطس", published=None)
    assert [r["surface"] for r in rows] == ["أمس", "الأسبوع الماضي", "10 أغسطس"]
    assert not any(r["resolved"] for r in rows)
    assert all(pd.isna(r["start_date"]) for r in rows)


# --- times, durations, sets --------------------------------------------------------------------


def test_times():
    r = by_surface("يبدأ الحفل الساعة السادسة مساء ويستمر حتى 23:30، والعاشرة صباح اليوم")
    assert r["الساعة السادسة مساء"]["type"] == "TIME"
    assert r["الساعة السادسة مساء"]["value"].endswith("T18:00")
    assert r["23:30"]["value"].endswith("T23:30")
    assert r["العاشرة صباح اليوم"]["value"] == "2015-08-10T10:00"
    r = by_surface("عند الساعة 7.30 مساء والساعة 0915 و1700 بتوقيت جرينتش")
    assert r["الساعة 7.30 مساء"]["value"].endswith("T19:30")
    assert r["الساعة 0915"]["value"].endswith("T09:15")
    assert r["1700"]["value"].endswith("T17:00")


def test_durations_never_on_the_timeline():
    r = by_surface("استمر لمدة ثلاثة أيام ثم أربعة أشهر ثم عامين و48 ساعة")
    assert {s: v["value"] for s, v in r.items()} == {
        "ثلاثة أيام": "P3D",
        "أربعة أشهر": "P4M",
        "عامين": "P2Y",
        "48 ساعة": "PT48H",
    }
    assert all(v["type"] == "DURATION" and not v["resolved"] for v in r.values())


def test_more_durations():
    r = by_surface(
        "قبل 1400عام ومنذ مليون سنة خلال الثلاثة الأشهر الماضية واليومين الماضيين وساعة ونصف الساعة"
    )
    assert {k: v["value"] for k, v in r.items()} == {
        "1400عام": "P1400Y",
        "مليون سنة": "P1000000Y",
        "الثلاثة الأشهر الماضية": "P3M",
        "اليومين الماضيين": "P2D",
        "ساعة ونصف الساعة": "PT1.5H",
    }


def test_half_unit_does_not_swallow_today():
    r = by_surface("أدنى مستوى في خمس سنوات ونصف اليوم الاثنين")
    assert set(r) == {"خمس سنوات ونصف", "اليوم الاثنين"}


def test_sets():
    r = by_surface("تصدر يوميا وتقام كل عام")
    assert {s: (v["type"], v["value"]) for s, v in r.items()} == {
        "يوميا": ("SET", "P1D"),
        "كل عام": ("SET", "P1Y"),
    }


# --- not dates ---------------------------------------------------------------------------------


def test_vague_words_and_anaphora_are_not_dates():
    for form in lexicon().vague:
        assert dates(f"وقال {form} إن الوضع مستقر") == [], form
    assert dates("في ذلك اليوم وفي اليوم التالي وصحيفة عين اليوم واليوم الوطني") == []
    assert dates("الأمين العام السابق للأمم المتحدة") == []
    assert dates("تواصل القصف لليوم العشرين على التوالي") == []
    assert dates("نحن في أمسّ الحاجة إلى الوحدة، والملائكة تلك الليلة في الأرض") == []
    assert dates("تكبر الأزمة عاما بعد عام") == []
    assert [r["value"] for r in dates("في عام 1981 ثم بعد عقد دخل")] == ["1981"]


def test_modifiers():
    r = by_surface("أوائل عام 2015 ومنتصف أغسطس وأواخر الشهر الماضي ونحو ثلاثة أيام")
    assert r["أوائل عام 2015"]["mod"] == "START"
    assert r["منتصف أغسطس"]["mod"] == "MID"
    assert r["أواخر الشهر الماضي"]["mod"] == "END"
    assert r["نحو ثلاثة أيام"]["mod"] == "APPROX"


@pytest.mark.parametrize(
    ("text", "value", "whole", "start", "end"),
    [
        # a month: days 1-10 / 11-20 / 21-last; the value stays the whole period
        ("أوائل أغسطس 2015", "2015-08", ("2015-08-01", "2015-08-31"), "2015-08-01", "2015-08-10"),
        ("منتصف أغسطس", "2015-08", ("2015-08-01", "2015-08-31"), None, None),
        ("أواخر الشهر الماضي", "2015-07", ("2015-07-01", "2015-07-31"), None, None),
        (
            "نهاية شهر فبراير 2016",
            "2016-02",
            ("2016-02-01", "2016-02-29"),
            "2016-02-21",
            "2016-02-29",
        ),
        (
            "نهاية شهر شوال الجاري",
            "2015-07-17/2015-08-15",
            ("2015-07-17", "2015-08-15"),
            "2015-08-06",
            "2015-08-15",
        ),
        # a year: months 1-4 / 5-8 / 9-12 (Hijri months for a Hijri year)
        ("مطلع عام 2015", "2015", ("2015-01-01", "2015-12-31"), "2015-01-01", "2015-04-30"),
        ("منتصف العام الجاري", "2015", ("2015-01-01", "2015-12-31"), None, None),
        ("نهاية 2014", "2014", ("2014-01-01", "2014-12-31"), "2014-09-01", "2014-12-31"),
        (
            "أواسط عام 1436هـ",
            "2014-10-25/2015-10-13",
            ("2014-10-25", "2015-10-13"),
            "2015-02-20",
            "2015-06-17",
        ),
        (
            "أواخر عام 1436هـ",
            "2014-10-25/2015-10-13",
            ("2014-10-25", "2015-10-13"),
            "2015-06-18",
            "2015-10-13",
        ),
        # weeks and decades keep the whole period
        (
            "مطلع الأسبوع المقبل",
            "2015-W34",
            ("2015-08-17", "2015-08-23"),
            "2015-08-17",
            "2015-08-23",
        ),
        ("نهاية الخمسينات", "195X", ("1950-01-01", "1959-12-31"), "1950-01-01", "1959-12-31"),
    ],
)
def test_modifiers_keep_the_whole_period_and_narrow_range_sides(text, value, whole, start, end):
    # Alone, the interval is the whole period (the gold sets' TIMEX3 convention; mod tells the part).
    rows = dates(f"وقال إن ذلك حدث {text} في المدينة")
    assert [(r["surface"], r["value"]) for r in rows] == [(text, value)]
    assert interval(rows[0]) == whole and rows[0]["mod"] in {"START", "MID", "END"}
    if start is None:
        return  # no range side on its own (a bare month borrows, a deictic period is no side)
    # As a range side it places the boundary: its part's first day opens, its last day closes.
    assert interval(dates(f"بين {text} و2090")[0])[0] == start
    assert interval(dates(f"بين 1900 و{text}")[0])[1] == end


def test_modifiers_narrow_range_sides():
    r = by_surface("بين أواخر 2014 ومطلع 2015 ثم من منتصف مايو إلى نهاية يونيو")
    assert interval(r["بين أواخر 2014 ومطلع 2015"]) == ("2014-09-01", "2015-04-30")
    assert interval(r["من منتصف مايو إلى نهاية يونيو"]) == ("2015-05-11", "2015-06-30")


def test_clitics_left_out_of_span_but_lil_kept():
    r = by_surface("وفي العام الماضي وللعام المقبل")
    assert set(r) == {"العام الماضي", "للعام المقبل"}


# --- holidays ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "hijri"),
    [
        ("عيد الفطر", "2015-07-17", "1436-10-01"),  # this Hijri year's, already past
        ("عيد الفطر المبارك", "2015-07-17", "1436-10-01"),
        ("عيد الأضحى", "2015-09-23", "1436-12-10"),  # this Hijri year's, still ahead
        ("عيد الأضحى الماضي", "2014-10-04", "1435-12-10"),
        ("عيد الاضحى المقبل", "2015-09-23", "1436-12-10"),
        ("يوم عرفة", "2015-09-22", "1436-12-09"),
        ("رأس السنة الهجرية", "2014-10-25", "1436-01-01"),
        ("رأس السنة الهجرية المقبلة", "2015-10-14", "1437-01-01"),
        ("المولد النبوي الشريف", "2015-01-03", "1436-03-12"),
        ("ثالث أيام عيد الفطر", "2015-07-19", "1436-10-03"),
        ("عيد الميلاد المجيد", "2015-12-25", ""),
        ("عيد الميلاد الماضي", "2014-12-25", ""),
        ("رأس السنة", "2015-01-01", ""),
        ("رأس السنة المقبلة", "2016-01-01", ""),
    ],
)
def test_holidays(text, day, hijri):
    rows = dates(f"وقال المتحدث إن {text} كان مناسبة")
    assert [r["surface"] for r in rows] == [text]
    r = rows[0]
    assert (r["type"], r["granularity"], r["relative"]) == ("DATE", "day", True)
    assert interval(r) == (day, day) and r["value"] == day
    assert r["hijri"] == hijri and r["calendar"] == ("hijri" if hijri else "gregorian")


def test_holiday_in_the_publications_hijri_year_even_ahead():
    # 2015-12-01 is 19 Safar 1437: this year's Eid al-Fitr is 1 Shawwal 1437.
    r = dates("يعود بعد عيد الفطر", published=pd.Timestamp("2015-12-01"))
    assert interval(r[0]) == ("2016-07-06", "2016-07-06")


def test_holiday_with_a_year_of_either_calendar():
    r = by_surface("في عيد الأضحى لعام 1435هـ ثم في عيد الفطر 2016")
    assert interval(r["عيد الأضحى لعام 1435هـ"]) == ("2014-10-04", "2014-10-04")
    assert interval(r["عيد الفطر 2016"]) == ("2016-07-06", "2016-07-06")
    assert not r["عيد الفطر 2016"]["relative"]


def test_holiday_look_alikes_and_no_publication_date():
    assert dates("احتفل بعيد الميلاد الخمسين ثم بعيد الميلاد الـ50 وعيد ميلاده") == []
    rows = dates("قبل عيد الفطر وعيد الميلاد", published=None)
    assert [(r["value"], r["hijri"], r["resolved"]) for r in rows] == [
        ("", "XXXX-10-01", False),
        ("XXXX-12-25", "", False),
    ]


def test_ramadan_as_a_month_after_a_time_preposition_but_not_as_a_name():
    # a range side is parsed on its own: no crash, the months stay dates
    assert [r["surface"] for r in dates("من شوال حتى رمضان")] == ["شوال", "رمضان"]
    r = by_surface("أنتجت في رمضان وعاد نهاية رمضان ووقع في شهر رمضان")
    assert {k: (v["value"], v["mod"]) for k, v in r.items()} == {
        "رمضان": ("2015-06-18/2015-07-16", ""),
        "نهاية رمضان": ("2015-06-18/2015-07-16", "END"),
        "شهر رمضان": ("2015-06-18/2015-07-16", ""),
    }
    assert dates("قال محمد رمضان إن الفيلم نجح ولرمضان قديروف") == []


# --- a number and a dual, two units, a half ----------------------------------------------------


def test_number_and_dual_and_two_units_in_durations():
    r = by_surface("استمر مئة وعامين ثم ثلاثة أعوام وشهرين ثم ثلاثة أيام وساعتين ثم عامين وشهرا")
    assert {k: (v["type"], v["value"]) for k, v in r.items()} == {
        "مئة وعامين": ("DURATION", "P102Y"),
        "ثلاثة أعوام وشهرين": ("DURATION", "P3Y2M"),
        "ثلاثة أيام وساعتين": ("DURATION", "P3DT2H"),
        "عامين وشهرا": ("DURATION", "P2Y1M"),
    }


@pytest.mark.parametrize(
    ("text", "value", "start", "end"),
    [
        ("منذ مئة وعامين", "1913", "1913-01-01", "1913-12-31"),
        ("قبل ثلاثة أعوام ونصف", "2012-02", "2012-02-01", "2012-02-29"),
        ("منذ عشرة أعوام وشهرين", "2005-06", "2005-06-01", "2005-06-30"),
        ("منذ عام وشهرين", "2014-06", "2014-06-01", "2014-06-30"),
        ("قبل شهر ونصف الشهر", "2015-W26", "2015-06-22", "2015-06-28"),  # 10 Aug - 1 m - 15 d
        ("منذ عقد ونصف", "2000", "2000-01-01", "2000-12-31"),
    ],
)
def test_offsets_with_a_dual_a_second_unit_or_a_half(text, value, start, end):
    rows = dates(f"وقع ذلك {text} في المدينة")
    assert [(r["surface"], r["value"]) for r in rows] == [(text, value)]
    assert interval(rows[0]) == (start, end)


def test_huge_offsets_are_not_dates_and_durations_have_no_exponent():
    r = by_surface("منذ مليون عام وشهرين وقبل 10000000000 أسبوع ونصف")
    assert {k: v["value"] for k, v in r.items()} == {
        "مليون عام وشهرين": "P1000000Y2M",
        "10000000000 أسبوع ونصف": "P10000000000.5W",
    }
    assert not any(v["resolved"] for v in r.values())


def test_offset_with_a_half_without_publication_date_is_unresolved_at_its_granularity():
    rows = dates("منذ ثلاثة أعوام ونصف وقبل شهر ونصف", published=None)
    assert [(r["value"], r["granularity"], r["resolved"]) for r in rows] == [
        ("XXXX-XX", "month", False),
        ("XXXX-WXX", "week", False),
    ]
