"""Dashboard counts: articles per topic or section per day, week or month."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from nlp_service.api import auth
from nlp_service.api.deps import in_thread, store
from nlp_service.store import ArticleStore, StatsQuery, StatsResult

router = APIRouter(tags=["stats"])
Store = Annotated[ArticleStore, Depends(store)]
Reader = Annotated[auth.Principal, Depends(auth.reader)]


@router.get("/v1/stats/topics", response_model=StatsResult,
            summary="Articles per topic per bucket (since inclusive, until exclusive)")
async def topic_stats(query: Annotated[StatsQuery, Query()], who: Reader, db: Store) -> StatsResult:
    return await in_thread(lambda: db.topic_stats(query))


@router.get("/v1/stats/sections", response_model=StatsResult,
            summary="Articles per section per bucket (since inclusive, until exclusive)")
async def section_stats(query: Annotated[StatsQuery, Query()], who: Reader, db: Store) -> StatsResult:
    return await in_thread(lambda: db.section_stats(query))
