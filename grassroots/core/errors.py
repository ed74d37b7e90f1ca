"""Domain refusals and rule results shared by every app."""

from __future__ import annotations

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
