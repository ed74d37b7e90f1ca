"""Figure providers for the capabilities that exist today (registered in ``PlansConfig.ready``).

Each counts in the database over the communes of a report (``unit_ids``), the commune's own records and its
communities' (villages, residential groups), in one query grouped by commune (``grouping.py``). Oversight,
workplaces and funds plug in the same way from their own apps (their ``report_figures.py``).

On-time figures (law.md §4.2, §5; issue 16): a number of records done by their legal deadline, each a share
(``part_of``) of the records it counts among, so the scorecard shows it as a percentage.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from grassroots.plans.figures import Figure, FigureRecords
from grassroots.plans.grouping import (
    commune_of,
    deadline_table,
    distinct_starts,
    figure,
    grouped_counts,
    in_communes,
    on_time_by_unit,
    on_time_records,
)


def disclosure_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    """Disclosures due in the period, published by their due date ([L] art. 12) or late / not at all."""
    from grassroots.disclosures.models import Disclosure

    counts = grouped_counts(
        Disclosure.objects.filter(due_on__gte=starts_on, due_on__lte=ends_on),
        "unit",
        unit_ids,
        due=Count("pk"),
        on_time=Count("pk", filter=Q(first_published_on__lte=F("due_on"))),
        late=Count("pk", filter=Q(first_published_on__gt=F("due_on")) | Q(first_published_on__isnull=True)),
    )
    yield figure("disclosures.due", _("Thông tin phải công khai đến hạn"), counts["due"])
    yield figure("disclosures.on_time", _("Công khai đúng hạn"), counts["on_time"], part_of="disclosures.due")
    yield figure("disclosures.late", _("Công khai chậm hoặc chưa công khai"), counts["late"], part_of="disclosures.due")
    # Per category (K1 … of [L] art. 11): one more grouped query, shown in reports as a breakdown.
    per_category = (
        Disclosure.objects.filter(in_communes("unit", unit_ids), due_on__gte=starts_on, due_on__lte=ends_on)
        .annotate(plans_commune=commune_of("unit", unit_ids))
        .order_by()
        .values_list("category__code", "category__name", "plans_commune")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(first_published_on__lte=F("due_on"))),
            late=Count("pk", filter=Q(first_published_on__gt=F("due_on")) | Q(first_published_on__isnull=True)),
        )
    )
    categories: dict[str, tuple[str, dict[int, int], dict[int, int], dict[int, int]]] = {}
    for code, name, commune, due, on_time, late in per_category:
        _name, due_by_unit, on_time_by_category, late_by_category = categories.setdefault(code, (name, {}, {}, {}))
        due_by_unit[commune] = due
        on_time_by_category[commune] = on_time
        late_by_category[commune] = late
    for code in sorted(categories):
        name, due_by_unit, on_time_by_category, late_by_category = categories[code]
        yield figure(f"disclosures.due.{code}", f"{code}. {name}", due_by_unit, part_of="disclosures.due", detail=True)
        yield figure(
            f"disclosures.on_time.{code}",
            _("%(code)s: công khai đúng hạn") % {"code": code},
            on_time_by_category,
            part_of=f"disclosures.due.{code}",
            detail=True,
        )
        yield figure(
            f"disclosures.late.{code}",
            _("%(code)s: công khai chậm hoặc chưa công khai") % {"code": code},
            late_by_category,
            part_of=f"disclosures.due.{code}",
            detail=True,
        )


def _held_votes(starts_on: dt.date, ends_on: dt.date) -> Any:
    from grassroots.voting.models import CommunityVote

    return CommunityVote.objects.filter(starts_at__date__gte=starts_on, starts_at__date__lte=ends_on).exclude(
        status__in=("draft", "cancelled")
    )


PASSED = Q(passed=True)
"""A held vote whose outcome was adopted ([L] art. 21(1): more than half of the households; the voting app's one
outcome rule stores it on ``CommunityVote.passed``). A refused vote still counts as passed by the community."""


def _recognised_votes(held: Any) -> Any:
    """Recognised votes with the day the commune received the result and the day it recognised it, in Vietnam's
    time (the dates the voting app counts its deadline from)."""
    from django.db.models.functions import TruncDate

    from grassroots.core import clock

    zone = clock.local_zone()
    return held.filter(status="recognised", submitted_at__isnull=False, recognised_at__isnull=False).annotate(
        plans_received_on=TruncDate("submitted_at", tzinfo=zone),
        plans_recognised_on=TruncDate("recognised_at", tzinfo=zone),
    )


def _recognition_due() -> Any:
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.voting import rules as voting_rules

    calendar = calendar_selectors.working_calendar()
    return lambda received_on: voting_rules.recognition_due(received_on, calendar)


def voting_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    """Community votes held, passed (adopted: the outcome rule of the voting app stored on the vote, ``passed``),
    recognised, and recognised within 5 working days of receiving the result ([L] art. 21(2); [ND59] art. 8; the
    voting app's ``rules.recognition_due``)."""
    held = _held_votes(starts_on, ends_on)
    counts = grouped_counts(
        held,
        "unit",
        unit_ids,
        held=Count("pk"),
        passed=Count("pk", filter=PASSED),
        recognised=Count("pk", filter=Q(status="recognised")),
    )
    on_time = on_time_by_unit(
        _recognised_votes(held),
        "unit",
        unit_ids,
        start="plans_received_on",
        done="plans_recognised_on",
        deadline=_recognition_due(),
    )
    yield figure("voting.held", _("Cuộc bàn và quyết định đã tổ chức"), counts["held"])
    yield figure("voting.passed", _("Nội dung được Nhân dân thông qua"), counts["passed"], part_of="voting.held")
    yield figure("voting.recognised", _("Kết quả được công nhận"), counts["recognised"], part_of="voting.held")
    yield figure(
        "voting.recognised_on_time",
        _("Kết quả được công nhận đúng hạn (5 ngày làm việc)"),
        on_time,
        part_of="voting.recognised",
    )


def election_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.elections.models import Election

    counts = grouped_counts(
        Election.objects.filter(recognised_on__gte=starts_on, recognised_on__lte=ends_on),
        "community",
        unit_ids,
        recognised=Count("pk"),
    )
    yield figure("elections.recognised", _("Cuộc bầu cử được công nhận kết quả"), counts["recognised"])


def initiative_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.initiatives.models import Initiative

    counts = grouped_counts(
        Initiative.objects.filter(submitted_on__gte=starts_on, submitted_on__lte=ends_on),
        "community",
        unit_ids,
        submitted=Count("pk"),
        decided=Count("pk", filter=Q(decided_on__isnull=False)),
    )
    yield figure("initiatives.submitted", _("Đề xuất của người dân đã gửi"), counts["submitted"])
    yield figure(
        "initiatives.decided", _("Đề xuất đã được xem xét"), counts["decided"], part_of="initiatives.submitted"
    )


REPORT_PUBLISHED_ON_TIME = Q(
    report_disclosure__first_published_on__isnull=False,
    report_disclosure__first_published_on__lte=F("report_disclosure__due_on"),
)
"""The explanation report is disclosure item K11 ([L] art. 11(11), ``consultations.rules.REPORT_DISCLOSURE_CATEGORY``):
on time when that disclosure was first published by its own due date ([L] art. 12, the disclosures app's date)."""


def consultation_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.consultations.models import Consultation, Opinion

    consultations = grouped_counts(
        Consultation.objects.filter(organisation__isnull=True).filter(
            Q(published_on__gte=starts_on, published_on__lte=ends_on)
            | Q(completed_on__gte=starts_on, completed_on__lte=ends_on)
        ),
        "commune",
        unit_ids,
        opened=Count("pk", filter=Q(published_on__gte=starts_on, published_on__lte=ends_on)),
        completed=Count("pk", filter=Q(completed_on__gte=starts_on, completed_on__lte=ends_on)),
        reports_on_time=Count(
            "pk", filter=Q(completed_on__gte=starts_on, completed_on__lte=ends_on) & REPORT_PUBLISHED_ON_TIME
        ),
    )
    opinions = grouped_counts(
        Opinion.objects.filter(
            received_on__gte=starts_on, received_on__lte=ends_on, consultation__organisation__isnull=True
        ),
        "consultation__commune",
        unit_ids,
        received=Count("pk"),
        disposed=Count("pk", filter=Q(disposed_at__isnull=False)),
    )
    yield figure("consultations.opened", _("Cuộc lấy ý kiến Nhân dân đã mở"), consultations["opened"])
    yield figure("consultations.opinions", _("Ý kiến đã nhận"), opinions["received"])
    yield figure(
        "consultations.disposed",
        _("Ý kiến đã được tiếp thu, giải trình"),
        opinions["disposed"],
        part_of="consultations.opinions",
    )
    yield figure("consultations.reports", _("Báo cáo tiếp thu, giải trình đã công bố"), consultations["completed"])
    yield figure(
        "consultations.reports_on_time",
        _("Báo cáo tiếp thu, giải trình công khai đúng hạn"),
        consultations["reports_on_time"],
        part_of="consultations.reports",
    )


def _acknowledgement_due(calendar: Any) -> Any:
    from grassroots.petitions import rules as petition_rules
    from grassroots.petitions.models import CaseKind

    def due(received_on: dt.date, kind: str, several_places: bool) -> dt.date:
        if kind == CaseKind.DENUNCIATION:
            return petition_rules.denunciation_initial_handling_by(received_on, calendar, several_places=several_places)
        return petition_rules.acknowledge_by(received_on, calendar)

    return due


RESOLUTION_FACTS = (
    "kind",
    "accepted_on",
    "complexity",
    "remote_area",
    "several_places",
    "reopened_on",
    "plans_target_days",
)
"""What a case's resolution date depends on besides its received date, when it was never paused nor extended
(``petitions.rules.CaseFacts``); ``plans_target_days`` is its commune's target (``CaseTarget``, else the setting)."""


def _resolution_due(calendar: Any) -> Any:
    from grassroots.petitions import rules as petition_rules

    def due(
        received_on: dt.date,
        kind: str,
        accepted_on: dt.date | None,
        complexity: str,
        remote_area: bool,
        several_places: bool,
        reopened_on: dt.date | None,
        target_days: int,
    ) -> dt.date | None:
        facts = petition_rules.CaseFacts(
            kind=kind,
            received_on=received_on,
            accepted_on=accepted_on,
            complexity=complexity,
            remote_area=remote_area,
            several_places=several_places,
            reopened_on=reopened_on,
            resolution_target_working_days=target_days,
        )
        return petition_rules.case_clocks(facts, calendar)["resolve_by"]

    return due


def _with_target_days(cases: Any) -> Any:
    """Each case with its commune's feedback and petition resolution target as ``plans_target_days``: the few
    communes that set their own (``CaseTarget``) in one ``CASE``, the setting for the others; no subquery per row."""
    from grassroots.petitions import selectors as petition_selectors
    from grassroots.petitions.models import CaseTarget

    by_days: dict[int, list[int]] = {}
    for unit_id, days in CaseTarget.objects.values_list("unit_id", "resolution_working_days"):
        if days:
            by_days.setdefault(int(days), []).append(unit_id)
    default = Value(petition_selectors.resolution_target_working_days())
    if not by_days:
        return cases.annotate(plans_target_days=default)
    whens = [When(unit_id__in=units, then=Value(days)) for days, units in sorted(by_days.items())]
    return cases.annotate(plans_target_days=Case(*whens, default=default, output_field=IntegerField()))


def petition_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    """Cases received in the period; acknowledged within 10 working days (denunciations: handled within 7 or 10,
    law.md §4.2); answered by their resolution date (the kind's legal limit, or the commune's target for feedback
    and petitions; pauses and extensions counted).

    Both on-time figures are decided in the database (``grouping.deadline_table``) and counted with the others in
    one grouped query. Paused or extended cases are few: each is computed from its own pauses and extensions."""
    from grassroots.petitions import selectors as petition_selectors
    from grassroots.petitions.models import Case as PetitionCase
    from grassroots.petitions.models import CaseExtension, CasePause

    calendar = petition_selectors.public_calendar()
    cases = _with_target_days(PetitionCase.objects.filter(received_on__gte=starts_on, received_on__lte=ends_on))
    scoped = cases.filter(in_communes("unit", unit_ids))
    in_scope = scoped.values("pk")
    paused_ids = set(CasePause.objects.filter(case__in=in_scope).values_list("case_id", flat=True)) | set(
        CaseExtension.objects.filter(case__in=in_scope).values_list("case_id", flat=True)
    )
    # One read of the distinct (received date, facts) serves both deadlines (a few hundred rows a year).
    keys = distinct_starts(
        scoped,
        start="received_on",
        facts=RESOLUTION_FACTS,
        done=Q(acknowledged_on__isnull=False) | Q(answered_on__isnull=False),
    )
    acknowledgement = resolution = None
    if keys is not None:
        kind_at, several_at = 1 + RESOLUTION_FACTS.index("kind"), 1 + RESOLUTION_FACTS.index("several_places")
        acknowledgement = deadline_table(
            None,
            start="received_on",
            done="acknowledged_on",
            deadline=_acknowledgement_due(calendar),
            facts=("kind", "several_places"),
            rows=[(row[0], row[kind_at], row[several_at], row[-1]) for row in keys],
        )
        resolution = deadline_table(
            None,
            start="received_on",
            done="answered_on",
            deadline=_resolution_due(calendar),
            facts=RESOLUTION_FACTS,
            rows=keys,
        )
    plain = scoped.exclude(pk__in=paused_ids) if paused_ids else scoped
    on_time: dict[str, Any] = {}
    if acknowledgement is not None:
        on_time["acknowledged_on_time"] = Count("pk", filter=acknowledgement.condition)
    if resolution is not None:
        not_paused = ~Q(pk__in=paused_ids) if paused_ids else Q()
        on_time["answered_on_time"] = Count("pk", filter=resolution.condition & not_paused)
    counts = grouped_counts(
        cases,
        "unit",
        unit_ids,
        received=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_on__isnull=False)),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        **on_time,
    )
    if acknowledgement is None:
        counts["acknowledged_on_time"] = on_time_by_unit(
            cases,
            "unit",
            unit_ids,
            start="received_on",
            done="acknowledged_on",
            deadline=_acknowledgement_due(calendar),
            extra=("kind", "several_places"),
        )
    if resolution is None:
        counts["answered_on_time"] = on_time_by_unit(
            plain,
            "unit",
            unit_ids,
            start="received_on",
            done="answered_on",
            deadline=_resolution_due(calendar),
            extra=RESOLUTION_FACTS,
        )
    answered_on_time = defaultdict(int, counts["answered_on_time"])
    for case in (
        scoped.filter(pk__in=paused_ids, answered_on__isnull=False)
        .select_related("unit")
        .prefetch_related("pauses", "extensions")
    ):
        resolve_by = petition_selectors.case_clocks(case, calendar)["resolve_by"]
        answered_on = case.answered_on
        assert answered_on is not None  # filtered on answered_on above
        if resolve_by is None or answered_on <= resolve_by:
            commune = case.unit_id if case.unit_id in unit_ids else case.unit.parent_id
            if commune is not None:
                answered_on_time[commune] += 1
    yield figure("petitions.received", _("Phản ánh, kiến nghị, khiếu nại, tố cáo đã tiếp nhận"), counts["received"])
    yield figure(
        "petitions.acknowledged", _("Đã thông báo thụ lý"), counts["acknowledged"], part_of="petitions.received"
    )
    yield figure(
        "petitions.acknowledged_on_time",
        _("Thông báo thụ lý đúng hạn"),
        counts["acknowledged_on_time"],
        part_of="petitions.received",
    )
    yield figure("petitions.answered", _("Đã trả lời, giải quyết"), counts["answered"], part_of="petitions.received")
    yield figure(
        "petitions.answered_on_time",
        _("Trả lời, giải quyết đúng hạn"),
        answered_on_time,
        part_of="petitions.answered",
    )


def convention_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    """Village conventions (hương ước, quy ước) decided in the period, recognised, and recognised within 5 working
    days of the dossier ([ND61] art. 11(3))."""
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.conventions import rules as convention_rules
    from grassroots.conventions.models import ConventionVersion, VersionStatus

    decided = ConventionVersion.objects.filter(decided_on__gte=starts_on, decided_on__lte=ends_on)
    recognised = decided.filter(status__in=(VersionStatus.RECOGNISED, VersionStatus.SUPERSEDED))
    counts = grouped_counts(
        decided,
        "convention__community",
        unit_ids,
        decided=Count("pk"),
        recognised=Count("pk", filter=Q(status__in=(VersionStatus.RECOGNISED, VersionStatus.SUPERSEDED))),
    )
    calendar = calendar_selectors.working_calendar()
    on_time = on_time_by_unit(
        recognised.filter(dossier_sent_on__isnull=False),
        "convention__community",
        unit_ids,
        start="dossier_sent_on",
        done="decided_on",
        deadline=lambda sent_on: convention_rules.recognition_due(sent_on, calendar),
    )
    yield figure("conventions.decided", _("Hương ước, quy ước đã xem xét công nhận"), counts["decided"])
    yield figure(
        "conventions.recognised",
        _("Hương ước, quy ước được công nhận"),
        counts["recognised"],
        part_of="conventions.decided",
    )
    yield figure(
        "conventions.recognised_on_time",
        _("Công nhận đúng hạn (5 ngày làm việc)"),
        on_time,
        part_of="conventions.recognised",
    )


def _period_disclosures(starts_on: dt.date, ends_on: dt.date) -> Any:
    from grassroots.disclosures.models import Disclosure

    return Disclosure.objects.filter(due_on__gte=starts_on, due_on__lte=ends_on)


def disclosure_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    base = _period_disclosures(starts_on, ends_on).filter(in_communes("unit", unit_ids))
    name, _dot, code = key.removeprefix("disclosures.").partition(".")
    if code:
        base = base.filter(category__code=code)
    chosen = {
        "due": base,
        "on_time": base.filter(first_published_on__lte=F("due_on")),
        "late": base.filter(Q(first_published_on__gt=F("due_on")) | Q(first_published_on__isnull=True)),
    }.get(name)
    return FigureRecords(chosen, "unit") if chosen is not None else None


def voting_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    held = _held_votes(starts_on, ends_on).filter(in_communes("unit", unit_ids))
    if key == "voting.recognised_on_time":
        on_time = on_time_records(
            _recognised_votes(held),
            start="plans_received_on",
            done="plans_recognised_on",
            deadline=_recognition_due(),
        )
        return FigureRecords(on_time, "unit")
    chosen = {
        "voting.held": held,
        "voting.passed": held.filter(PASSED),
        "voting.recognised": held.filter(status="recognised"),
    }.get(key)
    return FigureRecords(chosen, "unit") if chosen is not None else None


def election_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    from grassroots.elections.models import Election

    if key != "elections.recognised":
        return None
    recognised = Election.objects.filter(recognised_on__gte=starts_on, recognised_on__lte=ends_on)
    return FigureRecords(recognised.filter(in_communes("community", unit_ids)), "community")


def initiative_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    from grassroots.initiatives.models import Initiative

    submitted = Initiative.objects.filter(submitted_on__gte=starts_on, submitted_on__lte=ends_on).filter(
        in_communes("community", unit_ids)
    )
    chosen = {
        "initiatives.submitted": submitted,
        "initiatives.decided": submitted.filter(decided_on__isnull=False),
    }.get(key)
    return FigureRecords(chosen, "community") if chosen is not None else None


def consultation_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    from grassroots.consultations.models import Consultation, Opinion

    consultations = Consultation.objects.filter(in_communes("commune", unit_ids), organisation__isnull=True)
    opinions = Opinion.objects.filter(
        received_on__gte=starts_on, received_on__lte=ends_on, consultation__organisation__isnull=True
    ).filter(in_communes("consultation__commune", unit_ids))
    if key == "consultations.opened":
        return FigureRecords(consultations.filter(published_on__gte=starts_on, published_on__lte=ends_on), "commune")
    if key == "consultations.reports":
        return FigureRecords(consultations.filter(completed_on__gte=starts_on, completed_on__lte=ends_on), "commune")
    if key == "consultations.reports_on_time":
        reported = consultations.filter(completed_on__gte=starts_on, completed_on__lte=ends_on)
        return FigureRecords(reported.filter(REPORT_PUBLISHED_ON_TIME), "commune")
    if key == "consultations.opinions":
        return FigureRecords(opinions, "consultation__commune")
    if key == "consultations.disposed":
        return FigureRecords(opinions.filter(disposed_at__isnull=False), "consultation__commune")
    return None


def petition_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    """The cases behind each petitions figure; the on-time ones by the same rules as ``petition_figures``."""
    from grassroots.petitions import selectors as petition_selectors
    from grassroots.petitions.models import Case as PetitionCase

    calendar = petition_selectors.public_calendar()
    cases = _with_target_days(
        PetitionCase.objects.filter(received_on__gte=starts_on, received_on__lte=ends_on).filter(
            in_communes("unit", unit_ids)
        )
    )
    if key == "petitions.received":
        return FigureRecords(cases, "unit")
    if key == "petitions.acknowledged":
        return FigureRecords(cases.filter(acknowledged_on__isnull=False), "unit")
    if key == "petitions.answered":
        return FigureRecords(cases.filter(answered_on__isnull=False), "unit")
    if key == "petitions.acknowledged_on_time":
        on_time = on_time_records(
            cases,
            start="received_on",
            done="acknowledged_on",
            deadline=_acknowledgement_due(calendar),
            extra=("kind", "several_places"),
        )
        return FigureRecords(on_time, "unit")
    if key == "petitions.answered_on_time":
        answered = cases.filter(answered_on__isnull=False)
        clocked = answered.filter(Q(pauses__isnull=False) | Q(extensions__isnull=False)).distinct()
        paused = [
            case.pk
            for case in clocked.prefetch_related("pauses", "extensions")
            if (due := petition_selectors.case_clocks(case, calendar)["resolve_by"]) is None
            or (case.answered_on is not None and case.answered_on <= due)
        ]
        paused_ids = list(clocked.values_list("pk", flat=True))
        plain = on_time_records(
            answered.exclude(pk__in=paused_ids),
            start="received_on",
            done="answered_on",
            deadline=_resolution_due(calendar),
            extra=RESOLUTION_FACTS,
        )
        return FigureRecords(cases.filter(Q(pk__in=plain.values("pk")) | Q(pk__in=paused)), "unit")
    return None


def convention_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.conventions import rules as convention_rules
    from grassroots.conventions.models import ConventionVersion, VersionStatus

    decided = ConventionVersion.objects.filter(decided_on__gte=starts_on, decided_on__lte=ends_on).filter(
        in_communes("convention__community", unit_ids)
    )
    recognised = decided.filter(status__in=(VersionStatus.RECOGNISED, VersionStatus.SUPERSEDED))
    if key == "conventions.decided":
        return FigureRecords(decided, "convention__community")
    if key == "conventions.recognised":
        return FigureRecords(recognised, "convention__community")
    if key == "conventions.recognised_on_time":
        calendar = calendar_selectors.working_calendar()
        on_time = on_time_records(
            recognised.filter(dossier_sent_on__isnull=False),
            start="dossier_sent_on",
            done="decided_on",
            deadline=lambda sent_on: convention_rules.recognition_due(sent_on, calendar),
        )
        return FigureRecords(on_time, "convention__community")
    return None


BUILT_IN_RECORDS = {
    "disclosures": disclosure_records,
    "voting": voting_records,
    "elections": election_records,
    "initiatives": initiative_records,
    "consultations": consultation_records,
    "petitions": petition_records,
    "conventions": convention_records,
}


BUILT_IN_PROVIDERS = {
    "disclosures": disclosure_figures,
    "voting": voting_figures,
    "elections": election_figures,
    "initiatives": initiative_figures,
    "consultations": consultation_figures,
    "petitions": petition_figures,
    "conventions": convention_figures,
}

OTHER_APP_PROVIDERS = {
    "oversight": "grassroots.oversight.report_figures.oversight_figures",
    "workplaces": "grassroots.workplaces.report_figures.workplace_figures",
    "funds": "grassroots.funds.report_figures.fund_figures",
    "reception": "grassroots.reception.report_figures.dialogue_figures",
}
OTHER_APP_RECORDS = {
    "oversight": "grassroots.oversight.report_figures.oversight_records",
    "workplaces": "grassroots.workplaces.report_figures.workplace_records",
    "funds": "grassroots.funds.report_figures.fund_records",
    "reception": "grassroots.reception.report_figures.dialogue_records",
}
"""Providers that live in the app whose records they count; registered when that app is installed."""
