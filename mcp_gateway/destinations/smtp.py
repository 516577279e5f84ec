"""`$.send.email` messages, sent over the gateway's SMTP server after the run.

A 5xx reply (a rejected sender or recipients) is final; anything else is tried again. SMTP
gives no way to make a retry after a crash idempotent, so a message can arrive twice in
that case; its Message-ID stays the same, which lets mail clients fold the copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

import aiosmtplib

from .outcome import DELIVERED, Outcome


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int
    security: str  # starttls | tls | none
    username: str | None = None
    password: str | None = None
    sender: str = "mcp-gateway@localhost"
    timeout: float = 30.0


def build_message(message: dict[str, Any], sender: str, message_id: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = ", ".join(message["to"])
    mail["Subject"] = message["subject"]
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message_id
    mail.set_content(message["text"])
    if message.get("html") is not None:
        mail.add_alternative(message["html"], subtype="html")
    return mail


class EmailSender:
    def __init__(self, server: SmtpServer) -> None:
        self._server = server

    async def send(self, message: dict[str, Any], message_id: str) -> Outcome:
        server = self._server
        mail = build_message(message, server.sender, message_id)
        try:
            await aiosmtplib.send(
                mail,
                hostname=server.host,
                port=server.port,
                username=server.username,
                password=server.password,
                use_tls=server.security == "tls",
                start_tls=True if server.security == "starttls" else False,
                timeout=server.timeout,
            )
        except aiosmtplib.SMTPResponseException as exc:
            return Outcome(f"the SMTP server answered {exc.code}: {exc.message}", permanent=exc.code >= 500)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            return Outcome(f"the SMTP server refused the recipients: {exc}", permanent=True)
        except (aiosmtplib.SMTPException, OSError) as exc:
            return Outcome(f"could not send through the SMTP server: {type(exc).__name__}: {exc}")
        return DELIVERED

    async def close(self) -> None:
        pass
