"""Routes of the pages and of the API docs, which load only the vendored assets."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Template

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = "/ui/static/vendor"

# The pages may load only what this service serves: a vendored bundle that names another host (Redoc's
# sidebar logo does) is refused by the browser instead of reaching out. Inline scripts: FastAPI's docs pages.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

router = APIRouter(include_in_schema=False)


# The pages: path, title and script of each. One shell (head, header, key form, scripts) holds each page's <main>,
# so the pages cannot drift apart; the navigation lists them in this order and marks the open one.
PAGES = {"editor": ("/ui/", "Biên tập nhãn", "Biên tập"), "dashboard": ("/ui/dashboard", "Thống kê chủ đề", "Thống kê")}


@cache
def page_html(name: str) -> str:
    """The whole page ``name``: the shell around ``static/<name>.main.html``, built once."""
    current = ' aria-current="page"'
    nav = "".join(f'<a href="{path}"{current if key == name else ""}>{label}</a>'
                  for key, (path, _, label) in PAGES.items())
    shell = Template((STATIC / "shell.html").read_text(encoding="utf-8"))
    return shell.substitute(title=PAGES[name][1], nav=nav, script=f"{name}.js",
                            main=(STATIC / f"{name}.main.html").read_text(encoding="utf-8").rstrip("\n"))


def _page(name: str) -> HTMLResponse:
    return HTMLResponse(page_html(name), headers=HEADERS)


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
async def editor() -> HTMLResponse:
    return _page("editor")


@router.get("/ui/dashboard")
async def dashboard() -> HTMLResponse:
    return _page("dashboard")


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
