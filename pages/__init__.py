"""NiceGUI pages, one module per area; register_pages wires them all."""

from nicegui import app

from pages import (
    admin_settings,
    analytics,
    bake_list,
    board,
    layout,
    live,
    login,
    order_detail,
    products,
    storefront,
    tracking,
    users,
)
from services.limits import RateLimit


def register_pages(bakery_name: str, currency: str = "£", login_limit: str = "10/minute") -> None:
    layout.configure(bakery_name, currency)
    login.attempts = RateLimit.parse(login_limit)
    login.register()  # serves /login
    storefront.register()  # serves /
    tracking.register()  # serves /track/{order_id}
    board.register()  # serves /admin
    products.register()  # serves /admin/products
    bake_list.register()  # serves /admin/bake-list
    order_detail.register()  # serves /admin/orders/{order_id}
    users.register()  # serves /admin/users (admins)
    analytics.register()  # serves /admin/analytics
    admin_settings.register()  # serves /admin/settings (admins)
    app.timer(60, live.minute_tick.emit)  # one global clock ages every board, not a timer per page
