from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from nlp_service.pipeline import Analyzer
from nlp_service.api.deps import analyzer, off_loop, require_json
from nlp_service.api.problems import responses
from nlp_service.api.requests import AnalyzeBatchRequest, AnalyzeRequest
from nlp_service.batch_items import BatchResult, analyze_batch
from nlp_service.schemas import AnalysisResult

router = APIRouter(tags=["analysis"], dependencies=[Depends(require_json)],
                   responses=responses(400, 413, 415, 422, 503, 504))


@router.post("/v1/analyze", response_model=AnalysisResult, summary="Section, topics and summary of an article")
async def analyze(body: AnalyzeRequest, request: Request, models: Analyzer = Depends(analyzer)) -> AnalysisResult:
    return await off_loop(request, lambda deadline: models.analyze(
        body.text, body.title, body.summary_sentences, body.all_scores, summary_ratio=body.summary_ratio,
        summary_max_chars=body.summary_max_chars, summary_method=body.summary_method, include_text=body.include_text,
        deadline=deadline))


@router.post("/v1/analyze/batch", response_model=BatchResult,
             summary="Analyze many articles at once; each item gets its result or its own problem")
async def analyze_many(body: AnalyzeBatchRequest, request: Request, models: Analyzer = Depends(analyzer)) -> BatchResult:
    return await off_loop(request, lambda deadline: analyze_batch(
        models.analyze_many, body.items, request.app.state.settings.analyze_batch_max_items,
        summary_sentences=body.summary_sentences, summary_ratio=body.summary_ratio,
        summary_max_chars=body.summary_max_chars, summary_method=body.summary_method, all_scores=body.all_scores))
