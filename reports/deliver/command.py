"""What ``reports send`` does, option by option, kept out of the CLI module."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reports import console
from reports.deliver.config import DEFAULT_MAX_ATTACHMENT, RetryPolicy, smtp_settings
from reports.deliver.recipients import Recipient
from reports.deliver.send import Delivery, SendInterrupted
from reports.period import Period


@dataclass(frozen=True)
class SendOptions:
    period: str
    recipients: Path
    out: Path
    data: Path | None = None
    templates: Path | None = None
    date: str = ""  # publication date of the briefs, YYYY-MM-DD ("" = none)
    dry_run: bool = False
    resend: bool = False
    as_json: bool = False
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_security: str | None = None
    smtp_user: str | None = None
    sender: str | None = None
    reply_to: str | None = None
    max_size: int = DEFAULT_MAX_ATTACHMENT
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    timeout: float = 30.0


def run_send(options: SendOptions) -> list[Delivery]:
    """Check everything, then send (or write the outbox); print one line per recipient."""
    from reports.deliver.briefs import ready_brief
    from reports.deliver.log import DeliveryLog
    from reports.deliver.recipients import load_recipients
    from reports.deliver.send import clear_outbox, compose_all, deliver, subscribed
    from reports.deliver.smtp import SmtpTransport

    period = Period.parse(options.period)
    recipients = load_recipients(
        options.recipients, options.templates / "locale" if options.templates else None
    )
    settings = smtp_settings(
        host=options.smtp_host,
        port=options.smtp_port,
        security=options.smtp_security,
        user=options.smtp_user,
        sender=options.sender,
        reply_to=options.reply_to,
        timeout=options.timeout,
        retry=options.retry,
        require_host=not options.dry_run,
    )
    wanted, others = subscribed(recipients, period)
    briefs = {}
    for locale in dict.fromkeys(r.locale for r in wanted):
        brief = ready_brief(
            period, locale, options.out, options.data, options.templates, options.date
        )
        console.info(f"{brief.status} {brief.path}")
        briefs[locale] = brief
    outgoing = compose_all(wanted, briefs, settings.sender, options.max_size, settings.reply_to)

    outbox = options.out / "outbox" / str(period) if options.dry_run else None
    if outbox is not None:
        clear_outbox(outbox)
    try:
        with DeliveryLog(options.out) as log:
            if outbox is not None:
                results = deliver(outgoing, log, None, resend=options.resend, outbox=outbox)
            else:
                with SmtpTransport(settings) as transport:
                    results = deliver(
                        outgoing, log, transport, resend=options.resend, progress=console.info
                    )
    except SendInterrupted as stop:
        import typer

        from reports.cli_errors import EXIT_INTERRUPTED

        _report(_with_others(stop.results, others), period, options)
        console.error(
            "interrupted (each recipient's outcome is above): run the same command again to send"
            " what is missing; a message interrupted while being sent goes again, under the same"
            " Message-ID"
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    every = _with_others(results, others)
    _report(every, period, options)
    return every


def _with_others(results: list[Delivery], others: list[Recipient]) -> list[Delivery]:
    """``results`` and a ``not-subscribed`` line for each of ``others``, in file order."""
    results = results + [
        Delivery(r.row, r.email, r.locale, "not-subscribed", detail=f"periods: {_periods(r)}")
        for r in others
    ]
    results.sort(key=lambda d: d.row)
    return results


def _periods(recipient: Recipient) -> str:
    return ", ".join(str(p) for p in recipient.periods)


def _report(results: list[Delivery], period: Period, options: SendOptions) -> None:
    counts = Counter(d.status for d in results)
    if options.as_json:
        summary = {
            "period": str(period),
            "dry_run": options.dry_run,
            "counts": dict(sorted(counts.items())),
            "deliveries": [d.as_dict() for d in results],
        }
        console.result(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    for d in results:
        where = d.eml or d.detail
        console.result(
            f"{d.status:<14} row {d.row:<4} {d.email} ({d.locale})"
            + (f"  {where}" if where else "")
        )
    console.info(", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
