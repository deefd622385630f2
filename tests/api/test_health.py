"""Load balancers and scripts can ask whether the bakery's API is up."""


def test_health_answers_ok(api):
    response = api.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
