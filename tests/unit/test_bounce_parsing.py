"""Reading bounces and unsubscribe replies without a database (issue 6): the shapes servers and
mail programs really write, built here — qmail's text, a French Exchange report, a DSN carrying
the whole original message, a delay warning — and the replies that do or do not ask to stop."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from ekocrm_desktop.services.bounces import is_bounce, parse_bounce, read_message, unsubscribe_request

TOKEN = "0123456789abcdef0123456789abcdef"


def original() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Les Amis <association@exemple.fr>"
    message["To"] = "zoe@exemple.fr"
    message["Subject"] = "Invitation à la fête"
    message["Message-ID"] = f"<ekocrm.{TOKEN}@exemple.fr>"
    message["X-EkoCRM-Campaign"] = TOKEN
    message.set_content("Bonjour Zoé !")
    return message


def test_qmail_text_bounce_names_the_address_and_is_permanent() -> None:
    text = (
        "Hi. This is the qmail-send program at mail.exemple.org.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
        "<zoe@exemple.fr>:\nSorry, no mailbox here by that name. (#5.1.1)\n"
    )
    message = EmailMessage()
    message["From"] = "MAILER-DAEMON@mail.exemple.org"
    message["To"] = "association@exemple.fr"
    message["Subject"] = "failure notice"
    message.set_content(text)
    parsed = read_message(bytes(message))
    assert is_bounce(parsed)
    bounce = parse_bounce(parsed, bytes(message))
    assert bounce.addresses == ("zoe@exemple.fr",) and bounce.hard and not bounce.delayed
    assert bounce.status == "5.1.1" and bounce.tokens == ()


def test_a_french_exchange_report_with_the_original_attached_gives_our_token() -> None:
    report = EmailMessage()
    report["From"] = "Microsoft Outlook <postmaster@exemple.onmicrosoft.com>"
    report["To"] = "association@exemple.fr"
    report["Subject"] = "Non remis : Invitation à la fête"
    report.set_content(
        "Votre message n'a pas pu être remis à zoe@exemple.fr car l'adresse est introuvable.\n"
        "Serveur distant : 550 5.4.1 Recipient address rejected: Access denied."
    )
    report.add_attachment(original())
    data = bytes(report)
    parsed = read_message(data)
    assert is_bounce(parsed)
    bounce = parse_bounce(parsed, data)
    assert bounce.tokens == (TOKEN,) and bounce.hard and bounce.status == "5.4.1"
    assert "zoe@exemple.fr" in bounce.addresses and "association@exemple.fr" not in bounce.addresses


def test_a_dsn_with_the_whole_original_message_and_a_delay_warning() -> None:
    def dsn(action: str, status: str) -> bytes:
        inner = bytes(original()).decode()
        return (
            "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n"
            "To: association@exemple.fr\r\nSubject: Delivery Status Notification (Failure)\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/report; boundary="gm"; report-type=delivery-status\r\n\r\n'
            "--gm\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            "The recipient server did not accept our requests.\r\n"
            "--gm\r\nContent-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; googlemail.com\r\n\r\n"
            f"Final-Recipient: rfc822; zoe@exemple.fr\r\nAction: {action}\r\nStatus: {status}\r\n"
            "Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.\r\n\r\n"
            "--gm\r\nContent-Type: message/rfc822\r\n\r\n"
            f"{inner}\r\n--gm--\r\n"
        ).encode()

    failed = dsn("failed", "5.1.1")
    parsed = read_message(failed)
    assert is_bounce(parsed)
    bounce = parse_bounce(parsed, failed)
    assert bounce.addresses == ("zoe@exemple.fr",) and bounce.hard and bounce.tokens == (TOKEN,)
    assert bounce.diagnostic.startswith("550-5.1.1 The email account")
    delayed = dsn("delayed", "4.4.7")
    later = parse_bounce(read_message(delayed), delayed)
    assert later.delayed and not later.hard


@pytest.mark.parametrize(
    ("subject", "body", "headers", "asks", "token"),
    [
        ("STOP " + TOKEN, "", {}, True, TOKEN),
        ("Re: Invitation", "Désinscription\n\n> Bonjour", {}, True, ""),
        ("RE: TR: Invitation", "Je souhaite me désabonner merci", {}, True, ""),
        ("Unsubscribe me please", "", {}, True, ""),
        ("désinscription", "", {"In-Reply-To": f"<ekocrm.{TOKEN}@exemple.fr>"}, True, TOKEN),
        ("Re: Invitation", "Merci, je viendrai !", {}, False, ""),
        ("Stop au gaspillage", "Nos idées", {}, False, ""),
        ("Unsubscribe", "Absent", {"Auto-Submitted": "auto-replied"}, False, ""),
        ("Désinscription", "", {"X-Autoreply": "yes"}, False, ""),
    ],
)
def test_what_asks_to_unsubscribe(subject: str, body: str, headers: dict[str, str], asks: bool, token: str) -> None:
    message = EmailMessage()
    message["From"] = "zoe@exemple.fr"
    message["To"] = "association@exemple.fr"
    message["Subject"] = subject
    for name, value in headers.items():
        message[name] = value
    message.set_content(body)
    parsed = read_message(bytes(message))
    assert not is_bounce(parsed)
    assert unsubscribe_request(parsed) == (asks, token)
