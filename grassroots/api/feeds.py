"""Atom feeds of consultations and of vote results (the disclosures app has its own, ``disclosures.feeds``).

Same pattern as the disclosures feed (django.contrib.syndication, ``Atom1Feed``), served by the API's
``files`` router so they share its anonymous rate limit. Items come from the selectors of the public pages:
``consultations.selectors.public_consultations`` and ``voting.selectors.public_results_page``.

The commune's vote-result feed merges its communities' result pages (one ``public_results_page`` per current
village or residential group, so a fixed number of queries per community) and keeps the newest ``FEED_ITEMS``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit

FEED_ITEMS = 50
"""Newest items in a feed (a reader that wants all of them uses the paginated API list)."""

if TYPE_CHECKING:
    ConsultationFeedBase = Feed[Any, AdministrativeUnit]
    ResultFeedBase = Feed[tuple[Any, Any, list[str]], AdministrativeUnit]
else:  # the feed is generic only for the type checker
    ConsultationFeedBase = Feed
    ResultFeedBase = Feed


def _day(day: dt.date | None) -> str:
    return formats.date_format(day, "d/m/Y") if day else ""


class ConsultationFeed(ConsultationFeedBase):
    """Consultations of a commune once published (Law 10/2022 arts 25–29), newest first."""

    feed_type = Atom1Feed

    def get_object(self, request: Any, *args: Any, **kwargs: Any) -> AdministrativeUnit:
        commune: AdministrativeUnit = kwargs["commune"]
        return commune

    def title(self, obj: AdministrativeUnit) -> str:
        return _("Lấy ý kiến Nhân dân: %(commune)s") % {"commune": obj.name}

    def link(self, obj: AdministrativeUnit) -> str:
        return reverse("consultations:public_list", kwargs={"commune_slug": obj.slug})

    def subtitle(self, obj: AdministrativeUnit) -> str:
        return _("Dự thảo Ủy ban nhân dân xã lấy ý kiến Nhân dân theo Điều 25–29 Luật Thực hiện dân chủ ở cơ sở.")

    def items(self, obj: AdministrativeUnit) -> list[Any]:
        from grassroots.consultations.selectors import public_consultations

        return list(public_consultations(obj).select_related("commune")[:FEED_ITEMS])

    def item_title(self, item: Any) -> str:
        return f"{item.title} ({item.get_status_display()})"

    def item_description(self, item: Any) -> str:
        until = _("Nhận ý kiến từ %(start)s đến hết %(end)s.") % {
            "start": _day(item.published_on),
            "end": _day(item.closes_on),
        }
        return f"{item.summary[:1000]}\n{until}".strip()

    def item_link(self, item: Any) -> str:
        return reverse("consultations:public_detail", kwargs={"consultation_id": item.pk})

    def item_pubdate(self, item: Any) -> dt.datetime | None:
        return clock.start_of_day(item.published_on) if item.published_on else None

    def item_updateddate(self, item: Any) -> dt.datetime | None:
        day = item.completed_on or item.closed_on or item.published_on
        return clock.start_of_day(day) if day else None

    def item_categories(self, item: Any) -> list[str]:
        return [item.matter, item.status]


class VoteResultFeed(ResultFeedBase):
    """Decided votes of a village or residential group with their outcome (Law 10/2022 arts 21–23)."""

    feed_type = Atom1Feed

    def get_object(self, request: Any, *args: Any, **kwargs: Any) -> AdministrativeUnit:
        community: AdministrativeUnit = kwargs["community"]
        return community

    def title(self, obj: AdministrativeUnit) -> str:
        return _("Kết quả bàn và quyết định: %(community)s") % {"community": obj.name}

    def link(self, obj: AdministrativeUnit) -> str:
        return reverse("voting:public_results", kwargs={"community_id": obj.pk})

    def subtitle(self, obj: AdministrativeUnit) -> str:
        return _("Kết quả Nhân dân bàn và quyết định ở thôn, tổ dân phố (Điều 15–23 Luật Thực hiện dân chủ ở cơ sở).")

    def items(self, obj: AdministrativeUnit) -> list[tuple[Any, Any, list[str]]]:
        from grassroots.voting.selectors import public_results_page

        return public_results_page(obj, limit=FEED_ITEMS)

    def item_title(self, item: tuple[Any, Any, list[str]]) -> str:
        vote, tally, _opinions = item
        outcome = _("Thông qua") if tally.passed else _("Không thông qua")
        return f"{vote.title}: {outcome}"

    def item_description(self, item: tuple[Any, Any, list[str]]) -> str:
        vote, tally, _opinions = item
        counts = _("%(yes)s/%(eligible)s hộ đồng ý, cần tối thiểu %(required)s; %(participated)s hộ tham gia.") % {
            "yes": tally.yes,
            "eligible": tally.eligible,
            "required": tally.required,
            "participated": tally.participated,
        }
        return f"{vote.question[:1000]}\n{counts}".strip()

    def item_link(self, item: tuple[Any, Any, list[str]]) -> str:
        vote = item[0]
        return reverse("voting:public_results", kwargs={"community_id": vote.unit_id}) + f"#vote-{vote.pk}"

    def item_guid(self, item: tuple[Any, Any, list[str]]) -> str:
        return f"vote-result-{item[0].pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: tuple[Any, Any, list[str]]) -> dt.datetime | None:
        closed: dt.datetime | None = item[0].closed_at
        return closed

    def item_categories(self, item: tuple[Any, Any, list[str]]) -> list[str]:
        vote = item[0]
        return [vote.matter, vote.status] if vote.matter else [vote.status]


class CommuneVoteResultFeed(VoteResultFeed):
    """Decided votes of every current village and residential group of a commune, newest closing first; each entry
    names its community and links to that community's result page."""

    def get_object(self, request: Any, *args: Any, **kwargs: Any) -> AdministrativeUnit:
        commune: AdministrativeUnit = kwargs["commune"]
        return commune

    def title(self, obj: AdministrativeUnit) -> str:
        return _("Kết quả bàn và quyết định ở các thôn, tổ dân phố: %(commune)s") % {"commune": obj.name}

    def link(self, obj: AdministrativeUnit) -> str:
        return reverse("portal:commune", kwargs={"slug": obj.slug})

    def items(self, obj: AdministrativeUnit) -> list[tuple[Any, Any, list[str]]]:
        from grassroots.units.selectors import communities_of
        from grassroots.voting.selectors import public_results_page

        rows: list[tuple[Any, Any, list[str]]] = []
        for community in communities_of(obj, clock.today()):
            page = public_results_page(community, limit=FEED_ITEMS)
            for vote, _tally, _opinions in page:
                vote.unit = community  # already read: no query per entry for its name
            rows.extend(page)
        oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
        rows.sort(key=lambda row: (row[0].closed_at or oldest, row[0].pk), reverse=True)
        return rows[:FEED_ITEMS]

    def item_title(self, item: tuple[Any, Any, list[str]]) -> str:
        return f"{item[0].unit.name} — {super().item_title(item)}"
