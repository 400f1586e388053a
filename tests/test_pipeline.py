import shutil
import warnings

import pandas as pd
import pytest

from analysis import (
    CorpusWarning,
    articles_from_texts,
    config,
    fingerprint,
    parse,
    pipeline,
    read_store,
    schema,
)
from analysis.__main__ import main
from analysis.pipeline import Parsed


def test_parse_seeds_frames_follow_schema():
    parsed = parse(config.SEEDS_DIR)
    for name, df in parsed.frames().items():
        schema.check(df, name)
    assert len(parsed.articles) >= 1
    texts = dict(zip(parsed.articles["doc_id"], parsed.articles["text"], strict=True))
    for row in parsed.sentences.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    # the title is its own sentence
    first = parsed.sentences.iloc[0]
    assert first["text"] == parsed.articles.iloc[0]["title"]


def test_parse_accepts_articles_frame_and_default_date():
    arts = articles_from_texts(["نص أول. نص ثان.", "آخر"])
    parsed = parse(arts, published_default="2024-10-18")
    assert (parsed.articles["published"] == pd.Timestamp("2024-10-18")).all()
    assert list(parsed.sentences["doc_id"]) == ["doc0", "doc0", "doc1"]


def test_stage_failure_is_recorded_not_raised(monkeypatch):
    def boom(**_):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(pipeline, "extract_dates", boom)
    parsed = parse(articles_from_texts(["نص. آخر."]))
    assert len(parsed.sentences) == 2
    assert "dates failed: RuntimeError: kaboom" in parsed.errors.iloc[0]["reason"]


def test_cli_parse_writes_frames(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["parse", str(config.SEEDS_DIR), "--out", str(out), "--csv"]) == 0
    for name in schema.FRAME_NAMES:
        assert (out / f"{name}.parquet").exists()
        assert (out / f"{name}.csv").exists()
    back = Parsed.load(out)
    direct = parse(config.SEEDS_DIR)
    pd.testing.assert_frame_equal(back.sentences, direct.sentences)
    pd.testing.assert_frame_equal(back.articles, direct.articles)
    assert "sentences" in capsys.readouterr().out


def test_missing_path_is_an_error_row_and_leaves_no_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "PROCESSED_DIR", tmp_path / "processed")
    with pytest.warns(CorpusWarning, match="no such file"):
        parsed = parse("قال الوزير إن الاجتماع ناجح")
    assert len(parsed.articles) == 0
    assert "no such file" in parsed.errors.iloc[0]["reason"]
    assert not (tmp_path / "processed").exists()


def test_cli_parse_of_a_missing_path_leaves_the_store_alone(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["parse", str(config.SEEDS_DIR), "--out", str(out)]) == 0
    before = read_store(out)
    assert main(["parse", str(tmp_path / "typo"), "--out", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
    pd.testing.assert_frame_equal(read_store(out).articles, before.articles)
    assert len(before.articles) > 0


def test_a_misspelt_or_missing_row_key_is_an_error_naming_it():
    row = parse(articles_from_texts(["قال وزير الخارجية الياباني في طوكيو."])).mentions.iloc[0]
    good = row.to_dict()
    assert len(schema.from_rows([good], "mentions")) == 1
    misspelt = {("afiliation" if k == "affiliation" else k): v for k, v in good.items()}
    with pytest.raises(
        schema.SchemaError, match=r"unknown column\(s\) \['afiliation'\].*'affiliation'"
    ):
        schema.from_rows([good, misspelt], "mentions")
    with pytest.raises(schema.SchemaError, match="missing column"):
        schema.from_rows([{k: v for k, v in good.items() if k != "role"}], "mentions")


def test_every_stage_builds_rows_with_exactly_the_documented_columns(monkeypatch):
    calls = []
    real = schema.from_rows

    def checked(rows, name):
        calls.append((name, len(rows)))
        return real(rows, name)

    monkeypatch.setattr(schema, "from_rows", checked)
    parse(articles_from_texts(["قال وزير الخارجية الياباني في طوكيو يوم 18 أكتوبر 2024."]))
    assert {n for n, k in calls if k} >= {"sentences", "mentions", "dates"}


def test_a_parsed_store_folder_is_a_corpus(tmp_path):
    out = tmp_path / "store"
    assert main(["parse", str(config.SEEDS_DIR), "--out", str(out)]) == 0
    again = parse(out)
    first = read_store(out)
    assert len(again.articles) == len(first.articles) == 1
    pd.testing.assert_frame_equal(again.mentions, first.mentions)


def test_problems_are_announced_once_counted_by_kind(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [f'{{"id": "e{i}", "text": ""}}' for i in range(30)]
    lines += ["not json"] * 5 + ['{"id": "ok", "text": "قال الوزير في الرياض."}']
    path.write_text("\n".join(lines), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parsed = parse(path, cache=False)
    corpus_warnings = [w for w in caught if issubclass(w.category, CorpusWarning)]
    assert len(corpus_warnings) == 1
    message = str(corpus_warnings[0].message)
    assert "35 problem(s)" in message and "30 × empty text" in message
    assert "5 × line is not valid JSON" in message
    assert len(parsed.errors) == 35 and len(parsed.articles) == 1


def test_quote_speakers_follow_overrides_and_stay_actors(tmp_path):
    rules = tmp_path / "overrides.csv"
    rules.write_text(
        "block,person:mark-rutte\nname,person:gen-nakatani,الوزير ناكاتاني,Nakatani\n",
        encoding="utf-8",
    )
    parsed = parse(config.SEEDS_DIR, cache=False, overrides=rules)
    q = parsed.quotes
    assert "person:mark-rutte" not in set(q["speaker_actor_id"])
    spoken = q[q["speaker_actor_id"] != ""]
    assert set(spoken["speaker_actor_id"]) <= set(parsed.actors["actor_id"])
    nakatani = spoken[spoken["speaker_actor_id"] == "person:gen-nakatani"]
    assert len(nakatani) and set(nakatani["speaker_name"]) == {"الوزير ناكاتاني"}
    # The same frames from the store, overrides errors included, in the same order.
    rules.write_text(rules.read_text(encoding="utf-8") + "frobnicate,x\n", encoding="utf-8")
    memory = parse(config.SEEDS_DIR, cache=False, overrides=rules)
    cached = parse(config.SEEDS_DIR, cache=tmp_path / "store", overrides=rules)
    for name, df in memory.frames().items():
        pd.testing.assert_frame_equal(df, cached.frames()[name], obj=name)
    assert memory.errors["line"].tolist() == [3]


def test_editing_the_overrides_file_reruns_the_steps_not_the_parse(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("processed", "raw"))
    before = fingerprint.compute_parser_version(config.PACKAGE_DIR, data)
    (data / "overrides.csv").write_text("block,person:mark-rutte\n", encoding="utf-8")
    assert fingerprint.compute_parser_version(config.PACKAGE_DIR, data) == before
    rules = tmp_path / "rules.csv"
    rules.write_text("", encoding="utf-8")
    first = parse(config.SEEDS_DIR, cache=tmp_path / "store", overrides=rules)
    rules.write_text("block,person:mark-rutte\n", encoding="utf-8")
    second = parse(config.SEEDS_DIR, cache=tmp_path / "store", overrides=rules)
    assert second.meta["n_parsed"] == 0 and second.meta["n_cached"] == 1
    assert "person:mark-rutte" in set(first.mentions["actor_id"])
    assert "person:mark-rutte" not in set(second.mentions["actor_id"])
