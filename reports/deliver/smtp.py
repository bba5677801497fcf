"""SMTP transport: connect (STARTTLS, SSL or plain), authenticate, send with retries.

Temporary failures (4xx replies, a dropped or refused connection, a timeout) are retried with
exponential backoff, reconnecting as needed; permanent ones (5xx) are reported per address. A
message larger than the server's announced limit (``SIZE n`` in its EHLO reply) is not sent: a
permanent failure for its addresses, found before anything is uploaded.
Failures no retry can fix (authentication refused, TLS not offered or not trusted) raise
:class:`DeliveryError` and stop the run. No error text ever holds the password.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from types import TracebackType

from reports.deliver.config import SmtpSettings
from reports.errors import DeliveryError


@dataclass(frozen=True)
class SendOutcome:
    """What became of one message: addresses accepted and refused (with the reason)."""

    accepted: tuple[str, ...]
    refused: dict[str, str] = field(default_factory=dict)
    attempts: int = 1
    unreachable: bool = False  # the last failure was the connection itself


class _Temporary(Exception):
    """A failure worth retrying; ``connection`` when the server could not be used at all."""

    def __init__(self, reason: str, connection: bool = False) -> None:
        super().__init__(reason)
        self.connection = connection


class SmtpTransport:
    """One SMTP session, opened on first use and reused for every message of a run."""

    def __init__(
        self,
        settings: SmtpSettings,
        sleep: Callable[[float], None] = time.sleep,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._context = ssl_context or ssl.create_default_context()
        self._client: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- connection ---------------------------------------------------------------------------
    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        where = f"{s.host}:{s.port}"
        try:
            client: smtplib.SMTP
            if s.security == "ssl":
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._context)
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            client.ehlo()
            if s.security == "starttls":
                if not client.has_extn("starttls"):
                    client.close()
                    raise DeliveryError(
                        f"{where} does not offer STARTTLS: use --smtp-security ssl"
                        " (or none on a trusted local relay)"
                    )
                client.starttls(context=self._context)
                client.ehlo()
            if s.user and s.password is not None:
                client.login(s.user, s.password.reveal())
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(
                f"TLS certificate of {where} not trusted: {exc.verify_message}"
            ) from None
        except ssl.SSLError as exc:
            raise DeliveryError(f"TLS failed with {where}: {exc.reason or exc}") from None
        except smtplib.SMTPAuthenticationError as exc:
            reply = self._reply(exc.smtp_code, exc.smtp_error)
            origin = f" with the password from {s.password_from}" if s.password_from else ""
            raise DeliveryError(
                f"{where} refused the login of user {s.user!r}{origin}: {reply}"
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryError(f"{where} does not support authentication (AUTH)") from None
        except smtplib.SMTPResponseException as exc:
            reply = self._reply(exc.smtp_code, exc.smtp_error)
            if 400 <= exc.smtp_code < 500:
                raise _Temporary(f"{where}: {reply}", connection=True) from None
            raise DeliveryError(f"{where} refused the session: {reply}") from None
        except (smtplib.SMTPException, OSError) as exc:
            text = self._scrub(str(exc)) or type(exc).__name__
            raise _Temporary(f"cannot reach {where}: {text}", connection=True) from None
        return client

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    # -- sending ------------------------------------------------------------------------------
    def send(self, message: EmailMessage, recipients: list[str]) -> SendOutcome:
        """Send ``message`` to ``recipients`` (envelope), retrying temporary failures.

        Addresses accepted by the server are never sent the message again; only those
        refused temporarily, or all of them when the connection failed, are retried.
        """
        policy = self.settings.retry
        pending = list(recipients)
        accepted: list[str] = []
        refused: dict[str, str] = {}
        attempt = 0
        while True:
            attempt += 1
            unreachable = False
            try:
                if self._client is None:
                    self._client = self._connect()
                retry = self._attempt(message, pending, accepted, refused)
                reason = refused[retry[0]] if retry else ""
            except _Temporary as exc:
                self._drop()
                retry, reason, unreachable = list(pending), str(exc), exc.connection
            if not retry:
                return SendOutcome(tuple(accepted), refused, attempt)
            if attempt > policy.retries:
                gave_up = f"{reason} (gave up after {attempt} attempts)"
                refused.update(dict.fromkeys(retry, gave_up))
                return SendOutcome(tuple(accepted), refused, attempt, unreachable)
            pending = retry
            self._sleep(policy.wait(attempt))

    def _attempt(
        self,
        message: EmailMessage,
        pending: list[str],
        accepted: list[str],
        refused: dict[str, str],
    ) -> list[str]:
        """One try: record accepted and permanently refused addresses; return those to retry."""
        assert self._client is not None
        too_large = self._over_size_limit(message)
        if too_large:
            refused.update(dict.fromkeys(pending, too_large))
            return []
        sender = str(message["From"].addresses[0].addr_spec)
        try:
            rejected: dict[str, tuple[int, bytes]] = self._client.send_message(
                message, from_addr=sender, to_addrs=pending
            )
        except smtplib.SMTPRecipientsRefused as exc:
            rejected = exc.recipients
        except smtplib.SMTPServerDisconnected as exc:
            raise _Temporary(f"connection lost: {self._scrub(str(exc))}", connection=True) from None
        except smtplib.SMTPResponseException as exc:  # MAIL FROM or DATA refused
            reply = self._reply(exc.smtp_code, exc.smtp_error)
            if exc.smtp_code == 421:  # the server closes the session
                raise _Temporary(reply, connection=True) from None
            if 400 <= exc.smtp_code < 500:
                refused.update(dict.fromkeys(pending, reply))
                return list(pending)
            refused.update(dict.fromkeys(pending, reply))
            return []
        except (smtplib.SMTPException, OSError) as exc:
            text = self._scrub(str(exc)) or type(exc).__name__
            raise _Temporary(f"connection lost: {text}", connection=True) from None
        retry: list[str] = []
        for address in pending:
            if address in rejected:
                code, answer = rejected[address]
                refused[address] = self._reply(code, answer)
                if 400 <= code < 500:
                    retry.append(address)
            else:
                accepted.append(address)
                refused.pop(address, None)
        return retry

    def size_limit(self) -> int | None:
        """The largest message the connected server takes, from ``SIZE n`` in its EHLO reply
        (None: no limit announced, or ``SIZE 0``)."""
        assert self._client is not None
        value = self._client.esmtp_features.get("size", "").strip()
        return int(value) if value.isdigit() and int(value) > 0 else None

    def _over_size_limit(self, message: EmailMessage) -> str:
        """Why ``message`` must not be sent to this server ('' when it may): it is larger than
        the server's SIZE, so the server would refuse it, at best after the upload."""
        limit = self.size_limit()
        if limit is None:
            return ""
        size = wire_size(message)
        if size <= limit:
            return ""
        where = f"{self.settings.host}:{self.settings.port}"
        return (
            f"not sent: the message is {size:,} bytes ({_human(size)}), over the {limit:,} bytes"
            f" ({_human(limit)}) that {where} accepts (SIZE in its EHLO reply)"
        )

    # -- text ---------------------------------------------------------------------------------
    def _reply(self, code: int, text: bytes | str) -> str:
        body = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return self._scrub(f"{code} {' '.join(body.split())}")

    def _scrub(self, text: str) -> str:
        """Remove the password (plain or in an AUTH encoding) from a server's text."""
        secret = self.settings.password
        if secret is None:
            return text
        value = secret.reveal()
        user = self.settings.user or ""
        forms = {
            value,
            base64.b64encode(value.encode()).decode(),
            base64.b64encode(f"\0{user}\0{value}".encode()).decode(),
        }
        for form in forms:
            if form:
                text = text.replace(form, "********")
        return text


def wire_size(message: EmailMessage) -> int:
    """The size of ``message`` as :meth:`smtplib.SMTP.send_message` sends it (CRLF line ends,
    before dot-stuffing): what the server compares with its SIZE."""
    import io
    from email.generator import BytesGenerator

    with io.BytesIO() as flat:
        BytesGenerator(flat, policy=message.policy).flatten(message, linesep="\r\n")
        return len(flat.getvalue())


def _human(size: int) -> str:
    """``1.4 MB``, ``126.2 kB``, ``900 bytes`` (decimal units, as mail servers state limits)."""
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    if size >= 1_000:
        return f"{size / 1e3:.1f} kB"
    return f"{size} bytes"
