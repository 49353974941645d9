from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from nlp_service.pipeline import Analyzer
from nlp_service.api.deps import analyzer, off_loop, require_json
from nlp_service.api.requests import AnalyzeRequest
from nlp_service.schemas import AnalysisResult

router = APIRouter(tags=["analysis"], dependencies=[Depends(require_json)])


@router.post("/v1/analyze", response_model=AnalysisResult, summary="Section, topics and summary of an article")
async def analyze(body: AnalyzeRequest, request: Request, models: Analyzer = Depends(analyzer)) -> AnalysisResult:
    return await off_loop(request, lambda: models.analyze(
        body.text, body.title, body.summary_sentences, body.all_scores, summary_ratio=body.summary_ratio,
        summary_max_chars=body.summary_max_chars, summary_method=body.summary_method))
