"""A real SMTP server on loopback that keeps what it receives, and can stall to imitate slow mail."""

import asyncio
import threading

from aiosmtpd.controller import Controller

from devtools.processes import free_port


class SmtpSink:
    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.sessions_started = 0
        self.stall = threading.Event()  # while set, DATA hangs (the sender is mid-conversation)
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_MAIL(self, server, session, envelope, address, options):
        self.sessions_started += 1
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        while self.stall.is_set():
            await asyncio.sleep(0.05)
        self.messages.append(envelope.content)
        return "250 Message accepted"

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stall.clear()
        self.controller.stop()
