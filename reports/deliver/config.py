"""SMTP settings from options and the environment; the password from the environment, else
from the system keyring (when the optional ``keyring`` package is installed), never an option.

This module is the only reader of the ``REPORTS_SMTP_*`` variables and of the keyring. The
password is held in a :class:`Secret`, whose ``repr`` and ``str`` never show it, so it cannot
leak through a log line, an error message or a dataclass ``repr``.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import getaddresses
from typing import Literal

from reports.errors import DeliveryError

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "ssl", "none")
DEFAULT_PORTS: dict[Security, int] = {"starttls": 587, "ssl": 465, "none": 25}
ENV_PREFIX = "REPORTS_SMTP_"
DEFAULT_MAX_ATTACHMENT = 10 * 1024 * 1024
KEYRING_SERVICE = "reports-smtp"  # the keyring entry of a password: service reports-smtp:HOST


class Secret:
    """A value that is never shown: ``repr``/``str`` give asterisks; :meth:`reveal` gives it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a Secret cannot be pickled")


@dataclass(frozen=True)
class RetryPolicy:
    """Temporary failures are retried ``retries`` times, waiting ``delay`` × ``factor``ⁿ seconds."""

    retries: int = 4
    delay: float = 2.0
    factor: float = 2.0
    max_delay: float = 60.0

    def wait(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        return float(min(self.max_delay, self.delay * self.factor ** (attempt - 1)))


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: Security
    sender: Address
    user: str | None = None
    password: Secret | None = None
    timeout: float = 30.0
    retry: RetryPolicy = RetryPolicy()
    password_from: str = ""  # where the password was read (for messages): never the password
    reply_to: Address | None = None  # where replies go, when not to the sender

    @property
    def loopback(self) -> bool:
        return _is_loopback(self.host)


def parse_sender(text: str, what: str = "sender") -> Address:
    """``Name <addr@example.org>`` or ``addr@example.org`` as an :class:`Address`."""
    from reports.deliver.recipients import address_problem

    pairs = getaddresses([text])
    if len(pairs) != 1 or address_problem(pairs[0][1], single_label=True):
        raise DeliveryError(f"invalid {what} address {text!r}: expected Name <user@domain>")
    name, addr = pairs[0]
    local, _, domain = addr.rpartition("@")
    return Address(display_name=name, username=local, domain=domain)


def smtp_settings(
    *,
    host: str | None = None,
    port: int | None = None,
    security: str | None = None,
    user: str | None = None,
    sender: str | None = None,
    timeout: float = 30.0,
    retry: RetryPolicy | None = None,
    env: Mapping[str, str] | None = None,
    require_host: bool = True,
    reply_to: str | None = None,
) -> SmtpSettings:
    """Settings from options, falling back on ``REPORTS_SMTP_*``; check they are complete.

    The password is read from ``REPORTS_SMTP_PASSWORD``; when it is not set and a user is
    given, from the system keyring (:func:`keyring_password`). With ``require_host=False`` (a
    dry run) the host may be missing, no password is looked up, and the sender defaults to
    ``reports@localhost``.
    """
    environ = os.environ if env is None else env

    def pick(value: str | None, name: str) -> str | None:
        if value not in (None, ""):
            return value
        found = environ.get(ENV_PREFIX + name, "").strip()
        return found or None

    chosen_security = (pick(security, "SECURITY") or "starttls").lower()
    if chosen_security not in SECURITIES:
        raise DeliveryError(
            f"invalid SMTP security {chosen_security!r}: use starttls, ssl or none"
            f" (option --smtp-security or {ENV_PREFIX}SECURITY)"
        )
    sec: Security = chosen_security
    chosen_host = pick(host, "HOST")
    if chosen_host is None and require_host:
        raise DeliveryError(f"no SMTP server: use --smtp-host or set {ENV_PREFIX}HOST")
    port_text = pick(str(port) if port is not None else None, "PORT")
    try:
        chosen_port = int(port_text) if port_text else DEFAULT_PORTS[sec]
    except ValueError:
        raise DeliveryError(f"invalid SMTP port {port_text!r} ({ENV_PREFIX}PORT)") from None
    if not 0 < chosen_port < 65536:
        raise DeliveryError(f"invalid SMTP port {chosen_port}")
    sender_text = pick(sender, "FROM")
    if sender_text is None:
        if require_host:
            raise DeliveryError(f"no sender address: use --from or set {ENV_PREFIX}FROM")
        sender_text = "reports@localhost"
    reply_to_text = pick(reply_to, "REPLY_TO")
    chosen_reply_to = parse_sender(reply_to_text, "reply-to") if reply_to_text else None
    chosen_user = pick(user, "USER")
    password_text = environ.get(ENV_PREFIX + "PASSWORD") or None
    password = Secret(password_text) if password_text else None
    password_from = f"{ENV_PREFIX}PASSWORD" if password is not None else ""
    if chosen_user and password is None and require_host and chosen_host:
        password, why_not = keyring_password(chosen_host, chosen_user)
        if password is None:
            raise DeliveryError(
                f"SMTP user {chosen_user!r} given but no password: set {ENV_PREFIX}PASSWORD,"
                f" or store it in the system keyring with"
                f" `keyring set {keyring_service(chosen_host)} {chosen_user}` ({why_not})"
            )
        password_from = f"the system keyring ({keyring_service(chosen_host)})"
    if password is not None and not chosen_user and require_host:
        raise DeliveryError(f"{ENV_PREFIX}PASSWORD is set but no SMTP user: use --smtp-user")
    if chosen_user and sec == "none" and chosen_host and not _is_loopback(chosen_host):
        raise DeliveryError(
            f"refusing to send the SMTP password unencrypted to {chosen_host}:"
            " use --smtp-security starttls or ssl"
        )
    return SmtpSettings(
        host=chosen_host or "",
        port=chosen_port,
        security=sec,
        sender=parse_sender(sender_text),
        user=chosen_user,
        password=password,
        timeout=timeout,
        retry=retry or RetryPolicy(),
        password_from=password_from,
        reply_to=chosen_reply_to,
    )


def keyring_service(host: str) -> str:
    """The keyring service under which the password for ``host`` is stored."""
    return f"{KEYRING_SERVICE}:{host.strip().lower()}"


def keyring_password(host: str, user: str) -> tuple[Secret | None, str]:
    """The password of ``user`` on ``host`` from the system keyring (service
    ``reports-smtp:HOST``, username ``user``), or None and why there is none: the optional
    ``keyring`` package is not installed, the keyring cannot be read, or holds no such entry."""
    try:
        import keyring
    except ImportError:
        return None, "the optional keyring package is not installed"
    service = keyring_service(host)
    try:
        found = keyring.get_password(service, user)
    except Exception as exc:  # any backend's failure (none available, locked, D-Bus...)
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return None, f"the system keyring could not be read: {reason}"
    if not found:
        return None, f"the system keyring has no password for {user!r} at {service}"
    return Secret(found), ""


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
