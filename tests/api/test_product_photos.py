"""Product photos over REST: checked to be a picture, resized, served under a content-hashed address."""

import io

import pytest
from PIL import Image

from tests.api.checks import refused


def picture(fmt: str = "PNG", size: tuple[int, int] = (1600, 1000), colour: str = "peru") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def upload(api, product_id: int, data: bytes, filename: str = "loaf.png", content_type: str = "image/png"):
    return api.put(f"/products/{product_id}/photo", files={"photo": (filename, data, content_type)})


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_an_uploaded_photo_is_resized_and_served_for_a_year(api, product_ids, fmt):
    rye = product_ids["Seeded Rye"]

    uploaded = upload(api, rye, picture(fmt))

    assert uploaded.status_code == 200, uploaded.text
    listed = next(p for p in api.get("/products").json() if p["id"] == rye)
    assert listed["photo_url"] == uploaded.json()["photo_url"]
    card = api.get(listed["photo_url"])
    assert card.status_code == 200
    assert card.headers["content-type"] == "image/webp"
    assert "immutable" in card.headers["cache-control"] and "max-age=31536000" in card.headers["cache-control"]
    assert Image.open(io.BytesIO(card.content)).size == (800, 600)
    assert Image.open(io.BytesIO(api.get(listed["thumbnail_url"]).content)).size == (240, 180)


def test_a_new_photo_gets_a_new_address_and_the_old_one_is_gone(api, product_ids):
    rye = product_ids["Seeded Rye"]
    first = upload(api, rye, picture(colour="peru")).json()["photo_url"]

    second = upload(api, rye, picture(colour="sienna")).json()["photo_url"]

    assert second != first
    assert api.get(second).status_code == 200
    refused(api.get(first), 404)


def test_a_file_that_is_not_a_picture_is_refused(api, product_ids, nothing_changes):
    with nothing_changes():
        response = upload(api, product_ids["Baguette"], b"%PDF-1.7 not a loaf at all" * 100, "menu.pdf", "image/png")

    assert "picture" in str(refused(response, 422))


def test_a_gif_is_refused(api, product_ids, nothing_changes):
    with nothing_changes():
        response = upload(api, product_ids["Baguette"], picture("GIF"), "loaf.gif", "image/gif")

    assert "GIF" in str(refused(response, 422))


def test_a_truncated_picture_is_refused(api, product_ids, nothing_changes):
    whole = picture("JPEG", colour="wheat")

    with nothing_changes():
        response = upload(api, product_ids["Baguette"], whole[: len(whole) // 2], "loaf.jpg", "image/jpeg")

    refused(response, 422)


def test_a_20_mb_upload_is_refused_with_413(api, product_ids, nothing_changes):
    with nothing_changes():
        response = upload(api, product_ids["Baguette"], b"\xff" * (20 * 1024 * 1024))

    refused(response, 413)


def test_a_photo_of_a_few_megabytes_passes_where_other_routes_keep_their_64_kib_limit(api, product_ids):
    noisy = io.BytesIO()
    Image.effect_noise((1500, 1500), 80).convert("RGB").save(noisy, format="PNG")  # noise does not compress
    assert len(noisy.getvalue()) > 1024 * 1024

    assert upload(api, product_ids["Baguette"], noisy.getvalue()).status_code == 200
    refused(api.post("/order", json={"product_id": product_ids["Baguette"], "notes": "x" * 100_000}), 413)


def test_removing_a_photo_takes_it_off_the_product(api, product_ids):
    rye = product_ids["Seeded Rye"]
    address = upload(api, rye, picture()).json()["photo_url"]

    removed = api.delete(f"/products/{rye}/photo")

    assert removed.status_code == 200
    assert api.get(f"/products/{rye}").json()["photo_url"] is None
    refused(api.get(address), 404)


def test_only_admins_upload_photos(anonymous_api, demo_catalogue, nothing_changes):
    with nothing_changes():
        response = upload(anonymous_api, demo_catalogue["Baguette"].id, picture())

    refused(response, 401)


def test_a_photo_for_an_unknown_product_is_404(api, demo_catalogue):
    refused(upload(api, 999_999, picture()), 404)
