"""Who the caller's key is: the pages ask, to show read-only views to reader keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from nlp_service.api import auth
from nlp_service.api.problems import responses

router = APIRouter(tags=["store"])


class Me(BaseModel):
    role: str = Field(description="editor or reader", examples=["editor"])
    who: str = Field(description="what corrections record: the key's fingerprint, or 'loopback' without keys")


@router.get("/v1/me", response_model=Me, responses=responses(401, 403, 503),
            summary="The role of the API key sent (401 without a valid one)")
async def whoami(principal: Annotated[auth.Principal, Depends(auth.reader)]) -> Me:
    return Me(role=principal.role, who=principal.who)
