from __future__ import annotations

from fastapi import APIRouter, Request

from nlp_service.schemas import LabelInfo, Labels

router = APIRouter(tags=["labels"])


@router.get("/v1/labels", response_model=Labels,
            summary="Section and topic ids, names and descriptions; the topics are the loaded topics model's")
async def labels(request: Request) -> Labels:
    taxonomy = request.app.state.taxonomy

    def info(label, threshold=None) -> LabelInfo:
        return LabelInfo(id=label.id, name=label.name, description=label.description, threshold=threshold)

    return Labels(sections=[info(s) for s in taxonomy.sections],
                  topics=[info(t, taxonomy.thresholds.get(t.id)) for t in taxonomy.topics])
