"""The result of a board's work sent back to the citizen who raised it ([L] art. 39: "results go in writing to the
petitioner"; law.md §1(c)).

A verification the board made of a citizen's case (``Inspection.case``, from the ``petitions`` app) ends with a
conclusion, and a recommendation made from it ends with the addressed body's answer: each time the citizen behind
the case, when they filed it with an account, gets a notification through the notifications app's own service,
after the commit (nothing is told about a change that was rolled back). Anonymous filings have no one to tell.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

RESULT_KIND = "oversight.result_to_petitioner"
RESULT_TEXT_MAX = 600
"""Characters of the conclusion or answer put in the notification; the rest is on the citizen's case page."""


def register() -> None:
    from grassroots.notifications.kinds import register_kind

    register_kind(
        RESULT_KIND,
        label=_("Kết quả xác minh của Ban Thanh tra nhân dân"),
        title=_("%(board)s: kết quả về vụ việc của bạn (%(subject)s)"),
        body=_("%(result)s"),
    )


def petitioner_user_id(case_id: int | None) -> int | None:
    """The account of the citizen behind a case, or None (no case, anonymous, filed on paper)."""
    if case_id is None:
        return None
    from grassroots.petitions.models import CaseIdentity

    return CaseIdentity.objects.filter(case_id=case_id, user__isnull=False).values_list("user_id", flat=True).first()


def result_to_petitioner(
    *, case_id: int | None, board: Any, subject: str, result: str, key: str, now: Any
) -> int | None:
    """Queue the notice to the citizen behind ``case_id`` for after the commit; returns the user told, if any.

    ``key`` makes it once per event (a conclusion, an answer), even if a job or a retry calls twice."""
    user_id = petitioner_user_id(case_id)
    if user_id is None:
        return None
    from grassroots.notifications.services import notify

    params = {"board": board.name, "subject": subject[:200], "result": result[:RESULT_TEXT_MAX]}
    url = reverse("petitions:my_case", kwargs={"pk": case_id})
    transaction.on_commit(
        lambda: notify(
            users=[user_id],
            kind=RESULT_KIND,
            params=params,
            url=url,
            unit=board.unit_id,
            dedupe_key=f"{RESULT_KIND}:{key}",
            now=now,
        )
    )
    return user_id
