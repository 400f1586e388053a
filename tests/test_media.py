"""Media as organisations, quoted paper names and self-references (analysis.media)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema
from analysis.actors import extract_mentions
from analysis.boilerplate import counted
from analysis.media import media, media_step, source_media
from analysis.sentences import sentence_rows

SAUDINEWSNET_SOURCES = {
    *("aawsat", "aleqtisadiya", "aljazirah", "almadina", "alriyadh", "alwatan", "alweeam"),
    *("alyaum", "okaz", "sabq", "was", "3alyoum", "arreyadi", "arriyadiyah"),
}


def _frames(docs: list[tuple[str, str, str]]) -> dict[str, pd.DataFrame]:
    """(doc_id, source, text) -> articles, sentences and the per-document mentions."""
    articles = schema.conform(
        pd.DataFrame(
            [{"doc_id": d, "source": s, "text": t, "n_chars": len(t)} for d, s, t in docs]
        ),
        "articles",
    )
    sents, mentions = [], []
    for d, _, t in docs:
        rows = sentence_rows(d, t)
        sents.extend(rows)
        mentions.extend(extract_mentions(doc_id=d, text=t, sentences=rows))
    return {
        "articles": articles,
        "sentences": schema.conform(pd.DataFrame(sents), "sentences"),
        "mentions": schema.conform(pd.DataFrame(mentions), "mentions"),
    }


def _at(mentions: pd.DataFrame, doc_id: str, surface: str) -> pd.DataFrame:
    return mentions[(mentions["doc_id"] == doc_id) & (mentions["surface"] == surface)]


def test_every_media_row_is_an_organisation_and_every_corpus_source_a_medium():
    assert len(media()) > 100
    assert all(m.entry.type == "organization" for m in media())
    assert set(source_media()) >= SAUDINEWSNET_SOURCES


def test_the_paper_in_quotes_after_la_is_the_newspaper_the_bare_region_stays_a_place():
    text = (
        "قال مسؤول في وزارة الخارجية لـ«الشرق الأوسط» إن المفاوضات مستمرة. "
        "وتشهد منطقة الشرق الأوسط توترا متزايدا منذ أشهر."
    )
    out = media_step(_frames([("d1", "alriyadh", text)]))["mentions"]
    paper = _at(out, "d1", "الشرق الأوسط")
    assert paper["actor_id"].tolist() == ["org:ASHARQ-ALAWSAT", "place:middle-east"]
    assert paper["sector"].tolist() == ["media", ""]
    assert not paper["self_reference"].any()  # another paper quoting it


def test_a_paper_naming_itself_is_kept_but_flagged_and_not_counted():
    okaz = "وأوضح المتحدث لـ«عكاظ» أن العمل في المشروع يسير وفق الجدول."
    other = 'وأوضح المتحدث لـ"عكاظ" أن الطريق سيفتح قريبا.'
    out = media_step(_frames([("o1", "okaz", okaz), ("r1", "alriyadh", other)]))
    m = out["mentions"]
    assert _at(m, "o1", "عكاظ")[["actor_id", "self_reference"]].values.tolist() == [
        ["org:OKAZ", True]
    ]
    assert _at(m, "r1", "عكاظ")["self_reference"].tolist() == [False]
    assert len(counted(m[m["actor_id"] == "org:OKAZ"])) == 1
    actor = out["actors"].set_index("actor_id").loc["org:OKAZ"]
    assert (actor["n_mentions"], actor["sector"]) == (1, "media")
    for name, df in out.items():
        schema.check(df, name)


def test_a_quoted_city_name_is_the_paper_and_replaces_the_place():
    text = "وذكر مدير المستشفى لـ«الرياض» أن الحالة مستقرة، وأن المريض نقل إلى الرياض أمس."
    m = media_step(_frames([("x", "okaz", text)]))["mentions"]
    assert _at(m, "x", "الرياض")["actor_id"].tolist() == ["org:ALRIYADH-NEWSPAPER", "place:riyadh"]


@pytest.mark.parametrize(
    "source, expected", [("aljazirah", "org:ALJAZIRAH-NEWSPAPER"), ("okaz", "org:ALJAZEERA")]
)
def test_a_name_two_media_share_goes_to_the_articles_own_source_first(source, expected):
    text = "وقال الباحث في تصريح لـ«الجزيرة» إن الدراسة تكتمل الشهر المقبل."
    m = media_step(_frames([("j", source, text)]))["mentions"]
    hit = _at(m, "j", "الجزيرة")
    assert hit["actor_id"].tolist() == [expected]
    assert hit["self_reference"].tolist() == [source == "aljazirah"]


def test_listed_media_named_in_full_get_the_media_sector():
    text = (
        "ونقلت وكالة رويترز عن مصادر أن الاجتماع تأجل، بينما قالت هيئة الإذاعة البريطانية إنه ألغي."
    )
    m = media_step(_frames([("f", "alyaum", text)]))["mentions"]
    media_rows = m[m["sector"] == "media"]
    assert set(media_rows["actor_id"]) == {"org:REUTERS", "org:BBC"}


def test_an_unquoted_short_name_is_left_alone():
    text = "سبق أن زار الوفد المدينة قبل عامين، واليوم يعود إليها."
    m = media_step(_frames([("s", "sabq", text)]))["mentions"]
    assert (m["sector"] == "").all() and not m["self_reference"].any()


def test_same_mentions_whatever_the_row_order():
    docs = [
        ("a", "okaz", "وقال لـ«عكاظ» إن «الشرق الأوسط» نشرت الخبر أولا."),
        ("b", "aawsat", "وأكد لـ«الشرق الأوسط» أن الوفد وصل إلى الرياض."),
    ]
    frames = _frames(docs)
    shuffled = {k: v.iloc[::-1] for k, v in frames.items()}
    key = ["doc_id", "start", "end", "actor_id"]
    a = media_step(frames)["mentions"].sort_values(key).reset_index(drop=True)
    b = media_step(shuffled)["mentions"].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
