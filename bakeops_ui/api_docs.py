"""The REST API's /docs (Swagger UI) and /redoc, with every file they load served by the app: they work offline.

Swagger UI and ReDoc come from the fastapi-offline package's data files (a locked PyPI dependency; nothing is
fetched from a CDN, which the app's Content-Security-Policy would block and a bakery's server may not reach).
The two pages get a stricter policy than the rest of the app: scripts from this origin only, no inline script
and no eval. Swagger UI's start-up is therefore a static file (docs_static/swagger-init.js) that reads its
settings from a JSON data block in the page, which a browser never executes; ReDoc needs no start-up script.
Both libraries inject their own <style> elements, so styles keep 'unsafe-inline' (styles cannot run code).
"""

import html
import json
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_oauth2_redirect_html, swagger_ui_default_parameters
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
# Under /docs, so `bakeops serve`'s fast lane hands these files to the REST app like the pages themselves.
ASSETS_URL = "/docs/assets"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
LIBRARIES = Path(fastapi_offline.__file__).parent / "static"
OWN_FILES = Path(__file__).parent / "docs_static"
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'; object-src 'none'"
)


def install_docs(api: FastAPI) -> None:
    """Add /docs, /redoc and their files to `api`, which was made with docs_url=None and redoc_url=None."""
    files = StaticFiles(directory=LIBRARIES)
    own = StaticFiles(directory=OWN_FILES)
    api.mount(ASSETS_URL + "/bakeops", GZipMiddleware(own), name="docs-own-assets")
    api.mount(ASSETS_URL, GZipMiddleware(files, compresslevel=6), name="docs-assets")

    @api.get(DOCS_URL, include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return _strict(HTMLResponse(_swagger_page(api)))

    @api.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @api.get(REDOC_URL, include_in_schema=False)
    def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=api.openapi_url or "/openapi.json",
            title=f"{api.title} - ReDoc",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
        return _strict(page)


def _swagger_page(api: FastAPI) -> str:
    settings = swagger_ui_default_parameters | (api.swagger_ui_parameters or {})
    settings |= {"url": api.openapi_url or "/openapi.json", "oauth2RedirectPath": OAUTH2_REDIRECT_URL}
    # "</" would end the data block early; JSON allows it escaped.
    settings_json = json.dumps(settings).replace("</", "<\\/")
    title = html.escape(f"{api.title} - Swagger UI")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
<link rel="icon" href="{ASSETS_URL}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script type="application/json" id="swagger-settings">{settings_json}</script>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_URL}/bakeops/swagger-init.js"></script>
</body>
</html>
"""


def _strict(page: HTMLResponse) -> HTMLResponse:
    page.headers["content-security-policy"] = DOCS_CONTENT_SECURITY_POLICY
    return page
