"""Publisher confirms for a whole batch: the relay publishes every event, then waits once for the broker.

pika's BlockingChannel in confirm mode waits for each message's confirm before it returns from
`basic_publish`, one round trip per event. pika's asynchronous `Channel` reports confirms by delivery tag
instead, and the blocking channel is built on one: this puts that channel (`BlockingChannel._impl`) into
confirm mode with callbacks of our own, so the blocking channel publishes without waiting and the confirms
are matched to events as they arrive. tests/events/test_relay_confirms.py pins what this relies on.
"""

import logging
import time

import pika
from pika.adapters.blocking_connection import BlockingChannel

from services.events import Event

log = logging.getLogger("bakeops.amqp")


class PublisherConfirms:
    """Which events published on one channel the broker has taken (ack), refused (nack) or could not route.

    The broker numbers a confirm-mode channel's publishes 1, 2, 3... and acknowledges them by that number,
    several at once when `multiple` is set; a mandatory message it could not route comes back (Basic.Return)
    before its ack, and counts as not taken.
    """

    def __init__(self, connection: pika.BlockingConnection, channel: BlockingChannel) -> None:
        self._connection = connection
        self._last_tag = 0
        self._unsettled: dict[int, Event] = {}  # by delivery tag, in the order they were sent
        self._returned: set[str] = set()  # event ids
        self._confirmed: list[tuple[int, Event]] = []
        self._waiting = False
        channel_impl = channel._impl
        channel_impl.add_on_return_callback(self._on_return)
        # Without a completion callback pika sends Confirm.Select with nowait: the broker handles frames in
        # order, so every publish after it is confirmed.
        channel_impl.confirm_delivery(ack_nack_callback=self._on_confirm)

    def sending(self, event: Event) -> None:
        """Call just before publishing `event` on the channel."""
        self._last_tag += 1
        self._unsettled[self._last_tag] = event

    @property
    def waiting(self) -> int:
        """How many sent events the broker has not answered for yet."""
        return len(self._unsettled)

    def wait_for_all(self, timeout: float) -> bool:
        """Process the broker's answers until every sent event has one; False when `timeout` ran out first."""
        deadline = time.monotonic() + timeout
        self._waiting = True
        try:
            while self._unsettled and (left := deadline - time.monotonic()) > 0:
                self._connection.process_data_events(time_limit=left)  # woken by the last answer
        finally:
            self._waiting = False
        return not self._unsettled

    def take_confirmed(self) -> list[Event]:
        """The events confirmed since the last call, in the order they were sent."""
        confirmed, self._confirmed = self._confirmed, []
        return [event for _tag, event in sorted(confirmed, key=lambda pair: pair[0])]

    def _on_return(self, _channel, _method, properties: pika.BasicProperties, _body: bytes) -> None:
        self._returned.add(properties.message_id)

    def _on_confirm(self, frame: pika.frame.Method) -> None:
        answer = frame.method
        taken = isinstance(answer, pika.spec.Basic.Ack)
        last = answer.delivery_tag
        tags = [tag for tag in self._unsettled if tag <= last] if answer.multiple else [last]
        for tag in tags:
            event = self._unsettled.pop(tag, None)
            if event is None:
                continue
            if taken and event.event_id not in self._returned:
                self._confirmed.append((tag, event))
            else:
                log.warning("broker %s event %s; it stays unsent", "returned" if taken else "refused", event.event_id)
            self._returned.discard(event.event_id)
        if not self._unsettled and self._waiting:
            # Wakes the relay's process_data_events, which otherwise sleeps out its time limit: confirms are
            # handled inside pika's I/O and are no event of the blocking connection's own.
            self._connection.add_callback_threadsafe(_nothing)


def _nothing() -> None:
    pass
