from __future__ import annotations

from fastapi import APIRouter, Request

from nlp_service.api.deps import in_thread
from nlp_service.api.problems import problem, responses
from nlp_service.errors import StoreUnavailable

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process answers")
async def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz", summary="The models are loaded and the article store takes writes (503 until then)",
            responses=responses(503))
async def readyz(request: Request):
    holder = request.app.state.models
    retry = {"Retry-After": str(request.app.state.settings.retry_after)}
    if not holder.ready:
        if holder.error:
            return problem(503, f"the models failed to load: {holder.error}", "Models failed to load", retry)
        return problem(503, "the models are still loading", "Models not loaded", retry)
    try:
        await in_thread(request, request.app.state.store.check, "answer")
    except StoreUnavailable as exc:
        return problem(503, str(exc), exc.title, retry)
    return {"status": "ready", "models": holder.get().versions}
