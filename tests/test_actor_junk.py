"""Actors (issue 13, items 4-6): no junk, the right types, roles with their qualifier, names with all
their letters, and country adjectives that name no country. Sentences written for these tests."""

from __future__ import annotations

import pytest
from test_actors import mentions

from analysis.actors.people import _function_word, _no_actor
from analysis.arabic import normalize


def by_surface(text: str) -> dict[str, tuple[str, str]]:
    return {r["surface"]: (r["actor_id"], r["type"]) for r in mentions(text)}


@pytest.mark.parametrize(
    "words",
    [
        ["ريال", "بارتفاع"],  # a price, not Real something
        ["الريال"],
        ["ودولار", "امريكي"],
        ["بي"],  # a lone Latin letter
        ["اتش"],
        ["سائلا", "الله"],  # a participle before God
        ["داعين", "المولي", "القدير"],
        ["رجال", "الامن"],  # a group of people
        ["فرجال", "الامن", "الاشاوس"],
        ["المواطنين"],
    ],
)
def test_no_actor_words(words):
    assert _no_actor(words)


@pytest.mark.parametrize(
    "words",
    [
        ["مونتريال"],  # a name that ends like a currency
        ["بي", "بي", "سي"],  # an acronym of letters is a name
        ["عطا", "الله"],  # a name with الله
        ["مجلس", "رجال", "الاعمال"],  # a body named after a group
        ["جون", "سميث"],
        ["علي", "السرطاوي"],  # علي normalises like the preposition على
        ["وعلي", "حماده"],
    ],
)
def test_names_are_not_junk(words):
    assert not _no_actor(words)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("عقار", True),
        ("شخصيتان", True),
        ("وأمام", True),
        ("هما", True),
        ("علي", False),
        ("عوض", False),
    ],
)
def test_function_words_open_no_name(word, expected):
    assert _function_word(normalize(word)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "وأغلق السهم عند 45 ريال بانخفاض 2 في المئة عن إغلاق الأمس.",
        "وحقق الصندوق أرباحا بلغت 12 مليون ريال وصولا إلى أعلى مستوى.",
    ],
)
def test_a_price_is_no_organisation(text):
    assert mentions(text) == []


def test_participle_before_god_is_no_actor():
    assert mentions("ونقل الأمير تعازيه لذوي الشهيد سائلا الله أن يسكنه فسيح جناته.") == []


def test_group_nouns_are_no_actors_but_bodies_named_after_them_are():
    assert mentions("وتمكن رجال الأمن من القبض على الجناة بعد مطاردة قصيرة في الحي.") == []
    rows = mentions("وعقد مجلس رجال الأعمال اجتماعه الأول في المدينة.")
    assert [r["surface"] for r in rows] == ["مجلس رجال الأعمال"]


def test_platforms_are_organisations():
    text = "ونشرت الوزارة المقطع على يوتيوب وحسابها في تويتر وصفحتها على فيس بوك، وعبر انستغرام وسناب شات وواتساب."
    found = by_surface(text)
    assert found["يوتيوب"] == ("org:YOUTUBE", "organization")
    assert found["تويتر"] == ("org:TWITTER-INC", "organization")
    assert found["فيس بوك"] == ("org:FACEBOOK-INC", "organization")
    assert {found[s][0] for s in ("انستغرام", "وسناب شات", "وواتساب")} == {
        "org:INSTAGRAM",
        "org:SNAPCHAT",
        "org:WHATSAPP",
    }


def test_share_buttons_name_no_platform():
    assert mentions("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك") == []


def test_a_base_and_a_canal_are_places_a_team_only_in_a_sports_context():
    text = "وعبرت عشرات السفن قناة السويس الجديدة أمس، فيما استعادت القوات قاعدة العند الجوية."
    found = by_surface(text)
    assert found["قناة السويس"] == ("place:suez-canal", "place")
    assert found["قاعدة العند"] == ("place:al-anad", "place")
    sport = by_surface("وتعادل فريق قناة السويس مع ضيفه في الدوري المصري.")
    assert sport["قناة السويس"] == ("org:team-suez-canal", "organization")


def test_a_city_still_stands_for_its_team():
    assert by_surface("وتغلب برشلونة على ضيفه أمس بثلاثة أهداف.")["برشلونة"][1] == "organization"


def test_a_drug_and_two_figures_are_no_people():
    text = "وأظهرت دراسة حديثة أن عقار روزجليتازون يخفض السكر، وقالت الشرطة إن شخصيتان قياديتان اعتقلتا."
    assert [r for r in mentions(text) if r["type"] == "person"] == []


def test_a_name_never_crosses_a_paragraph_break():
    rows = mentions("ورحل الشاعر سامي قرداحي\n\n \n\n ديوان الشعر")
    assert [r["surface"] for r in rows if r["type"] == "person"] == ["سامي قرداحي"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("وصرح نائب رئيس الجمهورية نوري المالكي بأن الحكومة ستتغير.", "نائب رئيس الجمهورية"),
        ("واستقبل القائم بأعمال السفير الأمريكي جون سميث الوفد.", "القائم بأعمال السفير"),
        ("وأكد ونائب رئيس الوزراء خالد العلي ذلك.", "نائب رئيس الوزراء"),
        ("وقالت مستشارة الرئيس سوزان رايس إن الاتفاق جيد.", "مستشارة الرئيس"),
    ],
)
def test_roles_keep_their_qualifier(text, role):
    people = [r for r in mentions(text) if r["type"] == "person"]
    assert people and people[0]["role"] == role


def test_a_role_without_qualifier_is_unchanged():
    people = [r for r in mentions("وقال رئيس الجمهورية نوري المالكي إن الوضع صعب.") if r["role"]]
    assert people[0]["role"] == "رئيس الجمهورية"


def test_baladiya_keeps_its_first_letter():
    rows = mentions("وأعلنت بلدية محافظة القريات عن مشروع جديد، وقالت وبلدية الدلم إنها جاهزة.")
    orgs = [r for r in rows if r["type"] == "organization"]
    assert [r["name_ar"] for r in orgs] == ["بلدية محافظة القريات", "بلدية الدلم"]
    assert all(r["actor_id"].startswith("org:bldyh-") for r in orgs)


def test_adjectives_of_a_language_league_dialect_or_cuisine_are_no_country():
    text = (
        "يتقن الطالب اللغة الإنجليزية ويتابع الدوري الإسباني، ويتحدث باللهجة المصرية، "
        "ويحب المطبخ اللبناني، وكتب باللغتين العربية والفرنسية."
    )
    assert [r for r in mentions(text) if r["type"] == "country"] == []


def test_other_country_adjectives_are_still_counted():
    rows = mentions("وقال المدرب الإنجليزي إن اللاعبين اللبنانيين جاهزون.")
    assert [(r["actor_id"], r["form"]) for r in rows if r["type"] == "country"] == [
        ("country:GBR", "adjective"),
        ("country:LBN", "adjective"),
    ]


def test_course_of_events_is_not_hungary_and_a_birthplace_is_not_muscat():
    ids = {r["actor_id"] for r in mentions("تابع الوزير مجريات الأحداث عند مجرى الوادي.")}
    assert "country:HUN" not in ids
    ids = {r["actor_id"] for r in mentions("عاد اللاعب إلى مسقط رأسه في الطائف.")}
    assert "place:muscat" not in ids and "place:taif" in ids
    assert "place:muscat" in {r["actor_id"] for r in mentions("وصل الوزير إلى مسقط أمس.")}
    assert "country:HUN" in {r["actor_id"] for r in mentions("زار الوزير المجر أمس.")}


def test_the_link_to_the_story_footer_is_no_person():
    text = "وقال الوزير إن العمل مستمر. رابط الخبر بصحيفة الوئام: الوزير يزور جدة"
    assert not [r for r in mentions(text) if r["type"] == "person"]


def test_a_park_or_gate_named_after_a_king_is_a_place_not_the_king():
    for text in ("تنزه الزوار في حديقة الملك عبدالله بالرياض.", "وقف عند بوابة الملك عبدالعزيز."):
        rows = mentions(text)
        assert [r["type"] for r in rows] == ["place"], rows
