"""Domain refusals and rule results shared by every app."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class DomainError(Exception):
    """A refusal by the domain: a stable namespaced ``code`` plus an optional user message.

    Views translate ``message`` (already Vietnamese, wrapped for translation) into a form error or
    a page message; tests assert on ``code``.
    """

    def __init__(self, code: str, message: str = "", **params: Any) -> None:
        self.code = code
        self.message = message or code
        self.params = params
        super().__init__(f"{code}: {self.message}")


@dataclass(frozen=True)
class RuleResult:
    """The answer of a pure rule: allowed or not, with a code that says why."""

    allowed: bool
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.allowed

    @classmethod
    def ok(cls, code: str = "ok", **params: Any) -> RuleResult:
        return cls(True, code, params)

    @classmethod
    def refuse(cls, code: str, **params: Any) -> RuleResult:
        return cls(False, code, params)

    def raise_if_refused(self, message: str = "") -> None:
        if not self.allowed:
            raise DomainError(self.code, message, **self.params)


@dataclass(frozen=True)
class Refusals:
    """An app's refusal messages by code and the one way to raise them (``consultations``, ``conventions``).

    ``error(code, **params)`` is a ``DomainError`` whose message is the code's text (Vietnamese, wrapped for
    translation) with its parameters filled in, dates shown as 05/03/2026; a message that does not take the
    parameters is shown as written. ``enforce(result)`` raises the refusal of a ``RuleResult``."""

    messages: Mapping[str, Any]

    def error(self, code: str, **params: Any) -> DomainError:
        text = str(self.messages.get(code, code))
        shown = {
            key: value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value for key, value in params.items()
        }
        with contextlib.suppress(KeyError, TypeError, ValueError):
            text = text % shown
        return DomainError(code, text, **params)

    def enforce(self, result: RuleResult) -> None:
        if not result:
            raise self.error(result.code, **result.params)
