"""``manage.py api_token --user USERNAME --name "Cổng tỉnh"``: make a token (printed once); ``--revoke PREFIX``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.api import services
from grassroots.api.models import ApiToken
from grassroots.core.errors import DomainError


class Command(BaseCommand):
    help = "Cấp hoặc thu hồi khoá API cho cán bộ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="tên đăng nhập của cán bộ")
        parser.add_argument("--name", default="", help="tên gợi nhớ của khoá")
        parser.add_argument("--revoke", default="", help="tiền tố của khoá cần thu hồi")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["revoke"]:
            tokens = list(ApiToken.objects.filter(prefix=options["revoke"], revoked_at__isnull=True))
            if len(tokens) != 1:
                raise CommandError("Không tìm thấy đúng một khoá có tiền tố này.")
            services.api_token_revoke(token=tokens[0], actor=None)
            self.stdout.write("revoked")
            return
        user = User.objects.filter(username=options["user"] or "").first()
        if user is None:
            raise CommandError("Không có người dùng này.")
        try:
            _token, raw = services.api_token_create(user=user, name=options["name"], actor=None)
        except DomainError as refusal:
            raise CommandError(refusal.message) from refusal
        self.stdout.write(raw)
