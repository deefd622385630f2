"""Who may do what over REST: tokens, roles, and a route table where nothing slips through unguarded."""

from datetime import timedelta

import jwt
import pytest
from fastapi.routing import APIRoute

from bakeops_ui.app import create_api
from services.clock import utcnow
from tests.conftest import PASSWORD, bearer

# The only routes anyone may call without signing in (the public list, plus readiness for probes).
PUBLIC = {
    ("GET", "/products"),
    ("GET", "/products/{product_id}"),
    ("POST", "/order"),
    ("GET", "/order/{order_id}"),
    ("POST", "/order/{order_id}/cancel"),  # the customer's own cancel: the unguessable order code is the key
    ("GET", "/bakery"),  # address, hours and closures are what the shop window shows
    ("GET", "/pickup-slots"),
    ("GET", "/media/products/{product_id}/{content_hash}/{size}.webp"),  # product photos on the storefront
    ("GET", "/health"),
    ("GET", "/ready"),
    ("POST", "/auth/token"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
}


def api_routes(routes, prefix: str = ""):
    """Every APIRoute, also inside the routers FastAPI keeps as one lazy entry (`original_router`)."""
    for route in routes:
        if (inner := getattr(route, "original_router", None)) is not None:
            yield from api_routes(inner.routes, prefix + (getattr(route, "prefix", "") or ""))
        elif isinstance(route, APIRoute):
            yield prefix + route.path, route


def _sample_path(path: str) -> str:
    return path.replace("{order_id}", "some-order").replace("{product_id}", "1").replace("{user_id}", "1")


def test_every_route_off_the_public_list_answers_401_without_a_token(anonymous_api, settings):
    app = create_api(settings)
    guarded = [
        (method, path)
        for path, route in api_routes(app.routes)
        for method in route.methods
        if (method, path) not in PUBLIC
    ]
    assert len(guarded) >= 8, guarded  # the walk itself found the staff and admin routes
    for method, path in guarded:
        answer = anonymous_api.request(method, _sample_path(path), json={})
        assert answer.status_code == 401, (method, path, answer.status_code)
        assert answer.headers["www-authenticate"] == "Bearer"
        assert "detail" in answer.json()


def test_the_public_routes_stay_open(anonymous_api, demo_catalogue):
    assert anonymous_api.get("/products").status_code == 200
    assert anonymous_api.get(f"/products/{demo_catalogue['Baguette'].id}").status_code == 200
    placed = anonymous_api.post("/order", json={"product_id": demo_catalogue["Baguette"].id})
    assert placed.status_code == 201
    assert anonymous_api.get(f"/order/{placed.json()['order_id']}").status_code == 200
    assert anonymous_api.get("/health").status_code == 200


def test_a_token_comes_from_the_password_form(anonymous_api, staff_accounts):
    answer = anonymous_api.post("/auth/token", data={"username": "SAM@bakery.test", "password": PASSWORD})
    assert answer.status_code == 200
    token = answer.json()
    assert token["token_type"] == "bearer" and token["role"] == "staff"
    me = anonymous_api.get("/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.json()["email"] == "sam@bakery.test"


@pytest.mark.parametrize(
    "username, password",
    [("sam@bakery.test", "wrong-password!"), ("nobody@bakery.test", PASSWORD)],
    ids=["wrong-password", "unknown"],
)
def test_a_failed_sign_in_says_the_same_thing_whatever_was_wrong(anonymous_api, staff_accounts, username, password):
    answer = anonymous_api.post("/auth/token", data={"username": username, "password": password})
    assert answer.status_code == 401
    assert answer.json() == {"detail": "Wrong email or password"}


def test_staff_may_move_orders_but_not_change_the_catalogue(anonymous_api, staff_accounts, settings, demo_catalogue):
    staff = bearer(staff_accounts["staff"], settings)
    order_id = anonymous_api.post("/order", json={"product_id": demo_catalogue["Baguette"].id}).json()["order_id"]
    assert (
        anonymous_api.put(f"/order/{order_id}/status", json={"status": "In Progress"}, headers=staff).status_code == 200
    )
    assert anonymous_api.get("/orders", headers=staff).status_code == 200
    refused = anonymous_api.post("/products", json={"name": "Lemon Tart", "price": 4.5}, headers=staff)
    assert refused.status_code == 403 and "admin" in refused.json()["detail"]
    assert (
        anonymous_api.patch(f"/products/{demo_catalogue['Baguette'].id}", json={"price": 1}, headers=staff).status_code
        == 403
    )
    assert anonymous_api.get("/users", headers=staff).status_code == 403
    assert anonymous_api.get("/products").json()[0]["name"] != "Lemon Tart"


@pytest.mark.parametrize(
    "claims",
    [
        {"exp": utcnow() - timedelta(minutes=1)},
        {"role": "admin", "sig": "forged"},
    ],
    ids=["expired", "forged"],
)
def test_an_expired_or_forged_token_is_refused(anonymous_api, staff_accounts, settings, claims):
    user = staff_accounts["staff"]
    body = {"sub": str(user.id), "email": user.email, "role": user.role, "exp": utcnow() + timedelta(minutes=5)}
    key = "not-the-bakery-secret-" + "y" * 32 if "sig" in claims else settings.secret_key
    token = jwt.encode(body | {k: v for k, v in claims.items() if k != "sig"}, key, algorithm="HS256")
    answer = anonymous_api.get("/orders", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401


def test_a_switched_off_account_loses_access_at_once(api, anonymous_api, staff_accounts, settings):
    staff = bearer(staff_accounts["staff"], settings)
    assert anonymous_api.get("/orders", headers=staff).status_code == 200
    assert api.patch(f"/users/{staff_accounts['staff'].id}", json={"active": False}).status_code == 200
    assert anonymous_api.get("/orders", headers=staff).status_code == 401


def test_admins_manage_accounts_but_never_remove_the_last_admin(api, staff_accounts):
    made = api.post("/users", json={"email": "Kim@Bakery.test", "role": "staff", "password": PASSWORD})
    assert made.status_code == 201 and made.json()["email"] == "kim@bakery.test"
    assert api.post("/users", json={"email": "kim@bakery.test", "password": PASSWORD}).status_code == 409
    assert api.post("/users", json={"email": "lee@bakery.test", "password": "short"}).status_code == 422
    last_admin = staff_accounts["admin"].id
    refused = api.patch(f"/users/{last_admin}", json={"role": "staff"})
    assert refused.status_code == 409 and "last active admin" in refused.json()["detail"]
    assert api.patch("/users/999999", json={"active": False}).status_code == 404


def test_openapi_offers_the_authorize_button(anonymous_api):
    spec = anonymous_api.get("/openapi.json").json()
    scheme = spec["components"]["securitySchemes"]["OAuth2PasswordBearer"]
    assert scheme["flows"]["password"]["tokenUrl"] == "/auth/token"
    assert {"OAuth2PasswordBearer": []} in spec["paths"]["/order/{order_id}/status"]["put"]["security"]


def test_pages_and_answers_carry_security_headers(anonymous_api):
    for answer in (anonymous_api.get("/products"), anonymous_api.get("/orders")):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
