"""A non-state employer's disclosure list and its opt-in to the SOE rules ([L] art. 82; Decree 145/2020 art. 43;
law.md §3.2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import Role, User
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosures import rules as disclosure_rules
from grassroots.disclosures import selectors as disclosure_selectors
from grassroots.disclosures import services as disclosure_services
from grassroots.disclosures.models import Channel, DeadlineMode, Disclosure, DisclosureCategory, Regime, Status
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind
from grassroots.workplaces import rules, services
from grassroots.workplaces.models import DemocracyRegime, WorkplaceProfile
from grassroots.workplaces.tests.conftest import NOW, TODAY, make_organisation, org_persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(commune: AdministrativeUnit) -> Organisation:
    return make_organisation(commune, "Công ty TNHH May Hòa Phú", OrganisationKind.OTHER_EMPLOYER)


@pytest.fixture
def employer_head(employer: Organisation) -> User:
    return org_persona("giam_doc_may", Role.AGENCY_HEAD, employer, "Lê Thị Giám Đốc")


@pytest.mark.parametrize(
    ("kind", "democracy_regime", "expected"),
    [
        (None, None, Regime.COMMUNE),
        (OrganisationKind.AGENCY, None, Regime.AGENCY),
        (OrganisationKind.PUBLIC_SERVICE_UNIT, DemocracyRegime.SOE_RULES_OPT_IN, Regime.AGENCY),
        (OrganisationKind.STATE_OWNED_ENTERPRISE, None, Regime.SOE),
        (OrganisationKind.STATE_OWNED_ENTERPRISE, DemocracyRegime.LABOUR_CODE_ONLY, Regime.SOE),
        (OrganisationKind.OTHER_EMPLOYER, None, Regime.EMPLOYER),
        (OrganisationKind.OTHER_EMPLOYER, DemocracyRegime.LAW_CHAPTER, Regime.EMPLOYER),
        (OrganisationKind.OTHER_EMPLOYER, DemocracyRegime.LABOUR_CODE_ONLY, Regime.EMPLOYER),
        (OrganisationKind.OTHER_EMPLOYER, DemocracyRegime.SOE_RULES_OPT_IN, Regime.SOE),
    ],
)
def test_regime_for_each_kind_and_democracy_regime(
    kind: str | None, democracy_regime: str | None, expected: str
) -> None:
    assert disclosure_rules.regime_for(kind, democracy_regime) == expected


def test_employer_list_is_decree_145_article_43_without_deadline() -> None:
    rows = DisclosureCategory.objects.filter(regime=Regime.EMPLOYER).order_by("number")
    assert [row.code for row in rows] == ["E1", "E2", "E3", "E4", "E5", "E6", "E7"]
    assert {row.deadline_mode for row in rows} == {DeadlineMode.NONE}
    assert {row.min_posting_days for row in rows} == {None}
    assert rows[0].legal_basis == "Điều 43 khoản 1 điểm a Nghị định 145/2020/NĐ-CP"
    assert disclosure_rules.default_deadline_rule(Regime.EMPLOYER) == (DeadlineMode.NONE, 0)


def test_employer_channels_offer_intranet_only_when_it_has_one() -> None:
    with_intranet = disclosure_rules.channels_for(Regime.EMPLOYER, has_intranet=True)
    assert with_intranet == ("headquarters_board", "meeting", "front_notice", "portal", "other")
    assert Channel.PORTAL not in disclosure_rules.channels_for(Regime.EMPLOYER, has_intranet=False)
    assert Channel.PORTAL in disclosure_rules.channels_for(Regime.AGENCY, has_intranet=False)


@pytest.mark.parametrize(
    ("kind", "democracy_regime", "resolution", "explanation"),
    [
        (OrganisationKind.AGENCY, "", "A12", "A10"),
        (OrganisationKind.STATE_OWNED_ENTERPRISE, "", "S8", "S8"),
        (OrganisationKind.OTHER_EMPLOYER, DemocracyRegime.LABOUR_CODE_ONLY, "E7", "E7"),
        (OrganisationKind.OTHER_EMPLOYER, DemocracyRegime.SOE_RULES_OPT_IN, "S8", "S8"),
    ],
)
def test_workplace_categories_follow_the_regime(
    kind: str, democracy_regime: str, resolution: str, explanation: str
) -> None:
    assert rules.resolution_category(kind, democracy_regime) == resolution
    assert rules.dialogue_category(kind, democracy_regime) == resolution
    assert rules.explanation_category(kind, democracy_regime) == explanation


def test_employer_disclosure_has_no_deadline_and_is_never_overdue(employer: Organisation, employer_head: User) -> None:
    draft = disclosure_services.disclosure_create(
        unit=employer.unit,
        organisation=employer,
        category=DisclosureCategory.objects.get(code="E2"),
        title="Thang lương, bảng lương năm 2027",
        decided_on=dt.date(2026, 1, 5),
        actor=employer_head,
        now=NOW,
    )
    assert draft.due_on is None
    assert disclosure_selectors.evaluate_disclosure(draft, today=TODAY + dt.timedelta(days=400)) is None
    assert disclosure_services.disclosure_due_dates_recompute(actor=employer_head, now=NOW) == 0
    published = disclosure_services.disclosure_publish(disclosure=draft, actor=employer_head, now=NOW)
    assert published.status == Status.PUBLISHED
    assert published.due_on is None


def test_employer_disclosure_refuses_the_agency_list(employer: Organisation, employer_head: User) -> None:
    with pytest.raises(DomainError) as caught:
        disclosure_services.disclosure_create(
            unit=employer.unit,
            organisation=employer,
            category=DisclosureCategory.objects.get(code="A9"),
            title="Nội quy",
            decided_on=TODAY,
            actor=employer_head,
            now=NOW,
        )
    assert caught.value.code == "disclosures.category_wrong_regime"


def test_intranet_channel_is_refused_without_an_intranet(employer: Organisation, employer_head: User) -> None:
    services.workplace_profile_set(
        organisation=employer, work_year_end_month=12, has_intranet=False, actor=employer_head
    )
    draft = disclosure_services.disclosure_create(
        unit=employer.unit,
        organisation=employer,
        category=DisclosureCategory.objects.get(code="E1"),
        title="Kết quả kinh doanh năm 2026",
        decided_on=TODAY,
        actor=employer_head,
        now=NOW,
    )
    published = disclosure_services.disclosure_publish(disclosure=draft, actor=employer_head, now=NOW)
    with pytest.raises(DomainError) as caught:
        disclosure_services.publication_record(
            disclosure=published, channel=Channel.PORTAL, started_on=TODAY, actor=employer_head, now=NOW
        )
    assert caught.value.code == "disclosures.intranet_missing"
    services.workplace_profile_set(
        organisation=employer, work_year_end_month=12, has_intranet=True, actor=employer_head
    )
    event = disclosure_services.publication_record(
        disclosure=published, channel=Channel.PORTAL, started_on=TODAY, actor=employer_head, now=NOW
    )
    assert event.channel == Channel.PORTAL


def test_profile_of_an_employer_starts_under_the_labour_code(employer: Organisation, employer_head: User) -> None:
    profile = services.workplace_profile_set(
        organisation=employer,
        work_year_end_month=12,
        actor=employer_head,
    )
    assert profile.regime == DemocracyRegime.LABOUR_CODE_ONLY


def test_opt_in_switches_to_the_soe_list_and_is_published(employer: Organisation, employer_head: User) -> None:
    notice = services.employer_soe_rules_opt_in(organisation=employer, decided_on=TODAY, actor=employer_head, now=NOW)
    assert WorkplaceProfile.objects.get(organisation=employer).regime == DemocracyRegime.SOE_RULES_OPT_IN
    assert notice.category.code == "S7"
    assert notice.status == Status.PUBLISHED
    assert notice.organisation_id == employer.pk
    assert AuditEvent.objects.filter(code="workplaces.regime.opt_in").count() == 1
    fresh = Organisation.objects.get(pk=employer.pk)
    assert disclosure_selectors.disclosure_regime(fresh) == Regime.SOE
    soe_item = disclosure_services.disclosure_create(
        unit=fresh.unit,
        organisation=fresh,
        category=DisclosureCategory.objects.get(code="S1"),
        title="Tình hình kinh doanh quý IV",
        decided_on=TODAY,
        actor=employer_head,
        now=NOW,
    )
    # 15 calendar days (art. 65(2)) end on 4/2/2027, inside the Tết holiday: the period runs on to 11/2
    assert soe_item.due_on == dt.date(2027, 2, 11)
    # the profile form keeps the published choice
    kept = services.workplace_profile_set(organisation=fresh, work_year_end_month=12, actor=employer_head)
    assert kept.regime == DemocracyRegime.SOE_RULES_OPT_IN
    with pytest.raises(DomainError) as again:
        services.employer_soe_rules_opt_in(organisation=fresh, decided_on=TODAY, actor=employer_head, now=NOW)
    assert again.value.code == "workplaces.regime.already_opted_in"


def test_opt_in_is_refused_for_an_agency(school: Organisation, principal: User) -> None:
    with pytest.raises(DomainError) as caught:
        services.employer_soe_rules_opt_in(organisation=school, decided_on=TODAY, actor=principal, now=NOW)
    assert caught.value.code == "workplaces.regime.not_employer"
    assert not AuditEvent.objects.filter(code="workplaces.regime.opt_in").exists()
    assert not WorkplaceProfile.objects.filter(organisation=school, regime=DemocracyRegime.SOE_RULES_OPT_IN).exists()


# --- the opt-in page ------------------------------------------------------------------------------


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_employer_opts_in_on_its_page_and_the_choice_is_published(
    employer: Organisation, employer_head: User
) -> None:
    client = _signed_in(employer_head)
    home = client.get(reverse("workplaces:organisation_home", args=[employer.pk]))
    url = reverse("workplaces:soe_rules_opt_in", args=[employer.pk])
    assert url in home.content.decode()
    assert str(DemocracyRegime.LABOUR_CODE_ONLY.label) in home.content.decode()
    assert client.get(url).status_code == 200
    # the union must have been told: without it nothing changes
    refused = client.post(url, {"decided_on": clock.today().isoformat()})
    assert refused.status_code == 200
    assert "union_informed" in refused.context["form"].errors
    assert not AuditEvent.objects.filter(code="workplaces.regime.opt_in").exists()
    done = client.post(url, {"decided_on": clock.today().isoformat(), "union_informed": "on"})
    assert done.status_code == 302, done.context["form"].errors if done.context else done
    assert WorkplaceProfile.objects.get(organisation=employer).regime == DemocracyRegime.SOE_RULES_OPT_IN
    notice = Disclosure.objects.get(organisation=employer, category__code="S7")
    assert notice.status == Status.PUBLISHED
    # once chosen, the page is gone (there is no way back on the platform) and the home no longer offers it
    assert client.get(url).status_code == 404
    assert client.post(url, {"decided_on": clock.today().isoformat(), "union_informed": "on"}).status_code == 404
    assert url not in client.get(reverse("workplaces:organisation_home", args=[employer.pk])).content.decode()
    assert AuditEvent.objects.filter(code="workplaces.regime.opt_in").count() == 1


def test_the_profile_form_cannot_change_the_regime(employer: Organisation, employer_head: User) -> None:
    """An attacker posting the old ``regime`` field to the profile page changes nothing: only the published
    opt-in does."""
    client = _signed_in(employer_head)
    response = client.post(
        reverse("workplaces:profile_edit", args=[employer.pk]),
        {"work_year_end_month": "12", "union_name": "Công đoàn cơ sở", "regime": DemocracyRegime.SOE_RULES_OPT_IN},
    )
    assert response.status_code == 302
    assert WorkplaceProfile.objects.get(organisation=employer).regime == DemocracyRegime.LABOUR_CODE_ONLY
    assert not Disclosure.objects.filter(organisation=employer, category__code="S7").exists()


def test_no_opt_in_page_for_an_agency_or_for_staff(
    school: Organisation, principal: User, employer: Organisation
) -> None:
    assert _signed_in(principal).get(reverse("workplaces:soe_rules_opt_in", args=[school.pk])).status_code == 404
    worker = org_persona("cong_nhan_may", Role.STAFF_MEMBER, employer, "Công Nhân")
    url = reverse("workplaces:soe_rules_opt_in", args=[employer.pk])
    posted = {"decided_on": clock.today().isoformat(), "union_informed": "on"}
    assert _signed_in(worker).post(url, posted).status_code == 403
    assert not WorkplaceProfile.objects.filter(organisation=employer, regime=DemocracyRegime.SOE_RULES_OPT_IN).exists()
