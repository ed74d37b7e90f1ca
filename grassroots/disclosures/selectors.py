"""Reads of the disclosures app: the public list and search, history, compliance, roll-ups, tasks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from grassroots.accounts.models import RoleMembership
from grassroots.core.models import AuditEvent
from grassroots.core.selectors import object_history
from grassroots.disclosures import rules
from grassroots.disclosures.models import (
    Disclosure,
    DisclosureCategory,
    DisclosurePlanItem,
    DisclosureProfile,
    InformationRequest,
    InformationRequestStatus,
    PublicationEvent,
    Regime,
    RelayTask,
    Status,
)
from grassroots.units.models import AdministrativeUnit, Organisation, UnitLevel

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

PUBLIC_STATUSES = (Status.PUBLISHED, Status.AMENDED, Status.REPUBLISHED, Status.ENDED)
"""Statuses listed on the portal (an amended item keeps showing its last published version's facts)."""

PUBLIC_HISTORY_CODES = (
    "disclosures.disclosure.published",
    "disclosures.disclosure.amended",
    "disclosures.disclosure.republished",
    "disclosures.disclosure.ended",
    "disclosures.disclosure.withdrawn",
    "disclosures.publication.recorded",
    "disclosures.publication.ended",
    "disclosures.relay.acknowledged",
)
"""Audit events shown to the public (drafting steps are internal)."""


def soe_deadline_mode() -> str:
    """How an SOE's 15 days are counted: the setting ``GRASSROOTS_DISCLOSURE_SOE_DEADLINE_MODE`` ("calendar" or
    "working"), default ``rules.SOE_DEADLINE_MODE_DEFAULT`` (an UNCERTAIN rule, law.md §7 question 8).

    Rules never read settings: services and commands call this and pass the value in as ``soe_mode``.
    """
    mode = getattr(settings, "GRASSROOTS_DISCLOSURE_SOE_DEADLINE_MODE", rules.SOE_DEADLINE_MODE_DEFAULT)
    try:
        return rules.check_deadline_mode(str(mode))
    except ValueError as error:
        raise ValueError(f"GRASSROOTS_DISCLOSURE_SOE_DEADLINE_MODE: {error}") from error


def commune_by_slug(slug: str) -> AdministrativeUnit | None:
    return (
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, slug=slug, valid_until__isnull=True)
        .select_related("parent")
        .first()
    )


def province_by_slug(slug: str) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, slug=slug, valid_until__isnull=True).first()


def profile_of(unit: AdministrativeUnit) -> DisclosureProfile:
    """The unit's channels; an unsaved default (portal yes, loudspeaker no) when none was recorded."""
    return DisclosureProfile.objects.filter(unit=unit).first() or DisclosureProfile(unit=unit)


def categories(regime: str = Regime.COMMUNE) -> QuerySet[DisclosureCategory]:
    return DisclosureCategory.objects.filter(regime=regime).order_by("number")


# --- Public list and search -------------------------------------------------------------------------


NEWEST_FIRST = ("-first_published_on", "-pk")
"""The portal's order: newest first, the id breaking ties."""


def public_disclosures(
    unit: AdministrativeUnit, *, category_code: str = "", year: int | None = None
) -> QuerySet[Disclosure]:
    """A commune's disclosures as the portal lists them, newest first."""
    queryset = Disclosure.objects.filter(
        unit=unit, organisation__isnull=True, status__in=PUBLIC_STATUSES, first_published_on__isnull=False
    )
    if category_code:
        queryset = queryset.filter(category__code=category_code)
    if year:
        queryset = queryset.filter(first_published_on__year=year)
    return queryset.select_related("category", "unit").order_by(*NEWEST_FIRST)


SQLITE_ID_MASK = (1 << 32) - 1
"""The id part of the SQLite FTS5 rowid, the search key ``(julian day of first_published_on << 32) | id``."""


def _tsquery(terms: list[str]) -> str:
    """A PostgreSQL ``to_tsquery`` text: every folded word (only ``[0-9a-z]``), the last one as a prefix."""
    return " & ".join([*terms[:-1], f"{terms[-1]}:*"])


def search(queryset: QuerySet[Disclosure], query: str) -> QuerySet[Disclosure]:
    """Filter by a query that ignores diacritics ("cong khai ngan sach" finds "Công khai ngân sách", đ = d).

    Every word must match; the last word may be the start of a word. Matches come newest first
    (``-first_published_on, -id``, the portal's order), whatever the queryset's order was.

    PostgreSQL: ``@@`` on the stored ``search_vector`` column (GIN index, migration 0009): the planner walks
    the newest-first index when matches are many and checks each row's stored vector, or takes the GIN index
    when they are few. SQLite: the FTS5 table joined by its rowid, the search key, and ordered by it, so FTS5
    hands matches over newest first and a page stops after its rows. Other databases: folded ``LIKE``.
    """
    terms = rules.search_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        match = RawSQL(
            '"disclosures_disclosure"."search_vector" @@ to_tsquery(\'simple\'::regconfig, %s)',
            [_tsquery(terms)],
            output_field=BooleanField(),
        )
        return queryset.alias(search_match=match).filter(search_match=True).order_by(*NEWEST_FIRST)
    if connection.vendor == "sqlite":
        # extra(): the FTS5 table must be a plain join that drives the query; every value is a parameter.
        return queryset.extra(  # noqa: S610
            tables=["disclosures_search"],
            where=[
                "disclosures_search MATCH %s",
                f'"disclosures_disclosure"."id" = ("disclosures_search"."rowid" & {SQLITE_ID_MASK})',
            ],
            params=[rules.fts5_match(query)],
        ).order_by(RawSQL('"disclosures_search"."rowid"', ()).desc())
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return queryset.order_by(*NEWEST_FIRST)


def public_disclosure(unit: AdministrativeUnit, pk: int) -> Disclosure | None:
    """One disclosure of the commune that has been published at least once (withdrawn ones stay visible)."""
    return (
        Disclosure.objects.filter(unit=unit, pk=pk, organisation__isnull=True, first_published_on__isnull=False)
        .select_related("category", "unit")
        .first()
    )


def public_history(disclosure: Disclosure) -> QuerySet[AuditEvent]:
    """The item's public history from the audit trail, oldest first."""
    return object_history(disclosure).filter(code__in=PUBLIC_HISTORY_CODES)


def published_versions(disclosure: Disclosure) -> QuerySet[Any]:
    return disclosure.versions.filter(published_on__isnull=False).order_by("-number")


def feed_items(unit: AdministrativeUnit, *, category_code: str = "", limit: int = 50) -> list[Disclosure]:
    return list(public_disclosures(unit, category_code=category_code)[:limit])


# --- Compliance -----------------------------------------------------------------------------------


@dataclass
class ItemCompliance:
    disclosure: Disclosure
    evaluation: rules.Evaluation


@dataclass
class CategoryCompliance:
    category: DisclosureCategory
    items: list[ItemCompliance] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    planned_missing: list[DisclosurePlanItem] = field(default_factory=list)
    postings: int = 0
    self_reported: int = 0

    @property
    def on_time_share(self) -> float | None:
        return rules.on_time_share(self.counts)


@dataclass(frozen=True)
class PostingTotals:
    """Channel events of the current versions, and how many of them are self-reported (dated before entry)."""

    postings: int
    self_reported: int

    @property
    def self_reported_share(self) -> float | None:
        return self.self_reported / self.postings if self.postings else None


def posting_totals(rows: Iterable[CategoryCompliance]) -> PostingTotals:
    rows = list(rows)
    return PostingTotals(sum(row.postings for row in rows), sum(row.self_reported for row in rows))


def _community_ids(unit: AdministrativeUnit, on: dt.date) -> frozenset[int]:
    rows = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.COMMUNITY)
    return frozenset(row.pk for row in rows if row.is_valid_on(on))


def item_facts(
    disclosure: Disclosure, *, community_ids: frozenset[int], profile: DisclosureProfile
) -> rules.ItemFacts | None:
    """Plain facts of one disclosure (uses prefetched ``publications`` and ``relay_tasks`` when present)."""
    if disclosure.due_on is None:
        return None
    version = disclosure.version_number
    windows = tuple(
        rules.ChannelWindow(event.channel, event.started_on, event.ended_on, event.community_id, event.is_self_reported)
        for event in disclosure.publications.all()
        if event.version_number == version
    )
    acknowledged = frozenset(
        task.community_id
        for task in disclosure.relay_tasks.all()
        if task.version_number == version and task.acknowledged_at is not None
    )
    return rules.ItemFacts(
        rule=disclosure.category.as_rule(),
        status=disclosure.status,
        due_on=disclosure.due_on,
        published_on=disclosure.published_on,
        windows=windows,
        community_ids=community_ids if disclosure.category.regime == Regime.COMMUNE else frozenset(),
        relay_acknowledged_ids=acknowledged,
        has_portal=profile.has_portal,
        has_loudspeaker=profile.has_loudspeaker,
    )


def evaluate_disclosure(disclosure: Disclosure, *, today: dt.date) -> rules.Evaluation | None:
    facts = item_facts(
        disclosure, community_ids=_community_ids(disclosure.unit, today), profile=profile_of(disclosure.unit)
    )
    return rules.evaluate(facts, today=today) if facts else None


def _with_facts(queryset: QuerySet[Disclosure]) -> QuerySet[Disclosure]:
    return queryset.select_related("category", "unit").prefetch_related(
        Prefetch("publications", queryset=PublicationEvent.objects.order_by("started_on")),
        Prefetch("relay_tasks", queryset=RelayTask.objects.all()),
    )


def commune_compliance(
    unit: AdministrativeUnit, *, today: dt.date, year: int | None = None
) -> list[CategoryCompliance]:
    """Per category of art. 11, every item of the commune with its findings (withdrawn items excluded).

    ``year`` limits items to decisions of that year; plan lines of that year whose date has passed with
    no disclosure of their category count as "missing" for the category.
    """
    profile = profile_of(unit)
    community_ids = _community_ids(unit, today)
    rows = {category.pk: CategoryCompliance(category) for category in categories(Regime.COMMUNE)}
    queryset = Disclosure.objects.filter(unit=unit, organisation__isnull=True).exclude(status=Status.WITHDRAWN)
    if year:
        queryset = queryset.filter(decided_on__year=year)
    for disclosure in _with_facts(queryset.order_by("due_on", "pk")):
        facts = item_facts(disclosure, community_ids=community_ids, profile=profile)
        row = rows.get(disclosure.category_id)
        if facts is None or row is None:
            continue
        evaluation = rules.evaluate(facts, today=today)
        row.items.append(ItemCompliance(disclosure, evaluation))
        row.counts.update(str(finding) for finding in evaluation.findings)
        row.postings += len(facts.windows)
        row.self_reported += evaluation.self_reported_postings
    plan_items = DisclosurePlanItem.objects.filter(plan__unit=unit, planned_on__lt=today).select_related("category")
    if year:
        plan_items = plan_items.filter(plan__year=year)
    for item in plan_items:
        row = rows.get(item.category_id)
        if row is not None and not any(entry.disclosure.decided_on.year == item.plan.year for entry in row.items):
            row.planned_missing.append(item)
            row.counts[rules.Finding.MISSING] += 1
    return list(rows.values())


def compliance_totals(rows: Iterable[CategoryCompliance]) -> Counter[str]:
    total: Counter[str] = Counter()
    for row in rows:
        total.update(row.counts)
    return total


@dataclass(frozen=True)
class CommuneRollup:
    unit_id: int
    name: str
    slug: str
    on_time: int
    late: int
    missing: int
    pending: int
    postings: int = 0
    self_reported: int = 0

    @property
    def settled(self) -> int:
        return self.on_time + self.late + self.missing

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.settled, 1) if self.settled else None

    @property
    def self_reported_percent(self) -> float | None:
        """Self-reported postings (dated before they were entered) among all recorded postings."""
        return round(100 * self.self_reported / self.postings, 1) if self.postings else None


def _posting_count(condition: Q | None = None) -> Coalesce:
    """Channel events of the current versions of a commune's own live disclosures, as a correlated subquery
    (the roll-up stays one query)."""
    events = PublicationEvent.objects.filter(
        disclosure__unit=OuterRef("pk"),
        disclosure__organisation__isnull=True,
        version_number=F("disclosure__version_number"),
    ).exclude(disclosure__status=Status.WITHDRAWN)
    if condition is not None:
        events = events.filter(condition)
    counted = events.order_by().values("disclosure__unit").annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class _RollupCounts(TypedDict):
    on_time: int
    late: int
    missing: int
    pending: int
    postings: int
    self_reported: int


def province_rollup(province: AdministrativeUnit, *, today: dt.date) -> list[CommuneRollup]:
    """Each current commune of the province with its on-time count and share, counted by the database.

    On time: published (current version) no later than the due date; late: after it; missing: not
    published and the due date has passed; pending: not published, still within the deadline. The
    publication date is the day it went on the platform (never typed), so self-reported postings never
    change these counts; ``postings`` / ``self_reported`` count the channel events of the current
    versions and those dated before they were entered.
    """
    live = Q(disclosures__organisation__isnull=True) & ~Q(disclosures__status=Status.WITHDRAWN)
    published = Q(disclosures__published_on__isnull=False)
    queryset = (
        AdministrativeUnit.objects.filter(parent=province, level=UnitLevel.COMMUNE, valid_until__isnull=True)
        .annotate(
            on_time=Count(
                "disclosures", filter=live & published & Q(disclosures__published_on__lte=F("disclosures__due_on"))
            ),
            late=Count(
                "disclosures", filter=live & published & Q(disclosures__published_on__gt=F("disclosures__due_on"))
            ),
            missing=Count(
                "disclosures",
                filter=live & Q(disclosures__published_on__isnull=True, disclosures__due_on__lt=today),
            ),
            pending=Count(
                "disclosures",
                filter=live & Q(disclosures__published_on__isnull=True, disclosures__due_on__gte=today),
            ),
            postings=_posting_count(),
            self_reported=_posting_count(Q(started_on__lt=F("recorded_on"))),
        )
        .order_by("name")
    )
    return [
        CommuneRollup(
            row.pk,
            row.name,
            row.slug,
            row.on_time,
            row.late,
            row.missing,
            row.pending,
            row.postings,
            row.self_reported,
        )
        for row in cast("QuerySet[WithAnnotations[AdministrativeUnit, _RollupCounts]]", queryset)
    ]


# --- Tasks, the quarterly list, requests -----------------------------------------------------------


def relay_tasks_for_communities(community_ids: Iterable[int]) -> QuerySet[RelayTask]:
    """Relay tasks of these communities, open ones first, for the village head's phone page."""
    return (
        RelayTask.objects.filter(community_id__in=list(community_ids))
        .exclude(disclosure__status=Status.WITHDRAWN)
        .select_related("disclosure", "disclosure__category", "community")
        .order_by(F("acknowledged_at").desc(nulls_first=True), "-assigned_on", "pk")
    )


@dataclass
class QuarterRow:
    disclosure: Disclosure
    events: list[PublicationEvent]


def quarterly_list(unit: AdministrativeUnit, *, year: int, quarter: int) -> list[QuarterRow]:
    """Everything disclosed in a quarter with its channels and dates (art. 13(2))."""
    first, last = rules.quarter_bounds(year, quarter)
    events = (
        PublicationEvent.objects.filter(
            disclosure__unit=unit, disclosure__organisation__isnull=True, started_on__range=(first, last)
        )
        .select_related("disclosure", "disclosure__category", "community")
        .order_by("disclosure__category__number", "disclosure__first_published_on", "disclosure_id", "started_on")
    )
    rows: dict[int, QuarterRow] = {}
    for event in events:
        rows.setdefault(event.disclosure_id, QuarterRow(event.disclosure, [])).events.append(event)
    return list(rows.values())


def information_requests(unit: AdministrativeUnit) -> QuerySet[InformationRequest]:
    return InformationRequest.objects.filter(unit=unit).select_related("category").order_by("-received_on", "-pk")


def staff_disclosures(unit: AdministrativeUnit) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(unit=unit, organisation__isnull=True)
        .select_related("category")
        .order_by("-updated_at", "-pk")
    )


def open_information_requests(unit_ids: Iterable[int]) -> QuerySet[InformationRequest]:
    """Requests not yet answered in these units, the nearest deadline first."""
    return (
        InformationRequest.objects.filter(unit_id__in=list(unit_ids))
        .exclude(status=InformationRequestStatus.ANSWERED)
        .select_related("unit")
        .order_by(Coalesce("extended_due_on", "due_on"), "pk")
    )


def unpublished_due(unit_ids: Iterable[int]) -> QuerySet[Disclosure]:
    """Commune drafts and amendments waiting to be (re)published: the deadline runs for them."""
    return (
        Disclosure.objects.filter(
            unit_id__in=list(unit_ids), organisation__isnull=True, status__in=rules.UNPUBLISHED_STATUSES
        )
        .select_related("unit", "category")
        .order_by("due_on", "pk")
    )


# --- Organisations (Chapters III and IV): internal disclosures -------------------------------------


def workplace_settings(organisation: Organisation | None) -> tuple[str | None, bool]:
    """(democracy regime, has an intranet) of an organisation, read from its workplace profile when it has one
    (``workplaces.WorkplaceProfile``; [L] art. 82, Decree 145/2020 art. 43(2)); (None, True) otherwise."""
    if organisation is None:
        return None, True
    profile = getattr(organisation, "workplace", None)  # reverse one-to-one: None when the profile is missing
    if profile is None:
        return None, True
    return str(profile.regime), bool(profile.has_intranet)


def disclosure_regime(organisation: Organisation | None) -> str:
    """The disclosure list an organisation (or, for ``None``, a commune) uses: ``rules.regime_for`` with the
    non-state employer's chosen democracy regime."""
    democracy_regime, _intranet = workplace_settings(organisation)
    return rules.regime_for(organisation.kind if organisation is not None else None, democracy_regime)


def organisations_of(user: Any, on: dt.date) -> QuerySet[Organisation]:
    """The organisations in which the user holds a role on ``on`` (everything for a superuser)."""
    if getattr(user, "is_superuser", False):
        return Organisation.objects.order_by("name")
    ids = RoleMembership.objects.active_on(on).filter(user_id=user.pk, organisation__isnull=False)
    return Organisation.objects.filter(pk__in=ids.values("organisation_id")).order_by("name")


def organisation_disclosures(organisation: Organisation, *, include_drafts: bool) -> QuerySet[Disclosure]:
    queryset = Disclosure.objects.filter(organisation=organisation).select_related("category")
    if not include_drafts:
        queryset = queryset.exclude(status=Status.DRAFT)
    return queryset.order_by(F("published_on").desc(nulls_first=True), "-pk")


# --- Portal pagination without COUNT(*) -------------------------------------------------------------

PUBLIC_COUNT_LIMIT = 1000
"""The portal counts matching items up to this many; beyond it the page says "more than 1,000"."""

PUBLIC_MAX_PAGE = 10_000
"""Page numbers above this are read as this one (keeps OFFSET bounded and inside SQL integers)."""


@dataclass(frozen=True)
class PublicPage:
    """One page of the public list: its rows, its neighbours and a count bounded by ``count_limit``.

    A full ``COUNT(*)`` over a large commune costs more than the page itself (278 ms over 100,000 rows on
    SQLite), so the count stops at ``count_limit`` + 1 rows and "has next" comes from fetching one extra row.
    """

    object_list: list[Disclosure]
    number: int
    page_size: int
    has_next: bool
    count: int
    count_limit: int

    @property
    def count_exceeds(self) -> bool:
        return self.count > self.count_limit

    @property
    def num_pages(self) -> int | None:
        """The number of pages when the count is exact, else ``None``."""
        if self.count_exceeds:
            return None
        return max(1, -(-self.count // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _bounded_count(queryset: QuerySet[Disclosure], count_limit: int) -> int:
    """``COUNT(*)`` over at most ``count_limit + 1`` rows."""
    return queryset.select_related(None).order_by()[: count_limit + 1].count()


def _page_number(number: object, *, count: int, page_size: int, count_limit: int) -> int:
    """The page to show: ``number`` (anything invalid means 1), the last page when past an exact count."""
    try:
        wanted = min(max(1, int(str(number))), PUBLIC_MAX_PAGE)
    except ValueError:
        wanted = 1
    if count <= count_limit:
        wanted = min(wanted, max(1, -(-count // page_size)))
    return wanted


def _page(rows: list[Disclosure], *, number: int, page_size: int, count: int, count_limit: int) -> PublicPage:
    return PublicPage(
        object_list=rows[:page_size],
        number=number,
        page_size=page_size,
        has_next=len(rows) > page_size,
        count=count,
        count_limit=count_limit,
    )


def public_page(
    queryset: QuerySet[Disclosure], number: object, *, page_size: int, count_limit: int = PUBLIC_COUNT_LIMIT
) -> PublicPage:
    """Page ``number`` (1-based; anything invalid means 1) of an ordered queryset, with a bounded count.

    Two cheap queries: ``COUNT(*)`` over at most ``count_limit + 1`` rows, and the page plus one row. A
    number past the end shows the last page when the count is exact.
    """
    count = _bounded_count(queryset, count_limit)
    wanted = _page_number(number, count=count, page_size=page_size, count_limit=count_limit)
    offset = (wanted - 1) * page_size
    rows = list(queryset[offset : offset + page_size + 1])
    return _page(rows, number=wanted, page_size=page_size, count=count, count_limit=count_limit)


PUBLIC_SEARCH_PROBE_ROWS = 1000
"""PostgreSQL reads this many of the newest rows first to see how densely a query matches."""

PUBLIC_SEARCH_WALK_ROWS = 10_000
"""How many of the newest rows PostgreSQL reads, at most, to count or fill a page without the GIN index."""


def public_search_page(
    queryset: QuerySet[Disclosure],
    query: str,
    number: object,
    *,
    page_size: int,
    count_limit: int = PUBLIC_COUNT_LIMIT,
) -> PublicPage:
    """Page ``number`` of ``search(queryset, query)``, newest first, the count bounded as in ``public_page``.

    SQLite (FTS5 hands matches over newest first) and other databases: ``public_page`` of the search.

    PostgreSQL cannot guess how many rows several words match together: the syllables of a Vietnamese word
    come together ("duong giao thong") and the planner multiplies their frequencies, guesses a few hundred
    rows for 15,000 and sorts them all; and the GIN index gathers every match before the first is returned
    (10–20 ms for 20,000). Reading the newest rows and checking each one's stored vector stops as soon as it
    has enough, so the plan is chosen here, from the data:

    1. a probe: the matches among the newest ``PUBLIC_SEARCH_PROBE_ROWS`` rows;
    2. if they are dense enough to reach the count limit within ``PUBLIC_SEARCH_WALK_ROWS`` rows, a walk that
       stops at ``count_limit + 1`` matches: the count ("more than …") and the page's ids, no GIN index;
    3. otherwise the bounded count from the GIN index; the page's ids then come from the rows already walked
       when they hold the page (or every match), from a walk when there are more than ``count_limit``
       matches, else from the GIN index and a sort of those few rows;
    4. the page's rows, by id.
    """
    terms = rules.search_terms(query)
    matches = search(queryset, query)
    if connection.vendor != "postgresql" or not terms:
        return public_page(matches, number, page_size=page_size, count_limit=count_limit)
    tsquery = _tsquery(terms)
    requested = _page_number(number, count=count_limit + 1, page_size=page_size, count_limit=count_limit)
    walked = _newest_matching_ids(queryset, tsquery, rows=PUBLIC_SEARCH_PROBE_ROWS, limit=PUBLIC_SEARCH_PROBE_ROWS)
    walked_far = False
    count: int | None = None
    if len(walked) * PUBLIC_SEARCH_WALK_ROWS > count_limit * PUBLIC_SEARCH_PROBE_ROWS:
        limit = max(count_limit + 1, requested * page_size + 1)
        walked = _newest_matching_ids(queryset, tsquery, rows=PUBLIC_SEARCH_WALK_ROWS, limit=limit)
        walked_far = True
        if len(walked) > count_limit:
            count = count_limit + 1
    if count is None:
        count = _bounded_count(matches, count_limit)
    wanted = _page_number(number, count=count, page_size=page_size, count_limit=count_limit)
    offset = (wanted - 1) * page_size
    end = offset + page_size + 1
    ids: list[int] | None = None
    if len(walked) >= end or (count <= count_limit and len(walked) == count):  # the page, or every match
        ids = walked[offset:end]
    elif count > count_limit and not walked_far:
        ids = _newest_matching_ids(queryset, tsquery, rows=PUBLIC_SEARCH_WALK_ROWS, limit=end)[offset:]
        ids = ids if len(ids) == end - offset else None
    if ids is None:
        ids = list(matches.values_list("pk", flat=True)[offset:end])
    rows = list(queryset.filter(pk__in=ids)) if ids else []  # in the queryset's order, newest first
    return _page(rows, number=wanted, page_size=page_size, count=count, count_limit=count_limit)


def _newest_matching_ids(queryset: QuerySet[Disclosure], tsquery: str, *, rows: int, limit: int) -> list[int]:
    """PostgreSQL: the ids of at most ``limit`` matches among the newest ``rows`` rows of ``queryset``, newest
    first. The walk reads the newest-first index and checks each row's stored vector; it stops at ``limit``."""
    newest = (
        queryset.select_related(None)
        .order_by(*NEWEST_FIRST)
        .values(
            row_id=F("pk"),
            day=F("first_published_on"),
            vector=RawSQL('"disclosures_disclosure"."search_vector"', ()),
        )[:rows]
    )
    newest_sql, params = newest.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT newest.row_id FROM ({newest_sql}) AS newest "  # noqa: S608 - Django's own SQL, values are parameters
            "WHERE newest.vector @@ to_tsquery('simple'::regconfig, %s) "
            "ORDER BY newest.day DESC, newest.row_id DESC LIMIT %s",
            [*params, tsquery, limit],
        )
        return [row[0] for row in cursor.fetchall()]
