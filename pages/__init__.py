"""NiceGUI pages, one module per area; register_pages wires them all."""

from nicegui import app

from pages import bake_list, board, layout, live, order_detail, products, storefront, tracking


def register_pages(bakery_name: str, currency: str = "£") -> None:
    layout.configure(bakery_name, currency)
    storefront.register()  # serves /
    tracking.register()  # serves /track/{order_id}
    board.register()  # serves /admin
    products.register()  # serves /admin/products
    bake_list.register()  # serves /admin/bake-list
    order_detail.register()  # serves /admin/orders/{order_id}
    app.timer(60, live.minute_tick.emit)  # one global clock ages every board, not a timer per page
