from __future__ import annotations

from fastapi import APIRouter

from nlp_service.labels import SECTIONS, TOPICS
from nlp_service.schemas import LabelInfo, Labels

router = APIRouter(tags=["labels"])


@router.get("/v1/labels", response_model=Labels, summary="Section and topic ids, names and descriptions")
async def labels() -> Labels:
    def info(label) -> LabelInfo:
        return LabelInfo(id=label.id, name=label.name, description=label.description)

    return Labels(sections=[info(s) for s in SECTIONS], topics=[info(t) for t in TOPICS])
