"""Atom feeds per commune and per category (django.contrib.syndication)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from grassroots.accounts.authorize import PUBLIC
from grassroots.core import clock
from grassroots.disclosures import selectors
from grassroots.disclosures.models import Disclosure, DisclosureCategory

if TYPE_CHECKING:
    FeedBase = Feed[Disclosure, dict[str, Any]]
else:  # the feed is generic only for the type checker
    FeedBase = Feed


class CommuneFeed(FeedBase):
    """A public feed: anyone may subscribe (``grassroots_access`` declares it like ``@public_view``)."""

    feed_type = Atom1Feed
    grassroots_access = PUBLIC

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The commune of the URL (``slug``) and, for a category feed, its category (``code``)."""
        slug, code = str(kwargs["slug"]), str(kwargs.get("code", ""))
        unit = selectors.commune_by_slug(slug)
        if unit is None:
            raise Http404
        category = None
        if code:
            category = DisclosureCategory.objects.filter(code=code, regime="commune").first()
            if category is None:
                raise Http404
        return {"unit": unit, "category": category}

    def title(self, obj: dict[str, Any]) -> str:
        if obj["category"] is not None:
            return _("%(commune)s: %(category)s") % {"commune": obj["unit"].name, "category": obj["category"].label}
        return _("Công khai thông tin: %(commune)s") % {"commune": obj["unit"].name}

    def link(self, obj: dict[str, Any]) -> str:
        url = reverse("disclosures:index", args=[obj["unit"].slug])
        return f"{url}?category={obj['category'].code}" if obj["category"] is not None else url

    def subtitle(self, obj: dict[str, Any]) -> str:
        return _("Thông tin Ủy ban nhân dân xã công khai theo Điều 11 Luật Thực hiện dân chủ ở cơ sở.")

    def items(self, obj: dict[str, Any]) -> list[Disclosure]:
        code = obj["category"].code if obj["category"] is not None else ""
        return selectors.feed_items(obj["unit"], category_code=code)

    def item_title(self, item: Disclosure) -> str:
        return f"{item.category.code}. {item.title}"

    def item_description(self, item: Disclosure) -> str:
        return item.body[:1000]

    def item_link(self, item: Disclosure) -> str:
        return reverse("disclosures:detail", args=[item.unit.slug, item.pk])

    def item_pubdate(self, item: Disclosure) -> dt.datetime | None:
        return clock.start_of_day(item.first_published_on) if item.first_published_on else None

    def item_updateddate(self, item: Disclosure) -> dt.datetime | None:
        day = item.published_on or item.first_published_on
        return clock.start_of_day(day) if day else None

    def item_categories(self, item: Disclosure) -> list[str]:
        return [item.category.code]
