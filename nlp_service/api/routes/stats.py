"""Dashboard counts: articles per topic or section per day, week or month."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import Field

from nlp_service.api import auth
from nlp_service.api.deps import in_thread, single_valued_query, store
from nlp_service.api.problems import responses
from nlp_service.store import ArticleStore, StatsQuery, StatsResult
from nlp_service.store.stats import to_csv

router = APIRouter(tags=["stats"], dependencies=[Depends(single_valued_query)])
Store = Annotated[ArticleStore, Depends(store)]
Reader = Annotated[auth.Principal, Depends(auth.reader)]
CSV = {200: {"content": {"text/csv": {}}, "description": "the buckets (format=json) or the same as CSV (format=csv)"}}


class StatsParams(StatsQuery):
    format: Literal["json", "csv"] = Field("json", description="json, or csv: a start column and one column per label")

    def query(self) -> StatsQuery:
        return StatsQuery.model_validate(self.model_dump(exclude={"format"}, exclude_unset=True))


def _answer(result: StatsResult, fmt: str, name: str) -> StatsResult | Response:
    if fmt == "csv":
        return Response(to_csv(result), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}-{result.interval}.csv"'})
    return result


ANSWERS = {**CSV, **responses(401, 403, 422, 503)}


@router.get("/v1/stats/topics", response_model=StatsResult, responses=ANSWERS,
            summary="Articles per topic per bucket (since inclusive, until exclusive)")
async def topic_stats(params: Annotated[StatsParams, Query()], request: Request, who: Reader, db: Store):
    return _answer(await in_thread(request, lambda: db.topic_stats(params.query()), "read"), params.format, "topics")


@router.get("/v1/stats/sections", response_model=StatsResult, responses=ANSWERS,
            summary="Articles per section per bucket (since inclusive, until exclusive)")
async def section_stats(params: Annotated[StatsParams, Query()], request: Request, who: Reader, db: Store):
    return _answer(await in_thread(request, lambda: db.section_stats(params.query()), "read"), params.format,
                   "sections")
