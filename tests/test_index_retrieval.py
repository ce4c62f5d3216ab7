"""Real FAISS and BM25 on the fixture corpus, with exact expected ranks."""

from __future__ import annotations

import json

import pytest

from assistant.config import Settings
from assistant.corpus import Corpus, load_corpus
from assistant.errors import IndexMismatchError, IndexMissingError, InvalidInputError
from assistant.index import build_index, index_fingerprint, load_index
from assistant.index.text import to_simplified, tokenize
from assistant.records import Card
from assistant.retrieval.normalize import detect_region, load_synonyms
from assistant.retrieval.retriever import Filters, FusionParams, Retriever, article_ids
from assistant.runtime import open_runtime
from tests.conftest import FakeEmbedder


@pytest.fixture
def retriever(fixture_settings: Settings, fixture_corpus: Corpus) -> Retriever:
    emb = FakeEmbedder()
    index = build_index(fixture_settings.index_dir, fixture_corpus, emb, progress=False)
    # card_gate is a cosine threshold on e5's scale; the fake embedder's scale differs.
    params = FusionParams(card_gate=0.0)
    return Retriever(fixture_corpus, index, emb, load_synonyms(fixture_settings.synonyms_file), params)


def test_tokenizer_keeps_legal_terms_and_drops_stopwords() -> None:
    tokens = tokenize("我在孕期被调岗降薪了吗？")
    assert "孕期" in tokens and "调岗降薪" in tokens
    assert "我" not in tokens and "吗" not in tokens and "？" not in tokens


def test_traditional_chinese_is_simplified() -> None:
    assert to_simplified("懷孕了公司要給我降薪") == "怀孕了公司要给我降薪"


def test_region_from_city_or_province() -> None:
    assert detect_region("我在昆明上班") == "云南"
    assert detect_region("上海的公司") == "上海"
    assert detect_region("公司不给产假") is None


def test_exact_lookup_comes_first(retriever: Retriever) -> None:
    res = retriever.search("示例劳动保护法第4条是什么", k=3)
    assert res.hits[0].id == "示例劳动保护法#4" and res.hits[0].via == "exact"


def test_card_leads_to_the_articles_it_cites(retriever: Retriever) -> None:
    res = retriever.search("怀上了老板给我降工资", k=5)
    assert [h.id for h in res.hits[:3]] == ["card:pregnancy-pay", "示例劳动保护法#3", "示例仲裁规则#1"]
    ranked = article_ids(res.hits, retriever.corpus)
    # The card at rank 1 reaches both articles it cites; they count at rank 1.
    assert ranked[:2] == [("示例劳动保护法#3", 1), ("示例仲裁规则#1", 1)]


def test_nursing_question_ranks_nursing_card_then_article(retriever: Retriever) -> None:
    res = retriever.search("上班能不能喂奶", k=3)
    assert [h.id for h in res.hits[:2]] == ["card:nursing", "示例劳动保护法#5"]


def test_region_rules_only_when_a_place_is_named(retriever: Retriever) -> None:
    national = retriever.search("经期痛经严重能休息吗", k=10)
    named = retriever.search("昆明的，经期痛经严重能休息吗", k=10)
    ids_named = [h.id for h in named.hits]
    assert named.query.region == "云南"
    assert ids_named[0] == "云南省示例女职工条例#1"
    assert national.query.region is None
    assert [h.id for h in national.hits][:1] != ["云南省示例女职工条例#1"]


def test_filters(retriever: Retriever) -> None:
    res = retriever.search("怀孕降工资", k=10, filters=Filters(law="示例仲裁规则"))
    assert res.hits and all(h.id.startswith("示例仲裁规则#") for h in res.hits)
    res = retriever.search("怀孕降工资", k=10, filters=Filters(level="法律"))
    assert all(h.kind == "article" and h.record.level == "法律" for h in res.hits)  # type: ignore[union-attr]


def test_unknown_filters_are_reported(retriever: Retriever) -> None:
    with pytest.raises(InvalidInputError, match="没有《不存在的法》"):
        retriever.search("产假", filters=Filters(law="不存在的法"))
    with pytest.raises(InvalidInputError, match="效力层级"):
        retriever.search("产假", filters=Filters(level="宪法"))


def test_bad_questions_are_rejected(retriever: Retriever) -> None:
    with pytest.raises(InvalidInputError):
        retriever.search("   ")
    with pytest.raises(InvalidInputError):
        retriever.search("长" * 501)
    with pytest.raises(InvalidInputError):
        retriever.search("产假", k=0)


def test_index_folder_has_manifest_and_round_trips(fixture_settings: Settings, fixture_corpus: Corpus) -> None:
    emb = FakeEmbedder()
    build_index(fixture_settings.index_dir, fixture_corpus, emb, progress=False)
    manifest = json.loads((fixture_settings.index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"] == "fake-bigram-64" and manifest["dimension"] == 64
    assert manifest["corpus_fingerprint"] == index_fingerprint(fixture_corpus)
    loaded = load_index(fixture_settings.index_dir, fixture_corpus, emb.name)
    assert loaded.dense is not None and loaded.dense.index.ntotal == manifest["dense_rows"]


def test_stale_or_mismatched_index_is_refused_with_reasons(
    fixture_settings: Settings, fixture_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with pytest.raises(IndexMissingError):
        load_index(fixture_settings.index_dir, fixture_corpus, None)
    build_index(fixture_settings.index_dir, fixture_corpus, FakeEmbedder(), progress=False)
    with pytest.raises(IndexMismatchError, match="向量模型"):
        load_index(fixture_settings.index_dir, fixture_corpus, "another-model")
    cards = tmp_path_factory.mktemp("cards")
    for card in (fixture_settings.cards_dir).glob("*.md"):
        (cards / card.name).write_text(card.read_text(encoding="utf-8") + "\n补充一句。", encoding="utf-8")
    changed = load_corpus(fixture_settings.model_copy(update={"cards_dir": cards}))
    with pytest.raises(IndexMismatchError, match="语料库"):
        load_index(fixture_settings.index_dir, changed, "fake-bigram-64")
    # A conclusion added to a card changes nothing the index holds, so the index stays valid.
    units = tmp_path_factory.mktemp("units")
    for card in (fixture_settings.cards_dir).glob("*.md"):
        head, sep, rest = card.read_text(encoding="utf-8").partition("\n---\n")
        (units / card.name).write_text(head + "\nanswers:\n  - conclusion: 可以。\n" + sep + rest, encoding="utf-8")
    answered = load_corpus(fixture_settings.model_copy(update={"cards_dir": units}))
    assert all(c.answers for c in answered.cards)
    load_index(fixture_settings.index_dir, answered, "fake-bigram-64")


def test_runtime_rebuilds_stale_index_or_refuses_when_told(fixture_settings: Settings) -> None:
    rt = open_runtime(fixture_settings)  # no index yet: built automatically, BM25 only
    assert rt.mode == "bm25-only" and rt.degraded and "none" in rt.degraded
    assert rt.retriever.search("喂奶", k=1).hits[0].id == "card:nursing"
    strict = fixture_settings.model_copy(update={"index_auto_build": False, "index_dir": fixture_settings.data_dir / "x"})
    with pytest.raises(IndexMissingError):
        open_runtime(strict)


def test_unloadable_model_degrades_to_bm25_loudly(fixture_settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    settings = fixture_settings.model_copy(update={"embedding_model": str(fixture_settings.data_dir / "no-model")})
    rt = open_runtime(settings)
    assert rt.mode == "bm25-only"
    assert rt.degraded and "降级" in rt.degraded
    assert any("降级" in r.getMessage() for r in caplog.records)


def test_card_asked_for_in_so_many_words_is_pinned(fixture_settings: Settings) -> None:
    corpus = load_corpus(fixture_settings)
    routes = Card(id="card:routes", title="和单位有纠纷怎么解决", text="可以协商、调解、申请仲裁。",
                  keywords=("仲裁途径",), cites=("示例仲裁规则#1",), asked_when=("怎么办", "找谁"))
    corpus.add_card(routes)
    emb = FakeEmbedder()
    index = build_index(fixture_settings.index_dir, corpus, emb, progress=False)
    r = Retriever(corpus, index, emb, load_synonyms(fixture_settings.synonyms_file),
                  FusionParams(card_gate=0.0, pin_rank=2))

    plain = r.search("上班能不能喂奶", k=3)
    assert [h.id for h in plain.hits] == ["card:nursing", "示例劳动保护法#5", "card:pregnancy-pay"]
    asked = r.search("上班能不能喂奶，找谁", k=3)
    # The topical answer keeps rank 1; the routes card takes rank 2 and the list stays k long.
    assert [h.id for h in asked.hits] == ["card:nursing", "card:routes", "示例劳动保护法#5"]
    assert asked.hits[1].via == "asked" and [h.rank for h in asked.hits] == [1, 2, 3]
    # A filter that excludes cards excludes the pinned card too.
    filtered = r.search("喂奶找谁", k=3, filters=Filters(law="示例劳动保护法"))
    assert all(h.id.startswith("示例劳动保护法#") for h in filtered.hits)
