"""The storefront's HTML is the text NiceGUI writes, with its elements escaped the quicker way
(bakeops_ui/page_escape.py)."""

import re

import httpx
from nicegui import app
from nicegui import client as nicegui_client
from nicegui import json as nicegui_json
from nicegui.client import HTML_ESCAPE_TABLE
from nicegui.testing import User

from bakeops_ui.page_escape import PageJson, escape_pages_quickly
from services import catalogue
from services.database import session_scope
from services.schemas import ProductUpdate
from tests.pages.helpers import LIVE

TRICKY = "Crisp & buttery </script><script>alert(1)</script> `${x}` £2 × 3 — 🥐"


def test_the_quick_escape_writes_what_translate_writes():
    assert PageJson(TRICKY).translate(HTML_ESCAPE_TABLE) == TRICKY.translate(HTML_ESCAPE_TABLE)
    assert "<" not in PageJson(TRICKY).translate(HTML_ESCAPE_TABLE)
    other = str.maketrans({"a": "b"})
    assert PageJson("banana").translate(other) == "bbnbnb"  # any other table: str's own translate


async def storefront_html() -> str:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://serve") as client:
        page = (await client.get("/")).text
    # Each page has its own client id and nonce; the rest must be the same text.
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|nonce-[^'\"]+", "<id>", page)


async def test_a_storefront_with_markup_in_a_description_is_the_same_page(user: User, products, monkeypatch):
    with session_scope() as session:
        catalogue.update_product(session, products["Baguette"].id, ProductUpdate(description=TRICKY))
    await user.open("/")  # the app is up and its shared catalogue has the new description
    await user.should_see(TRICKY, retries=LIVE)
    monkeypatch.setattr(nicegui_client, "json", nicegui_json)
    as_nicegui_writes = await storefront_html()
    escape_pages_quickly()
    assert isinstance(nicegui_client.json.dumps({}), PageJson)  # the page code's json now escapes quickly
    quick = await storefront_html()
    assert "alert(1)" in quick and "</script><script>alert" not in quick
    assert quick == as_nicegui_writes
