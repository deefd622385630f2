"""PATCH /users/{id} is all or nothing: a refused change leaves the account exactly as it was, the
password included; strict booleans, so `0.0` or `"no"` never switches an account off."""

import pytest

from tests.api.checks import refused
from tests.conftest import PASSWORD

NEW_PASSWORD = "rye-and-caraway-77"


def signs_in(api, email: str, password: str) -> bool:
    return api.post("/auth/token", data={"username": email, "password": password}).status_code == 200


def test_a_refused_change_to_the_last_admin_keeps_its_password(api, staff_accounts, demo_catalogue, nothing_changes):
    admin = staff_accounts["admin"]

    with nothing_changes():
        answer = api.patch(f"/users/{admin.id}", json={"password": NEW_PASSWORD, "role": "staff"})

    assert "last active admin" in refused(answer, 409)
    assert signs_in(api, admin.email, PASSWORD)
    assert not signs_in(api, admin.email, NEW_PASSWORD)


def test_a_password_and_a_role_change_together_both_take_effect(api, staff_accounts):
    staff = staff_accounts["staff"]

    answer = api.patch(f"/users/{staff.id}", json={"password": NEW_PASSWORD, "role": "admin"})

    assert answer.status_code == 200 and answer.json()["role"] == "admin"
    assert signs_in(api, staff.email, NEW_PASSWORD)
    assert not signs_in(api, staff.email, PASSWORD)


@pytest.mark.parametrize("active", [0.0, 0, 1, "false", "no", "off", ""], ids=repr)
def test_active_must_be_true_or_false(api, staff_accounts, demo_catalogue, nothing_changes, active):
    with nothing_changes():
        answer = api.patch(f"/users/{staff_accounts['staff'].id}", json={"active": active})

    refused(answer, 422)


@pytest.mark.parametrize("flag", ["available", "active"])
def test_product_switches_must_be_true_or_false(api, product_ids, nothing_changes, flag):
    with nothing_changes():
        answer = api.patch(f"/products/{product_ids['Baguette']}", json={flag: 0.0})

    refused(answer, 422)
