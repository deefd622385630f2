"""The prebuilt Tailwind stylesheet covers every class the pages show, as NiceGUI's in-browser compiler did.

The pages run with `tailwind=False`: a Tailwind class that devtools/tailwind_css.py did not see at build time
would silently lose its style. One test rebuilds the stylesheet from the sources (a page's new class fails it);
the other collects the classes really in the DOM of the main pages, including those made at run time (Quasar's
colour props, f-strings), and asks Tailwind whether any of the ones the build never saw is a utility.
"""

import pytest
from playwright.sync_api import Page, expect

from devtools import tailwind_css
from tests.e2e.conftest import Stack, sign_in_as_staff
from tests.e2e.test_board_day import place

pytestmark = pytest.mark.browser

DOM_CLASSES = "() => Array.from(document.querySelectorAll('[class]')).flatMap((el) => Array.from(el.classList))"
STAFF_PAGES = [
    "/admin",
    "/admin/products",
    "/admin/bake-list",
    "/admin/production",
    "/admin/recipes",
    "/admin/analytics",
    "/admin/users",
    "/admin/settings",
]


def test_the_prebuilt_stylesheet_is_what_a_build_from_the_pages_writes_now(browser) -> None:
    assert tailwind_css.STYLESHEET.read_text() == tailwind_css.build(browser), (
        "a page's classes changed: run `python -m devtools.tailwind_css` and commit bakeops_ui/static/tailwind.css"
    )


def test_every_tailwind_class_on_the_main_pages_was_in_the_build(embedded: Stack, new_tab, browser) -> None:
    server = embedded.server
    place(server, customer_name="Grace Hopper", notes="ALLERGY: sesame")
    page = new_tab().page
    shown = _classes_on(page, server.url + "/", "Order for pickup")
    page.locator(".q-header .q-btn").filter(has_text="dark_mode").click()
    expect(page.locator("body.body--dark")).to_have_count(1)
    shown |= set(page.evaluate(DOM_CLASSES))
    sign_in_as_staff(page, server.url)
    for path in STAFF_PAGES:
        shown |= _classes_on(page, server.url + path, None)

    seen_by_build = tailwind_css.build_words()
    unseen = shown - seen_by_build
    assert tailwind_css.utility_rules(unseen, browser) == set(), sorted(unseen)


def test_the_fonts_the_storefront_preloads_are_exactly_the_fonts_it_draws_with(embedded: Stack, new_tab) -> None:
    page = new_tab().page
    page.goto(embedded.server.url + "/")
    expect(page.get_by_text("Order for pickup")).to_be_visible()
    page.evaluate("() => document.fonts.ready")
    preloaded = page.evaluate(
        "() => Array.from(document.querySelectorAll('link[rel=preload][as=font]')).map((link) => link.href)"
    )
    drawn = page.evaluate(
        "() => performance.getEntriesByType('resource').map((e) => e.name).filter((url) => url.endsWith('.woff2'))"
    )
    assert len(preloaded) == 2 and sorted(preloaded) == sorted(drawn)


def _classes_on(page: Page, url: str, text: str | None) -> set[str]:
    page.goto(url)
    if text:
        expect(page.get_by_text(text)).to_be_visible()
    page.wait_for_load_state("networkidle")
    return set(page.evaluate(DOM_CLASSES))
