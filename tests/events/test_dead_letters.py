"""`bakeops events dead` and `bakeops events replay`: an operator recovers what the worker gave up on."""

import pika
import pytest
from typer.testing import CliRunner

from bakeops_ui.cli import cli
from bakeops_ui.settings import get_settings
from devtools.processes import wait_until
from tests.events.conftest import broker_env, notifications_for
from tests.smtp_sink import SmtpSink

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq, pytest.mark.slow]


class RefusingMailServer(SmtpSink):
    """Refuses every recipient while `refusing`: for the worker, an event that fails on its own merits."""

    refusing = True

    async def handle_RCPT(self, server, session, envelope, address, options):
        if self.refusing:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def bakeops(env: dict[str, str], *args: str) -> str:
    """Run a `bakeops` command in this process (the CLI's own code, without a new interpreter's start-up)."""
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, list(args), env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    return result.output


def an_order_the_worker_gives_up_on(server, env: dict[str, str]) -> str:
    order_id = server.client.post("/order", json={"product_id": 2, "email": "ada@example.com"}).json()["order_id"]
    gave_up = lambda: "1 dead-lettered" in bakeops(env, "events", "dead")  # noqa: E731
    wait_until(gave_up, timeout=30, message="the worker to give up on the confirmation")
    return order_id


def test_an_operator_lists_and_replays_a_dead_event_and_the_customer_hears_exactly_once(
    launch, pg_url, amqp_url, topology
):
    with RefusingMailServer() as mail:
        env = broker_env(pg_url, amqp_url, topology, BAKEOPS_SMTP_URL=mail.url)
        server = launch("serve", env)
        launch("worker", env)
        order_id = an_order_the_worker_gives_up_on(server, env)

        listing = bakeops(env, "events", "dead")
        assert bakeops(env, "events", "dead") == listing  # looking does not take anything away
        [line] = [line for line in listing.splitlines() if order_id in line]
        assert "order.placed" in line and "delivery_limit" in line
        assert "1 dead-lettered event(s)" in listing

        mail.refusing = False  # the mail server is fixed
        replay = bakeops(env, "events", "replay")
        assert "1 event(s) replayed" in replay and order_id in replay
        wait_until(lambda: notifications_for(pg_url, order_id), timeout=30, message="the replayed confirmation")
        assert "0 dead-lettered event(s)" in bakeops(env, "events", "dead")
        assert "0 event(s) replayed" in bakeops(env, "events", "replay")  # the second run finds nothing to do

        [note] = notifications_for(pg_url, order_id)
        assert note.recipient == "ada@example.com"
        assert len(mail.messages) == 1


def test_replaying_an_event_the_worker_already_handled_changes_nothing(launch, pg_url, amqp_url, topology):
    """A replay cut short after its copy was confirmed leaves the dead copy: replaying it again is harmless."""
    with RefusingMailServer() as mail:
        env = broker_env(pg_url, amqp_url, topology, BAKEOPS_SMTP_URL=mail.url)
        server = launch("serve", env)
        worker = launch("worker", env)
        order_id = an_order_the_worker_gives_up_on(server, env)
        mail.refusing = False
        [event_id] = [line.split()[0] for line in bakeops(env, "events", "dead").splitlines() if order_id in line]
        broker = pika.BlockingConnection(pika.URLParameters(amqp_url))
        channel = broker.channel()
        _method, properties, body = channel.basic_get(topology.dead_queue, auto_ack=False)
        channel.basic_nack(_method.delivery_tag, requeue=True)

        assert "1 event(s) replayed" in bakeops(env, "events", "replay", "--event-id", event_id)
        wait_until(lambda: len(mail.messages) == 1, timeout=30, message="the replayed confirmation")
        channel.basic_publish(topology.dead_exchange, "", body, properties)  # the copy a cut-short replay leaves
        wait_until(lambda: "1 dead-lettered" in bakeops(env, "events", "dead"), message="the leftover dead copy")
        assert "1 event(s) replayed" in bakeops(env, "events", "replay")
        wait_until(lambda: f"event_id={event_id}: already handled" in worker.output(), message="the duplicate")
        broker.close()

        assert len(mail.messages) == 1
        assert len(notifications_for(pg_url, order_id)) == 1
