"""NiceGUI pages, one module per area; register_pages wires them all."""

from nicegui import app

from bakeops_ui import live
from pages import (
    admin_settings,
    analytics,
    bake_list,
    board,
    customer_account,
    login,
    order_detail,
    production,
    products,
    recipes,
    storefront,
    tickets,
    tracking,
    users,
)
from pages.shop import Shop, open_shop


def register_pages(shop: Shop, *, public_url: str | None = None) -> None:
    open_shop(shop)
    login.register()  # serves /login
    storefront.register()  # serves /
    tracking.register()  # serves /track/{order_id}
    customer_account.register(public_url)  # serves /account and /account/sign-in/{token}
    board.register()  # serves /admin
    products.register()  # serves /admin/products
    bake_list.register()  # serves /admin/bake-list
    production.register()  # serves /admin/production
    recipes.register()  # serves /admin/recipes (admins)
    order_detail.register()  # serves /admin/orders/{order_id}
    tickets.register()  # serves /admin/tickets/{order_id} and /admin/tickets?day= (printable)
    users.register()  # serves /admin/users (admins)
    analytics.register()  # serves /admin/analytics
    admin_settings.register()  # serves /admin/settings (admins)
    app.timer(60, live.minute_tick.emit)  # one global clock ages every board, not a timer per page
