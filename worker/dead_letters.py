"""The operator's view of the dead-letter queue: what is in it, and putting it back in front of the workers.

Both are safe to repeat. Listing gives every message back to the queue. Replaying publishes a fresh copy
(its delivery count starts again) and removes the dead one only once the broker confirmed the copy; a
replay cut short in between leaves the dead copy, and replaying it again is harmless because the worker
handles an event id once.
"""

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pika
from pika.adapters.blocking_connection import BlockingChannel

from services.messaging.amqp import PERSISTENT, Topology, connection_parameters

# Set by the broker on delivery; a replayed copy must start counting from zero again.
_BROKER_COUNTS = ("x-delivery-count",)


@dataclass(frozen=True)
class DeadLetter:
    """One dead-lettered message, as an operator needs to judge it."""

    event_id: str
    kind: str
    subject: str
    reason: str  # why the broker dead-lettered it, and from where, e.g. "delivery_limit from bakeops.worker"
    deaths: int  # how many times it was dead-lettered (a replayed event can die again)
    routing_key: str
    body: bytes
    properties: pika.BasicProperties

    def describe(self) -> str:
        return f"{self.event_id:36}  {self.kind:22}  {self.subject:10}  {self.reason} ({self.deaths}x)"


def list_dead_letters(url: str, topology: Topology) -> list[DeadLetter]:
    """Every message in the dead-letter queue; all of them stay there."""
    with _channel(url, topology) as channel:
        letters = [letter for _tag, letter in _take(channel, topology)]
        channel.basic_nack(delivery_tag=0, multiple=True, requeue=True)  # give back everything we looked at
    return letters


def replay_dead_letters(url: str, topology: Topology, event_ids: set[str] | None = None) -> list[DeadLetter]:
    """Send dead-lettered events (all, or those in `event_ids`) back to the workers; returns the replayed ones."""
    replayed = []
    with _channel(url, topology) as channel:
        channel.confirm_delivery()  # basic_publish returns only once the broker has the copy on disk
        for tag, letter in _take(channel, topology):
            if event_ids is not None and letter.event_id not in event_ids:
                continue  # left unacked: back in the dead-letter queue when the channel closes
            channel.basic_publish(
                topology.events_exchange,
                routing_key=letter.routing_key,
                body=letter.body,
                properties=_fresh_copy(letter.properties),
                mandatory=True,
            )
            channel.basic_ack(tag)
            replayed.append(letter)
    return replayed


def _take(channel: BlockingChannel, topology: Topology) -> Iterator[tuple[int, DeadLetter]]:
    # Only what is there now: a replayed event that dies again while we work is for the next run.
    waiting = channel.queue_declare(topology.dead_queue, passive=True).method.message_count
    for _ in range(waiting):
        method, properties, body = channel.basic_get(topology.dead_queue, auto_ack=False)
        if method is None:
            return
        yield method.delivery_tag, _read(method.routing_key, properties, body)


def _read(routing_key: str, properties: pika.BasicProperties, body: bytes) -> DeadLetter:
    headers = properties.headers or {}
    deaths: list[dict[str, Any]] = headers.get("x-death") or []
    oldest = deaths[-1] if deaths else {}  # the broker puts the latest death first
    try:
        event = json.loads(body)
        if not isinstance(event, dict):
            raise ValueError("not an object")
    except ValueError:
        event = {}
    original_keys = oldest.get("routing-keys") or [routing_key]
    return DeadLetter(
        event_id=str(event.get("event_id") or properties.message_id or "(no event id)"),
        kind=str(event.get("kind") or properties.type or "(not an event)"),
        subject=str(event.get("subject") or "-"),
        reason=_reason(headers, deaths),
        deaths=sum(int(death.get("count", 1)) for death in deaths) or 1,
        routing_key=_text(original_keys[0]),
        body=body,
        properties=properties,
    )


def _reason(headers: dict[str, Any], deaths: list[dict[str, Any]]) -> str:
    if deaths:
        latest = deaths[0]
        return f"{_text(latest.get('reason', '?'))} from {_text(latest.get('queue', '?'))}"
    return _text(headers.get("x-first-death-reason", "unknown"))


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _fresh_copy(properties: pika.BasicProperties) -> pika.BasicProperties:
    headers = {key: value for key, value in (properties.headers or {}).items() if key not in _BROKER_COUNTS}
    return pika.BasicProperties(
        delivery_mode=PERSISTENT,
        content_type=properties.content_type or "application/json",
        message_id=properties.message_id,
        type=properties.type,
        headers=headers,
    )


@contextlib.contextmanager
def _channel(url: str, topology: Topology) -> Iterator[BlockingChannel]:
    connection = pika.BlockingConnection(connection_parameters(url))
    try:
        channel = connection.channel()
        topology.declare_events(channel)  # on a fresh broker the queues exist, empty, rather than a 404
        yield channel
    finally:
        if connection.is_open:
            connection.close()
