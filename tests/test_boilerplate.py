"""Boilerplate lines found from the corpus, per source (analysis.boilerplate), on synthetic corpora."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema
from analysis.boilerplate import (
    boilerplate,
    boilerplate_by_source,
    boilerplate_summary,
    counted,
    line_keys,
)
from analysis.sentences import sentences_frame

FOOTER = "رابط الخبر بصحيفة النخيل: {title}"
WIRE = "أعلنت الحكومة الأسترالية أمس عن خطة جديدة لحماية الشعاب المرجانية على طول الساحل الشرقي."
CITIES = ["جدة", "أبها", "تبوك", "حائل", "نجران", "جازان"]
TOPICS = ["المياه", "الكهرباء", "الصحة", "التعليم", "النقل"]
BODIES = [
    "افتتح أمير المنطقة معرضا للكتاب في المدينة",
    "ناقش المجلس البلدي مشروعات الطرق الجديدة",
    "زار وفد من رجال الأعمال مصنعا للتمور",
]


def _article(doc_id: str, source: str, title: str, lines: list[str]) -> dict:
    text = "\n".join(lines)
    return {"doc_id": doc_id, "title": title, "text": text, "source": source, "n_chars": len(text)}


def _corpus() -> pd.DataFrame:
    rows = []
    for i in range(30):  # source A: the footer under every article, quoting its title
        title = f"خبر رقم {i} عن {BODIES[i % 3].split()[1]} في يوم {i + 1}"
        body = f"{BODIES[i % 3]} في {CITIES[i % 6]} لبحث {TOPICS[i // 6]}."
        rows.append(_article(f"a{i:02d}", "a", title, [body, FOOTER.format(title=title)]))
    for i in range(2):  # source B: the same footer line in two articles only
        line = FOOTER.format(title="خبر واحد")
        rows.append(_article(f"b{i}", "b", f"عنوان {i}", [f"{BODIES[i]} في الصباح.", line]))
    for src in ("a", "b", "c"):  # one wire story printed by three papers
        rows.append(_article(f"w-{src}", src, "الشعاب المرجانية", [WIRE, "وقال خبراء إنها مهمة."]))
    return schema.conform(pd.DataFrame(rows), "articles")


def _frames(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    sentences = sentences_frame(articles)
    # One mention per sentence that names النخيل, one date per footer: what the steps must flag.
    rows, dates = [], []
    for s in sentences.itertuples():
        at = s.text.find("النخيل")
        if at >= 0:
            start = s.start + at
            rows.append(
                {
                    "doc_id": s.doc_id,
                    "sent_id": s.sent_id,
                    "start": start,
                    "end": start + 6,
                    "surface": "النخيل",
                    "actor_id": "org:NAKHEEL",
                    "name_ar": "صحيفة النخيل",
                    "type": "organization",
                    "form": "name",
                }
            )
            dates.append(
                {
                    "doc_id": s.doc_id,
                    "sent_id": s.sent_id,
                    "start": s.start,
                    "end": s.start + 4,
                    "surface": s.text[:4],
                    "type": "date",
                }
            )
    return {
        "articles": articles,
        "sentences": sentences,
        "mentions": schema.conform(pd.DataFrame(rows), "mentions"),
        "dates": schema.conform(pd.DataFrame(dates), "dates"),
    }


def test_footer_repeated_by_one_source_is_flagged_not_two_copies_nor_a_wire_story():
    frames = _frames(_corpus())
    s = boilerplate(frames)["sentences"].set_index(["doc_id", "sent_id"])["boilerplate"]
    assert all(s[(f"a{i:02d}", 1)] for i in range(30))  # footer of source A
    assert not any(s[(f"a{i:02d}", 0)] for i in range(30))  # the stories themselves
    assert not s[("b0", 1)] and not s[("b1", 1)]  # the same footer twice in source B
    assert not any(s[(f"w-{src}", 0)] for src in "abc")  # a wire story in three papers


def test_flags_reach_mentions_dates_and_actor_counts():
    out = boilerplate(_frames(_corpus()))
    m, d = out["mentions"], out["dates"]
    assert m["boilerplate"].sum() == 30 and (~m["boilerplate"]).sum() == 2  # the B copies count
    assert d["boilerplate"].sum() == 30
    assert len(counted(m)) == 2 and len(counted(m, boilerplate=True)) == 32
    actor = out["actors"].set_index("actor_id").loc["org:NAKHEEL"]
    assert (actor["n_mentions"], actor["n_docs"]) == (2, 2)
    for name, df in out.items():
        schema.check(df, name)


def test_actor_met_only_in_boilerplate_keeps_a_row_with_zero_counts():
    frames = _frames(_corpus().query("source == 'a'"))
    actors = boilerplate(frames)["actors"].set_index("actor_id")
    assert actors.loc["org:NAKHEEL", "n_mentions"] == 0 and actors.loc["org:NAKHEEL", "n_docs"] == 0


def test_line_keys_ignore_digits_whitespace_punctuation_marks_and_links():
    a = pd.Series(["للتواصل: أرسل رسالة إلى ٨٨٥٩١ - زين", "لِلتواصل  أرسل رسالةٍ الى 12 (زين)"])
    assert line_keys(a).nunique() == 1
    b = pd.Series(["راسلوا الكاتب: ali@example.com", "راسلوا الكاتب - https://example.org/x?y=1"])
    assert line_keys(b).nunique() == 1
    assert line_keys(pd.Series(["قال الوزير", "قال المدير"])).nunique() == 2


def test_a_line_quoting_its_own_title_shares_one_key():
    texts = pd.Series(["رابط الخبر: افتتاح معرض الكتاب الدولي", "رابط الخبر: وصول أول رحلة للحجاج"])
    titles = line_keys(pd.Series(["افتتاح معرض الكتاب الدولي", "وصول أول رحلة للحجاج"]))
    assert line_keys(texts, titles).nunique() == 1
    assert line_keys(texts).nunique() == 2


def test_footer_cut_by_the_splitter_is_flagged_whole():
    rows = []
    for i in range(8):
        title = f"بالصور.. زيارة الوفد رقم {i} إلى مصنع التمور"
        rows.append(
            _article(f"d{i}", "a", title, [f"{BODIES[i % 3]} اليوم.", FOOTER.format(title=title)])
        )
    frames = _frames(schema.conform(pd.DataFrame(rows), "articles"))
    s = boilerplate(frames)["sentences"]
    footer = s[s["sent_id"] >= 1]
    assert len(footer) == 16 and footer["boilerplate"].all()  # "...: بالصور.." and the rest of it
    assert not s.loc[s["sent_id"] == 0, "boilerplate"].any()


def test_a_tag_line_closing_most_articles_of_a_source_is_a_footer():
    rows = [
        _article(
            f"t{i}",
            "a",
            f"عنوان {i}",
            [f"{BODIES[i % 3]} رقم {i}.", f"وسوم التمور مصنع {i} رقم{i}"],
        )
        for i in range(10)
    ]
    frames = _frames(schema.conform(pd.DataFrame(rows), "articles"))
    s = boilerplate(frames)["sentences"]
    assert s.loc[s["sent_id"] == 1, "boilerplate"].all()
    assert not s.loc[s["sent_id"] == 0, "boilerplate"].any()


def test_same_flags_whatever_the_row_order():
    frames = _frames(_corpus())
    shuffled = {k: v.sample(frac=1, random_state=7) for k, v in frames.items()}
    key = ["doc_id", "sent_id"]
    a = boilerplate(frames)["sentences"].sort_values(key).reset_index(drop=True)
    b = boilerplate(shuffled)["sentences"].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("n, flagged", [(4, False), (5, True)])
def test_min_articles_threshold(n, flagged):
    rows = [
        _article(f"x{i}", "a", f"ع {i}", [f"{BODIES[i % 3]} {i}.", "* خدمة «صحيفة النخيل»"])
        for i in range(n)
    ]
    s = boilerplate(_frames(schema.conform(pd.DataFrame(rows), "articles")))["sentences"]
    assert s.loc[s["sent_id"] == 1, "boilerplate"].all() == flagged


def test_summary_lists_each_flagged_line_per_source():
    t = boilerplate_summary(_frames(_corpus()))
    assert list(t.columns) == ["source", "line", "n_articles", "rule"]
    assert t["source"].tolist() == ["a"]
    assert t["n_articles"].iloc[0] == 30 and t["line"].iloc[0].startswith(
        "رابط الخبر بصحيفة النخيل"
    )


def test_boilerplate_by_source_counts_lines_and_names_the_most_repeated():
    summary = pd.DataFrame(
        {
            "source": ["a", "a", "b"],
            "line": ["رابط الخبر", "تابعونا", "سمات"],
            "n_articles": [30, 6, 9],
            "rule": ["repeated", "repeated", "footer"],
        }
    )
    out = boilerplate_by_source(summary)
    assert out.loc["a", "lines"] == 2 and out.loc["a", "articles"] == 36
    assert out.loc["a", "most repeated line"] == "رابط الخبر" and out.loc["a", "its articles"] == 30
    assert list(out.index) == ["a", "b"]
