"""Actor recall: word clusters learned from unlabelled news, document-level consistency, names that
continue over a preposition, places by pattern (issue 19)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import actors
from analysis.actors import clusters


def test_bisecting_two_means_separates_two_groups_of_words():
    rng = np.random.default_rng(1)
    a = rng.normal([5.0, 0.0, 0.0], 0.3, size=(20, 3))
    b = rng.normal([0.0, 5.0, 0.0], 0.3, size=(20, 3))
    vec = np.vstack([a, b])
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    bits = clusters.bisect(vec)
    assert {x[0] for x in bits[:20]} != {x[0] for x in bits[20:]}
    assert len({x[0] for x in bits[:20]}) == 1 and len({x[0] for x in bits[20:]}) == 1


def test_clusters_group_words_that_keep_the_same_company(tmp_path):
    # Cities follow في and precede the verb; people follow قال: two clusters, learned from text.
    docs = []
    for k in range(60):
        city, person = ("الرياض", "جده", "تبوك")[k % 3], ("خالد", "فهد", "سعد")[k % 3]
        docs.append(
            {"id": str(k), "title": "", "text": f"وصل الوفد في {city} امس وقال {person} ان"}
        )
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    vocab, mat = clusters.cooccurrence(clusters.corpus_tokens([path]))
    vec = clusters.truncated_svd(clusters.ppmi(mat), dims=4)
    bits = dict(zip(vocab, clusters.bisect(vec), strict=True))
    assert bits["الرياض"][:1] == bits["جده"][:1] == bits["تبوك"][:1]
    assert bits["خالد"][:1] == bits["فهد"][:1] != bits["الرياض"][:1]


def test_excluded_documents_are_left_out_of_the_cluster_corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    recs = [{"id": "a", "text": "مرحبا"}, {"id": "b", "text": "وداعا"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    assert "وداعا" not in clusters.corpus_tokens([path], exclude=frozenset({"b"}))


def test_a_word_has_the_cluster_of_its_clitic_free_reading_and_bit_prefix_features():
    table = clusters.clusters()
    assert len(table) > 10_000
    bits = clusters.bits_of("الرياض")
    assert bits and bits == table["الرياض"]
    # A clitic reading the corpus never saw falls back to the bare word's cluster.
    assert "فكالرياض" not in table and "كالرياض" not in table
    assert clusters.bits_of("فكالرياض") == bits
    feats = clusters.cluster_features("الرياض")
    assert feats == [f"c4={bits[:4]}", f"c8={bits[:8]}", f"c12={bits[:12]}"]
    assert clusters.cluster_features("زززققق") == ["c=none"]


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(r["surface"], r["type"]) for r in actors.extract(doc_id="d", text=text, sentences=[])]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("شملت الأمطار الجارة التابعة لمركز شثاث أمس", "لمركز شثاث"),
        ("زار المحافظ قرية الشبحة صباح أمس", "قرية الشبحة"),
        ("أقام الفريق معسكره بمدينة هورست الهولندية", "بمدينة هورست"),
        ("جرف السيل سيارة في وادي عقان أمس", "وادي عقان"),
    ],
)
def test_a_settlement_head_before_an_unknown_word_names_a_place(text, surface):
    assert (surface, "place") in _mentions(text)


@pytest.mark.parametrize(
    "text",
    [
        "وصلت المساعدات عن طريق مركز الدورات التدريبية",
        "نقل المصاب إلى مركز صحي قريب",
        "دمرت الحرب مدينة حضارية بكاملها",
        "أصيب بطلقة في منطقة الكتف",
        "افتتح مركز مهارات الحياة",
    ],
)
def test_a_settlement_head_before_a_common_word_or_an_adjective_names_nothing(text):
    assert not [m for m in _mentions(text) if m[1] == "place"]


def test_a_place_named_after_its_head_is_found_again_by_its_name_alone():
    text = "أقام الفريق معسكره بمدينة هورست الهولندية. وغادر الفريق هورست أمس عائدا"
    rows = actors.extract(doc_id="d", text=text, sentences=[])
    again = [r for r in rows if r["surface"] == "هورست"]
    assert again and again[0]["type"] == "place" and again[0]["method"] == "coreference"
    assert (
        again[0]["actor_id"] == next(r for r in rows if r["surface"] == "بمدينة هورست")["actor_id"]
    )


def test_an_organisation_is_found_again_without_its_country_adjective_and_with_a_proclitic():
    text = "وقعت الاتفاقية شركة كوكورو اليابانية للروبوتات. وقال مدير لشركة كوكورو إن العقد كبير"
    found = [(r["surface"], r["type"]) for r in actors.extract(doc_id="d", text=text, sentences=[])]
    assert ("لشركة كوكورو", "organization") in found


def test_a_common_word_is_not_repeated_as_a_name():
    # مركز opens an institution's name; alone it is a head noun, not the place's name.
    text = "زار المحافظ مركز شثاث أمس. وقال إن المركز يحتاج إلى مركز صحي وإلى مركز للشرطة"
    found = [r["surface"] for r in actors.extract(doc_id="d", text=text, sentences=[])]
    assert found == ["مركز شثاث"]


def test_an_organisation_continues_over_its_sector_when_the_tagger_reads_it_so():
    found = _mentions("نظم معهد ابن سينا للعلوم الإنسانية ندوة")
    assert ("معهد ابن سينا للعلوم الإنسانية", "organization") in found


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("قدمت جمعية البر للأسر المحتاجة سلالا غذائية", "جمعية البر"),
        ("دعمت شركة الاتصالات للطلاب المتفوقين", "شركة الاتصالات"),
        ("حددت وزارة المالية للأطباء رواتب جديدة", "وزارة المالية"),
    ],
)
def test_an_organisation_does_not_continue_over_a_beneficiary_or_a_ministrys_task(text, surface):
    orgs = [s for s, t in _mentions(text) if t == "organization"]
    assert orgs == [surface]
