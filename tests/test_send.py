"""`reports send` against a real SMTP server (aiosmtpd on 127.0.0.1) started by each test."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult
from conftest import normalise, pdf_text
from smtp_server import PASSWORD, USER, Recorder, smtp_server
from typer.testing import CliRunner

from reports.cli import app

runner = CliRunner()
SENDER = "Observatoire <briefs@observatoire.example.ma>"


def recipients_file(folder: Path, rows: list[str]) -> Path:
    path = folder / "recipients.csv"
    path.write_text("email,name,locale,cc,periods\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


THREE = [
    "fatima.bennani@example.org,Fatima Bennani,fr,,",
    "karim.alaoui@example.org,كريم العلوي,ar,,",
    "jane.smith@example.com,Jane Smith,en,,",
]


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder with the three 2025-H1 briefs built once, copied into each test's."""
    out = tmp_path_factory.mktemp("seed")
    result = runner.invoke(
        app, ["build", "--period", "2025-H1", "--locale", "fr,en,ar", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(autouse=True)
def seeded(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if "unseeded" not in request.keywords:
        shutil.copytree(request.getfixturevalue("seed"), tmp_path / "out")


def send(
    tmp_path: Path,
    port: int,
    recipients: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    debug: bool = False,
) -> tuple[int, str, str]:
    args = [
        *(["--debug"] if debug else []),
        "send",
        "--period",
        "2025-H1",
        "--recipients",
        str(recipients),
        "--out",
        str(tmp_path / "out"),
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--smtp-security",
        "none",
        "--from",
        SENDER,
        "--retry-delay",
        "0",
        *extra,
    ]
    result = runner.invoke(app, args, env={"REPORTS_SMTP_PASSWORD": "", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def by_recipient(recorder: Recorder) -> dict[str, object]:
    return {r.rcpt[0]: r.message for r in recorder.received}


@pytest.mark.unseeded
def test_each_recipient_gets_the_brief_in_their_language(tmp_path: Path) -> None:
    with smtp_server() as (recorder, port):
        code, out, err = send(tmp_path, port, recipients_file(tmp_path, THREE), "--json")
    assert code == 0, err
    assert err.count("built ") == 3  # no brief yet: each language's is built
    summary = json.loads(out)
    assert summary["counts"] == {"sent": 3}
    assert len(recorder.received) == 3
    messages = {r.rcpt[0]: r for r in recorder.received}
    expect = {
        "fatima.bennani@example.org": ("fr", "Note\u00a0: exportations", "Bonjour Fatima Bennani,"),
        "karim.alaoui@example.org": ("ar", "مذكرة: صادرات الخدمات الرقمية", "السيد(ة) كريم العلوي"),
        "jane.smith@example.com": ("en", "Brief: exports of digital", "Dear Jane Smith,"),
    }
    for address, (lang, subject, greeting) in expect.items():
        received = messages[address]
        message = received.message
        assert received.sender == "briefs@observatoire.example.ma"
        assert str(message["Subject"]).startswith(subject)  # no folding space before it
        assert message["Content-Language"] == lang
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert text.startswith(greeting)
        assert greeting in html
        # The attachment decodes to the exact bytes of the brief on disk.
        (attachment,) = list(message.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        pdf = attachment.get_content()
        path = tmp_path / "out" / "2025-H1" / f"brief-2025-H1-{lang}.pdf"
        assert pdf == path.read_bytes()
        assert message["X-Reports-Brief"].endswith(hashlib.sha256(pdf).hexdigest())
        assert attachment.get_filename().endswith(".pdf")
        # Headline figures: the numbers the brief's cover shows, as it writes them.
        cover = normalise(pdf_text(pdf)[0])
        figures = [
            line[4:].split(" — ")[0] for line in text.splitlines() if line.startswith("  • ")
        ]
        assert len(figures) == 3
        for figure in figures:
            core = normalise(figure).strip("\u2066\u2067\u2069\u200e\u200f")
            assert core in cover, (lang, core)
            assert figure in html or core in normalise(html)
    fr = messages["fatima.bennani@example.org"].message
    assert "13,4 Md MAD" in normalise(fr.get_body(("plain",)).get_content())
    assert "au premier semestre 2025" in fr.get_body(("plain",)).get_content()
    ar_html = messages["karim.alaoui@example.org"].message.get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in ar_html
    en_html = messages["jane.smith@example.com"].message.get_body(("html",)).get_content()
    assert '<html lang="en" dir="ltr">' in en_html
    # The sources claim matches the brief's cover: official statistics as cited by the press.
    en = messages["jane.smith@example.com"].message.get_body(("plain",)).get_content()
    assert "official statistics as cited by the press" in en
    assert "telle que citée par la presse" in fr.get_body(("plain",)).get_content()


def test_message_headers_and_structure(tmp_path: Path) -> None:
    with smtp_server() as (recorder, port):
        code, _out, err = send(tmp_path, port, recipients_file(tmp_path, THREE[1:2]))
    assert code == 0, err
    (received,) = recorder.received
    raw, message = received.raw, received.message
    header_block = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers are pure ASCII
    assert "=?utf-8?" in header_block  # RFC 2047: the Arabic name and subject
    assert message["To"].addresses[0].display_name == "كريم العلوي"
    assert message["To"].addresses[0].addr_spec == "karim.alaoui@example.org"
    assert message["From"].addresses[0].display_name == "Observatoire"
    for name in ("Date", "Message-ID", "MIME-Version"):
        assert message[name], name
    assert message["Message-ID"].endswith("@observatoire.example.ma>")
    # Identifiers on one line: folded, readers keep the break in the value (' <...>').
    assert f"\r\nMessage-ID: {message['Message-ID']}\r\n" in header_block
    assert message["Message-ID"].startswith("<")
    assert b"\r\nContent-ID: <" in raw
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/mixed"
    (alternative, attachment) = message.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, related = alternative.get_payload()
    assert (plain.get_content_type(), related.get_content_type()) == (
        "text/plain",
        "multipart/related",
    )
    html, png = related.get_payload()
    assert png.get_content_type() == "image/png"
    cid = str(png["Content-ID"]).strip().strip("<>")
    assert f'src="cid:{cid}"' in html.get_content()
    image = png.get_content()
    assert image.startswith(b"\x89PNG") and len(image) < 60_000
    # RFC 2231: the Arabic file name is encoded in the header and decodes back.
    assert "filename*" in str(attachment.get("Content-Disposition")) or "filename*" in raw.decode(
        "ascii"
    )
    assert attachment.get_filename() == "صادرات الخدمات الرقمية النصف الأول من 2025.pdf"


def test_temporary_failure_is_retried(tmp_path: Path) -> None:
    recorder = Recorder(data_replies=["451 4.3.0 Mailbox busy, try again later"])
    with smtp_server(recorder) as (_, port):
        code, out, err = send(tmp_path, port, recipients_file(tmp_path, THREE[:1]), "--json")
    assert code == 0, err
    (delivery,) = json.loads(out)["deliveries"]
    assert delivery["status"] == "sent" and delivery["attempts"] == 2
    assert len(recorder.received) == 1


def test_server_closing_the_session_is_retried_on_a_new_connection(tmp_path: Path) -> None:
    recorder = Recorder(data_replies=["421 4.3.2 Service shutting down"])
    with smtp_server(recorder) as (_, port):
        code, out, err = send(tmp_path, port, recipients_file(tmp_path, THREE[:1]), "--json")
    assert code == 0, err
    assert json.loads(out)["deliveries"][0]["attempts"] == 2
    assert len(recorder.received) == 1


def test_dropped_connection_is_retried(tmp_path: Path) -> None:
    recorder = Recorder(drops=2)
    with smtp_server(recorder) as (_, port):
        code, out, err = send(tmp_path, port, recipients_file(tmp_path, THREE[:2]), "--json")
    assert code == 0, err
    deliveries = json.loads(out)["deliveries"]
    assert [d["attempts"] for d in deliveries] == [3, 1]
    assert [r.rcpt[0] for r in recorder.received] == [
        "fatima.bennani@example.org",
        "karim.alaoui@example.org",
    ]


def test_rerun_sends_nothing_new_and_resend_sends_again(tmp_path: Path) -> None:
    recipients = recipients_file(tmp_path, THREE[:2])
    brief = tmp_path / "out" / "2025-H1" / "brief-2025-H1-fr.pdf"
    before = brief.stat()
    with smtp_server() as (recorder, port):
        code, _out, err = send(tmp_path, port, recipients)
        assert code == 0
        assert f"reused {brief}" in err  # current briefs are not rebuilt
        assert (brief.stat().st_ino, brief.stat().st_mtime_ns) == (
            before.st_ino,
            before.st_mtime_ns,
        )
        assert len(recorder.received) == 2
        code, out, _err = send(tmp_path, port, recipients)
        assert code == 0
        assert len(recorder.received) == 2
        assert out.count("skipped") == 2
        # A new recipient added to the file gets it; the others are not emailed again.
        recipients = recipients_file(tmp_path, [*THREE[:2], THREE[2]])
        assert send(tmp_path, port, recipients)[0] == 0
        assert [r.rcpt[0] for r in recorder.received][2:] == ["jane.smith@example.com"]
        code, out, _err = send(tmp_path, port, recipients, "--resend")
        assert code == 0
        assert len(recorder.received) == 6
    log = sqlite3.connect(tmp_path / "out" / "deliveries.sqlite")
    rows = log.execute("SELECT address, status FROM deliveries ORDER BY id").fetchall()
    assert len(rows) == 6 and {s for _, s in rows} == {"sent"}


def test_permanent_refusal_is_reported_per_recipient(tmp_path: Path) -> None:
    recorder = Recorder(refuse={"karim.alaoui@example.org": "550 5.1.1 No such user"})
    recipients = recipients_file(tmp_path, THREE)
    with smtp_server(recorder) as (_, port):
        code, out, _err = send(tmp_path, port, recipients, "--json")
        assert code == 3
        deliveries = {d["email"]: d for d in json.loads(out)["deliveries"]}
        assert deliveries["karim.alaoui@example.org"]["status"] == "failed"
        assert "550 5.1.1 No such user" in deliveries["karim.alaoui@example.org"]["detail"]
        assert deliveries["karim.alaoui@example.org"]["attempts"] == 1  # not retried
        assert deliveries["fatima.bennani@example.org"]["status"] == "sent"
        assert deliveries["jane.smith@example.com"]["status"] == "sent"
        # Once the address is fixed on the server, a re-run sends only the one that failed.
        recorder.refuse.clear()
        code, out, _err = send(tmp_path, port, recipients, "--json")
    assert code == 0
    counts = json.loads(out)["counts"]
    assert counts == {"sent": 1, "skipped": 2}
    assert [r.rcpt[0] for r in recorder.received] == [
        "fatima.bennani@example.org",
        "jane.smith@example.com",
        "karim.alaoui@example.org",
    ]


def test_refused_copy_does_not_fail_the_recipient(tmp_path: Path) -> None:
    recorder = Recorder(refuse={"gone@example.org": "550 5.1.1 No such user"})
    row = "fatima.bennani@example.org,Fatima Bennani,fr,cabinet@example.org; gone@example.org,"
    with smtp_server(recorder) as (_, port):
        code, out, _err = send(tmp_path, port, recipients_file(tmp_path, [row]), "--json")
    assert code == 0
    (delivery,) = json.loads(out)["deliveries"]
    assert delivery["status"] == "sent" and "gone@example.org: 550" in delivery["detail"]
    (received,) = recorder.received
    assert received.rcpt == ["fatima.bennani@example.org", "cabinet@example.org"]
    assert "cabinet@example.org" in str(received.message["Cc"])


def test_unreachable_server_stops_after_retries(tmp_path: Path) -> None:
    from smtp_server import free_port

    code, out, err = send(
        tmp_path, free_port(), recipients_file(tmp_path, THREE[:2]), "--retries", "2", "--json"
    )
    assert code == 3
    deliveries = json.loads(out)["deliveries"]
    assert deliveries[0]["status"] == "failed" and deliveries[0]["attempts"] == 3
    assert "cannot reach 127.0.0.1" in deliveries[0]["detail"]
    assert deliveries[1]["status"] == "not-sent"
    assert "Traceback" not in err


def test_crash_between_recipients_resumes(tmp_path: Path) -> None:
    """A run killed after its first message: the next run sends the others, not the first."""
    from reports.deliver import smtp

    recipients = recipients_file(tmp_path, THREE)
    original = smtp.SmtpTransport.send
    calls = {"n": 0}

    def crash_on_second(self: smtp.SmtpTransport, message: object, to: list[str]) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the process dies between two recipients
        return original(self, message, to)  # type: ignore[arg-type]

    with smtp_server() as (recorder, port):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(smtp.SmtpTransport, "send", crash_on_second)
            code, _out, _err = send(tmp_path, port, recipients)
        assert code != 0
        assert [r.rcpt[0] for r in recorder.received] == ["fatima.bennani@example.org"]
        code, out, _err = send(tmp_path, port, recipients, "--json")
    assert code == 0
    counts = json.loads(out)["counts"]
    assert counts == {"sent": 2, "skipped": 1}
    assert [r.rcpt[0] for r in recorder.received] == [
        "fatima.bennani@example.org",
        "karim.alaoui@example.org",
        "jane.smith@example.com",
    ]


def test_dry_run_writes_the_outbox_and_sends_nothing(tmp_path: Path) -> None:
    with smtp_server() as (recorder, port):
        code, _out, err = send(tmp_path, port, recipients_file(tmp_path, THREE), "--dry-run")
    assert code == 0, err
    assert recorder.received == []
    outbox = tmp_path / "out" / "outbox" / "2025-H1"
    files = sorted(p.name for p in outbox.glob("*.eml"))
    assert files == [
        "002-fatima.bennani@example.org.eml",
        "003-karim.alaoui@example.org.eml",
        "004-jane.smith@example.com.eml",
    ]
    import email
    from email import policy

    message = email.message_from_bytes((outbox / files[1]).read_bytes(), policy=policy.default)
    assert "مذكرة" in str(message["Subject"])
    log = sqlite3.connect(tmp_path / "out" / "deliveries.sqlite")
    assert log.execute("SELECT COUNT(*) FROM deliveries").fetchone() == (0,)


def test_dry_run_needs_no_server_settings(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "send",
            "--period",
            "2025-H1",
            "--recipients",
            str(recipients_file(tmp_path, THREE[:1])),
            "--out",
            str(tmp_path / "out"),
            "--dry-run",
        ],
        env={"REPORTS_SMTP_HOST": "", "REPORTS_SMTP_FROM": ""},
    )
    assert result.exit_code == 0, result.output
    assert "dry-run" in result.stdout


def test_message_over_the_size_limit_stops_before_sending(tmp_path: Path) -> None:
    with smtp_server() as (recorder, port):
        code, out, err = send(tmp_path, port, recipients_file(tmp_path, THREE), "--max-size", "0.1")
    assert code == 1
    assert recorder.received == []
    assert "over the 0.1 MB limit" in err and "nothing was sent" in err
    assert out == ""


@pytest.mark.unseeded
def test_bad_recipient_rows_are_reported_before_anything_is_sent(tmp_path: Path) -> None:
    rows = [
        "fatima.bennani@example.org,Fatima Bennani,fr,,",
        "not-an-address,Someone,fr,,",
        "x@example.org,X,xx,,",
        "FATIMA.BENNANI@example.org,Fatima again,en,,",
        "y@example.org,Y,de,,",
        "z@example.org,Z,en,bad@,2025-H3",
    ]
    with smtp_server() as (recorder, port):
        code, _out, err = send(tmp_path, port, recipients_file(tmp_path, rows))
    assert code == 1
    assert recorder.received == []
    assert "6 problem(s)" in err
    assert "row 3, column email: 'not-an-address' is not a valid email address" in err
    assert "row 4, column locale: unknown locale 'xx'" in err
    assert "row 5, column email: duplicate address" in err and "(first on row 2)" in err
    assert "row 6, column locale: no brief language for locale 'de'" in err
    assert "row 7, column cc: 'bad@'" in err
    assert "row 7, column periods: invalid period '2025-H3'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "2025-H1").exists()  # nothing built either


def test_periods_column_limits_who_receives_a_period(tmp_path: Path) -> None:
    rows = [
        "fatima.bennani@example.org,Fatima Bennani,fr,,2025-H1",
        "jane.smith@example.com,Jane Smith,en,,2024; 2025",
    ]
    with smtp_server() as (recorder, port):
        code, out, _err = send(tmp_path, port, recipients_file(tmp_path, rows), "--json")
    assert code == 0
    deliveries = {d["email"]: d["status"] for d in json.loads(out)["deliveries"]}
    assert deliveries == {
        "fatima.bennani@example.org": "sent",
        "jane.smith@example.com": "not-subscribed",
    }
    assert [r.rcpt[0] for r in recorder.received] == ["fatima.bennani@example.org"]


def _leaks(text: str | bytes) -> bool:
    data = text.encode() if isinstance(text, str) else text
    forms = [
        PASSWORD.encode(),
        base64.b64encode(PASSWORD.encode()),
        base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()),
    ]
    return any(form in data for form in forms)


def test_login_and_password_never_shown(tmp_path: Path) -> None:
    recipients = recipients_file(tmp_path, THREE[:1])
    env = {"REPORTS_SMTP_PASSWORD": PASSWORD}
    with smtp_server(auth=True) as (recorder, port):
        code, out, err = send(tmp_path, port, recipients, "--smtp-user", USER, env=env)
        assert code == 0, err
        assert recorder.logins == [(USER, PASSWORD)]
        assert len(recorder.received) == 1
        # A wrong password: a clear error, exit 1, and the password nowhere.
        wrong = {"REPORTS_SMTP_PASSWORD": PASSWORD + "-wrong"}
        code2, out2, err2 = send(
            tmp_path, port, recipients, "--resend", "--smtp-user", USER, env=wrong
        )
        assert code2 == 1
        assert f"refused the login of user '{USER}'" in err2
        log = sqlite3.connect(tmp_path / "out" / "deliveries.sqlite")
        assert log.execute("SELECT status FROM deliveries ORDER BY id").fetchall() == [
            ("sent",),
            ("failed",),  # not left "sending": it is known that nothing was sent
        ]
        log.close()
        code3, out3, err3 = send(tmp_path, port, recipients, "--dry-run", "--resend", env=env)
        assert code3 == 0
    for text in (out, err, out2, err2, out3, err3, recorder.received[0].raw):
        assert not _leaks(text)
        assert PASSWORD + "-wrong" not in str(text)
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert not _leaks(path.read_bytes()), path


def test_password_only_from_the_environment() -> None:
    result = runner.invoke(app, ["send", "--help"])
    assert "--smtp-password" not in result.stdout
    assert "REPORTS_SMTP_PASSWORD" in result.stdout


def test_an_analysts_template_folder_words_the_email(tmp_path: Path) -> None:
    """`--templates`: the email's wording comes from the analyst's catalogs, like the brief's."""
    folder = tmp_path / "house"
    assert runner.invoke(app, ["templates", "init", str(folder)]).exit_code == 0
    catalog = folder / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgid "Kind regards,"\nmsgstr "Cordialement,"' in text
    catalog.write_text(
        text.replace(
            'msgid "Kind regards,"\nmsgstr "Cordialement,"',
            'msgid "Kind regards,"\nmsgstr "Bien à vous,"',
        ),
        encoding="utf-8",
    )
    with smtp_server() as (recorder, port):
        code, _out, err = send(
            tmp_path, port, recipients_file(tmp_path, THREE[:1]), "--templates", str(folder)
        )
    assert code == 0, err
    (received,) = recorder.received
    assert received.message.get_body(("plain",)).get_content().rstrip().endswith("Bien à vous,")


def test_a_brief_built_again_with_another_date_is_not_sent_again(tmp_path: Path) -> None:
    from reports.resources import default_data_path

    recipients = recipients_file(tmp_path, THREE[:1])
    brief = tmp_path / "out" / "2025-H1" / "brief-2025-H1-fr.pdf"
    with smtp_server() as (recorder, port):
        assert send(tmp_path, port, recipients)[0] == 0
        first = brief.read_bytes()
        # Another day: the brief is rebuilt with its new publication date, but says the same.
        code, out, err = send(tmp_path, port, recipients, "--date", "2026-03-04", "--json")
        assert code == 0, err
        assert brief.read_bytes() != first
        assert json.loads(out)["counts"] == {"skipped": 1}
        # Different inputs (a source of the period's figures changed): a new brief, sent.
        data = tmp_path / "data.csv"
        text = default_data_path().read_text(encoding="utf-8")
        data.write_text(text.replace("(24/10/2025)", "(25/10/2025)"), encoding="utf-8")
        code, out, err = send(tmp_path, port, recipients, "--data", str(data), "--json")
        assert code == 0, err
        assert json.loads(out)["counts"] == {"sent": 1}
    assert len(recorder.received) == 2


def test_password_not_in_a_debug_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected error during login, shown with `--debug`: the traceback has no password."""
    import smtplib

    def broken_login(self: smtplib.SMTP, user: str, password: str, **_: object) -> None:
        raise RuntimeError("unexpected failure in the SMTP library")

    monkeypatch.setattr(smtplib.SMTP, "login", broken_login)
    recipients = recipients_file(tmp_path, THREE[:1])
    env = {"REPORTS_SMTP_PASSWORD": PASSWORD}
    with smtp_server(auth=True) as (recorder, port):
        code, out, err = send(tmp_path, port, recipients, "--smtp-user", USER, env=env, debug=True)
    assert code == 70  # a bug, with its traceback
    assert "Traceback" in err and "unexpected failure" in err
    assert not _leaks(out) and not _leaks(err)
    assert recorder.received == []


def test_a_message_over_the_servers_size_limit_fails_for_its_recipient_only(
    tmp_path: Path,
) -> None:
    """A server announcing ``SIZE n`` in its EHLO reply would refuse a larger message: it is
    not sent (a permanent failure naming both sizes), and the other recipients still get theirs."""
    recipients = recipients_file(tmp_path, THREE)
    with smtp_server() as (_recorder, port):
        code, _out, err = send(tmp_path, port, recipients, "--dry-run")
    assert code == 0, err
    sizes = {
        eml.name.split("-", 1)[1].removesuffix(".eml"): eml.stat().st_size
        for eml in (tmp_path / "out" / "outbox" / "2025-H1").glob("*.eml")
    }
    arabic = sizes.pop("karim.alaoui@example.org")
    assert arabic > max(sizes.values()) + 4000, sizes  # the Arabic brief is the largest
    limit = (arabic + max(sizes.values())) // 2
    with smtp_server(data_size_limit=limit) as (recorder, port):
        code, out, _err = send(tmp_path, port, recipients, "--json")
        assert code == 3
        deliveries = {d["email"]: d for d in json.loads(out)["deliveries"]}
        karim = deliveries["karim.alaoui@example.org"]
        assert karim["status"] == "failed" and karim["attempts"] == 1  # permanent: not retried
        assert f"over the {limit:,} bytes" in karim["detail"], karim["detail"]
        assert "SIZE" in karim["detail"] and "not sent" in karim["detail"]
        size = int(
            karim["detail"].split("the message is ", 1)[1].split(" bytes", 1)[0].replace(",", "")
        )
        assert abs(size - arabic) < 200  # the size on the wire, as the .eml holds it
        assert deliveries["fatima.bennani@example.org"]["status"] == "sent"
        assert deliveries["jane.smith@example.com"]["status"] == "sent"
        assert sorted(r.rcpt[0] for r in recorder.received) == [
            "fatima.bennani@example.org",
            "jane.smith@example.com",
        ]
        # The plain output says why, naming both sizes.
        code, out, _err = send(tmp_path, port, recipients)
    assert code == 3
    line = next(line for line in out.splitlines() if "karim.alaoui@example.org" in line)
    assert "failed" in line and f"{limit:,} bytes" in line, line
    assert len(recorder.received) == 2  # the others were already sent: skipped


def test_no_size_limit_announced_means_no_check(tmp_path: Path) -> None:
    """``SIZE 0`` (or none) sets no limit: everything goes."""
    with smtp_server(data_size_limit=0) as (recorder, port):
        code, _out, err = send(tmp_path, port, recipients_file(tmp_path, THREE))
    assert code == 0, err
    assert len(recorder.received) == 3


def test_password_from_a_keyring_logs_in_and_never_shows(tmp_path: Path) -> None:
    """Without REPORTS_SMTP_PASSWORD, the password stored in the system keyring is used."""
    keyring = pytest.importorskip("keyring", reason="pip install -e '.[test]' installs it")
    from test_deliver import _FakeKeyring

    entries = {("reports-smtp:127.0.0.1", USER): PASSWORD}
    previous = keyring.get_keyring()
    keyring.set_keyring(_FakeKeyring(entries).backend)
    try:
        recipients = recipients_file(tmp_path, THREE[:1])
        with smtp_server(auth=True) as (recorder, port):
            code, out, err = send(tmp_path, port, recipients, "--smtp-user", USER)
            assert code == 0, err
            assert recorder.logins == [(USER, PASSWORD)] and len(recorder.received) == 1
            entries[("reports-smtp:127.0.0.1", USER)] = PASSWORD + "-old"
            code2, out2, err2 = send(tmp_path, port, recipients, "--resend", "--smtp-user", USER)
    finally:
        keyring.set_keyring(previous)
    assert code2 == 1
    assert (
        f"refused the login of user '{USER}' with the password from the system keyring"
        " (reports-smtp:127.0.0.1)"
    ) in err2
    for text in (out, err, out2, err2, recorder.received[0].raw):
        assert not _leaks(text) and PASSWORD + "-old" not in str(text)


class _LoginOnce(Recorder):
    """A server that cuts the connection during the second message, then refuses every login:
    the password was changed, or the account locked, in the middle of a run."""

    def __init__(self) -> None:
        super().__init__()
        self.data_commands = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_commands += 1
        if self.data_commands == 2:
            server.transport.abort()
            return "250 never seen"
        return await super().handle_DATA(server, session, envelope)

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        if self.logins:
            self.logins.append(("refused", ""))
            return AuthResult(success=False, handled=False)
        return super().authenticate(server, session, envelope, mechanism, data)


def test_login_refused_after_a_message_left_reports_every_recipient(tmp_path: Path) -> None:
    """The server refuses the login when the run reconnects, after a first message went out:
    exit 3 with one line per recipient (who got it, who did not), not a bare `Error:` and exit 1
    that says nothing was sent; the next run sends exactly the ones missing."""
    recipients = recipients_file(tmp_path, THREE)
    env = {"REPORTS_SMTP_PASSWORD": PASSWORD}
    recorder = _LoginOnce()
    with smtp_server(recorder, auth=True) as (_, port):
        code, out, err = send(tmp_path, port, recipients, "--smtp-user", USER, "--json", env=env)
        assert code == 3, err
        deliveries = {d["email"]: d for d in json.loads(out)["deliveries"]}
        assert deliveries["fatima.bennani@example.org"]["status"] == "sent"
        karim = deliveries["karim.alaoui@example.org"]
        assert karim["status"] == "failed" and "refused the login" in karim["detail"]
        jane = deliveries["jane.smith@example.com"]
        assert jane["status"] == "not-sent" and "refused the login" in jane["detail"]
        assert [r.rcpt[0] for r in recorder.received] == ["fatima.bennani@example.org"]
        assert not _leaks(out) and not _leaks(err)
    with smtp_server(auth=True) as (recorder, port):
        code, out, err = send(tmp_path, port, recipients, "--smtp-user", USER, "--json", env=env)
    assert code == 0, err
    assert json.loads(out)["counts"] == {"sent": 2, "skipped": 1}
    assert [r.rcpt[0] for r in recorder.received] == [
        "karim.alaoui@example.org",
        "jane.smith@example.com",
    ]


def test_a_copy_already_delivered_is_not_sent_again_when_its_recipient_is_retried(
    tmp_path: Path,
) -> None:
    """The recipient's server says 'try later' (4xx) every time, the copy (cc) is accepted: the
    next run sends the recipient their message, and the copy nothing more."""
    row = "karim.alaoui@example.org,كريم العلوي,ar,cabinet@example.org,"
    recipients = recipients_file(tmp_path, [row])
    recorder = Recorder(refuse={"karim.alaoui@example.org": "450 4.2.1 Mailbox busy"})
    with smtp_server(recorder) as (_, port):
        code, out, _err = send(tmp_path, port, recipients, "--retries", "1", "--json")
        assert code == 3
        (delivery,) = json.loads(out)["deliveries"]
        assert delivery["status"] == "failed" and "450 4.2.1" in delivery["detail"]
        assert [r.rcpt for r in recorder.received] == [["cabinet@example.org"]]
        recorder.refuse.clear()
        code, out, err = send(tmp_path, port, recipients, "--json")
        assert code == 0, err
        (delivery,) = json.loads(out)["deliveries"]
        assert delivery["status"] == "sent"
        assert "cabinet@example.org" in delivery["detail"]  # says why the copy was left out
        assert [r.rcpt for r in recorder.received][1:] == [["karim.alaoui@example.org"]]
        # --resend sends to everyone again, the copy included.
        code, _out, _err = send(tmp_path, port, recipients, "--resend")
        assert code == 0
        assert recorder.received[2].rcpt == ["karim.alaoui@example.org", "cabinet@example.org"]


def test_a_message_whose_outcome_is_unknown_goes_again_with_the_same_message_id(
    tmp_path: Path,
) -> None:
    """The process dies after the server took the message, before the log recorded it: the next
    run sends it again (it cannot know), under the same Message-ID, so the recipient's mail
    system can recognise the copy as the same message, and says so."""
    from reports.deliver import smtp

    recipients = recipients_file(tmp_path, THREE[:2])
    original = smtp.SmtpTransport.send

    def die_after_sending(self: smtp.SmtpTransport, message: object, to: list[str]) -> object:
        original(self, message, to)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # killed before the log recorded the outcome

    with smtp_server() as (recorder, port):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(smtp.SmtpTransport, "send", die_after_sending)
            code, _out, _err = send(tmp_path, port, recipients)
        assert code == 130
        code, out, err = send(tmp_path, port, recipients, "--json")
    assert code == 0, err
    assert "previous attempt was interrupted" in err
    first, again, second = recorder.received
    assert first.rcpt == again.rcpt == ["fatima.bennani@example.org"]
    assert again.message["Message-ID"] == first.message["Message-ID"]
    assert second.message["Message-ID"] != first.message["Message-ID"]
    deliveries = json.loads(out)["deliveries"]
    assert deliveries[0]["message_id"] == first.message["Message-ID"]


def test_ctrl_c_while_sending_says_who_got_it(tmp_path: Path) -> None:
    """Ctrl-C during the second message: exit 130 with one line per recipient (sent, the one
    interrupted, the ones not tried), not only 'no brief was left half-written'."""
    from reports.deliver import smtp

    recipients = recipients_file(tmp_path, THREE)
    original = smtp.SmtpTransport.send
    calls = {"n": 0}

    def ctrl_c_on_second(self: smtp.SmtpTransport, message: object, to: list[str]) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(self, message, to)  # type: ignore[arg-type]

    with smtp_server() as (recorder, port):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(smtp.SmtpTransport, "send", ctrl_c_on_second)
            code, out, err = send(tmp_path, port, recipients, "--json")
            assert code == 130
            summary = json.loads(out)
            assert [d["status"] for d in summary["deliveries"]] == [
                "sent",
                "interrupted",
                "not-sent",
            ]
            assert summary["counts"] == {"interrupted": 1, "not-sent": 1, "sent": 1}
            assert "may have arrived" in summary["deliveries"][1]["detail"]
            assert "interrupted" in err and "run the same command again" in err
            calls["n"] = 1  # the plain output too
            code, out, err = send(tmp_path, port, recipients)
        assert code == 130
        lines = [line.split()[0] for line in out.splitlines()]
        assert lines == ["skipped", "interrupted", "not-sent"]
        assert [r.rcpt[0] for r in recorder.received] == ["fatima.bennani@example.org"]


def test_replies_go_to_the_reply_to_address(tmp_path: Path) -> None:
    """The sender is an unattended mailbox: --reply-to (or REPORTS_SMTP_REPLY_TO) sends the
    decision-makers' replies to the analysts, in every message, the Arabic name encoded."""
    recipients = recipients_file(tmp_path, THREE[:2])
    reply_to = "خلية الدراسات <etudes@observatoire.example.ma>"
    with smtp_server() as (recorder, port):
        code, _out, err = send(tmp_path, port, recipients, "--reply-to", reply_to)
        assert code == 0, err
        for received in recorder.received:
            (address,) = received.message["Reply-To"].addresses
            assert address.addr_spec == "etudes@observatoire.example.ma"
            assert address.display_name == "خلية الدراسات"
            header_block = received.raw.split(b"\r\n\r\n", 1)[0]
            assert b"\r\nReply-To: =?utf-8?" in header_block  # RFC 2047, ASCII on the wire
        code, _out, err = send(
            tmp_path,
            port,
            recipients,
            "--resend",
            env={"REPORTS_SMTP_REPLY_TO": "Cellule <cellule@observatoire.example.ma>"},
        )
        assert code == 0, err
        assert "cellule@observatoire.example.ma" in str(recorder.received[-1].message["Reply-To"])
        code, _out, err = send(tmp_path, port, recipients, "--resend", "--reply-to", "nobody")
        assert code == 1 and "invalid reply-to address 'nobody'" in err
        assert len(recorder.received) == 4
    # Without it, there is no Reply-To: replies go to the sender.
    with smtp_server() as (recorder, port):
        assert send(tmp_path, port, recipients, "--resend")[0] == 0
    assert all(r.message["Reply-To"] is None for r in recorder.received)
