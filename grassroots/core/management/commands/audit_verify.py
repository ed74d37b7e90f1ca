"""python manage.py audit_verify: exit 0 when every audit chain and the seals are intact, 1 otherwise."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.selectors import audit_chain_verify

HASH_LENGTH = 64
"""A SHA-256 in hexadecimal."""


class Command(BaseCommand):
    help = "Verify every hash chain of the audit trail against its head and the seals of the national root."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kept-seal",
            action="append",
            default=[],
            metavar="NUMBER:HASH",
            help="a seal's number and hash kept outside the database (printed by audit_seal); repeatable",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kept: dict[int, str] = {}
        for value in options["kept_seal"]:
            number, _, digest = str(value).partition(":")
            if not number.isdigit() or len(digest) != HASH_LENGTH:
                raise CommandError(f"--kept-seal takes NUMBER:HASH (64 hex digits), not {value!r}")
            kept[int(number)] = digest.lower()
        report = audit_chain_verify(kept_seals=kept)
        summary = f"{report.checked} events in {report.chains} chains, {report.seals} seals"
        if report.intact:
            self.stdout.write(f"OK: {summary}, chains intact.")
            return
        for problem in report.problems:
            self.stderr.write(f"BROKEN: chain {problem.chain} at #{problem.sequence}: {problem.problem}")
        self.stderr.write(f"{len(report.problems)} broken chain(s); {summary} verified.")
        sys.exit(1)
