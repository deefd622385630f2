"""A quicker check for binary data in every Socket.IO message the pages are sent.

python-socketio asks of every packet whether its data holds bytes, walking the whole message in Python with a
list and a `functools.reduce` per level. NiceGUI sends each open page its element updates this way: with 200
boards open, one order event is 200 such walks (py-spy on `bakeops serve` in bench.live_board). orjson refuses
bytes, so data it can encode holds none; only what it refuses is walked the slow way. Same answer, ~40x quicker
on a board's update (tests/test_socket_packets.py).
"""

import orjson
from nicegui import core
from socketio import packet


class QuickPacket(packet.Packet):
    @classmethod
    def data_is_binary(cls, data: object) -> bool:
        try:
            orjson.dumps(data)
        except TypeError:  # bytes, or a type only NiceGUI's own encoder knows: look properly
            return super().data_is_binary(data)
        return False


def send_quick_packets() -> None:
    core.sio.packet_class = QuickPacket
