"""Many documents in one HTTP call (``POST /v1/analyze/batch``): each item gets its result or its own problem.

An item is checked on its own (a JSON object with a ``text`` string, an optional ``title`` string and an
optional ``id`` string or integer echoed back), so one bad item never fails the others. The summary budget
is checked once, for the whole batch, before any item is analyzed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nlp_service.summarize.budget import Budget
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


def analyze_batch(analyze: Callable[..., AnalysisResult], items: list[Any], max_items: int, *,
                  summary_sentences: int | None = None, summary_ratio: float | None = None,
                  summary_max_chars: int | None = None, summary_method: str | None = None,
                  all_scores: bool = False) -> BatchResult:
    """Analyze each of ``items`` with ``analyze`` (:meth:`nlp_service.Analyzer.analyze`), in order."""
    if not items:
        raise InvalidQuery("items is empty: send at least one document")
    if len(items) > max_items:
        raise InvalidQuery(f"{len(items):,} items; the limit is {max_items:,} (NLP_SERVICE_ANALYZE_BATCH_MAX_ITEMS)")
    Budget.of(summary_sentences, summary_ratio, summary_max_chars)  # a bad budget fails the batch, once
    out: list[BatchItemOut] = []
    for index, raw in enumerate(items):
        item_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), (str, int)) else None
        try:
            item = BatchItem.model_validate(raw)
            result = analyze(item.text, item.title, summary_sentences, all_scores, summary_ratio=summary_ratio,
                             summary_max_chars=summary_max_chars, summary_method=summary_method)
            out.append(BatchItemOut(index=index, id=item.id, result=result))
        except ValidationError as exc:
            problem = ItemProblem(title="Invalid request", status=422, detail=_invalid(exc))
            out.append(BatchItemOut(index=index, id=item_id, problem=problem))
        except NlpServiceError as exc:
            problem = ItemProblem(title=exc.title, status=exc.status, detail=str(exc) or exc.title)
            out.append(BatchItemOut(index=index, id=item_id, problem=problem))
    failed = sum(1 for item in out if item.problem is not None)
    return BatchResult(items=out, analyzed=len(out) - failed, failed=failed)
