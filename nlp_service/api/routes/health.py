from __future__ import annotations

from fastapi import APIRouter, Request

from nlp_service.api.problems import problem

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process answers")
async def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz", summary="The models are loaded (503 until then)", responses={503: {"description": "not ready"}})
async def readyz(request: Request):
    holder = request.app.state.models
    if holder.ready:
        return {"status": "ready", "models": holder.get().versions}
    if holder.error:
        return problem(503, f"the models failed to load: {holder.error}", "Models failed to load")
    return problem(503, "the models are still loading", "Models not loaded")
