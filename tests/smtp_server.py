"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, recording what it receives."""

from __future__ import annotations

import email
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "briefs"
PASSWORD = "s3cr3t-Pa55word!"


@dataclass
class Received:
    sender: str
    rcpt: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class Recorder:
    """aiosmtpd handler: keeps every message; optional scripted failures.

    ``drops``: connections cut at the next DATA commands; ``data_replies``: replies to give to
    the next DATA commands instead of accepting (e.g. ``["451 4.3.0 Try again later"]``);
    ``refuse``: addresses refused at RCPT, with the reply to give.
    """

    received: list[Received] = field(default_factory=list)
    data_replies: list[str] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)
    drops: int = 0  # connections to cut, without a reply, at the next DATA commands

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.drops:
            self.drops -= 1
            server.transport.abort()  # the connection drops in the middle of the transaction
            return "250 never seen"
        if self.data_replies:
            return self.data_replies.pop(0)
        raw = bytes(envelope.original_content or envelope.content)
        parsed = email.message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed, raw))
        return "250 2.0.0 Accepted"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = data.login.decode(), data.password.decode()
        self.logins.append((user, password))
        return AuthResult(success=user == USER and password == PASSWORD, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def smtp_server(
    recorder: Recorder | None = None,
    *,
    auth: bool = False,
    tls_context: ssl.SSLContext | None = None,
    data_size_limit: int | None = None,
) -> Iterator[tuple[Recorder, int]]:
    """Run a server on 127.0.0.1 for the duration of the block: (its recorder, its port).

    ``data_size_limit``: the largest message it takes, announced as ``SIZE n`` in its EHLO reply.
    """
    handler = recorder or Recorder()
    port = free_port()
    kwargs: dict[str, Any] = {}
    if data_size_limit is not None:
        kwargs["data_size_limit"] = data_size_limit
    if auth:
        kwargs |= {"authenticator": handler.authenticate, "auth_required": True}
        if tls_context is None:
            kwargs["auth_require_tls"] = False
    if tls_context is not None:
        kwargs |= {"tls_context": tls_context, "require_starttls": True}
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
