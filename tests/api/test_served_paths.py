"""On a real `bakeops serve`: a path nobody serves answers a script in JSON (a browser still gets the
HTML page), and in production the sign-in cookie is only ever sent over HTTPS."""

from collections.abc import Iterator

import httpx
import pytest

from devtools.processes import Server

UNKNOWN = ["/api/orders", "/v1/products", "/userz", "/nothing/here"]
PRODUCTION = {
    "BAKEOPS_ENV": "production",
    "BAKEOPS_SECRET_KEY": "a-long-random-production-secret-" + "k" * 16,
}


@pytest.fixture(scope="module")
def development(tmp_path_factory) -> Iterator[Server]:
    place = tmp_path_factory.mktemp("development")
    server = Server({"BAKEOPS_DATABASE_URL": f"sqlite:///{place / 'shop.db'}"}, place / "serve.log", place)
    yield server
    server.stop()


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
@pytest.mark.parametrize("path", UNKNOWN)
def test_an_unknown_path_answers_a_script_in_json(development, path, method):
    answer = development.client.request(method, path, headers={"Accept": "application/json"})

    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == {"detail": "Not Found"}
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_an_unknown_page_still_shows_a_browser_the_page(development):
    answer = development.client.get("/nothing/here", headers={"Accept": "text/html,application/xhtml+xml"})

    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")


def test_the_sign_in_cookie_is_not_marked_secure_in_development(development):
    assert "secure" not in _session_cookie(development).lower()


def test_the_sign_in_cookie_is_https_only_in_production(tmp_path):
    env = PRODUCTION | {"BAKEOPS_DATABASE_URL": f"sqlite:///{tmp_path / 'shop.db'}"}
    server = Server(env, tmp_path / "serve.log", tmp_path)
    try:
        cookie = _session_cookie(server)
    finally:
        server.stop()
    assert "; secure" in cookie.lower()
    assert "httponly" in cookie.lower()


def _session_cookie(server: Server) -> str:
    # A fresh client: one that already holds the cookie is not sent it again.
    cookies = httpx.get(f"{server.url}/login", headers={"Accept": "text/html"}).headers.get_list("set-cookie")
    session = [c for c in cookies if c.startswith("session=")]
    assert len(session) == 1, cookies
    return session[0]
