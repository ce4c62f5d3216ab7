"""The parser on every real file in ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.corpus import Corpus, load_corpus
from assistant.errors import CorpusParseError, NotFoundError


def test_every_file_parses_without_problems(real_corpus: Corpus) -> None:
    assert real_corpus.problems == []
    st = real_corpus.stats()
    # 42 statute files; the two 民法典 parts are one law, the retirement-age file holds two instruments.
    assert st["laws"] == 43
    assert st["cards"] >= 30


@pytest.mark.parametrize(("law", "count"), [("劳动合同法", 98), ("劳动法", 107), ("女职工劳动保护特别规定", 16),
                                             ("妇女权益保障法", 86), ("劳动争议调解仲裁法", 54), ("社会保险法", 98),
                                             ("云南省职工劳动权益保障条例", 48)])
def test_article_counts_of_key_laws(real_corpus: Corpus, law: str, count: int) -> None:
    numbered = [a for a in real_corpus.law_articles(law) if a.number > 0]
    assert len(numbered) == count
    assert [a.number for a in numbered] == list(range(1, count + 1))


def test_appendix_is_its_own_records(real_corpus: Corpus) -> None:
    appendix = [a for a in real_corpus.law_articles("女职工劳动保护特别规定") if a.number == 0]
    assert [a.label for a in appendix] == ["附录一", "附录二", "附录三", "附录四"]
    assert "经期禁忌从事的劳动范围" in appendix[1].text
    assert "冷水作业" in appendix[1].text


def test_article_record_fields(real_corpus: Corpus) -> None:
    a = real_corpus.article("中华人民共和国劳动合同法", 42)
    assert a.id == "劳动合同法#42" and a.label == "第四十二条" and a.level == "法律" and a.region == "全国"
    assert a.version == "2012年12月28日修正" and a.effective == "2008-01-01"
    assert a.chapter == "第四章 劳动合同的解除和终止"
    # 款 and 项 are kept; the in-text reference 本法第四十条 did not start a new article.
    assert "（四）女职工在孕期、产期、哺乳期的；" in a.text.splitlines()
    assert a.text.startswith("劳动者有下列情形之一的，用人单位不得依照本法第四十条、第四十一条的规定解除劳动合同")
    special = real_corpus.article("女职工劳动保护特别规定", 7)
    assert special.text.splitlines()[0].startswith("女职工生育享受98天产假")
    assert special.level == "行政法规"


def test_civil_code_parts_are_one_law(real_corpus: Corpus) -> None:
    assert real_corpus.article("民法典", 1010).chapter.startswith("人格权编")
    assert real_corpus.article("民法典", 7).chapter.startswith("总则")
    assert real_corpus.laws["民法典"].effective == "2021-01-01"


def test_regions_levels_and_repeals(real_corpus: Corpus) -> None:
    assert real_corpus.law("上海市人口与计划生育条例").region == "上海"
    assert real_corpus.law("云南省职工劳动权益保障条例").level == "地方性法规"
    assert real_corpus.law("最高人民法院关于审理劳动争议案件适用法律问题的解释（一）").level == "司法解释"
    assert real_corpus.article("劳动争议司法解释（一）", 32).status == "部分失效"
    assert real_corpus.repealed("合同法") is not None
    assert real_corpus.repealed("《女职工劳动保护规定》") is not None
    with pytest.raises(NotFoundError):
        real_corpus.article("劳动合同法", 99)
    with pytest.raises(NotFoundError):
        real_corpus.article("合同法", 52)


def test_cases_are_split_and_cite_articles(real_corpus: Corpus) -> None:
    titles = {c.title: c for c in real_corpus.cases}
    assert sum(1 for c in real_corpus.cases if "2024年北京市" in c.id) == 10
    case = titles["用人单位对“三期”女职工调岗应合法合理"]
    assert case.publisher == "北京市人力资源和社会保障局" and case.region == "北京"
    assert "劳动合同法#35" in case.cites
    single = titles["女工“三期”内，用人单位不得擅自调岗降薪"]
    assert single.facts.startswith("张女士") and single.result.startswith("裁决") and "劳动合同法#35" in single.cites


def test_malformed_file_names_file_and_line_and_others_still_load(tmp_path: Path, real_settings: Settings) -> None:
    root = tmp_path / "corpus"
    (root / "statutes" / "national").mkdir(parents=True)
    src = real_settings.corpus_dir / "statutes" / "national" / "lawrefbook__劳动合同法(2012-12-28).md"
    (root / "statutes" / "national" / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    bad = root / "statutes" / "national" / "labor_lawyer__坏文件.md"
    bad.write_text("---\ntitle: [未闭合\n---\n第一条 内容\n", encoding="utf-8")
    settings = real_settings.model_copy(update={"corpus_dir": root, "cards_dir": tmp_path / "no-cards"})
    corpus = load_corpus(settings)
    assert len(corpus.problems) == 1
    problem = corpus.problems[0]
    assert problem.path.endswith("labor_lawyer__坏文件.md") and problem.line >= 2
    assert len([a for a in corpus.articles.values() if a.law == "劳动合同法"]) == 98
    with pytest.raises(CorpusParseError):
        load_corpus(settings, strict=True)


def test_retirement_decision_and_its_measures_are_two_laws(real_corpus: Corpus) -> None:
    decision = real_corpus.law_articles("全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定")
    measures = real_corpus.law_articles("国务院关于渐进式延迟法定退休年龄的办法")
    # The decision's points 一 to 五 are its articles; the 办法's 第一条 to 第九条 are not the decision's.
    assert [a.label for a in decision] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert decision[0].text.startswith("同步启动延迟男、女职工的法定退休年龄")
    assert decision[4].text.startswith("本决定自2025年1月1日起施行")
    numbered = [a for a in measures if a.number > 0]
    assert [a.number for a in numbered] == list(range(1, 10))
    assert numbered[0].text.startswith("从2025年1月1日起，男职工和原法定退休年龄为五十五周岁的女职工")
    assert "每二个月延迟一个月" in numbered[0].text
    # The approved 办法 takes effect with the decision; its image-only tables leave just their titles.
    assert real_corpus.laws["国务院关于渐进式延迟法定退休年龄的办法"].effective == "2025-01-01"
    appendix = [a for a in measures if a.number == 0]
    assert [a.label for a in appendix] == ["附件"] and "![" not in appendix[0].text
    assert real_corpus.resolve_law("延迟退休办法") == "国务院关于渐进式延迟法定退休年龄的办法"


def test_card_conditions_name_real_facts() -> None:
    from dataclasses import fields

    from assistant.answering.facts import Facts
    from assistant.corpus.cards import FACT_NAMES

    # A fact is a field, or a property computed from fields (weekly_work_hours = hours a day × days a week).
    derived = {n for n in dir(Facts) if isinstance(getattr(Facts, n), property)}
    assert {f.name for f in fields(Facts)} | derived >= FACT_NAMES
