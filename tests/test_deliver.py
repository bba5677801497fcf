"""Delivery building blocks without a server: settings, secrets, recipients, texts, backoff."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.deliver.config import RetryPolicy, Secret, smtp_settings
from reports.deliver.content import attachment_filename
from reports.deliver.recipients import address_problem, load_recipients, normalize_address
from reports.errors import DataError, DeliveryError
from reports.period import Period

ENV = {
    "REPORTS_SMTP_HOST": "smtp.example.org",
    "REPORTS_SMTP_USER": "briefs",
    "REPORTS_SMTP_PASSWORD": "hunter2-secret",
    "REPORTS_SMTP_FROM": "Observatoire <briefs@example.org>",
}


def test_settings_from_the_environment() -> None:
    settings = smtp_settings(env=ENV)
    assert (settings.host, settings.port, settings.security) == (
        "smtp.example.org",
        587,
        "starttls",
    )
    assert settings.user == "briefs"
    assert settings.sender.display_name == "Observatoire"
    assert settings.sender.addr_spec == "briefs@example.org"
    assert settings.password is not None and settings.password.reveal() == "hunter2-secret"
    # The password appears in no repr or str of the settings.
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings)


def test_options_win_over_the_environment() -> None:
    settings = smtp_settings(
        host="relay.local", port=2525, security="ssl", sender="a@b.example", env=ENV
    )
    assert (settings.host, settings.port, settings.security) == ("relay.local", 2525, "ssl")
    assert settings.sender.addr_spec == "a@b.example"


@pytest.mark.parametrize(
    ("security", "port"), [("starttls", 587), ("ssl", 465), ("none", 25), ("SSL", 465)]
)
def test_default_port_follows_security(security: str, port: int) -> None:
    env = {"REPORTS_SMTP_HOST": "h.example", "REPORTS_SMTP_FROM": "a@b.example"}
    assert smtp_settings(security=security, env=env).port == port


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REPORTS_SMTP_FROM": "a@b.example"}, "no SMTP server"),
        ({"REPORTS_SMTP_HOST": "h.example"}, "no sender address"),
        ({**ENV, "REPORTS_SMTP_PASSWORD": ""}, "no password: set REPORTS_SMTP_PASSWORD"),
        ({**ENV, "REPORTS_SMTP_USER": ""}, "no SMTP user"),
        ({**ENV, "REPORTS_SMTP_SECURITY": "tls1.3"}, "invalid SMTP security 'tls1.3'"),
        ({**ENV, "REPORTS_SMTP_PORT": "smtp"}, "invalid SMTP port 'smtp'"),
        ({**ENV, "REPORTS_SMTP_FROM": "not an address"}, "invalid sender address"),
        ({**ENV, "REPORTS_SMTP_SECURITY": "none"}, "refusing to send the SMTP password"),
    ],
)
def test_incomplete_or_unsafe_settings(env: dict[str, str], message: str) -> None:
    with pytest.raises(DeliveryError, match=message) as caught:
        smtp_settings(env=env)
    assert "hunter2" not in str(caught.value)


def test_plain_login_allowed_on_loopback_only() -> None:
    env = {**ENV, "REPORTS_SMTP_SECURITY": "none"}
    for host in ("127.0.0.1", "localhost", "::1"):
        assert smtp_settings(host=host, env=env).host == host


def test_secret_never_shows() -> None:
    secret = Secret("hunter2")
    assert "hunter2" not in repr(secret) and "hunter2" not in str(secret)
    assert "hunter2" not in f"{secret}" and "hunter2" not in repr([secret])
    assert secret == Secret("hunter2") and secret.reveal() == "hunter2"
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_backoff_doubles_up_to_a_ceiling() -> None:
    policy = RetryPolicy(retries=6, delay=2.0, max_delay=20.0)
    assert [policy.wait(n) for n in range(1, 6)] == [2.0, 4.0, 8.0, 16.0, 20.0]


@pytest.mark.parametrize(
    "address",
    ["a@example.org", "first.last+tag@sub.example.co.uk", "x@bücher.example", "o'neil@example.ma"],
)
def test_valid_addresses(address: str) -> None:
    assert address_problem(address) is None


@pytest.mark.parametrize(
    "address",
    [
        "",
        "plain",
        "a@b",
        "a@@example.org",
        "a b@example.org",
        "a@-x.example",
        "a@example.123",
        ".a@example.org",
        "a..b@example.org",
        "a@exa_mple.org",
    ],
)
def test_invalid_addresses(address: str) -> None:
    assert address_problem(address) is not None


def test_address_comparison_ignores_case_and_idna() -> None:
    assert normalize_address("Fatima@Bücher.Example") == normalize_address(
        "fatima@xn--bcher-kva.example"
    )


def test_recipients_from_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Email", "Name", "Locale", "CC", "Periods"])
    sheet.append(["fatima.bennani@example.org", "Fatima Bennani", "fr-MA", "", ""])
    sheet.append([None, None, None, None, None])
    sheet.append(
        [
            "karim@example.org",
            "  كريم   العلوي ",
            "ar",
            "a@example.org; b@example.org",
            "2025-H1, 2024",
        ]
    )
    path = tmp_path / "recipients.xlsx"
    book.save(path)
    first, second = load_recipients(path)
    assert (first.row, first.locale, first.name) == (2, "fr_MA", "Fatima Bennani")
    assert (second.row, second.locale, second.name) == (4, "ar", "كريم العلوي")
    assert second.cc == ("a@example.org", "b@example.org")
    assert second.periods == (Period.parse("2025-H1"), Period.parse("2024"))
    assert second.wants(Period.parse("2024")) and not second.wants(Period.parse("2025-Q2"))
    assert first.wants(Period.parse("2025-Q2"))  # no periods: every period


def test_recipients_file_without_a_required_column(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("email;name\na@example.org;A\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing column"):
        load_recipients(path)


def test_recipients_file_with_a_header_only(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("email,name,locale\n", encoding="utf-8")
    with pytest.raises(DataError, match="no recipients"):
        load_recipients(path)


def test_the_example_recipients_file_is_valid() -> None:
    from reports.resources import templates_dir

    recipients = load_recipients(templates_dir() / "recipients.example.csv")
    assert [r.locale for r in recipients] == ["fr", "ar", "en"]


def test_attachment_filename_is_safe() -> None:
    assert attachment_filename("Exports: S1/2025 \u2066+3 %\u2069") == "Exports S1 2025 +3 %.pdf"


class _FakeKeyring:
    """A keyring backend holding passwords in memory (``keyring.set_keyring`` takes it)."""

    def __init__(self, entries: dict[tuple[str, str], str], fail: bool = False) -> None:
        import keyring.backend
        import keyring.errors

        class Backend(keyring.backend.KeyringBackend):
            priority = 1  # type: ignore[assignment]

            def get_password(self, service: str, username: str) -> str | None:
                if fail:
                    raise keyring.errors.KeyringLocked("the keyring is locked")
                return entries.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                entries[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                entries.pop((service, username), None)

        self.backend = Backend()


@pytest.fixture
def fake_keyring() -> Iterator[dict[tuple[str, str], str]]:
    keyring = pytest.importorskip("keyring", reason="pip install -e '.[test]' installs it")
    previous = keyring.get_keyring()
    entries: dict[tuple[str, str], str] = {}
    keyring.set_keyring(_FakeKeyring(entries).backend)
    yield entries
    keyring.set_keyring(previous)


def test_password_from_the_keyring_when_not_in_the_environment(
    fake_keyring: dict[tuple[str, str], str],
) -> None:
    fake_keyring[("reports-smtp:smtp.example.org", "briefs")] = "from-the-keyring"
    env = {**ENV, "REPORTS_SMTP_PASSWORD": "", "REPORTS_SMTP_HOST": "SMTP.example.org"}
    settings = smtp_settings(env=env)
    assert settings.password is not None
    assert settings.password.reveal() == "from-the-keyring"
    assert settings.password_from == "the system keyring (reports-smtp:smtp.example.org)"
    assert "from-the-keyring" not in repr(settings)
    # The environment wins over the keyring.
    settings = smtp_settings(env=ENV)
    assert settings.password is not None and settings.password.reveal() == "hunter2-secret"
    assert settings.password_from == "REPORTS_SMTP_PASSWORD"
    # A dry run looks nothing up.
    dry = smtp_settings(env={**env, "REPORTS_SMTP_HOST": ""}, require_host=False)
    assert dry.password is None


def test_keyring_without_the_entry_or_unreadable_is_a_clear_error(
    fake_keyring: dict[tuple[str, str], str],
) -> None:
    env = {**ENV, "REPORTS_SMTP_PASSWORD": ""}
    with pytest.raises(DeliveryError) as caught:
        smtp_settings(env=env)
    text = str(caught.value)
    assert "no password: set REPORTS_SMTP_PASSWORD" in text
    assert "keyring set reports-smtp:smtp.example.org briefs" in text
    assert "the system keyring has no password for 'briefs'" in text
    import keyring

    keyring.set_keyring(_FakeKeyring({}, fail=True).backend)
    with pytest.raises(DeliveryError, match="could not be read: the keyring is locked"):
        smtp_settings(env=env)


def test_keyring_package_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "keyring", None)  # `import keyring` raises ImportError
    with pytest.raises(DeliveryError, match="the optional keyring package is not installed"):
        smtp_settings(env={**ENV, "REPORTS_SMTP_PASSWORD": ""})


def test_a_delivery_log_from_an_earlier_version_is_upgraded(tmp_path: Path) -> None:
    """A log written before content keys and accepted addresses existed opens, keeps its rows,
    and records accepted addresses from then on."""
    import sqlite3

    from reports.deliver.log import LOG_NAME, DeliveryLog

    old = sqlite3.connect(tmp_path / LOG_NAME)
    old.executescript(
        """CREATE TABLE deliveries (id INTEGER PRIMARY KEY, address TEXT NOT NULL,
        cc TEXT NOT NULL DEFAULT '', period TEXT NOT NULL, locale TEXT NOT NULL,
        sha256 TEXT NOT NULL, message_id TEXT NOT NULL, status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL, finished_at TEXT);
        INSERT INTO deliveries (address, period, locale, sha256, message_id, status, started_at)
        VALUES ('a@example.org', '2025-H1', 'fr', 'abc', '<1@x>', 'sent', '2025-09-15');"""
    )
    old.commit()
    old.close()
    with DeliveryLog(tmp_path) as log:
        assert log.last_sent("a@example.org", "abc", "") is not None
        entry = log.begin("b@example.org", ["c@example.org"], "2025-H1", "fr", "abc", "k", "<2@x>")
        log.finish(entry, False, 1, "b@example.org: 450", ["c@example.org"])
        assert log.delivered_copies("b@example.org", "abc", "k") == {"c@example.org"}
        assert log.delivered_copies("b@example.org", "other", "other") == set()


def test_copies_name_each_mailbox_once(tmp_path: Path) -> None:
    """A copy repeated (in another case) or equal to the recipient's own address: the server is
    given each mailbox once, so nobody gets the message twice."""
    from reports.deliver.message import envelope_recipients

    path = tmp_path / "recipients.csv"
    path.write_text(
        "email,name,locale,cc\n"
        'k@example.org,K,fr,"cab@example.org; CAB@Example.org, K@example.org; x@example.org"\n',
        encoding="utf-8",
    )
    (recipient,) = load_recipients(path)
    assert recipient.cc == ("cab@example.org", "x@example.org")
    assert envelope_recipients(recipient) == ["k@example.org", "cab@example.org", "x@example.org"]
