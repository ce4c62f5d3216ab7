"""Retrieval with the real embedding model over the real corpus (provisioned by `make model`)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.retrieval.retriever import article_ids
from assistant.runtime import Runtime, open_runtime

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def rt(model_settings: Settings) -> Runtime:
    runtime = open_runtime(model_settings)
    assert runtime.mode == "hybrid", runtime.degraded
    return runtime


def _top_articles(rt: Runtime, question: str, k: int = 5) -> list[str]:
    return [aid for aid, rank in article_ids(rt.retriever.search(question, k=k).hits, rt.corpus) if rank <= k]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("怀孕了公司要给我降薪合法吗", "女职工劳动保护特别规定#5"),
        ("生孩子能休多少天产假", "女职工劳动保护特别规定#7"),
        ("回去上班了每天有喂奶时间吗", "女职工劳动保护特别规定#9"),
        ("怀孕三个月流产了有假吗", "女职工劳动保护特别规定#7"),
        ("领导老是对我动手动脚怎么办", "妇女权益保障法#25"),
        ("公司说怀孕了就不续签合同", "劳动合同法#45"),
        ("被公司违法辞退能赔多少", "劳动合同法#87"),
        ("申请劳动仲裁有时间限制吗", "劳动争议调解仲裁法#27"),
    ],
)
def test_everyday_questions_find_the_article(rt: Runtime, question: str, expected: str) -> None:
    assert expected in _top_articles(rt, question)


def test_traditional_chinese_works_like_simplified(rt: Runtime) -> None:
    simp = rt.retriever.search("怀孕了公司要给我降薪合法吗", k=5)
    trad = rt.retriever.search("懷孕了公司要給我降薪合法嗎", k=5)
    assert [h.id for h in trad.hits] == [h.id for h in simp.hits]


def test_named_place_brings_local_rules_next_to_national(rt: Runtime) -> None:
    ids = _top_articles(rt, "我在上海，生孩子产假一共能休多久", k=10)
    assert any(a.startswith("上海市人口与计划生育条例#") for a in ids)
    assert "女职工劳动保护特别规定#7" in ids
    assert not any(a.startswith("上海") for a in _top_articles(rt, "生孩子产假一共能休多久", k=3))


def test_exact_reference_is_rank_one(rt: Runtime) -> None:
    hits = rt.retriever.search("《女职工劳动保护特别规定》第五条", k=3).hits
    assert hits[0].id == "女职工劳动保护特别规定#5" and hits[0].via == "exact"
    assert rt.retriever.search("民法典1010条是什么内容", k=3).hits[0].id == "民法典#1010"
