"""Many documents in one HTTP call (``POST /v1/analyze/batch``): each item gets its result or its own problem.

An item is checked on its own (a JSON object with a ``text`` string, an optional ``title`` string and an
optional ``id`` string or integer echoed back), so one bad item never fails the others. The summary budget
is checked once, for the whole batch, before any item is analyzed; the good items are analyzed together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nlp_service.errors import InvalidQuery, NlpServiceError
from nlp_service.schemas import AnalysisResult


class BatchItem(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    text: str
    title: str | None = None
    id: str | int | None = None


class ItemProblem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str


class BatchItemOut(BaseModel):
    index: int = Field(description="position of the item in the request, from 0")
    id: str | int | None = Field(None, description="the item's id, when it gave one")
    result: AnalysisResult | None = Field(None, description="the analysis; null when the item failed")
    problem: ItemProblem | None = Field(None, description="why the item failed (problem details); null on success")


class BatchResult(BaseModel):
    items: list[BatchItemOut]
    analyzed: int
    failed: int


def _invalid(error: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in error.errors())


def analyze_batch(analyze_many: Callable[..., list], items: list[Any], max_items: int, *,
                  summary_sentences: int | None = None, summary_ratio: float | None = None,
                  summary_max_chars: int | None = None, summary_method: str | None = None,
                  all_scores: bool = False) -> BatchResult:
    """Check each of ``items``, then analyze the good ones together with ``analyze_many``
    (:meth:`nlp_service.Analyzer.analyze_many`, which scores the models for all documents at once)."""
    if not items:
        raise InvalidQuery("items is empty: send at least one document")
    if len(items) > max_items:
        raise InvalidQuery(f"{len(items):,} items; the limit is {max_items:,} (NLP_SERVICE_ANALYZE_BATCH_MAX_ITEMS)")
    out: list[BatchItemOut | None] = [None] * len(items)
    good: list[tuple[int, BatchItem]] = []
    for index, raw in enumerate(items):
        try:
            good.append((index, BatchItem.model_validate(raw)))
        except ValidationError as exc:
            item_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), (str, int)) else None
            out[index] = BatchItemOut(index=index, id=item_id,
                                      problem=ItemProblem(title="Invalid request", status=422, detail=_invalid(exc)))
    # A bad budget raises here, for the whole batch, before anything is analyzed.
    results = analyze_many([(item.text, item.title) for _, item in good], summary_sentences, all_scores,
                           summary_ratio=summary_ratio, summary_max_chars=summary_max_chars,
                           summary_method=summary_method)
    for (index, item), result in zip(good, results):
        if isinstance(result, NlpServiceError):
            problem = ItemProblem(title=result.title, status=result.status, detail=str(result) or result.title)
            out[index] = BatchItemOut(index=index, id=item.id, problem=problem)
        else:
            out[index] = BatchItemOut(index=index, id=item.id, result=result)
    failed = sum(1 for item in out if item.problem is not None)
    return BatchResult(items=out, analyzed=len(out) - failed, failed=failed)
