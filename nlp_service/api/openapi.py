"""The OpenAPI document tells the truth: the Bearer scheme of the store routes, and the bounds that are
settings (page size, summary sentences, q length) as this app's settings have them."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from nlp_service.api.problems import Problem
from nlp_service.settings import Settings

BEARER = "bearerAuth"
SECURED = ("/v1/articles", "/v1/stats", "/v1/review", "/v1/me")


def _bounds(settings: Settings) -> dict[str, dict[str, dict]]:
    """Where each bound goes: schema (or ``parameters``) → field → JSON-schema keywords."""
    summary = {"minimum": 1, "maximum": settings.max_summary_sentences}
    title = {"title": {"maxLength": settings.max_title_chars}}
    return {
        "parameters": {"limit": {"minimum": 1, "maximum": settings.list_max_limit},
                       "q": {"maxLength": settings.search_max_chars}},
        "AnalyzeRequest": {"summary_sentences": summary, **title},
        "SummarizeRequest": {"sentences": summary, **title},
        "ClassifyRequest": title,
    }


def _bound(schema: dict, extra: dict) -> None:
    """Put ``extra`` on the integer or string branch of ``schema`` (which may be an anyOf with null)."""
    wanted = "integer" if "maximum" in extra else "string"
    for branch in schema.get("anyOf", [schema]):
        if branch.get("type") == wanted:
            branch.update(extra)


def install(app: FastAPI, settings: Settings) -> None:
    bounds = _bounds(settings)

    def document() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = doc.setdefault("components", {})
        components.setdefault("schemas", {})["Problem"] = Problem.model_json_schema()
        components["securitySchemes"] = {BEARER: {"type": "http", "scheme": "bearer",
                                                  "description": "an API key from NLP_SERVICE_API_KEYS"}}
        for path, operations in doc["paths"].items():
            for operation in operations.values():
                if path.startswith(SECURED):
                    operation["security"] = [{BEARER: []}]
                for parameter in operation.get("parameters", []):
                    if parameter["name"] in bounds["parameters"]:
                        _bound(parameter["schema"], bounds["parameters"][parameter["name"]])
        for name, schema in components["schemas"].items():
            for field, extra in bounds.get(name, {}).items():
                _bound(schema["properties"][field], extra)
        app.openapi_schema = doc
        return doc

    app.openapi = document
