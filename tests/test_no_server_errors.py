"""Bad input never gives a 500: a crawler over every URL pattern of the project.

One small but complete world (the persona fixtures of ``grassroots.accounts.testing`` plus, made
through the apps' services, a disclosure with an attachment, an information request, a disclosure
plan, an organisation, an open meeting, an election, an initiative and an issued public document)
is built once, then every URL pattern (``admin/`` and ``i18n/`` aside) is filled with

* real ids, slugs and codes from the world,
* ids that do not exist (999999) and an unknown slug,
* junk strings wherever the converter accepts ``str``,

and requested by anonymous visitors, the URL's natural persona and an outsider: GET, POST with no
data, POST with junk in every field the GET form shows, and the same junk as an HTMX request.
Every request must answer below 500; all failures are collected so one run lists everything.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django import Settings

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 22, 8, 0, tzinfo=VN)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

SKIPPED_PREFIXES = ("admin/", "i18n/", "static/", "media/")
MISSING_ID = 999999
JUNK_STRINGS = ("'; DROP TABLE x;--", "<script>alert(1)", "..%2F..%2Fetc", "x" * 300)
JUNK_VALUES = (
    "'; DROP TABLE users;--",
    "x" * 5000,
    "31/02/2026",
    "-1",
    "Làng Đông Hòa — ý kiến “khác” ạ",
    "2026-02-31",
    "99999999999999999999",
    "0",
    "\x00",
    "abc",
    "32/13/2026 25:61",
    "1e309",
)
FIELD_NAME = re.compile(r"""<(?:input|select|textarea)\b[^>]*?\bname=["']([^"']+)["'][^>]*>""", re.IGNORECASE)
FILE_FIELD = re.compile(r"""<input\b[^>]*?\btype=["']file["'][^>]*?\bname=["']([^"']+)["']""", re.IGNORECASE)
FILE_FIELD_REVERSED = re.compile(r"""<input\b[^>]*?\bname=["']([^"']+)["'][^>]*?\btype=["']file["']""", re.IGNORECASE)
IGNORED_FIELDS = {"csrfmiddlewaretoken"}


def _patterns(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, str, dict[str, Any]]]:
    """(route, "namespace:name", converters) of every named URL pattern, recursively."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            found.extend(_patterns(entry.url_patterns, route, inner))
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            found.append((route, name, dict(entry.pattern.converters)))
    return found


@pytest.fixture
def world(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    commune_officer: User,
    commune_chair: User,
    village_head: User,
    household_representative: User,
    resident: User,
    board_member: User,
    other_commune_officer: User,
    provincial_officer: User,
    superuser: User,
) -> dict[str, Any]:
    """The personas plus one object of each kind, made through the services."""
    from grassroots.calendar.models import CalendarOverride
    from grassroots.consultations import services as consultation_services
    from grassroots.core import clock
    from grassroots.disclosures import services as disclosures
    from grassroots.disclosures.models import DisclosureCategory, RelayTask
    from grassroots.documents.models import DocumentType
    from grassroots.documents.services import document_issue
    from grassroots.documents.tests.conftest import plan_kwargs
    from grassroots.elections import services as election_services
    from grassroots.initiatives import services as initiative_services
    from grassroots.units import services as units
    from grassroots.units.models import Household, OrganisationKind
    from grassroots.voting.testing import open_meeting

    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(clock, "now", lambda: NOW)
    front_head = make_persona("front_head", Role.FRONT_WORK_COMMITTEE_HEAD, community, full_name="Ngô Văn Ban")

    organisation = units.organisation_create(
        kind=OrganisationKind.values[0],
        name="Trường Tiểu học Hòa Phú",
        unit=commune,
        actor=commune_officer,
        now=NOW,
    )
    agency_head = make_persona("agency_head", Role.AGENCY_HEAD, commune, full_name="Hiệu Trưởng")
    agency_head.memberships.update(organisation=organisation)
    # A teacher of the school: a staff member of the agency, nothing in the commune's own work.
    agency_staff = make_persona("agency_staff", Role.STAFF_MEMBER, commune, full_name="Giáo Viên")
    agency_staff.memberships.update(organisation=organisation)
    disclosure = disclosures.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Dự toán ngân sách xã năm 2026",
        body="Dự toán thu, chi ngân sách xã.",
        decision_number="12/QĐ-UBND",
        decided_on=dt.date(2026, 11, 16),
        attachments=[("du-toan.pdf", PDF)],
        actor=commune_officer,
        now=NOW,
    )
    disclosure = disclosures.disclosure_publish(disclosure=disclosure, actor=commune_officer, now=NOW)
    request = disclosures.information_request_receive(
        unit=commune,
        requester_name="Nguyễn Văn Dân",
        requester_contact="0912345678",
        subject="Bảng quyết toán ngân sách năm 2025",
        actor=commune_officer,
        now=NOW,
    )
    plan = disclosures.plan_create(unit=commune, year=2026, title="Kế hoạch công khai năm 2026", actor=commune_officer)
    meeting = open_meeting(community, village_head, now=NOW)
    election = election_services.election_create(
        community=community,
        kind="village_head",
        election_date=dt.date(2026, 12, 20),
        actor=commune_chair,
        decision_issued_on=dt.date(2026, 11, 22),
    )
    initiative = initiative_services.initiative_create(
        community=community,
        title="Lắp đèn đường thôn 1",
        description="Đề xuất lắp đèn năng lượng mặt trời.",
        actor=resident,
        now=NOW,
    )
    document = document_issue(**plan_kwargs(commune, commune_chair, is_public=True))
    consultation = consultation_services.consultation_create(
        commune=commune,
        matter="C5",
        title="Dự thảo quy định vệ sinh môi trường",
        opens_on=dt.date(2026, 11, 22),
        closes_on=dt.date(2026, 12, 12),
        actor=commune_officer,
        now=NOW,
    )
    consultation_services.section_add(
        consultation=consultation, heading="Điều 1", text="Phạm vi.", actor=commune_officer, now=NOW
    )
    consultation_services.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=dt.date(2026, 11, 22),
        sent_to_front_on=dt.date(2026, 11, 22),
        actor=commune_officer,
        now=NOW,
    )
    consultation_services.consultation_open(consultation=consultation, actor=commune_officer, now=NOW)
    opinions = [
        consultation_services.opinion_enter(
            consultation=consultation,
            channel="meeting",
            stance="agree",
            text="Đồng ý.",
            received_on=dt.date(2026, 11, 22),
            actor=commune_officer,
            now=NOW,
        )
        for _number in range(2)
    ]
    opinion_group = consultation_services.opinion_group_create(
        consultation=consultation, title="Đồng ý", opinions=opinions, actor=commune_officer, now=NOW
    )
    c8_pages = _consultation_c8_world(commune, commune_officer, commune_chair)
    from grassroots.conventions import services as convention_services

    convention = convention_services.convention_propose(
        community=community,
        name_kind="huong_uoc",
        title="Hương ước Thôn 1",
        basis="village_head",
        front_agreed=True,
        actor=village_head,
        now=NOW,
    )
    convention_version = convention.versions.get()
    convention_services.article_save(
        version=convention_version, heading="Điều 1", text="Phạm vi.", actor=village_head, now=NOW
    )
    from grassroots.petitions import services as petition_services

    petition_case = petition_services.case_receive(
        unit=commune,
        kind="feedback",
        channel="online",
        title="Ổ gà trước nhà văn hóa",
        content="Đường có ổ gà lớn.",
        citizen=petition_services.Citizen(full_name=resident.full_name, user=resident),
        is_public=True,
        actor=resident,
        now=NOW,
    )
    from grassroots.funds import services as fund_services
    from grassroots.funds.tests.conftest import PNG, recognised_vote

    fund = fund_services.fund_create(
        unit=community,
        vote=recognised_vote(community),
        kind="contribution",
        title="Đường bê tông thôn",
        purpose="Làm đường",
        basis="per_household",
        rate_money=500_000,
        spending_limit=1_000_000,
        collection_starts=clock.localdate(NOW) - dt.timedelta(days=1),
        collection_ends=clock.localdate(NOW) + dt.timedelta(days=60),
        treasurer_name="Thủ Quỹ",
        village_head_name="Trưởng Thôn",
        actor=village_head,
        now=NOW,
    )
    fund_entry = fund_services.receipt_record(
        fund=fund,
        household=Household.objects.filter(community=community).order_by("code")[0],
        amount=500_000,
        received_on=clock.localdate(NOW),
        actor=village_head,
        now=NOW,
    )
    fund_expense = fund_services.expense_propose(
        fund=fund,
        work_item="Xi măng",
        amount=100_000,
        spent_on=clock.localdate(NOW),
        evidence_name="hoa-don.png",
        evidence_content=PNG,
        actor=village_head,
        now=NOW,
    )
    # A treasurer who is no commune officer (a resident of the village) and a receipt issued as an official paper.
    fund_services.treasurer_appoint(
        fund=fund,
        user=make_persona("thu-quy", Role.RESIDENT, community, full_name="Thủ Quỹ Thôn"),
        basis="Biên bản họp thôn",
        actor=village_head,
        now=NOW,
    )
    fund_paper = fund_services.receipt_paper_issue(entry=fund_entry, actor=village_head, now=NOW)
    from grassroots.reception import services as reception_services

    reception_session = reception_services.session_record(
        unit=commune,
        held_on=NOW.date(),
        kind="regular",
        receiver=commune_chair,
        place="Phòng tiếp công dân",
        actor=commune_officer,
        now=NOW,
    )
    dialogue = reception_services.conference_plan(
        unit=commune,
        title="Hội nghị đối thoại",
        topics="Kết quả năm",
        planned_on=NOW.date() + dt.timedelta(days=20),
        place="Hội trường",
        method="in_person",
        actor=commune_officer,
        now=NOW,
    )
    dialogue_question = reception_services.question_add(
        conference=dialogue, question="Bao giờ sửa đường?", source="advance", actor=commune_officer, now=NOW
    )
    voter_drive = reception_services.drive_open(
        unit=commune,
        subject="Đối thoại về bãi rác",
        voter_count=100,
        voter_count_source="Danh sách cử tri",
        actor=commune_officer,
        now=NOW,
    )
    reception_services.signature_record(
        drive=voter_drive, full_name="Cử tri A", id_number="001099000001", actor=commune_officer, now=NOW
    )
    from grassroots.reception.models import ReceptionBooking

    # A booking written directly: the world's day need not be a scheduled reception day.
    reception_booking = ReceptionBooking.objects.create(
        unit=commune,
        day=NOW.date() + dt.timedelta(days=6),
        slot_start=dt.time(8, 0),
        citizen=resident,
        phone="0912000000",
        summary="Hỏi về đất",
    )
    from grassroots.oversight import services as oversight_services

    front_chair = make_persona("front_chair", Role.FRONT_CHAIR, commune, full_name="Hoàng Thị Mặt Trận")
    board = oversight_services.board_create(
        kind="commune_inspection",
        name="Ban Thanh tra nhân dân xã Hòa Phú",
        unit=commune,
        term_start=dt.date(2026, 7, 1),
        elected_on=dt.date(2026, 11, 20),
        actor=front_chair,
        now=NOW,
    )
    for number, name in enumerate(["Vũ Thị Thanh Tra", "Lê Thị Hoa", "Trần Văn Bình", "Phạm Thị Mai", "Đặng Văn Tâm"]):
        board_person = oversight_services.board_member_add(
            board=board,
            full_name=name,
            user=board_member if number == 0 else None,
            community=commune.children.order_by("name")[number % 2],
            position="head" if number == 0 else "member",
            joined_on=dt.date(2026, 11, 20),
            actor=front_chair,
            now=NOW,
        )
    oversight_services.board_recognise(board=board, actor=front_chair, now=NOW)
    from decimal import Decimal

    from grassroots.oversight.services import projects as oversight_projects

    investment_board = oversight_services.board_create(
        kind="investment_supervision",
        name="Ban Giám sát đầu tư của cộng đồng đường liên thôn",
        unit=commune,
        term_start=dt.date(2026, 11, 20),
        elected_on=dt.date(2026, 11, 20),
        project_name="Đường liên thôn",
        investor_name="Ban Quản lý dự án xã",
        actor=front_chair,
        now=NOW,
    )
    supervised_project = oversight_projects.project_add(
        board=investment_board,
        name="Đường liên thôn",
        investor_name="Ban Quản lý dự án xã",
        location="Thôn 1",
        value_vnd=Decimal("900000000"),
        works_start=dt.date(2027, 3, 1),
        works_end=dt.date(2027, 9, 30),
        supervision_start=dt.date(2027, 3, 1),
        actor=front_chair,
        now=NOW,
    )
    inspection = oversight_services.inspection_plan(
        board=board,
        subject="Kiểm tra quỹ xây dựng nhà văn hóa",
        inspected_party="Thôn 1",
        planned_on=dt.date(2026, 12, 14),
        actor=board_member,
        now=NOW,
    )
    recommendation = oversight_services.recommendation_draft(
        board=board,
        title="Sửa cống",
        content="Đề nghị sửa cống.",
        addressee_name="Chủ tịch UBND xã",
        actor=board_member,
        now=NOW,
    )
    oversight_services.recommendation_confirm(recommendation=recommendation, actor=front_chair, now=NOW)
    oversight_services.recommendation_send(recommendation=recommendation, actor=board_member, now=NOW)
    from grassroots.oversight.services import conference as oversight_conference
    from grassroots.oversight.services import information as oversight_information

    oversight_request = oversight_information.information_request_send(
        board=board,
        addressee="commune",
        addressee_name="UBND xã",
        subject="Hồ sơ dự toán",
        documents="Dự toán",
        actor=board_member,
        now=NOW,
    )
    oversight_draft = oversight_conference.conference_report_draft(
        board=board,
        year=2026,
        community=commune.children.order_by("name")[0],
        content="Báo cáo",
        actor=board_member,
        now=NOW,
    )
    oversight_programme = oversight_services.programme_create(
        board=board, kind="quarter", year=2026, number=4, actor=board_member, now=NOW
    )
    oversight_item = oversight_services.programme_item_add(
        programme=oversight_programme, text="Giám sát chợ", due_on=dt.date(2026, 12, 15), actor=board_member, now=NOW
    )
    concluded = oversight_services.inspection_plan(
        board=board,
        subject="Giám sát thu phí chợ",
        inspected_party="Ban quản lý chợ",
        planned_on=dt.date(2026, 12, 21),
        actor=board_member,
        now=NOW,
    )
    oversight_services.inspection_notify(inspection=concluded, notified_on=NOW.date(), actor=board_member, now=NOW)
    oversight_services.finding_record(
        inspection=concluded, text="Thu phí không có biên lai.", evidence="Ảnh chụp", actor=board_member, now=NOW
    )
    concluded = oversight_services.inspection_conclude(
        inspection=concluded, conclusion="Đề nghị phát biên lai.", actor=board_member, now=NOW
    )
    oversight_report = oversight_services.board_report_issue(
        board=board, year=2026, period="Q3", actor=board_member, now=NOW
    )
    from grassroots.plans import services as plan_services
    from grassroots.plans.parsing import parse_text

    province_plan = plan_services.plan_import(
        unit=province,
        parsed=parse_text("KẾ HOẠCH\n\nDân chủ cơ sở 2026\n\nI. NỘI DUNG\n\n1. Tuyên truyền\n"),
        actor=provincial_officer,
        now=NOW,
    )
    province_plan = plan_services.plan_issue(plan=province_plan, actor=provincial_officer, now=NOW)
    commune_plan = plan_services.plan_derive(upper=province_plan, unit=commune, actor=commune_officer, now=NOW)
    plan_report = plan_services.report_prepare(
        unit=commune, period="semiannual", year=2026, actor=commune_officer, now=NOW
    )
    relay = RelayTask.objects.filter(disclosure=disclosure).first()
    workplace = _workplace_world(organisation, commune, agency_head)
    ids: dict[str, Any] = {
        "fund_id": fund.pk,
        "unit_id": community.pk,
        "entry_id": fund_entry.pk,
        "expense_id": fund_expense.pk,
        "paper_id": fund_paper.pk,
        "plans:unit_id": commune.pk,  # the plans pages are per commune; the funds pages per village
        "api:unit_id": province.pk,  # the API's scorecards are per province
        "key": "petitions.received",  # a figure of the plans reports (plans:figure_records)
        "period": "semiannual",
        "commune_slug": commune.slug,
        "slug": commune.slug,
        "community_id": community.pk,
        "household_id": Household.objects.filter(community=community).order_by("code").first().pk,  # type: ignore[union-attr]
        "organisation_id": organisation.pk,
        "org_id": organisation.pk,
        "user_id": make_persona("nguoi-dat-lai", Role.RESIDENT, community).pk,
        "vote_id": meeting.pk,
        "election_id": election.pk,
        "initiative_id": initiative.pk,
        "dismissal_id": MISSING_ID,
        "attachment_id": disclosure.attachments.get().pk,
        "year": 2026,
        "quarter": 4,
        "step": "ung-cu",
        "form_slug": "mau-01",
        "service_code": "feedback",
        "code": "K2",
        "kind": DocumentType.PLAN,
        "file_format": "pdf",
        "short_code": document.short_code,
        "consultation_id": consultation.pk,
        "opinion_id": opinions[0].pk,
        "group_id": opinion_group.pk,
        **c8_pages,
        **workplace,
        "question_id": dialogue_question.pk,
        "member_id": board_person.pk,
        "document_id": concluded.conclusion_document_id,
        "convention_id": convention.pk,
        "version_id": convention_version.pk,
    }
    # ``pk`` depends on the URL: filled per namespace below.
    pks = {
        "calendar": CalendarOverride.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "documents": document.pk,
        "disclosures:relay_acknowledge": relay.pk if relay else MISSING_ID,
        "disclosures:request": request.pk,
        "disclosures:plan": plan.pk,
        "disclosures": disclosure.pk,
        "petitions": petition_case.pk,
        "reception": dialogue.pk,
        "reception:session": reception_session.pk,
        "reception:visit": reception_session.pk,
        "reception:booking": reception_booking.pk,
        "reception:drive": voter_drive.pk,
        "oversight:report_publish": oversight_report.pk,
        "oversight:board_project_new": investment_board.pk,
        "oversight:project_investor_notify": supervised_project.pk,
        "oversight:board": board.pk,
        "oversight:conference_reports": board.pk,
        "oversight:information_new": board.pk,
        "oversight:inspection": inspection.pk,
        "oversight:recommendation": recommendation.pk,
        "oversight:programme": oversight_programme.pk,
        "oversight:programme_item_done": oversight_item.pk,
        "oversight:information": oversight_request.pk,
        "oversight:conference_report_present": oversight_draft.pk,
        "plans:task": commune_plan.items.filter(depth__gt=0).first().pk,  # type: ignore[union-attr]
        "plans:report": plan_report.pk,
        "plans": commune_plan.pk,
        "api:public": province_plan.pk,  # the public plan endpoint: an issued plan (the commune's is a draft)
    }
    personas = {
        "commune_officer": commune_officer,
        "commune_chair": commune_chair,
        "village_head": village_head,
        "household_representative": household_representative,
        "resident": resident,
        "board_member": board_member,
        "front_head": front_head,
        "front_chair": front_chair,
        "agency_head": agency_head,
        "agency_staff": agency_staff,
        "other_commune_officer": other_commune_officer,
        "provincial_officer": provincial_officer,
        "superuser": superuser,
    }
    return {"ids": ids, "pks": pks, "personas": personas, "province_slug": province.slug}


def _consultation_c8_world(commune: AdministrativeUnit, officer: User, chair: User) -> dict[str, Any]:
    """Consultations in the states the after-completion pages need ([L] arts 27, 28(4)), as ids per URL name:
    an open C8 draft with a citizen not yet heard (record the hearing, add another), a completed C8 whose decision
    is not signed (sign it; send the summary up) and a completed C2 sent up to the province (record its decision).
    They ran a month before the world's day, so each could close."""
    from grassroots.consultations import services

    early = NOW - dt.timedelta(days=30)
    closed = NOW - dt.timedelta(days=9)
    completed = NOW - dt.timedelta(days=8)

    def prepared(matter: str, title: str, *, when: dt.datetime, closes_on: dt.date) -> Any:
        consultation = services.consultation_create(
            commune=commune,
            matter=matter,
            title=title,
            opens_on=when.date(),
            closes_on=closes_on,
            actor=officer,
            now=when,
        )
        services.section_add(consultation=consultation, heading="Điều 1", text="Nội dung.", actor=officer, now=when)
        services.plan_record_sent(
            consultation=consultation,
            sent_to_council_on=when.date(),
            sent_to_front_on=when.date(),
            actor=officer,
            now=when,
        )
        return services.consultation_open(consultation=consultation, actor=officer, now=when)

    def done(consultation: Any) -> Any:
        services.consultation_close(consultation=consultation, actor=officer, now=closed)
        return services.consultation_complete(
            consultation=consultation, final_decision="Ban hành.", adopts_draft=True, actor=chair, now=completed
        )

    hearing = prepared("C8", "Dự thảo quyết định buộc tháo dỡ mái che", when=NOW, closes_on=dt.date(2026, 12, 12))
    unheard = services.affected_person_add(
        consultation=hearing, full_name="Ông Tháo Dỡ", notified_on=NOW.date(), actor=officer, now=NOW
    )
    to_sign = prepared(
        "C8", "Dự thảo quyết định thu hồi đất hộ ông C", when=early, closes_on=closed.date() - dt.timedelta(days=1)
    )
    person = services.affected_person_add(
        consultation=to_sign, full_name="Ông C", notified_on=early.date(), actor=officer, now=early
    )
    services.affected_person_heard(person=person, declined=True, actor=officer, now=early)
    to_sign = done(to_sign)
    sent_up = done(
        prepared("C2", "Điều chỉnh quy hoạch sử dụng đất", when=early, closes_on=closed.date() - dt.timedelta(days=1))
    )
    services.summary_send_up(
        consultation=sent_up, authority="UBND tỉnh", sent_on=completed.date(), actor=officer, now=completed
    )
    return {
        "consultations:affected_add:consultation_id": hearing.pk,
        "person_id": unheard.pk,
        "consultations:decision_sign:consultation_id": to_sign.pk,
        "consultations:send_up:consultation_id": to_sign.pk,
        "consultations:higher_decision:consultation_id": sent_up.pk,
    }


def _workplace_world(organisation: Any, commune: AdministrativeUnit, head: User) -> dict[str, Any]:
    """A school's staff, an open conference with a matter, a staff consultation with an opinion, and an
    enterprise (the same head holds a role there) with a planned dialogue, made through the services."""
    from grassroots.accounts.testing import give_role
    from grassroots.units import services as units
    from grassroots.workplaces import ballots
    from grassroots.workplaces import services as workplaces

    organisation.short_name = "THHP"
    organisation.save(update_fields=["short_name"])
    staff = [
        workplaces.staff_member_add(
            organisation=organisation,
            code=f"GV-{number}",
            full_name=f"Giáo viên {number}",
            active_from=dt.date(2020, 9, 1),
            actor=head,
            now=NOW,
        )
        for number in range(1, 10)
    ]
    conference = workplaces.conference_create(
        organisation=organisation, kind="annual", work_year=2025, scheduled_on=NOW.date(), actor=head, now=NOW
    )
    for code in ("agree_with_union", "notice_sent"):
        workplaces.conference_step_record(conference=conference, code=code, done_on=NOW.date(), actor=head, now=NOW)
    workplaces.conference_open(conference=conference, actor=head, now=NOW)
    item = workplaces.resolution_item_add(
        conference=conference, matter="conference_resolution", title="Nghị quyết", text="…", actor=head, now=NOW
    )
    consultation = workplaces.staff_consultation_create(
        organisation=organisation,
        matter="CQ9",
        title="Quy chế chi tiêu nội bộ",
        draft="Điều 1.",
        opens_on=NOW.date(),
        closes_on=NOW.date() + dt.timedelta(days=10),
        actor=head,
        now=NOW,
    )
    opinion = workplaces.staff_opinion_add(
        consultation=consultation, text="Đồng ý.", received_on=NOW.date(), actor=head, now=NOW
    )
    enterprise = units.organisation_create(
        kind="state_owned_enterprise",
        name="Công ty Thủy lợi Hòa Phú",
        short_name="CTTL",
        unit=commune,
        actor=head,
        now=NOW,
    )
    give_role(head, Role.AGENCY_HEAD, commune, organisation=enterprise)
    workers = [
        workplaces.staff_member_add(
            organisation=enterprise,
            code=f"CN-{number}",
            full_name=f"Công nhân {number}",
            active_from=dt.date(2020, 1, 1),
            actor=head,
            now=NOW,
        )
        for number in range(1, 7)
    ]
    workplaces.dialogue_member_list_set(
        organisation=enterprise,
        fixed_on=NOW.date(),
        published_on=NOW.date(),
        legal_representative=workers[0],
        employer_members=workers[1:3],
        worker_members=workers[3:],
        actor=head,
        now=NOW,
    )
    dialogue = workplaces.dialogue_schedule(
        organisation=enterprise, kind="periodic", scheduled_on=NOW.date(), topics="Tiền lương", actor=head, now=NOW
    )
    ballot = ballots.staff_ballot_create(
        organisation=organisation,
        ground="force_majeure",
        force_majeure_reason="Bão lũ",
        work_year=2025,
        union_agreed_on=NOW.date(),
        matter="contributions",
        title="Quỹ tương trợ",
        text="Mỗi người đóng 50.000 đồng.",
        opens_on=NOW.date(),
        closes_on=NOW.date() + dt.timedelta(days=7),
        actor=head,
        now=NOW,
    )
    ballots.staff_ballot_open(ballot=ballot, actor=head, now=NOW)
    return {
        "staff_id": staff[0].pk,
        "conference_id": conference.pk,
        "item_id": item.pk,
        "staff_consultation_id": consultation.pk,
        "staff_opinion_id": opinion.pk,
        "dialogue_id": dialogue.pk,
        "ballot_id": ballot.pk,
    }


def _pk_for(name: str, pks: dict[str, Any]) -> Any:
    namespace = name.split(":")[0]
    for key in (name, f"{namespace}:{name.split(':')[1].split('_')[0]}"):
        if key in pks:
            return pks[key]
    return pks.get(namespace, MISSING_ID)


def real_kwargs(name: str, converters: dict[str, Any], world: dict[str, Any]) -> dict[str, Any]:
    """The world's values for the URL ``name``: an id given for that URL name, else for its namespace, else the
    world's id of that name."""
    namespace = name.split(":")[0]
    real = {}
    for key in converters:
        if key == "pk":
            real[key] = _pk_for(name, world["pks"])
        elif key == "slug" and name == "disclosures:province_rollup":
            real[key] = world["province_slug"]
        else:
            ids = world["ids"]
            real[key] = ids.get(f"{name}:{key}", ids.get(f"{namespace}:{key}", ids[key]))
    return real


def _urls(world: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, variant, url) for every pattern: real values, missing ids, junk strings."""
    urls: list[tuple[str, str, str]] = []
    for _route, name, converters in _patterns(get_resolver().url_patterns):
        real = real_kwargs(name, converters, world)
        urls.append((name, "real", reverse(name, kwargs=real)))
        if not converters:
            continue
        missing = {
            key: (MISSING_ID if type(conv).__name__ == "IntConverter" else "khong-ton-tai")
            for key, conv in converters.items()
        }
        urls.append((name, "missing", reverse(name, kwargs=missing)))
        junk_keys = [key for key, conv in converters.items() if type(conv).__name__ == "StringConverter"]
        for junk in JUNK_STRINGS:
            if junk_keys:
                urls.append((name, "junk", reverse(name, kwargs={**real, **dict.fromkeys(junk_keys, junk)})))
    return urls


def _natural(name: str) -> list[str]:
    """The personas a URL is made for."""
    namespace = name.split(":")[0]
    if namespace == "accounts":
        return ["commune_officer", "superuser"]
    if namespace == "privacy":
        return ["resident", "commune_officer"]
    if namespace == "elections":
        return ["commune_chair"]
    if namespace == "initiatives":
        return ["resident", "front_head"]
    if namespace == "consultations":
        return ["resident", "commune_officer", "commune_chair"]
    if namespace == "funds":
        if name.startswith(("funds:public_", "funds:evidence")):
            return ["resident"]
        return ["village_head", "commune_chair", "board_member"]
    if namespace == "plans":
        return ["commune_officer", "provincial_officer"]
    if namespace == "conventions":
        return ["village_head", "commune_chair", "resident"]
    if namespace == "petitions":
        if name.startswith(("petitions:my_", "petitions:public_", "petitions:case_file")):
            return ["resident"]
        return ["commune_officer", "commune_chair"]
    if namespace == "reception":
        if name in ("reception:public_schedule", "reception:booking_page", "reception:booking_cancel"):
            return ["resident"]
        return ["commune_officer", "commune_chair"]
    if namespace == "oversight":
        if name == "oversight:public_list":
            return ["resident"]
        if name.startswith("oversight:organisation_"):
            return ["agency_head"]
        return ["front_chair", "board_member", "commune_chair"]
    if namespace == "voting":
        if name.startswith("voting:online") or name == "voting:public_results":
            return ["household_representative"]
        return ["village_head"]
    if namespace == "workplaces":
        return ["agency_head"]
    if name.startswith("disclosures:organisation_"):
        return ["agency_head", "commune_officer"]
    if name == "disclosures:relay_acknowledge":
        return ["village_head"]
    if name == "disclosures:province_rollup" or namespace == "dashboard":
        return ["provincial_officer", "commune_officer"]
    if namespace in {"portal", "documents_public"} or name in {
        "disclosures:index",
        "disclosures:feed",
        "disclosures:category_feed",
        "disclosures:detail",
        "disclosures:notice_pdf",
        "disclosures:attachment",
    }:
        return ["resident"]
    return ["commune_officer"]


def _fields(html: str) -> tuple[list[str], set[str]]:
    names = [name for name in dict.fromkeys(FIELD_NAME.findall(html)) if name not in IGNORED_FIELDS]
    files = set(FILE_FIELD.findall(html)) | set(FILE_FIELD_REVERSED.findall(html))
    return names, files


def _junk(names: list[str], files: set[str], offset: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for index, name in enumerate(names):
        if name in files:
            data[name] = SimpleUploadedFile("tep.pdf", b"not really a pdf " * 10, content_type="application/pdf")
        else:
            data[name] = JUNK_VALUES[(index + offset) % len(JUNK_VALUES)]
    return data


QUERY_PARAMETER = re.compile(r"""request\.GET\.get\(\s*["']([^"']+)["']""")


def _query_parameters() -> list[str]:
    """Every query-string parameter a view of the platform reads by name, found in the source itself: a new one
    is tried without anyone listing it."""
    root = Path(__file__).resolve().parent.parent / "grassroots"
    found = {name for path in root.rglob("*.py") for name in QUERY_PARAMETER.findall(path.read_text("utf-8"))}
    return sorted(found)


HOSTILE_QUERY_VALUES = ("²", "١٢", "9" * 30, "-1", "1e9", "0x10", " 7 ", "\x00")
"""Numbers that ``str.isdigit()`` accepts but ``int()`` refuses or misreads, too long for an integer column,
signs, exponents, hexadecimal, spaces and a NUL: each parameter gets one per request, in turn."""


@pytest.mark.django_db
def test_no_url_answers_bad_input_with_a_server_error(world: dict[str, Any]) -> None:
    clients: dict[str, Client] = {"anonymous": Client()}

    def log_in() -> None:
        """(Again) log every persona in: the crawl logs out and changes passwords on the way."""
        for key, user in world["personas"].items():
            user.refresh_from_db()
            if user.must_change_password:
                user.must_change_password = False
                user.save(update_fields=["must_change_password"])
            clients[key] = Client()
            clients[key].force_login(user)

    log_in()
    failures: list[str] = []
    forms: dict[str, tuple[list[str], set[str]]] = {}
    crawled: set[str] = set()
    requests = 0

    def send(persona: str, method: str, url: str, data: dict[str, Any] | None = None, htmx: bool = False) -> Any:
        nonlocal requests
        requests += 1
        headers = {"HX-Request": "true"} if htmx else {}
        client = clients[persona]
        try:
            if method == "GET":
                response = client.get(url, headers=headers)
            else:
                response = client.post(url, data or {}, headers=headers)
        except Exception as error:  # every exception is a failure to report
            where = traceback.extract_tb(error.__traceback__)[-1]
            failures.append(
                f"{method}{' htmx' if htmx else ''} {url} as {persona}: {type(error).__name__}: "
                f"{str(error)[:200]} ({where.filename}:{where.lineno})"
            )
            return None
        if response.status_code >= 500:
            failures.append(f"{method}{' htmx' if htmx else ''} {url} as {persona}: HTTP {response.status_code}")
        return response

    parameters = _query_parameters()
    assert len(parameters) > 20, parameters
    for name, variant, url in _urls(world):
        crawled.add(name)
        natural = _natural(name)
        personas = ["anonymous", *natural, "other_commune_officer"] if variant == "real" else natural[:1]
        for persona in personas:
            response = send(persona, "GET", url)
            if (
                name not in forms
                and response is not None
                and response.status_code == 200
                and "html" in response.get("Content-Type", "")
            ):
                forms[name] = _fields(response.content.decode("utf-8", "replace"))
            names, files = forms.get(name, ([], set()))
            send(persona, "POST", url)
            send(persona, "POST", url, _junk(names, files, 0))
            if variant == "real" and persona != "anonymous":
                for turn in range(2):
                    hostile = {
                        parameter: HOSTILE_QUERY_VALUES[(index + turn * 3) % len(HOSTILE_QUERY_VALUES)]
                        for index, parameter in enumerate(parameters)
                    }
                    send(persona, "GET", f"{url}?{urlencode(hostile)}")
            if variant == "real":
                send(persona, "POST", url, _junk(names, files, 5), htmx=True)
        if name.startswith("accounts:"):
            log_in()

    print(f"\ncrawled {len(crawled)} URL patterns with {requests} requests")
    assert len(crawled) > 100
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)
