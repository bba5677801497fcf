"""`reports send` over TLS (STARTTLS, implicit TLS) with login, against aiosmtpd and a test CA."""

from __future__ import annotations

import shutil
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from smtp_server import PASSWORD, USER, Recorder, free_port, smtp_server
from typer.testing import CliRunner

from reports.cli import app

runner = CliRunner()
ROW = "fatima.bennani@example.org,Fatima Bennani,fr,,"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture
def out(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder holding the French 2025-H1 brief (built once for the module)."""
    seed = tmp_path_factory.getbasetemp() / "tls-seed"
    if not seed.exists():
        result = runner.invoke(app, ["build", "--period", "2025-H1", "--out", str(seed)])
        assert result.exit_code == 0, result.output
    shutil.copytree(seed, tmp_path / "out")
    return tmp_path / "out"


def send(out: Path, port: int, security: str, env: dict[str, str]) -> Any:
    recipients = out.parent / "recipients.csv"
    recipients.write_text("email,name,locale\n" + ROW + "\n", encoding="utf-8")
    args = ["send", "--period", "2025-H1", "--recipients", str(recipients), "--out", str(out)]
    args += ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", security]
    args += ["--smtp-user", USER, "--from", "briefs@example.org", "--retry-delay", "0"]
    return runner.invoke(app, args, env={"REPORTS_SMTP_PASSWORD": PASSWORD, **env})


def test_starttls_then_login(ca: trustme.CA, ca_file: Path, out: Path) -> None:
    with smtp_server(auth=True, tls_context=server_context(ca)) as (recorder, port):
        result = send(out, port, "starttls", {"SSL_CERT_FILE": str(ca_file)})
    assert result.exit_code == 0, result.output
    assert recorder.logins == [(USER, PASSWORD)]
    assert len(recorder.received) == 1
    assert PASSWORD not in result.output


def test_untrusted_certificate_is_an_error_before_login(ca: trustme.CA, out: Path) -> None:
    with smtp_server(auth=True, tls_context=server_context(ca)) as (recorder, port):
        result = send(out, port, "starttls", {})  # the test CA is not trusted
    assert result.exit_code == 1
    assert "TLS certificate of 127.0.0.1" in result.stderr and "not trusted" in result.stderr
    assert recorder.logins == [] and recorder.received == []
    assert PASSWORD not in result.output


def test_server_without_starttls_is_refused(out: Path) -> None:
    with smtp_server() as (recorder, port):
        result = send(out, port, "starttls", {})
    assert result.exit_code == 1
    assert "does not offer STARTTLS" in result.stderr
    assert recorder.received == []


@pytest.fixture
def implicit_tls(ca: trustme.CA) -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    port = free_port()
    controller = Controller(
        recorder,
        hostname="127.0.0.1",
        port=port,
        ssl_context=server_context(ca),
        authenticator=recorder.authenticate,
        auth_required=True,
        auth_require_tls=False,  # aiosmtpd does not count implicit TLS as TLS for AUTH
    )
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


def test_implicit_tls(implicit_tls: tuple[Recorder, int], ca_file: Path, out: Path) -> None:
    recorder, port = implicit_tls
    result = send(out, port, "ssl", {"SSL_CERT_FILE": str(ca_file)})
    assert result.exit_code == 0, result.output
    assert recorder.logins == [(USER, PASSWORD)] and len(recorder.received) == 1
