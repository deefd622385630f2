"""The browser's own connection to its UI server, shown by the header's live indicator; and pages whose browser
never connects, freed.

The server cannot tell a browser that it has lost the server, so the page watches its own websocket: while it
is down the indicator turns red and every button of a `.needs-connection` area (the board) is disabled, so a
click cannot be silently lost. When the socket is back, NiceGUI reconnects (or reloads the page if the server
restarted) and the board reloads its data (`on_connect` in pages/board.py).
"""

import asyncio
import weakref

from nicegui import background_tasks, ui

WATCH_SOCKET = """
<style>
  body.bakeops-offline .needs-connection button,
  body.bakeops-offline .needs-connection .q-toggle,
  body.bakeops-offline .needs-connection input { pointer-events: none; opacity: 0.45; }
  body.bakeops-offline .live-indicator { color: #fca5a5 !important; }
</style>
<script>
(() => {
  const OFFLINE = "This page lost its server; reconnecting";
  function show(up) {
    document.body.classList.toggle("bakeops-offline", !up);
    document.querySelectorAll(".needs-connection button").forEach((button) => {
      if (!up) { button.dataset.offline = "1"; button.disabled = true; }
      else if (button.dataset.offline) { delete button.dataset.offline; button.disabled = false; }
    });
    document.querySelectorAll(".live-indicator").forEach((icon) => {
      // The icon's shape and its name change with the colour: red alone would reach nobody colour-blind or blind.
      if (!up && !icon.dataset.online) {
        icon.dataset.online = icon.textContent;
        icon.dataset.onlineLabel = icon.getAttribute("aria-label") || "";
        icon.textContent = "sensors_off";
        icon.setAttribute("aria-label", OFFLINE);
        icon.setAttribute("title", OFFLINE);
      }
      if (up && icon.dataset.online) {
        icon.textContent = icon.dataset.online;
        icon.setAttribute("aria-label", icon.dataset.onlineLabel);
        icon.setAttribute("title", icon.dataset.onlineLabel);
        delete icon.dataset.online;
        delete icon.dataset.onlineLabel;
      }
      icon.setAttribute("data-connection", up ? "up" : "down");
    });
  }
  function watch() {
    if (!window.socket) return setTimeout(watch, 50);  // NiceGUI opens its socket after the page's scripts
    window.socket.on("connect", () => show(true));
    window.socket.on("disconnect", () => show(false));
    window.socket.io.on("reconnect_attempt", () => show(false));
  }
  document.addEventListener("DOMContentLoaded", watch);
})();
</script>
"""


def watch_the_socket() -> None:
    """Add the watcher to this page (once per page: the frame calls it)."""
    ui.add_head_html(WATCH_SOCKET)


def free_unless_it_connects() -> None:
    """Delete this page if its browser has not connected one reconnect timeout after the page was built.

    A page is built for every GET, but some browsers never open its socket: a crawler, a link preview, a tab
    closed while loading. NiceGUI prunes such a page only after 60 s, so a rush of them holds a whole storefront
    each for a minute. A browser that connects later than this (a very slow first load) finds its page gone and
    reloads it, as nicegui.js does after a failed handshake. Pages that did connect are NiceGUI's own business:
    it waits the same reconnect timeout for a dropped socket. A prefetch is left alone (NiceGUI waits for its
    browser without a limit: the visitor may follow the link much later).
    """
    client = ui.context.client
    if _is_prefetch(client.request.headers):
        return
    connected = [client.has_socket_connection]
    client.on_connect(lambda: connected.__setitem__(0, True))

    timeout = client.page.resolve_reconnect_timeout()
    page = weakref.ref(client)  # a page closed meanwhile is freed at once, not held here until the timeout

    async def free() -> None:
        await asyncio.sleep(timeout)
        client = page()
        if client and not connected[0] and not client.has_socket_connection and not client.is_deleted:
            client.delete()

    background_tasks.create(free(), name=f"free unless it connects {client.id}")


def _is_prefetch(headers) -> bool:
    purpose = (headers.get("sec-purpose") or headers.get("purpose") or "").lower()
    return "prefetch" in purpose and "prerender" not in purpose
