"""Figure providers for the capabilities that exist today (registered in ``PlansConfig.ready``).

Each counts in the database over the communes of a report (``unit_ids``), the commune's own records and its
communities' (villages, residential groups). Oversight, workplaces and funds plug in the same way from their
own apps (see ``figures.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from grassroots.plans.figures import Figure


def _in_communes(field: str, unit_ids: Sequence[int]) -> Q:
    """Records of a commune or of one of its communities."""
    return Q(**{f"{field}_id__in": unit_ids}) | Q(**{f"{field}__parent_id__in": unit_ids})


def disclosure_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.disclosures.models import Disclosure

    counts = Disclosure.objects.filter(
        _in_communes("unit", unit_ids), due_on__gte=starts_on, due_on__lte=ends_on
    ).aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=Q(first_published_on__lte=F("due_on"))),
        late=Count("pk", filter=Q(first_published_on__gt=F("due_on")) | Q(first_published_on__isnull=True)),
    )
    yield Figure("disclosures.due", _("Thông tin phải công khai đến hạn"), counts["due"])
    yield Figure("disclosures.on_time", _("Công khai đúng hạn"), counts["on_time"], part_of="disclosures.due")
    yield Figure("disclosures.late", _("Công khai chậm hoặc chưa công khai"), counts["late"], part_of="disclosures.due")


def voting_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.voting.models import CommunityVote

    held = CommunityVote.objects.filter(
        _in_communes("unit", unit_ids), starts_at__date__gte=starts_on, starts_at__date__lte=ends_on
    ).exclude(status__in=("draft", "cancelled"))
    counts = held.aggregate(
        held=Count("pk"),
        recognised=Count("pk", filter=Q(status="recognised")),
    )
    yield Figure("voting.held", _("Cuộc bàn và quyết định đã tổ chức"), counts["held"])
    yield Figure("voting.recognised", _("Kết quả được công nhận"), counts["recognised"], part_of="voting.held")


def election_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.elections.models import Election

    recognised = Election.objects.filter(
        _in_communes("community", unit_ids), recognised_on__gte=starts_on, recognised_on__lte=ends_on
    ).count()
    yield Figure("elections.recognised", _("Cuộc bầu cử được công nhận kết quả"), recognised)


def initiative_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.initiatives.models import Initiative

    counts = Initiative.objects.filter(
        _in_communes("community", unit_ids), submitted_on__gte=starts_on, submitted_on__lte=ends_on
    ).aggregate(submitted=Count("pk"), decided=Count("pk", filter=Q(decided_on__isnull=False)))
    yield Figure("initiatives.submitted", _("Đề xuất của người dân đã gửi"), counts["submitted"])
    yield Figure(
        "initiatives.decided", _("Đề xuất đã được xem xét"), counts["decided"], part_of="initiatives.submitted"
    )


def consultation_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.consultations.models import Consultation, Opinion

    consultations = Consultation.objects.filter(commune_id__in=unit_ids)
    opened = consultations.filter(published_on__gte=starts_on, published_on__lte=ends_on).count()
    completed = consultations.filter(completed_on__gte=starts_on, completed_on__lte=ends_on).count()
    opinions = Opinion.objects.filter(
        consultation__commune_id__in=unit_ids, received_on__gte=starts_on, received_on__lte=ends_on
    ).aggregate(received=Count("pk"), disposed=Count("pk", filter=Q(disposed_at__isnull=False)))
    yield Figure("consultations.opened", _("Cuộc lấy ý kiến Nhân dân đã mở"), opened)
    yield Figure("consultations.opinions", _("Ý kiến đã nhận"), opinions["received"])
    yield Figure(
        "consultations.disposed",
        _("Ý kiến đã được tiếp thu, giải trình"),
        opinions["disposed"],
        part_of="consultations.opinions",
    )
    yield Figure("consultations.reports", _("Báo cáo tiếp thu, giải trình đã công bố"), completed)


def petition_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Figure]:
    from grassroots.petitions.models import Case

    counts = Case.objects.filter(
        _in_communes("unit", unit_ids), received_on__gte=starts_on, received_on__lte=ends_on
    ).aggregate(
        received=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_on__isnull=False)),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
    )
    yield Figure("petitions.received", _("Phản ánh, kiến nghị, khiếu nại, tố cáo đã tiếp nhận"), counts["received"])
    yield Figure(
        "petitions.acknowledged", _("Đã thông báo thụ lý"), counts["acknowledged"], part_of="petitions.received"
    )
    yield Figure("petitions.answered", _("Đã trả lời, giải quyết"), counts["answered"], part_of="petitions.received")


BUILT_IN_PROVIDERS = {
    "disclosures": disclosure_figures,
    "voting": voting_figures,
    "elections": election_figures,
    "initiatives": initiative_figures,
    "consultations": consultation_figures,
    "petitions": petition_figures,
}
