"""The real server decides who the client is: X-Forwarded-For counts only from a trusted proxy."""

from devtools.processes import Server


def test_a_local_client_cannot_choose_its_address_with_the_default_settings(tmp_path):
    # uvicorn by itself believes X-Forwarded-For from any loopback peer; a default install must not.
    env = {"BAKEOPS_DATABASE_URL": f"sqlite:///{tmp_path / 'shop.db'}", "BAKEOPS_RATE_LIMIT_ORDERS": "2/minute"}
    server = Server(env, tmp_path / "serve.log", tmp_path)
    try:
        answers = [
            server.client.post("/order", json={"product_id": 1}, headers={"X-Forwarded-For": f"203.0.113.{n}"})
            for n in range(3)
        ]
    finally:
        server.stop()
    assert [a.status_code for a in answers] == [201, 201, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_budget(tmp_path):
    env = {
        "BAKEOPS_DATABASE_URL": f"sqlite:///{tmp_path / 'shop.db'}",
        "BAKEOPS_RATE_LIMIT_ORDERS": "1/minute",
        "BAKEOPS_TRUSTED_PROXIES": "127.0.0.1",  # the test plays the proxy on loopback
    }
    server = Server(env, tmp_path / "serve.log", tmp_path)
    try:
        codes = [
            server.client.post("/order", json={"product_id": 1}, headers={"X-Forwarded-For": hops}).status_code
            for hops in ("203.0.113.1", "1.2.3.4, 203.0.113.1", "203.0.113.2")
        ]
    finally:
        server.stop()
    assert codes == [201, 429, 201]
