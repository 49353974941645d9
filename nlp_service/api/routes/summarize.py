from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from nlp_service.pipeline import Analyzer
from nlp_service.api.deps import analyzer, off_loop, require_json
from nlp_service.api.problems import responses
from nlp_service.api.requests import SummarizeRequest
from nlp_service.schemas import SummaryResult

router = APIRouter(tags=["analysis"], dependencies=[Depends(require_json)],
                   responses=responses(400, 413, 415, 422, 503, 504))


@router.post("/v1/summarize", response_model=SummaryResult, summary="Extractive summary of an article")
async def summarize(body: SummarizeRequest, request: Request, models: Analyzer = Depends(analyzer)) -> SummaryResult:
    return await off_loop(request, lambda deadline: models.summarize(
        body.text, body.title, body.sentences, ratio=body.ratio, max_chars=body.max_chars, method=body.method,
        deadline=deadline))
