"""Request parameters checked alike on every route: a bounded integer, a region, an article number.

Each failure is a pydantic error with a finished Chinese message (the one error handler names the field),
so a developer reads the allowed range or the known regions in the 422 itself."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

from assistant.corpus.numerals import parse_article_number
from assistant.errors import InvalidInputError
from assistant.retrieval.normalize import UNKNOWN_REGION, resolve_region


def int_in_range(lo: int, hi: int) -> BeforeValidator:
    """A validator that reads an integer from lo to hi; any other value says the range."""

    def check(value: Any) -> int:
        try:
            number = int(str(value).strip()) if not isinstance(value, bool) else None
        except ValueError:
            number = None
        if number is None or not lo <= number <= hi:
            raise PydanticCustomError("out_of_range", "{reason}", {"reason": f"应为 {lo} 到 {hi} 之间的整数"})
        return number

    return BeforeValidator(check)


def range_schema(lo: int, hi: int) -> dict[str, Any]:
    """The OpenAPI bounds of an int_in_range parameter."""
    return {"minimum": lo, "maximum": hi}


def _region(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return resolve_region(value)
    except InvalidInputError:
        raise PydanticCustomError("unknown_region", "{reason}", {"reason": UNKNOWN_REGION}) from None


# 上海, 上海市, 昆明 (→ 云南) or 全国/empty (→ none); an unknown place is a 422 listing the known regions.
# The length is checked before the name is resolved (the resolved value may be None).
Region = Annotated[Annotated[str, StringConstraints(max_length=20)] | None, AfterValidator(_region)]


def article_number(text: str) -> int:
    """The article number of a path segment (42, 四十二, 第四十二条); InvalidInputError naming `n` otherwise."""
    try:
        return parse_article_number(text)
    except ValueError:
        raise InvalidInputError("路径参数「n」应为条号，如 42、四十二 或 第四十二条", field="n") from None
