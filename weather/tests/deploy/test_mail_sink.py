"""The local mail sink: Django's SMTP backend talks to it for real, it keeps each message as a
file and says so in one line."""

from __future__ import annotations

import os
import smtplib
import subprocess
import sys
import time

from django.core.mail import EmailMultiAlternatives, send_mail

from weather.testing.mail_sink import SCRIPT, MailSink, body_text
from weather.testing.processes import free_port, listening


def test_django_mail_lands_in_the_sink_as_a_file(mail_sink):
    send_mail("Gel à Paris", "Minimum -8 °C demain.", None, ["ana@example.com"])
    message = mail_sink.wait_for(lambda m: m["To"] == "ana@example.com", timeout=5)

    assert message["Subject"] == "Gel à Paris"
    assert body_text(message).strip() == "Minimum -8 °C demain."
    assert [path.suffix for path in mail_sink.files()] == [".eml"]


def test_messages_come_oldest_first_with_every_part(mail_sink):
    for number in range(3):
        mail = EmailMultiAlternatives(f"n{number}", "text", None, [f"p{number}@example.com"])
        mail.attach_alternative("<p>html</p>", "text/html")
        mail.send()

    mail_sink.wait_for(lambda m: m["Subject"] == "n2")
    messages = mail_sink.messages()
    assert [m["Subject"] for m in messages] == ["n0", "n1", "n2"]
    assert messages[0].get_body(("html",)).get_content().strip() == "<p>html</p>"


def test_wait_for_says_what_arrived_when_nothing_matches(mail_sink):
    send_mail("other", "body", None, ["bob@example.com"])
    mail_sink.wait_for()
    try:
        mail_sink.wait_for(lambda m: m["To"] == "nobody@example.com", timeout=0.3)
    except AssertionError as error:
        assert "bob@example.com" in str(error)
    else:
        raise AssertionError("wait_for found a message that was never sent")


def test_the_script_prints_one_line_per_message(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--port", str(port), "--dir", str(tmp_path / "mail")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while not listening(port):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.sendmail("a@example.com", ["b@example.com"], b"Subject: hi\r\n\r\nbody\r\n")
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    line = output.strip().splitlines()[-1]
    (kept,) = sorted((tmp_path / "mail").glob("*.eml"))
    assert line == f"from=a@example.com to=b@example.com subject='hi' file={kept}"
    assert process.returncode == 0


def test_a_taken_port_is_said_in_one_line(tmp_path):
    with MailSink(tmp_path) as sink:
        result = subprocess.run(
            [sys.executable, str(SCRIPT), "--port", str(sink.port), "--dir", str(tmp_path)],
            capture_output=True, text=True, timeout=20,
        )  # fmt: skip
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{sink.port}" in result.stderr


def test_make_run_starts_the_sink_unless_mail_goes_to_a_relay(monkeypatch, settings):
    """server/prepare.py adds the Procfile's `mail` process on EMAIL_PORT for a local
    EMAIL_HOST, and none when EMAIL_HOST names a relay."""
    sys.path.insert(0, str(SCRIPT.parents[1]))
    from server import prepare

    for name in ("MAIL_SINK_PORT", "MAIL_SINK_DIR"):  # unset here, as before after the test
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 2525
    processes, ports = ["web"], {"web": 8000}
    prepare.plan_mail(processes, ports, settings)
    assert (processes, ports["mail"]) == (["web", "mail"], 2525)
    assert os.environ["MAIL_SINK_PORT"] == "2525"
    assert os.environ["MAIL_SINK_DIR"].endswith("var/mail")
    procfile = (SCRIPT.parents[1] / "Procfile").read_text()
    assert (
        'mail: exec python server/mail-sink.py --host 127.0.0.1 --port "$MAIL_SINK_PORT"'
        in procfile
    )

    settings.EMAIL_HOST = "smtp.example.com"
    processes, ports = ["web"], {"web": 8000}
    prepare.plan_mail(processes, ports, settings)
    assert (processes, ports) == (["web"], {"web": 8000})
