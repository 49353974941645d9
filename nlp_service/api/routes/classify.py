from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from nlp_service.pipeline import Analyzer
from nlp_service.api.deps import analyzer, off_loop, require_json
from nlp_service.api.problems import responses
from nlp_service.api.requests import ClassifyRequest
from nlp_service.schemas import ClassificationResult

router = APIRouter(tags=["analysis"], dependencies=[Depends(require_json)],
                   responses=responses(400, 413, 415, 422, 503, 504))


@router.post("/v1/classify", response_model=ClassificationResult, summary="Section and topics of an article")
async def classify(body: ClassifyRequest, request: Request, models: Analyzer = Depends(analyzer)) -> ClassificationResult:
    return await off_loop(request, lambda deadline: models.classify(
        body.text, body.title, body.all_scores, deadline=deadline))
