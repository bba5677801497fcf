"""``reports send``: every check first, then one message per recipient, logged as it goes.

Order: recipients checked, briefs ready, every message composed and its size checked — any
problem stops the run before the first message leaves. Then each recipient in file order:
skipped when the delivery log says this brief already reached them (unless ``resend``),
otherwise sent (or, in a dry run, written to ``OUT/outbox/PERIOD/``) and logged at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Literal, Protocol

from reports.deliver.briefs import ReadyBrief
from reports.deliver.log import DeliveryLog
from reports.deliver.message import Attachment, compose, envelope_recipients
from reports.deliver.recipients import Recipient
from reports.deliver.smtp import SendOutcome
from reports.errors import DeliveryError
from reports.period import Period

Status = Literal[
    "sent", "failed", "skipped", "not-subscribed", "dry-run", "not-sent", "interrupted"
]
INTERRUPTED = (
    "interrupted while it was being sent: it may have arrived; the next run sends it again,"
    " under the same Message-ID"
)


class Transport(Protocol):
    def send(self, message: EmailMessage, recipients: list[str]) -> SendOutcome: ...


@dataclass(frozen=True)
class Delivery:
    """What became of one recipient row."""

    row: int
    email: str
    locale: str
    status: Status
    brief: str = ""
    sha256: str = ""
    message_id: str = ""
    attempts: int = 0
    detail: str = ""
    eml: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class SendInterrupted(KeyboardInterrupt):
    """Ctrl-C during the sending: what became of each recipient up to then, and of the rest."""

    def __init__(self, results: list[Delivery]) -> None:
        super().__init__()
        self.results = results


@dataclass(frozen=True)
class Outgoing:
    recipient: Recipient
    brief: ReadyBrief
    message: EmailMessage
    size: int


def compose_all(
    recipients: list[Recipient],
    briefs: dict[str, ReadyBrief],
    sender: Address,
    max_size: int,
    reply_to: Address | None = None,
) -> list[Outgoing]:
    """Compose every message and check its size; raise before anything is sent."""
    outgoing = []
    for recipient in recipients:
        brief = briefs[recipient.locale]
        attachment = Attachment(
            pdf=brief.pdf,
            sha256=brief.sha256,
            period=str(brief.period),
            locale=brief.locale,
            cover_png=brief.cover,
        )
        message = compose(recipient, brief.texts, attachment, sender, reply_to=reply_to)
        size = len(message.as_bytes())
        if size > max_size:
            raise DeliveryError(
                f"the message for {recipient.email} (row {recipient.row}) would be"
                f" {size / 1e6:.1f} MB with {brief.path} attached ({len(brief.pdf) / 1e6:.1f} MB"
                f" before encoding), over the {max_size / 1e6:g} MB limit (--max-size):"
                " nothing was sent"
            )
        outgoing.append(Outgoing(recipient, brief, message, size))
    return outgoing


def deliver(
    outgoing: list[Outgoing],
    log: DeliveryLog,
    transport: Transport | None,
    *,
    resend: bool = False,
    outbox: Path | None = None,
    progress: Callable[[str], None] = lambda _text: None,
) -> list[Delivery]:
    """Send each message not yet delivered through ``transport``, or, with no transport (a dry
    run), write it to ``outbox``. A server that cannot be reached stops the sending: the
    recipients left are reported ``not-sent``. A server that can no longer be used (a login or
    TLS refused when reconnecting) stops it too, once a message of this run has left; before
    that, its :class:`DeliveryError` propagates (nothing was sent). Ctrl-C raises
    :class:`SendInterrupted` with every recipient's outcome: the message in flight
    ``interrupted`` (its outcome unknown), the ones after it ``not-sent``."""
    if transport is None and outbox is None:
        raise ValueError("a dry run needs an outbox folder")
    results: list[Delivery] = []
    try:
        _deliver(outgoing, log, transport, resend, outbox, progress, results)
    except KeyboardInterrupt:
        done = len(results)
        if done < len(outgoing) and transport is not None:
            item = outgoing[done]
            if log.interrupted(item.recipient.key, item.brief.sha256) is not None:
                results.append(_delivery(item, "interrupted", INTERRUPTED))
        results += [
            _delivery(item, "not-sent", "not tried: interrupted (Ctrl-C)")
            for item in outgoing[len(results) :]
        ]
        raise SendInterrupted(results) from None
    return results


def _delivery(item: Outgoing, status: Status, detail: str) -> Delivery:
    r, brief = item.recipient, item.brief
    return Delivery(
        row=r.row,
        email=r.email,
        locale=r.locale,
        status=status,
        brief=str(brief.path),
        sha256=brief.sha256,
        message_id=str(item.message["Message-ID"]),
        detail=detail,
    )


def _deliver(
    outgoing: list[Outgoing],
    log: DeliveryLog,
    transport: Transport | None,
    resend: bool,
    outbox: Path | None,
    progress: Callable[[str], None],
    results: list[Delivery],
) -> None:
    """:func:`deliver`'s loop: appends to ``results`` as each recipient is done."""
    stopped = ""
    for index, item in enumerate(outgoing, start=1):
        r, brief, message = item.recipient, item.brief, item.message
        base = Delivery(
            row=r.row,
            email=r.email,
            locale=r.locale,
            status="sent",
            brief=str(brief.path),
            sha256=brief.sha256,
            message_id=str(message["Message-ID"]),
        )
        previous = log.last_sent(r.key, brief.sha256, brief.content_key)
        if previous is not None and not resend:
            when = previous.finished_at or previous.started_at
            detail = f"already sent on {when}"
            results.append(
                replace(base, status="skipped", message_id=previous.message_id, detail=detail)
            )
        elif stopped:
            results.append(replace(base, status="not-sent", detail=stopped))
        elif transport is None:
            assert outbox is not None
            path = write_eml(outbox, r, message)
            results.append(replace(base, status="dry-run", eml=str(path)))
        else:
            interrupted = log.interrupted(r.key, brief.sha256)
            note = ""
            if interrupted is not None:
                # It may have arrived: the same Message-ID lets mail systems see the same message.
                message.replace_header("Message-ID", interrupted.message_id)
                base = replace(base, message_id=interrupted.message_id)
                note = " (a previous attempt was interrupted)"
            progress(f"[{index}/{len(outgoing)}] sending to {r.email} ({r.locale}){note}")
            try:
                delivery, unreachable = _send_one(item, base, log, transport, resend)
            except DeliveryError as exc:  # login or TLS refused on a new connection
                if not any(d.status == "sent" for d in results):
                    raise  # nothing left in this run: one error line, exit 1
                # Messages already left: report every recipient (who got it, who did not).
                results.append(replace(base, status="failed", detail=str(exc)))
                stopped = f"not tried: the server could no longer be used ({exc})"
                continue
            results.append(delivery)
            if unreachable:
                stopped = f"not tried: the server could not be reached ({delivery.detail})"


def _send_one(
    item: Outgoing, base: Delivery, log: DeliveryLog, transport: Transport, resend: bool
) -> tuple[Delivery, bool]:
    """Send one message, logged before and after; (its delivery, server unreachable).

    A copy (``cc``) that an earlier attempt got through to is left out of the envelope (unless
    ``resend``): the recipient's own address failed then, not the copy's."""
    r, brief = item.recipient, item.brief
    envelope = envelope_recipients(r)
    had = set() if resend else log.delivered_copies(r.key, brief.sha256, brief.content_key)
    left_out = [a for a in envelope[1:] if a in had]
    envelope = [a for a in envelope if a not in left_out]
    entry = log.begin(
        r.key,
        list(r.cc),
        str(brief.period),
        brief.locale,
        brief.sha256,
        brief.content_key,
        base.message_id,
    )
    try:
        outcome = transport.send(item.message, envelope)
    except DeliveryError as exc:  # the server cannot be used at all (login, TLS): nothing sent
        log.finish(entry, False, 0, str(exc))
        raise
    sent = envelope[0] in outcome.accepted
    problems = "; ".join(
        [f"{address}: {why}" for address, why in outcome.refused.items()]
        + [f"{address}: copy already delivered, not sent again" for address in left_out]
    )
    log.finish(entry, sent, outcome.attempts, problems, outcome.accepted)
    status: Status = "sent" if sent else "failed"
    delivery = replace(base, status=status, attempts=outcome.attempts, detail=problems)
    return delivery, outcome.unreachable and not outcome.accepted


_UNSAFE = re.compile(r"[^A-Za-z0-9@._+-]")


def write_eml(folder: Path, recipient: Recipient, message: EmailMessage) -> Path:
    """``OUTBOX/003-name@example.org.eml``: the exact bytes that would be sent."""
    from reports.pipeline import write_atomic

    name = f"{recipient.row:03d}-{_UNSAFE.sub('_', recipient.email)}.eml"
    path = folder / name
    write_atomic(path, message.as_bytes())
    return path


def clear_outbox(folder: Path) -> None:
    """Remove the ``.eml`` files of an earlier dry run of the same period."""
    if folder.is_dir():
        for old in folder.glob("*.eml"):
            old.unlink()


def subscribed(
    recipients: list[Recipient], period: Period
) -> tuple[list[Recipient], list[Recipient]]:
    """(recipients who receive ``period``, those whose ``periods`` column leaves it out)."""
    wanted = [r for r in recipients if r.wants(period)]
    return wanted, [r for r in recipients if not r.wants(period)]
