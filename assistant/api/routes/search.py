"""GET /v1/search, /v1/laws and /v1/laws/{law}/articles/{n}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from assistant.api.deps import Caller, Loaded
from assistant.api.models import ArticleOut, ErrorOut, HitOut, LawOut, SearchOut
from assistant.api.params import Region, article_number, int_in_range, range_schema
from assistant.api.serialize import article_out, law_out
from assistant.records import LEVELS
from assistant.retrieval.jsonshape import hit_json
from assistant.retrieval.retriever import Filters

router = APIRouter(prefix="/v1", tags=["检索"])
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 404, 422, 429)}


MAX_K = 100  # the ranking is this deep; pages walk through it with offset


@router.get("/search", response_model=SearchOut, responses=ERRORS, summary="检索法条、案例和解读")
def search(
    _: Caller,
    rt: Loaded,
    q: Annotated[str, Query(min_length=1, max_length=2000, description="问题或关键词",
                            examples=["怀孕了公司要给我降薪合法吗"])],
    k: Annotated[int, Query(description=f"每页条数（1–{MAX_K}）", json_schema_extra=range_schema(1, MAX_K),
                            examples=[10]), int_in_range(1, MAX_K)] = 10,
    offset: Annotated[int, Query(description=f"从排序的第几条开始（0–{MAX_K - 1}，翻页用上一页的 next_offset）",
                                 json_schema_extra=range_schema(0, MAX_K - 1), examples=[0]),
                      int_in_range(0, MAX_K - 1)] = 0,
    region: Annotated[Region, Query(description="地区，如 上海、昆明；未知地区返回 422",
                                    examples=["上海"])] = None,
    law: Annotated[str | None, Query(max_length=100, description="只看某部法规", examples=["劳动合同法"])] = None,
    level: Annotated[str | None, Query(max_length=10, description="效力层级：" + "/".join(LEVELS),
                                      examples=["法律"])] = None,
) -> SearchOut:
    """Ranked articles, cases and cards, exact article references first; `offset` pages through the ranking."""
    depth = min(MAX_K, offset + k)
    result = rt.retriever.search(q, k=depth, filters=Filters(law=law, level=level, region=region))
    page = result.hits[offset:offset + k]
    more = len(result.hits) == depth and depth < MAX_K
    return SearchOut(
        query=result.query.text,
        region=region or result.query.region,
        mode=rt.mode,
        hits=[HitOut.model_validate(hit_json(h)) for h in page],
        offset=offset,
        k=k,
        next_offset=depth if more else None,
    )


@router.get("/laws", response_model=list[LawOut], responses=ERRORS, summary="语料库中的法规")
def laws(_: Caller, rt: Loaded) -> list[LawOut]:
    """Every law in the corpus with its level, region, version and article count."""
    counts: dict[str, int] = {}
    for a in rt.corpus.articles.values():
        if a.number > 0:
            counts[a.law] = counts.get(a.law, 0) + 1
    return [law_out(law, counts.get(law.title, 0)) for law in rt.corpus.laws.values()]


@router.get(
    "/laws/{law}/articles/{n}", response_model=ArticleOut, responses=ERRORS, summary="查看一条法条原文"
)
def article(
    _: Caller,
    rt: Loaded,
    law: Annotated[str, Path(max_length=100, description="法规名称或简称，如 劳动合同法", examples=["劳动合同法"])],
    n: Annotated[str, Path(max_length=20, description="条号：42、四十二 或 第四十二条",
                           examples=["42", "四十二"])],
) -> ArticleOut:
    """One article verbatim, by law name (any alias) and number (Arabic or Chinese numerals)."""
    return article_out(rt.corpus.article(law, article_number(n)))
