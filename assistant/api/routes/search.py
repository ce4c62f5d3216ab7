"""GET /v1/search, /v1/laws and /v1/laws/{law}/articles/{n}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from assistant.api.deps import Caller, Loaded
from assistant.api.models import ArticleOut, ErrorOut, HitOut, LawOut, SearchOut
from assistant.api.serialize import article_out, law_out
from assistant.cli.search_cmd import hit_json
from assistant.records import LEVELS
from assistant.retrieval.retriever import Filters

router = APIRouter(prefix="/v1", tags=["检索"])
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 404, 422, 429)}


@router.get("/search", response_model=SearchOut, responses=ERRORS, summary="检索法条、案例和解读")
def search(
    _: Caller,
    rt: Loaded,
    q: Annotated[str, Query(min_length=1, max_length=2000, description="问题或关键词")],
    k: Annotated[int, Query(ge=1, le=100, description="返回条数")] = 10,
    region: Annotated[str | None, Query(max_length=20, description="地区，如 上海")] = None,
    law: Annotated[str | None, Query(max_length=100, description="只看某部法规")] = None,
    level: Annotated[str | None, Query(max_length=10, description="效力层级：" + "/".join(LEVELS))] = None,
) -> SearchOut:
    """Ranked articles, cases and cards, exact article references first."""
    result = rt.retriever.search(q, k=k, filters=Filters(law=law, level=level, region=region))
    return SearchOut(
        query=result.query.text,
        region=region or result.query.region,
        mode=rt.mode,
        hits=[HitOut.model_validate(hit_json(h)) for h in result.hits],
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
    law: Annotated[str, Path(max_length=100, description="法规名称或简称，如 劳动合同法")],
    n: Annotated[int, Path(ge=0, le=100000, description="条号（阿拉伯数字）")],
) -> ArticleOut:
    """One article verbatim, by law name (any alias) and number."""
    return article_out(rt.corpus.article(law, n))
