"""The products page's catalogue parts: photo upload (checked), allergens and rules in the form, retiring."""

import io

from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User
from PIL import Image

from tests.pages.helpers import eventually, field_error, only, product_named, set_value, text


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), "peru").save(out, format="PNG")
    return out.getvalue()


async def edit(user: User, name: str) -> None:
    await user.open("/admin/products")
    await user.should_see(marker=f"edit-{name}")
    user.find(marker=f"edit-{name}").click()
    await user.should_see(marker="photo-box")


async def send(user: User, name: str, data: bytes) -> None:
    upload = only(user, "photo-upload", ui.upload)
    await upload.handle_uploads([SmallFileUpload(name=name, content_type="image/png", _data=data)])


async def test_a_photo_uploaded_on_the_page_replaces_the_one_shown(user: User) -> None:
    await edit(user, "Seeded Rye")
    before = product_named("Seeded Rye").photo_hash  # the demo's drawn picture

    await send(user, "rye.png", png())

    await eventually(lambda: product_named("Seeded Rye").photo_hash not in (None, before))
    after = product_named("Seeded Rye").photo_hash
    await eventually(lambda: after in only(user, "photo-thumbnail", ui.image).source)


async def test_a_file_that_is_not_a_picture_is_refused_on_the_page(user: User) -> None:
    await edit(user, "Seeded Rye")
    before = product_named("Seeded Rye").photo_hash

    await send(user, "menu.png", b"<html>not a loaf</html>" * 50)

    await eventually(lambda: "not a picture" in text(user, "photo-error"))
    assert product_named("Seeded Rye").photo_hash == before


async def test_a_20_mb_upload_is_refused_on_the_page(user: User) -> None:
    await edit(user, "Seeded Rye")
    before = product_named("Seeded Rye").photo_hash

    await send(user, "huge.png", b"\xff" * (20 * 1024 * 1024))

    await eventually(lambda: "at most 10 MB" in text(user, "photo-error"))
    assert product_named("Seeded Rye").photo_hash == before


async def test_a_file_the_browser_rejects_as_too_large_is_explained(user: User) -> None:
    await edit(user, "Seeded Rye")

    user.find(marker="photo-upload").trigger("rejected")  # Quasar's event for a file over max-file-size

    await eventually(lambda: "at most 10 MB" in text(user, "photo-error"))


async def test_allergens_and_a_step_set_in_the_form_are_saved(user: User) -> None:
    await edit(user, "Butter Croissant")
    set_value(user, "field-allergens", ["cereals containing gluten", "milk"])
    set_value(user, "field-may_contain", ["tree nuts"])
    set_value(user, "field-quantity_step", "6")
    set_value(user, "field-min_quantity", "6")

    user.find(marker="save-product").click()

    await eventually(lambda: product_named("Butter Croissant").quantity_step == 6)
    saved = product_named("Butter Croissant")
    assert saved.allergens == ["cereals containing gluten", "milk"]
    assert saved.may_contain == ["tree nuts"]


async def test_a_step_that_does_not_divide_the_minimum_is_refused_in_the_form(user: User) -> None:
    await edit(user, "Butter Croissant")
    set_value(user, "field-quantity_step", "6")
    set_value(user, "field-min_quantity", "4")

    user.find(marker="save-product").click()

    await user.should_see("must be a multiple of quantity_step")
    assert product_named("Butter Croissant").quantity_step == 1


async def test_a_retired_product_leaves_the_storefront(user: User) -> None:
    await user.open("/admin/products")
    await user.should_see(marker="retired-Seeded Rye")
    user.find(marker="retired-Seeded Rye").elements.pop().value = True
    await eventually(lambda: not product_named("Seeded Rye").active)

    await user.open("/")
    await user.should_see(marker="add-Baguette")
    await user.should_not_see(marker="add-Seeded Rye")


async def test_option_groups_written_in_the_form_are_saved_and_priced(user: User) -> None:
    await edit(user, "Lemon Drizzle")
    set_value(user, "field-options", "Size*: 6 inch, 8 inch +12, 10 inch +20\nInscription: text 30")

    user.find(marker="save-product").click()

    await eventually(lambda: len(product_named("Lemon Drizzle").options) == 2)
    size, writing = product_named("Lemon Drizzle").options
    assert size["required"] and [c["name"] for c in size["choices"]] == ["6 inch", "8 inch", "10 inch"]
    assert float(size["choices"][1]["price"]) == 12
    assert (writing["kind"], writing["max_length"], writing["required"]) == ("text", 30, False)


async def test_a_choice_group_without_choices_is_refused_beside_the_options(user: User) -> None:
    await edit(user, "Lemon Drizzle")
    set_value(user, "field-options", "Size*:")

    user.find(marker="save-product").click()

    await eventually(lambda: "needs at least one choice" in (field_error(user, "field-options") or ""))
    assert product_named("Lemon Drizzle").options == []
