"""Corpus-level identity (analysis.actors.identity) and user overrides (analysis.overrides)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import overrides, schema
from analysis.actors.identity import identity, is_short_form, name_key, resolve_ids
from analysis.pipeline import parse_articles


def _m(doc: str, surface: str, actor_id: str, name_ar: str = "", **kw: str) -> dict:
    """One mention row; the surface doubles as the name unless one is given."""
    return {
        "doc_id": doc,
        "sent_id": 0,
        "start": kw.pop("start", 0),
        "end": len(surface),
        "surface": surface,
        "actor_id": actor_id,
        "name_ar": name_ar or surface,
        "type": kw.pop("type", actor_id.split(":")[0].replace("org", "organization")),
        "form": kw.pop("form", "name"),
        **kw,
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    return schema.conform(pd.DataFrame(rows), "mentions")


def _ids(rows: list[dict]) -> dict[str, str]:
    return resolve_ids(_frame(rows))


HADI = "person:abd-rabbuh-mansur-hadi"


def test_listed_and_transliterated_twin_are_one():
    rows = [
        _m("d1", "حسن روحاني", "person:hassan-rouhani", name_en="Hassan Rouhani", iso3="IRN"),
        _m("d2", "حسن روحاني", "person:hsn-rwhany", iso3="IRN"),
        _m("d3", "حسن روحاني", "person:hsn-rwhany"),
    ]
    out = identity({"mentions": _frame(rows)})
    m, a = out["mentions"], out["actors"]
    assert set(m["actor_id"]) == {"person:hassan-rouhani"}
    assert list(m["local_actor_id"]) == [r["actor_id"] for r in rows]
    assert set(m["name_en"]) == {"Hassan Rouhani"}
    assert a.loc[0, "n_mentions"] == 3 and a.loc[0, "n_docs"] == 3


def test_twin_joins_the_listed_id_even_when_only_the_twin_is_seen():
    out = identity({"mentions": _frame([_m("d1", "عادل الجبير", "person:adl-aljbyr")])})
    assert out["actors"].loc[0, "actor_id"] == "person:adel-al-jubeir"
    assert out["actors"].loc[0, "name_en"] == "Adel al-Jubeir"


def test_bodies_under_two_ids():
    rows = [
        _m("d1", "مجلس الوزراء", "org:CABINET", name_en="Cabinet"),
        _m("d2", "مجلس الوزراء", "org:mjls-alwzra"),
        _m("d3", "مجلـس الوزراء", "org:mjls-alwzra", name_ar="مجلـس الوزراء"),
        _m("d4", "مجلس النواب", "org:PARL", name_en="Parliament"),
        _m("d5", "مجلس النواب", "org:mjls-alnwab"),
    ]
    ids = _ids(rows)
    assert ids["org:mjls-alwzra"] == "org:CABINET"
    assert ids["org:mjls-alnwab"] == "org:PARL"


def test_short_form_joins_the_full_name_it_cooccurs_with():
    rows = [
        _m("d1", "علي عبدالله صالح", "person:ali-abdullah-saleh", name_en="Ali Abdullah Saleh"),
        _m("d1", "علي صالح", "person:ly-salh", start=40),
        _m("d2", "على صالح", "person:ly-salh", name_ar="على صالح"),
        _m("d3", "علي صالح", "person:ly-salh"),
    ]
    out = identity({"mentions": _frame(rows)})
    assert set(out["mentions"]["actor_id"]) == {"person:ali-abdullah-saleh"}
    assert set(out["actors"].loc[0, "aliases"].split("|")) == {"علي صالح", "على صالح"}


def test_title_and_surname_join_the_president():
    rows = [
        _m("d1", "عبد ربه منصور هادي", HADI, name_en="Abd Rabbuh Mansur Hadi", iso3="YEM"),
        _m("d1", "هادي", "person:alrys-hady", name_ar="الرئيس هادي", role="الرئيس", start=30),
        _m("d2", "هادي", "person:rys-hady", name_ar="رئيس هادي", role="رئيس"),
        _m("d2", "عبدربه منصور هادي", HADI, name_en="Abd Rabbuh Mansur Hadi", start=50),
        # A doctor called Hadi never met beside the president stays himself.
        _m("d3", "هادي", "person:aldktwr-hady", name_ar="الدكتور هادي", role="الدكتور"),
        _m("d4", "مهند هادي", "person:mhnd-hady"),
    ]
    ids = _ids(rows)
    assert ids["person:alrys-hady"] == ids["person:rys-hady"] == HADI
    assert ids["person:aldktwr-hady"] == "person:aldktwr-hady"
    assert ids["person:mhnd-hady"] == "person:mhnd-hady"


def test_zarif_in_three_forms():
    zarif = "person:mohammad-javad-zarif"
    rows = [
        _m("d1", "محمد جواد ظريف", zarif, name_en="Mohammad Javad Zarif", iso3="IRN"),
        _m("d1", "ظريف", "person:zryf", start=30),
        _m("d2", "محمد ظريف", "person:mhmd-zryf", iso3="IRN"),
        _m("d2", "محمد جواد ظريف", zarif, name_en="Mohammad Javad Zarif", start=30),
        # Never beside the full name: still its only bearer in the corpus (given name + surname).
        _m("d3", "جواد ظريف", "person:jwad-zryf"),
        _m("d4", "ظريف", "person:zryf"),
        _m("d4", "جواد ظريف", "person:jwad-zryf", start=20),
    ]
    ids = _ids(rows)
    assert {ids[i] for i in ("person:zryf", "person:mhmd-zryf", "person:jwad-zryf")} == {zarif}


def test_a_surname_two_people_share_is_not_merged():
    rows = [
        _m("d1", "بشار الأسد", "person:bashar-al-assad", name_en="Bashar al-Assad"),
        _m("d1", "الأسد", "person:alasd", start=30),
        _m("d2", "حافظ الأسد", "person:hafez-al-assad", name_en="Hafez al-Assad"),
        _m("d2", "الأسد", "person:alasd", start=30),
    ]
    assert _ids(rows)["person:alasd"] == "person:alasd"


def test_a_fathers_name_is_no_surname():
    mbs = "person:mohammed-bin-salman"
    rows = [
        _m("d1", "محمد بن سلمان", mbs, name_en="Mohammed bin Salman"),
        _m("d1", "سلمان", "person:slman", start=30),
        _m("d1", "بن سلمان", "person:bn-slman", start=50),
    ]
    ids = _ids(rows)
    assert ids["person:slman"] == "person:slman"
    assert ids["person:bn-slman"] == "person:bn-slman"
    assert not is_short_form(name_key("سلمان"), name_key("محمد بن سلمان"))
    assert is_short_form(name_key("صالح آل الشيخ"), name_key("صالح بن عبدالعزيز آل الشيخ"))
    assert not is_short_form(name_key("آل الشيخ"), name_key("صالح بن عبدالعزيز آل الشيخ"))


def test_in_a_chain_of_fathers_the_short_form_keeps_the_first_name():
    assert not is_short_form(name_key("فهد بن خالد"), name_key("خالد بن فهد بن خالد"))
    assert is_short_form(name_key("خالد بن خالد"), name_key("خالد بن فهد بن خالد"))
    rows = [
        _m("d1", "خالد بن فهد بن خالد", "person:khald-bn-fhd-bn-khald"),
        _m("d1", "فهد بن خالد", "person:fhd-bn-khald", start=40),
    ]
    assert _ids(rows)["person:fhd-bn-khald"] == "person:fhd-bn-khald"


def test_a_lone_surname_seen_once_beside_a_namesake_keeps_its_id():
    # «الشيخ يوسف» writes a column in ten articles; a «محمد الصادق يوسف» is named in one of them.
    rows = [_m(f"d{i}", "الشيخ يوسف", "person:alshykh-ywsf") for i in range(10)]
    rows.append(_m("d0", "محمد الصادق يوسف", "person:mhmd-alsadq-ywsf", start=60))
    assert _ids(rows)["person:alshykh-ywsf"] == "person:alshykh-ywsf"
    # Beside the full name in most of its articles, the surname is that person.
    rows = [_m(f"d{i}", "يوسف", "person:ywsf") for i in range(4)]
    rows += [_m(f"d{i}", "محمد الصادق يوسف", "person:mhmd-alsadq-ywsf", start=60) for i in range(3)]
    assert _ids(rows)["person:ywsf"] == "person:mhmd-alsadq-ywsf"


def test_two_listed_people_are_never_merged_and_types_must_agree():
    rows = [
        _m("d1", "بشار الأسد", "person:bashar-al-assad", name_en="Bashar al-Assad"),
        _m("d1", "حافظ الأسد", "person:hafez-al-assad", name_en="Hafez al-Assad"),
        _m("d2", "مجلس النواب", "place:mjls-alnwab", type="place"),
        _m("d2", "مجلس النواب", "org:PARL", name_en="Parliament"),
    ]
    ids = _ids(rows)
    assert ids["person:hafez-al-assad"] == "person:hafez-al-assad"
    assert ids["place:mjls-alnwab"] == "place:mjls-alnwab"


def test_counts_by_form_and_a_second_run_changes_nothing():
    rows = [
        _m("d1", "السعودية", "country:SAU", name_en="Saudi Arabia"),
        _m("d1", "السعودي", "country:SAU", form="adjective", start=20),
        _m("d2", "السعوديين", "country:SAU", form="adjective"),
        _m("d2", "مجلس الوزراء", "org:mjls-alwzra", start=30),
    ]
    once = identity({"mentions": _frame(rows)})
    a = once["actors"].set_index("actor_id")
    assert (
        a.loc["country:SAU", ["n_mentions", "n_names", "n_adjectives", "n_docs"]] == [3, 1, 2, 2]
    ).all()
    assert (a["n_mentions"] == a["n_names"] + a["n_adjectives"]).all()
    twice = identity({"mentions": once["mentions"]})
    pd.testing.assert_frame_equal(twice["mentions"], once["mentions"])
    pd.testing.assert_frame_equal(twice["actors"], once["actors"])


# --- stability: order, batches, the real parser --------------------------------------------------

_DOCS = [
    "قال الرئيس الإيراني حسن روحاني إن الاتفاق يخدم المنطقة، وأكد روحاني أن طهران ملتزمة به.",
    "التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره في فيينا، وقال ظريف إن المحادثات مثمرة.",
    "عقد مجلس الوزراء جلسته الأسبوعية في الرياض برئاسة خادم الحرمين الشريفين.",
    "أعلن الرئيس اليمني عبد ربه منصور هادي من عدن أن الرئيس هادي سيعود قريبا.",
    "استقبل محمد ظريف في طهران وفدا من البرلمان، وناقش مجلس الوزراء الميزانية.",
    "ذكر مصدر أن علي عبدالله صالح غادر صنعاء، بينما نفى حزب علي صالح ذلك.",
]


@pytest.fixture(scope="module")
def parsed_parts() -> list[pd.DataFrame]:
    arts = schema.conform(
        pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(_DOCS))], "text": _DOCS, "n_chars": 0}),
        "articles",
    )
    whole = parse_articles(arts, engine="serial", progress=False)["mentions"]
    batches = [
        parse_articles(arts.iloc[k::2], engine="serial", progress=False)["mentions"] for k in (0, 1)
    ]
    return [whole, pd.concat(batches[::-1], ignore_index=True)]


def test_same_ids_whatever_the_order_and_the_batches(parsed_parts):
    whole, batched = parsed_parts
    ref = identity({"mentions": whole})

    def by_mention(df: pd.DataFrame) -> pd.DataFrame:
        return df.sort_values(["doc_id", "start", "end"]).reset_index(drop=True)

    for seed in (0, 1, 2):
        shuffled = batched.sample(frac=1, random_state=seed).reset_index(drop=True)
        out = identity({"mentions": shuffled})
        pd.testing.assert_frame_equal(by_mention(out["mentions"]), by_mention(ref["mentions"]))
        pd.testing.assert_frame_equal(out["actors"], ref["actors"])
    # The real parser's twins and short forms are joined (the test is not vacuous).
    assert (ref["mentions"]["actor_id"] != ref["mentions"]["local_actor_id"]).any()


# --- overrides -----------------------------------------------------------------------------------


def _ov_frames() -> dict[str, pd.DataFrame]:
    rows = [
        _m("d1", "عبد ربه منصور هادي", HADI, name_en="Abd Rabbuh Mansur Hadi"),
        _m("d1", "هادي", "person:aldktwr-hady", name_ar="الدكتور هادي", start=30),
        _m("d2", "الرئيس اليمني", "person:alrys-alymny", start=5),
        _m("d2", "سائلاً الله", "person:saila-allah", start=20),
        _m("d3", "وسائلا الله", "person:saila-allah"),
        _m("d3", "صحيفة الوئام", "org:shyfh-alwam", start=30),
        _m("d4", "قناة السويس", "org:team-suez-canal", name_en="Suez Canal (team)"),
        _m("d4", "صالح العمري", "person:salh-almry", start=30),
    ]
    return {"mentions": _frame(rows), "errors": schema.empty("errors")}


def _apply(tmp_path, text: str) -> dict[str, pd.DataFrame]:
    path = tmp_path / "overrides.csv"
    path.write_text(text, encoding="utf-8")
    return overrides.apply_overrides(_ov_frames(), path=path)


def test_override_merge_and_alias(tmp_path):
    out = _apply(
        tmp_path,
        f"# a comment\nmerge,{HADI},person:aldktwr-hady\nalias,الرئيس اليمنى,{HADI}\n",
    )
    m = out["mentions"]
    assert set(m.loc[m["doc_id"].isin(["d1", "d2"]) & (m["start"] != 20), "actor_id"]) == {HADI}
    assert set(m.loc[m["actor_id"] == HADI, "name_en"]) == {"Abd Rabbuh Mansur Hadi"}
    a = out["actors"].set_index("actor_id")
    assert a.loc[HADI, "n_mentions"] == 3 and "person:aldktwr-hady" not in a.index
    assert out["errors"].empty


def test_override_block_by_surface_and_by_id(tmp_path):
    out = _apply(tmp_path, "block,سائلا الله\nblock,org:shyfh-alwam\n")
    ids = set(out["mentions"]["actor_id"])
    # Normalisation (tanwin, the glued و) lets one rule catch both spellings.
    assert "person:saila-allah" not in ids and "org:shyfh-alwam" not in ids
    assert len(out["mentions"]) == len(_ov_frames()["mentions"]) - 3


def test_override_type_and_name(tmp_path):
    out = _apply(
        tmp_path,
        "type,org:team-suez-canal,place\nname,person:salh-almry,صالح العمري,Saleh al-Omari\n",
    )
    a = out["actors"].set_index("actor_id")
    assert a.loc["org:team-suez-canal", "type"] == "place"
    assert a.loc["person:salh-almry", "name_en"] == "Saleh al-Omari"
    m = out["mentions"].set_index("actor_id")
    assert m.loc["org:team-suez-canal", "type"] == "place"


def test_override_bad_rows_are_reported_with_their_line(tmp_path):
    out = _apply(
        tmp_path,
        "\n".join(
            [
                "# header",
                "frobnicate,x",  # 2 unknown action
                "merge,person:salh-almry",  # 3 too few fields
                "type,person:salh-almry,planet",  # 4 unknown type
                "merge,person:nobody,person:salh-almry",  # 5 unknown id
                "alias,,person:salh-almry",  # 6 empty field
                "block,كلمة لا توجد",  # 7 matches nothing
                f"merge,{HADI},{HADI}",  # 8 itself
                "type,person:salh-almry,place",  # 9 fine
            ]
        ),
    )
    e = out["errors"]
    assert list(e["line"]) == [2, 3, 4, 5, 6, 7, 8]
    assert (e["severity"] == "warning").all() and e["reason"].str.len().gt(0).all()
    assert out["actors"].set_index("actor_id").loc["person:salh-almry", "type"] == "place"


def test_override_files_missing_default_and_idempotent(tmp_path, monkeypatch):
    monkeypatch.setattr(overrides, "DEFAULT_PATH", tmp_path / "absent.csv")
    quiet = overrides.apply_overrides(_ov_frames())
    assert quiet["errors"].empty
    assert len(quiet["mentions"]) == len(_ov_frames()["mentions"])
    loud = overrides.apply_overrides(_ov_frames(), path=tmp_path / "absent.csv")
    assert list(loud["errors"]["reason"]) == ["overrides file not found"]
    rules = f"merge,{HADI},person:aldktwr-hady\nblock,سائلا الله\n"
    once = _apply(tmp_path, rules)
    again = overrides.apply_overrides(
        {**once, "errors": schema.empty("errors")}, path=tmp_path / "overrides.csv"
    )
    pd.testing.assert_frame_equal(again["actors"], once["actors"])


def test_the_shipped_overrides_file_has_no_active_rule():
    rules, errors = overrides.read_rules(overrides.DEFAULT_PATH)
    assert rules == [] and errors == []
