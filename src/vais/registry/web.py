"""Server-rendered web UI (no JavaScript): home with search, search results, package pages.

Templates autoescape everything; README Markdown is rendered with raw HTML disabled, so a README
cannot inject markup or scripts, and only http(s) links from manifests become anchors.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from vais.registry.errors import ApiError

_HERE = Path(__file__).resolve().parent
_TEMPLATES = Environment(loader=FileSystemLoader(_HERE / "templates"), autoescape=select_autoescape(default=True))
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str) -> Markup:
    """Markdown to HTML with raw HTML escaped and unsafe link schemes (javascript:, data:) dropped."""
    return Markup(_MARKDOWN.render(text))  # markdown-it escapes all text when html=False


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_TEMPLATES.get_template(name).render(**context), status_code=status)


def error_page(status: int, message: str, registry_name: str) -> HTMLResponse:
    return render("error.html", status, status=status, message=message, registry_name=registry_name)


Page = Callable[[Request, Any], HTMLResponse]


def page(handler: Page) -> Callable[[Request], Awaitable[Response]]:
    async def run(request: Request) -> Response:
        registry = request.app.state.registry
        try:
            return await run_in_threadpool(handler, request, registry)
        except ApiError as exc:
            return error_page(exc.status, exc.message, registry.settings.registry_name)

    return run


def home(request: Request, registry: Any) -> HTMLResponse:
    popular = registry.packages.listing(1, 10, "downloads")
    recent = registry.packages.listing(1, 10, "recent")
    return render("home.html", registry_name=registry.settings.registry_name, total=popular.total,
                  popular=popular.items, recent=recent.items)


def search(request: Request, registry: Any) -> HTMLResponse:
    query = request.query_params.get("q", "")
    try:
        number = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        number = 1
    result = registry.packages.search(query, number, 20)
    return render("search.html", registry_name=registry.settings.registry_name, query=query,
                  page=result.to_json())


def package(request: Request, registry: Any) -> HTMLResponse:
    detail = registry.packages.package_detail(request.path_params["name"])
    wanted = request.path_params.get("version", detail["max_version"])
    shown = next((v for v in detail["versions"] if v["version"] == wanted), None)
    if shown is None:
        raise ApiError(404, "not_found", f"{detail['name']} has no version {wanted}")
    readme = detail["readme"] if "version" not in request.path_params else \
        registry.packages.version_detail(detail["name"], wanted)["readme"]
    links = [(label, detail[key]) for label, key in (("Repository", "repository"), ("Homepage", "homepage"))
             if urlparse(detail[key]).scheme in ("http", "https")]
    return render("package.html", registry_name=registry.settings.registry_name, pkg=detail, shown=shown,
                  readme_html=render_markdown(readme) if readme else None, safe_links=links)


ROUTES = [
    Route("/", page(home), methods=["GET"]),
    Route("/search", page(search), methods=["GET"]),
    Route("/packages/{name}", page(package), methods=["GET"]),
    Route("/packages/{name}/{version}", page(package), methods=["GET"]),
    Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
]
