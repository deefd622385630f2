"""The pages' Socket.IO messages: the quick binary check answers as python-socketio's own."""

import pytest
from socketio import packet

from bakeops_ui.socket_packets import QuickPacket

MESSAGES = [
    ["update", {"12": {"id": 12, "props": {"order": {"ticket": 7, "items": ["Croissant"]}}, "children": [1, 2]}}],
    ["run_javascript", {"code": "x()", "_id": 3}],
    ["download", {"src": b"\x00\x01", "filename": "a.bin"}],
    ["update", {"1": {"props": {"nested": [[{"deep": bytearray(b"x")}]]}}}],
    ["update", {"1": {"props": {"odd": object()}}}],  # orjson refuses it: the slow walk answers
    [],
]


@pytest.mark.parametrize("data", MESSAGES)
def test_quick_check_gives_socketio_answer(data):
    assert QuickPacket.data_is_binary(data) == packet.Packet.data_is_binary(data)


def test_bytes_still_go_as_a_binary_event():
    sent = QuickPacket(packet.EVENT, data=["download", {"src": b"\x00"}])
    assert sent.packet_type == packet.BINARY_EVENT
    assert isinstance(sent.encode(), list)  # the text part, then the attachment


def test_pages_are_sent_quick_packets():
    from nicegui import core

    from bakeops_ui.socket_packets import send_quick_packets

    send_quick_packets()
    assert core.sio.packet_class is QuickPacket
