"""The browser pages: the editor (``/ui/``), the dashboard (``/ui/dashboard``) and offline API docs.

Plain HTML, a small script per page and vendored Swagger UI and Redoc (``static/vendor/LICENSES.md``),
all shipped as package data and served by the app, so nothing is fetched from another host.
"""

from nlp_service.ui.routes import STATIC, router

__all__ = ["STATIC", "router"]
