"""Printable tickets: `/admin/tickets/{order_id}` for one order, `/admin/tickets?day=…` for every order of a day.

`paper=80mm` (the default, receipt printers) or `paper=a4`; the print CSS sizes the page and breaks between
tickets so each tears off on its own.
"""

from nicegui import ui

from pages.days import parse_day
from pages.guard import staff_page
from pages.in_thread import in_thread
from pages.layout import frame, local_time
from services import bakery
from services.database import session_scope
from services.errors import NotFound
from services.tickets import Ticket, ticket_for, tickets_for_day

PAPER_CSS = {
    "80mm": "@page { size: 80mm auto; margin: 3mm; } .ticket { width: 74mm; font-size: 12pt; }",
    "a4": "@page { size: A4; margin: 15mm; } .ticket { width: 100%; font-size: 14pt; }",
}
TICKET_CSS = """
.ticket { border: 1px dashed #999; padding: 8px; margin-bottom: 12px; font-family: monospace; }
.ticket .allergy { background: #b91c1c; color: white; font-weight: bold; padding: 2px 6px; }
@media print {
  .ticket { border: none; break-after: page; page-break-after: always; margin: 0; }
  .ticket .allergy { background: black !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def register() -> None:
    @staff_page("/admin/tickets/{order_id}")
    async def one_ticket(order_id: str, paper: str = "80mm") -> None:
        with frame("Ticket", staff=True):
            _paper(paper)
            try:
                ticket = await in_thread(_one, order_id)
            except NotFound as error:
                ui.label(error.detail).mark("ticket-missing")
                return
            _print_button()
            _draw(ticket)

    @staff_page("/admin/tickets")
    async def day_tickets(day: str | None = None, paper: str = "80mm") -> None:
        wanted = parse_day(day) or bakery.rules().today()
        with frame("Tickets", staff=True):
            _paper(paper)
            ui.label(f"Tickets for {wanted:%A %d %B %Y}").classes("text-2xl font-semibold no-print")
            tickets = await in_thread(_day, wanted)
            _print_button()
            if not tickets:
                ui.label("No orders for this day").mark("no-tickets")
            for ticket in tickets:
                _draw(ticket)


def _paper(paper: str) -> None:
    ui.add_css(TICKET_CSS + PAPER_CSS.get(paper, PAPER_CSS["80mm"]))


def _print_button() -> None:
    with ui.row().classes("no-print gap-2"):
        ui.button("Print", icon="print", on_click=lambda: ui.run_javascript("window.print()")).mark("print")


def _draw(ticket: Ticket) -> None:
    with ui.element("div").classes("ticket").mark(f"printed-{ticket.ticket_number}"):
        ui.label(f"#{ticket.ticket_number}").classes("text-3xl font-bold")
        ui.label(ticket.customer).classes("font-semibold")
        if ticket.phone:
            ui.label(ticket.phone)
        ui.label(f"Pickup {local_time(ticket.pickup_at)}")
        for line in ticket.lines:
            ui.label(line)
        if ticket.allergens:
            ui.label(f"Contains: {', '.join(ticket.allergens)}").classes("font-semibold").mark(
                f"contains-{ticket.ticket_number}"
            )
        if ticket.allergy:
            ui.label(f"⚠ ALLERGY: {ticket.note}").classes("allergy")
        elif ticket.note:
            ui.label(f"Note: {ticket.note}").classes("italic")


def _one(order_id: str) -> Ticket:
    with session_scope() as session:
        return ticket_for(session, order_id)


def _day(day) -> list[Ticket]:
    with session_scope() as session:
        return tickets_for_day(session, day)
