"""Options on order lines: a cake's size priced by the server, its inscription, and the refusals."""

from decimal import Decimal

import pytest

from tests.api.checks import refused

SIZES = {
    "name": "Size",
    "required": True,
    "choices": [{"name": "6 inch"}, {"name": "8 inch", "price": 12}, {"name": "10 inch", "price": 20}],
}
INSCRIPTION = {"name": "Inscription", "kind": "text", "max_length": 40}


@pytest.fixture
def cake(api, product_ids) -> int:
    carrot = product_ids["Carrot Cake"]
    response = api.patch(f"/products/{carrot}", json={"options": [SIZES, INSCRIPTION]})
    assert response.status_code == 200, response.text
    return carrot


def test_the_options_are_part_of_the_product(api, cake):
    options = api.get(f"/products/{cake}").json()["options"]

    assert [g["name"] for g in options] == ["Size", "Inscription"]
    assert options[0]["choices"][1] == {"name": "8 inch", "price": 12}


def test_a_chosen_size_and_inscription_are_on_the_line_at_the_servers_price(api, cake):
    placed = api.post(
        "/order",
        json={
            "items": [{"product_id": cake, "quantity": 2, "options": {"Size": "8 inch", "Inscription": "Happy 40th"}}]
        },
    )

    assert placed.status_code == 201, placed.text
    assert Decimal(str(placed.json()["total"])) == 2 * (Decimal("32.00") + 12)
    line = api.get(f"/order/{placed.json()['order_id']}").json()["items"][0]
    assert line["unit_price"] == 44
    assert line["options_label"] == "8 inch · Inscription: Happy 40th"
    assert [(o["group"], o["value"], o["price"]) for o in line["options"]] == [
        ("Size", "8 inch", 12),
        ("Inscription", "Happy 40th", 0),
    ]


def test_an_inscription_with_html_comes_back_as_the_text_typed(api, cake):
    typed = '<b>Happy</b> 40th <script>alert("x")</script>'[:40]

    placed = api.post("/order", json={"product_id": cake, "options": {"Size": "6 inch", "Inscription": typed}})

    assert placed.status_code == 201, placed.text
    order = api.get(f"/order/{placed.json()['order_id']}")
    assert order.headers["content-type"].startswith("application/json")  # a script reads it as data, never markup
    line = order.json()["items"][0]
    assert line["options_label"] == f"6 inch · Inscription: {typed}"
    assert [o["value"] for o in line["options"] if o["group"] == "Inscription"] == [typed]


def test_a_price_sent_by_the_client_is_refused_not_used(api, cake, nothing_changes):
    with nothing_changes():
        response = api.post(
            "/order", json={"items": [{"product_id": cake, "options": {"Size": "8 inch"}, "unit_price": 0.01}]}
        )

    refused(response, 422)


REFUSALS = {
    "required-size-missing": ({"Inscription": "Hi"}, "Size"),
    "unknown-option": ({"Size": "6 inch", "Colour": "Pink"}, "Colour"),
    "unknown-size": ({"Size": "12 inch"}, "12 inch"),
    "inscription-of-41": ({"Size": "6 inch", "Inscription": "x" * 41}, "Inscription"),
}


@pytest.mark.parametrize(("options", "named"), REFUSALS.values(), ids=REFUSALS.keys())
def test_bad_options_are_422_naming_the_option(api, cake, nothing_changes, options, named):
    with nothing_changes():
        response = api.post("/order", json={"product_id": cake, "options": options})

    assert named in str(refused(response, 422))


def test_a_product_without_options_refuses_one(api, product_ids, nothing_changes):
    with nothing_changes():
        response = api.post("/order", json={"product_id": product_ids["Baguette"], "options": {"Size": "big"}})

    assert "Size" in str(refused(response, 422))


def test_a_choice_group_without_choices_is_refused(api, product_ids, nothing_changes):
    with nothing_changes():
        response = api.patch(f"/products/{product_ids['Carrot Cake']}", json={"options": [{"name": "Size"}]})

    assert "Size" in str(refused(response, 422))
