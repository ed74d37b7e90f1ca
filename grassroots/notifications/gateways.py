"""SMS gateways: a small interface so a province can plug in its telecom provider.

A gateway is any class with ``send(phone: str, text: str) -> str`` that returns the provider's message id
and raises ``GatewayError`` (or ``OSError``) when it could not send; the caller retries passing errors
(``jobs.retry``). Configure it by dotted path::

    SMS_GATEWAY = "grassroots.notifications.gateways.ConsoleGateway"   # default: prints to the console

No real provider is reachable from development machines. A provider's class typically reads its
account from the environment in ``__init__`` and posts to the provider's HTTPS API in ``send``; keep texts
short (one SMS is 70 characters with Vietnamese diacritics) and put the details behind a link.
"""

from __future__ import annotations

import itertools
import sys
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class GatewayError(Exception):
    """The provider refused or could not be reached."""


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> str: ...


class ConsoleGateway:
    """Prints each message to standard output (development)."""

    _ids = itertools.count(1)

    def send(self, phone: str, text: str) -> str:
        message_id = f"console-{next(self._ids)}"
        sys.stdout.write(f"SMS to {phone} [{message_id}]: {text}\n")
        return message_id


class MemoryGateway:
    """Keeps each message in ``MemoryGateway.outbox`` (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> str:
        MemoryGateway.outbox.append((phone, text))
        return f"memory-{len(MemoryGateway.outbox)}"


def sms_gateway() -> SmsGateway:
    path = getattr(settings, "SMS_GATEWAY", "grassroots.notifications.gateways.ConsoleGateway")
    gateway: SmsGateway = import_string(path)()
    return gateway
