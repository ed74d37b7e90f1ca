"""The notification kinds: every app registers its own, with its texts in Vietnamese (translated to English
in the app's catalogue) and its default mode.

    from grassroots.notifications.kinds import register_kind

    register_kind(
        "plans.review_due",
        label=_("Sắp đến hạn rà soát kế hoạch"),
        title=_("Kế hoạch %(title)s cần rà soát trước %(due)s"),
    )

``title`` (and the optional ``body``) are ``gettext_lazy`` strings with ``%(name)s`` placeholders filled from the
notification's ``params``; they are rendered in the reader's language each time they are shown or sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from grassroots.notifications.models import Mode


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise | str
    title: Promise | str
    body: Promise | str = ""
    default_mode: str = Mode.DIGEST


_kinds: dict[str, Kind] = {}


def register_kind(
    code: str, *, label: Promise | str, title: Promise | str, body: Promise | str = "", default_mode: str = Mode.DIGEST
) -> Kind:
    if default_mode not in Mode.values:
        raise ValueError(f"unknown mode {default_mode!r}")
    kind = Kind(code=code, label=label, title=title, body=body, default_mode=default_mode)
    _kinds[code] = kind
    return kind


def registered_kinds() -> dict[str, Kind]:
    return dict(sorted(_kinds.items()))


def kind_of(code: str) -> Kind:
    return _kinds.get(code) or Kind(code=code, label=code, title=_("Thông báo mới"))


def _fill(template: Promise | str, params: dict[str, Any]) -> str:
    text = str(template)
    try:
        return text % params if params else text
    except (KeyError, TypeError, ValueError):  # a stored event older than its template: show the template
        return text


def render(code: str, params: dict[str, Any], language: str) -> tuple[str, str]:
    """The (title, body) of a notification in ``language``."""
    kind = kind_of(code)
    with override(language):
        return _fill(kind.title, params), _fill(kind.body, params) if kind.body else ""


# The kinds of the apps built before this one (their own apps register new kinds in ready()).
REMINDER = "reminder"
CASE_OVERDUE = "petitions.case_overdue"
DISCLOSURE_PUBLISHED = "subscriptions.disclosure"
VOTE_DECIDED = "subscriptions.vote"
VOTE_OPENED = "subscriptions.vote_opened"
CONSULTATION_OPENED = "subscriptions.consultation"
YEARLY_OBLIGATION = "yearly_obligation"
RECOMMENDATION_OVERDUE = "oversight.recommendation_overdue"
"""No job sends it any more (``oversight.overdue_recommendations`` tells the answerers, the board and the Front);
kept registered so the inbox still shows the notices it sent."""


def register_builtin() -> None:
    register_kind(
        REMINDER,
        label=_("Nhắc việc sắp đến hạn"),
        title=_("Còn %(days)s ngày làm việc: %(title)s"),
        body=_("Hạn: %(due)s."),
    )
    register_kind(
        CASE_OVERDUE,
        label=_("Vụ việc quá hạn xử lý"),
        title=_("Quá hạn: vụ việc #%(pk)s %(title)s"),
        body=_("Hạn %(due)s đã qua."),
    )
    register_kind(
        DISCLOSURE_PUBLISHED,
        label=_("Thông tin công khai mới"),
        title=_("Công khai mới tại %(unit)s: %(title)s"),
    )
    register_kind(
        VOTE_DECIDED,
        label=_("Kết quả bàn và quyết định"),
        title=_("Đã có kết quả tại %(unit)s: %(title)s"),
    )
    register_kind(
        VOTE_OPENED,
        label=_("Mời biểu quyết"),
        title=_("Đang biểu quyết tại %(unit)s: %(title)s"),
    )
    register_kind(
        CONSULTATION_OPENED,
        label=_("Lấy ý kiến Nhân dân"),
        title=_("Mời góp ý tại %(unit)s: %(title)s"),
        body=_("Nhận ý kiến đến hết ngày %(until)s."),
    )
    register_kind(
        YEARLY_OBLIGATION,
        label=_("Việc phải làm hằng năm"),
        title=_("Đến kỳ thực hiện: %(title)s"),
        body=_("Hạn: %(due)s. Căn cứ: %(citation)s."),
    )
    register_kind(
        RECOMMENDATION_OVERDUE,
        label=_("Kiến nghị quá hạn trả lời"),
        title=_("Quá hạn trả lời kiến nghị: %(title)s"),
        body=_("Hạn %(due)s đã qua."),
    )
