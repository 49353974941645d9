"""Routes of the pages and of the API docs, which load only the vendored assets."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = "/ui/static/vendor"

# The pages may load only what this service serves: a vendored bundle that names another host (Redoc's
# sidebar logo does) is refused by the browser instead of reaching out. Inline scripts: FastAPI's docs pages.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

router = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC / name, media_type="text/html", headers=HEADERS)


def _guarded(response: HTMLResponse) -> HTMLResponse:
    response.headers.update(HEADERS)
    return response


@router.get("/")
async def root() -> RedirectResponse:
    return RedirectResponse("/ui/", status_code=307)


@router.get("/ui")
async def ui_no_slash() -> RedirectResponse:
    return RedirectResponse("/ui/", status_code=307)


@router.get("/ui/")
async def editor() -> FileResponse:
    return _page("editor.html")


@router.get("/ui/dashboard")
async def dashboard() -> FileResponse:
    return _page("dashboard.html")


@router.get("/docs")
async def swagger(request: Request) -> HTMLResponse:
    return _guarded(get_swagger_ui_html(openapi_url=request.app.openapi_url, title=f"{request.app.title} — API",
                               swagger_js_url=f"{VENDOR}/swagger-ui-dist/swagger-ui-bundle.js",
                               swagger_css_url=f"{VENDOR}/swagger-ui-dist/swagger-ui.css",
                               swagger_favicon_url=f"{VENDOR}/swagger-ui-dist/favicon-32x32.png"))


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    return _guarded(get_redoc_html(openapi_url=request.app.openapi_url, title=f"{request.app.title} — API",
                          redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js",
                          redoc_favicon_url=f"{VENDOR}/swagger-ui-dist/favicon-32x32.png", with_google_fonts=False))
