"""A request body over the limit (65536 bytes unless configured) is refused with 413 and nothing is stored."""

import json

import pytest
from fastapi.testclient import TestClient

from bakeops_ui.app import create_api
from tests.api.checks import refused
from tests.conftest import bearer

DEFAULT_LIMIT = 65536


def test_an_order_with_a_huge_note_is_refused(api, product_ids, nothing_changes):
    body = {"product_id": product_ids["Baguette"], "notes": "x" * (DEFAULT_LIMIT + 1)}

    with nothing_changes():
        response = api.post("/order", json=body)

    assert str(DEFAULT_LIMIT) in refused(response, 413)


def test_a_huge_product_sent_in_chunks_without_a_length_is_refused(api, demo_catalogue, nothing_changes):
    chunk = b" " * 8192

    def chunks():
        yield b'{"name": "Endless Loaf", "price": 2.5'
        for _ in range(DEFAULT_LIMIT // len(chunk) + 1):
            yield chunk
        yield b"}"

    with nothing_changes():
        response = api.post("/products", content=chunks(), headers={"content-type": "application/json"})

    assert "content-length" not in response.request.headers
    refused(response, 413)


@pytest.fixture
def small_limit_api(db, settings, staff_accounts):
    with TestClient(create_api(settings.model_copy(update={"max_body_bytes": 200}))) as client:
        client.headers.update(bearer(staff_accounts["admin"], settings))
        yield client


def _padded(body: dict, size: int) -> bytes:
    raw = json.dumps(body).encode()
    return raw[:-1] + b" " * (size - len(raw)) + b"}"


def test_a_configured_limit_is_exact_to_the_byte(small_limit_api, demo_catalogue, nothing_changes):
    at_limit = _padded({"name": "Tiny Tart", "price": 1.5}, 200)
    over_limit = _padded({"name": "Large Tart", "price": 1.5}, 201)

    with nothing_changes():
        response = small_limit_api.post("/products", content=over_limit, headers={"content-type": "application/json"})
    assert "200 bytes" in refused(response, 413)

    accepted = small_limit_api.post("/products", content=at_limit, headers={"content-type": "application/json"})
    assert accepted.status_code == 201
    assert small_limit_api.get(f"/products/{accepted.json()['id']}").json()["name"] == "Tiny Tart"
