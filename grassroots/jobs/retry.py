"""A small retry helper for jobs and tasks that fail for a passing reason (a locked database, an SMTP
server that hangs up, an SMS gateway time-out).

    from grassroots.jobs.retry import retry

    retry(lambda: gateway.send(phone, text), retry_on=(GatewayError, OSError))

A ``DomainError`` is never retried: the law said no, and asking again will not change its mind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import OperationalError

from grassroots.core.errors import DomainError
from grassroots.jobs.rules import RETRY_ATTEMPTS, retry_delay

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, OSError, TimeoutError)
"""What is worth a second try by default: the database was busy, the network failed."""


class RetriesExhausted(Exception):
    """Every try failed; ``last`` is the last error and ``attempts`` how many tries were made."""

    def __init__(self, attempts: int, last: BaseException) -> None:
        self.attempts = attempts
        self.last = last
        super().__init__(f"failed after {attempts} attempts: {type(last).__name__}: {last}")


def retry[T](
    call: Callable[[], T],
    *,
    attempts: int = RETRY_ATTEMPTS,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT_ERRORS,
    sleep: Callable[[float], None] = time.sleep,
    base_delay: float | None = None,
) -> T:
    """``call()``, tried up to ``attempts`` times while it raises one of ``retry_on``; pauses double."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except DomainError:
            raise
        except retry_on as error:
            if attempt == attempts:
                raise RetriesExhausted(attempt, error) from error
            delay = retry_delay(attempt) if base_delay is None else retry_delay(attempt, base_delay)
            logger.warning("try %s of %s failed (%s), again in %.1f s", attempt, attempts, error, delay)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
