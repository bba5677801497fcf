"""One MIME message per recipient (stdlib ``email``, policy SMTP): headers, text, HTML, PDF.

Structure: ``multipart/mixed`` [ ``multipart/alternative`` [ text/plain, ``multipart/related``
[ text/html, image/png (the cover, by Content-ID) ] ], application/pdf (the brief) ]. Names in
headers are RFC 2047 encoded and the attachment's file name RFC 2231 encoded by the policy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid
from typing import Any

from reports.deliver.content import BriefTexts, html_text, plain_text
from reports.deliver.recipients import Recipient, normalize_address


class _SmtpPolicy(EmailPolicy):
    """``email.policy.SMTP``, but the Subject folded by :class:`email.header.Header` and the
    Message-ID never folded.

    The modern folder puts a whole ASCII subject holding ``:`` or ``,`` on a continuation line
    (``Subject:\r\n Brief: ...``), which readers show with a leading space.
    """

    def fold(self, name: str, value: Any) -> str:
        return self._special(name, value) or super().fold(name, value)

    def fold_binary(self, name: str, value: Any) -> bytes:
        folded = self._special(name, value)
        return folded.encode("ascii") if folded else super().fold_binary(name, value)

    def _special(self, name: str, value: Any) -> str:
        if name.lower() in _ONE_LINE:
            # A message identifier is one token: the modern folder moves a long one to a
            # continuation line, and readers keep the line break in its value (' <id>' or
            # '\r\n <id>'), so the identifier no longer matches itself.
            return f"{name}: {' '.join(str(value).split())}{self.linesep}"
        if name.lower() != "subject":
            return ""
        text = str(value)
        header = Header(text, "us-ascii" if text.isascii() else "utf-8", header_name=name)
        width = self.max_line_length or 78
        return f"{name}: {header.encode(linesep=self.linesep, maxlinelen=width)}{self.linesep}"


_ONE_LINE = frozenset({"message-id", "content-id", "in-reply-to", "references"})
SMTP_POLICY = _SmtpPolicy(linesep="\r\n")


@dataclass(frozen=True)
class Attachment:
    """The brief as attached: bytes, its digest and the identity of the brief."""

    pdf: bytes
    sha256: str
    period: str
    locale: str
    cover_png: bytes


def address(email: str, name: str = "") -> Address:
    """An :class:`Address` with an ASCII (IDNA) domain, as SMTP needs."""
    local, _, _domain = email.strip().rpartition("@")
    ascii_domain = normalize_address(email).rpartition("@")[2]
    return Address(display_name=name, username=local, domain=ascii_domain)


def compose(
    recipient: Recipient,
    texts: BriefTexts,
    attachment: Attachment,
    sender: Address,
    now: dt.datetime | None = None,
    reply_to: Address | None = None,
) -> EmailMessage:
    """The message for ``recipient``, in ``texts``'s language, with the brief attached;
    ``reply_to``: where the recipient's replies go, when not to ``sender``."""
    message = EmailMessage(policy=SMTP_POLICY)
    message["From"] = sender
    if reply_to is not None:
        message["Reply-To"] = reply_to
    message["To"] = address(recipient.email, recipient.name)
    if recipient.cc:
        message["Cc"] = [address(a) for a in recipient.cc]
    message["Subject"] = texts.subject
    message["Date"] = format_datetime(now or dt.datetime.now(dt.UTC).astimezone())
    message["Message-ID"] = make_msgid("brief", domain=sender.domain or "localhost")
    message["Auto-Submitted"] = "auto-generated"
    message["X-Reports-Brief"] = (
        f"period={attachment.period}; locale={attachment.locale}; sha256={attachment.sha256}"
    )
    message.set_content(plain_text(texts, recipient.name), subtype="plain", cte="quoted-printable")
    cover_cid = make_msgid("cover", domain=sender.domain or "localhost")
    message.add_alternative(
        html_text(texts, recipient.name, cover_cid), subtype="html", cte="quoted-printable"
    )
    html_part = message.get_payload()[1]  # type: ignore[index]
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(
        attachment.cover_png,
        maintype="image",
        subtype="png",
        cid=cover_cid,
        filename="cover.png",
        disposition="inline",
    )
    message.add_attachment(
        attachment.pdf, maintype="application", subtype="pdf", filename=texts.filename
    )
    # After the parts: setting the content would drop a Content-* header set earlier.
    message["Content-Language"] = texts.loc.tag.replace("_", "-")
    return message


def envelope_recipients(recipient: Recipient) -> list[str]:
    """Addresses for ``RCPT TO``: the recipient first, then the copies (ASCII domains)."""
    return [address(a).addr_spec for a in (recipient.email, *recipient.cc)]
