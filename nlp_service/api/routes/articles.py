"""The article store: ingest, list, read, delete and correct articles. Writes need an editor key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from nlp_service.pipeline import Analyzer
from nlp_service.api import auth
from nlp_service.api.deps import analyzer, in_thread, off_loop, require_json, single_valued_query, store
from nlp_service.api.problems import responses
from nlp_service.store import (
    ArticleIn,
    ArticlePage,
    ArticleQuery,
    ArticleStore,
    CorrectionOut,
    LabelCorrection,
    ReviewPage,
    StoredArticle,
)
from nlp_service.store.models import MAX_ID

router = APIRouter(tags=["articles"], dependencies=[Depends(single_valued_query)])
Store = Annotated[ArticleStore, Depends(store)]
Editor = Annotated[auth.Principal, Depends(auth.editor)]
Reader = Annotated[auth.Principal, Depends(auth.reader)]
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID, description="the article's id")]
READ = responses(401, 403, 422, 503)
ONE = responses(401, 403, 404, 422, 503)


@router.post("/v1/articles", status_code=201, response_model=StoredArticle, dependencies=[Depends(require_json)],
             summary="Analyze an article and store it (201); the same external_id again updates it (200)",
             responses={200: {"model": StoredArticle, "description": "the article with this external_id, updated"},
                        **responses(400, 401, 403, 413, 415, 422, 503, 504)})
async def post_article(body: ArticleIn, request: Request, response: Response, who: Editor, db: Store,
                       models: Analyzer = Depends(analyzer)) -> StoredArticle:
    # Analysis takes an analysis worker, the write a store slot: a stuck database never holds up analysis.
    result = await off_loop(request, lambda deadline: models.analyze(
        body.text, body.title, db.settings.store_summary_sentences, include_text=True, deadline=deadline))
    saved = await in_thread(request, lambda: db.save(body.analyzed(result), result), "write")
    if saved.created:
        response.headers["Location"] = f"/v1/articles/{saved.article.id}"
    else:
        response.status_code = 200
    return saved.article


@router.get("/v1/articles", response_model=ArticlePage, responses=READ,
            summary="Stored articles, newest first (published_at, else created_at), a page at a time")
async def list_articles(query: Annotated[ArticleQuery, Query()], request: Request, who: Reader,
                        db: Store) -> ArticlePage:
    return await in_thread(request, lambda: db.list(query), "read")


@router.get("/v1/articles/{article_id}", response_model=StoredArticle, responses=ONE, summary="One stored article")
async def get_article(article_id: ArticleId, request: Request, who: Reader, db: Store) -> StoredArticle:
    return await in_thread(request, lambda: db.get(article_id), "read")


@router.delete("/v1/articles/{article_id}", status_code=204, response_class=Response, responses=ONE,
               summary="Delete an article with its topics and corrections")
async def delete_article(article_id: ArticleId, request: Request, who: Editor, db: Store) -> Response:
    await in_thread(request, lambda: db.delete(article_id), "write")
    return Response(status_code=204)


@router.patch("/v1/articles/{article_id}/labels", response_model=StoredArticle, dependencies=[Depends(require_json)],
              responses=responses(400, 401, 403, 404, 415, 422, 503),
              summary="Correct an article's topics and/or section; kept with its history and served from then on")
async def correct_labels(article_id: ArticleId, body: LabelCorrection, request: Request, who: Editor,
                         db: Store) -> StoredArticle:
    return await in_thread(request, lambda: db.correct(article_id, body, editor=who.who), "write")


@router.get("/v1/articles/{article_id}/corrections", response_model=list[CorrectionOut], responses=ONE,
            summary="The editor corrections of an article, oldest first")
async def list_corrections(article_id: ArticleId, request: Request, who: Reader, db: Store) -> list[CorrectionOut]:
    return await in_thread(request, lambda: db.corrections(article_id), "read")


@router.get("/v1/review", response_model=ReviewPage, responses=READ,
            summary="Stored articles no editor has labelled, the most doubtful first (an assigned topic's score "
                    "nearest its threshold)")
async def review_queue(request: Request, who: Reader, db: Store,
                       limit: Annotated[int, Query(ge=1, description="articles to return")] = 20) -> ReviewPage:
    thresholds = request.app.state.taxonomy.thresholds
    return await in_thread(request, lambda: db.review_queue(thresholds, limit), "read")
