"""Every signer, witness, date and copy holder of the Decree 59 forms, read back from the DOCX and the PDF.

``test_forms.py`` checks each form's rules and its main figures; this file reads the printed paper as a
commune officer receives it: who signs under which title, which households witnessed, which day, who
keeps each copy. Mẫu 05 (the candidate-list minutes) is issued by the elections app and read back there
(``grassroots/elections/tests/test_decree59.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from django.conf import settings as settings_module
from pypdf import PdfReader
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.documents.models import Document
from grassroots.units.models import AdministrativeUnit, Household, Resident
from grassroots.units.testing import households
from grassroots.voting import rules, services
from grassroots.voting.models import Channel, CommunityVote, VoteFormDocument
from grassroots.voting.rules.forms import Decree59Form
from grassroots.voting.testing import NOW, cast_secret_ballots, open_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _word_text(document: Document) -> str:
    word = docx.Document(document.docx_file.path)
    parts = [paragraph.text for paragraph in word.paragraphs]
    parts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def _pdf_text(document: Document) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(document.pdf_file.path).pages).split())


def _assert_printed(document: Document, *needles: str) -> None:
    """Each needle is on the paper, in the DOCX and in the PDF alike (whitespace folded)."""
    word, pdf = _word_text(document), _pdf_text(document)
    for needle in needles:
        flat = " ".join(needle.split())
        assert flat in word, f"DOCX lacks {needle!r}"
        assert flat in pdf, f"PDF lacks {needle!r}"


def _docx_signature_cells(document: Document) -> list[str]:
    """The cells of the DOCX closing table, one per signer: title, the space to sign, the name."""
    closing = docx.Document(document.docx_file.path).tables[-1]
    return [" ".join(cell.text.split()) for cell in closing.rows[0].cells]


def _signature_pairs(document: Document) -> list[tuple[str, str]]:
    return [(" ".join(block["lines"]), block["signer_name"]) for block in document.content["signatures"]]


def _witness_names(vote: CommunityVote) -> list[str]:
    return list(vote.officers.filter(role="witness").order_by("-is_leader", "pk").values_list("full_name", flat=True))


# --- Mẫu 01: who signs the notice ------------------------------------------------------------------------


def _draft(
    community: AdministrativeUnit, actor: User, *, convenor_role: str, matter: str = "D6", purpose: str = "matter"
) -> CommunityVote:
    return services.vote_create(
        unit=community,
        matter=matter,
        purpose=purpose,
        form="meeting",
        title="Chọn nơi đặt thùng rác",
        question="Đặt thùng rác ở đầu ngõ?",
        starts_at=NOW,
        convenor_role=convenor_role,
        actor=actor,
        now=NOW - dt.timedelta(days=5),
    )


def test_meeting_notice_is_signed_by_the_village_head_by_name_and_title(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = _draft(community, village_head, convenor_role="village_head")
    record = services.meeting_notice_issue(
        vote=vote, place="Nhà văn hóa Thôn 1", actor=village_head, now=NOW - dt.timedelta(days=2)
    )
    assert record.form == Decree59Form.MEETING_NOTICE
    assert _signature_pairs(record.document) == [("TRƯỞNG THÔN", "Lê Văn Trưởng")]
    _assert_printed(
        record.document,
        "TRƯỞNG THÔN",
        "Lê Văn Trưởng",
        "ngày 20 tháng 11 năm 2026",  # the day the notice was issued, two days before the meeting
        "Các hộ gia đình trong thôn",
    )


def test_meeting_notice_of_the_front_work_committee_head_carries_the_front_title(
    community: AdministrativeUnit, front_head: User
) -> None:
    """A dismissal meeting is convened by the Front work-committee head ([ND59] art. 9(2)): its notice
    must not print the village head's title."""
    vote = _draft(community, front_head, convenor_role="front_work_committee_head", matter="D4", purpose="dismissal")
    record = services.meeting_notice_issue(
        vote=vote, place="Nhà văn hóa Thôn 1", actor=front_head, now=NOW - dt.timedelta(days=2)
    )
    assert _signature_pairs(record.document) == [("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", "Ngô Văn Ban Công Tác")]
    _assert_printed(record.document, "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", "Ngô Văn Ban Công Tác")
    assert "TRƯỞNG THÔN" not in _word_text(record.document)


@pytest.mark.parametrize(
    ("convenor_role", "title"),
    [
        ("village_head", "TỔ TRƯỞNG"),
        ("interim_village_head", "TỔ TRƯỞNG LÂM THỜI"),
        ("front_work_committee_head", "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN"),
        ("commune_chair", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ"),
        ("election_team", "TỔ TRƯỞNG TỔ BẦU CỬ"),
    ],
)
def test_notice_signer_title_follows_the_convenor(convenor_role: str, title: str) -> None:
    assert rules.notice_signer_title(convenor_role, community_head_title="TỔ TRƯỞNG") == title


def test_notice_signer_title_of_an_unknown_convenor_is_refused() -> None:
    with pytest.raises(KeyError):
        rules.notice_signer_title("resident", community_head_title="TRƯỞNG THÔN")


# --- Mẫu 02: the board, the two witnesses, the date and the three copies ---------------------------------


def _counted_secret_meeting(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    vote = open_meeting(community, village_head, matter="D6", is_secret=True)
    members = households(community)
    for household, name in zip(members[:2], ("Đỗ Thị Chứng Kiến", "Vũ Văn Nhân Chứng"), strict=True):
        household.representative = Resident.objects.create(household=household, full_name=name)
        household.save(update_fields=["representative"])
    for household in members:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    services.meeting_officers_approve(
        vote=vote,
        secretary="Trần Thị Thư Ký",
        approving=3,
        counting_board=["Nguyễn Văn Kiểm", "Lê Thị Phiếu", "Phạm Văn Đếm"],
        witnesses=members[:2],
        actor=village_head,
    )
    cast_secret_ballots(
        vote, village_head, [(members[0], "agree"), (members[1], "agree"), (members[2], "disagree")], present=False
    )
    return services.vote_close(vote=vote, actor=village_head)


def test_counting_minutes_print_both_witnesses_the_date_and_the_three_named_copies(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = _counted_secret_meeting(community, village_head)
    witnesses = _witness_names(vote)
    assert witnesses == ["Đỗ Thị Chứng Kiến", "Vũ Văn Nhân Chứng"]
    record = services.counting_minutes_issue(vote=vote, actor=village_head)
    document = record.document
    assert record.figures["copy_holders"] == ["UBND Xã Hòa Phú", "Ủy ban MTTQ Việt Nam Xã Hòa Phú", "Thôn 1 (lưu)"]
    assert _signature_pairs(document) == [
        ("TỔ TRƯỞNG TỔ KIỂM PHIẾU", "Nguyễn Văn Kiểm"),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN", witnesses[0]),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN", witnesses[1]),
    ]
    _assert_printed(
        document,
        "Hôm nay, ngày 22 tháng 11 năm 2026",  # the day of the count
        *witnesses,
        "TỔ TRƯỞNG TỔ KIỂM PHIẾU",
        "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN",
        "lập thành 03 bản: 01 bản gửi UBND Xã Hòa Phú, 01 bản gửi Ủy ban MTTQ Việt Nam Xã Hòa Phú, "
        "01 bản lưu tại Thôn 1",
        "Mẫu 02",
    )
    assert _docx_signature_cells(document) == [
        "TỔ TRƯỞNG TỔ KIỂM PHIẾU Nguyễn Văn Kiểm",
        "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN Đỗ Thị Chứng Kiến",
        "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN Vũ Văn Nhân Chứng",
    ]


def test_counting_minutes_print_the_ballots_handed_to_the_households_present_not_those_returned(
    community: AdministrativeUnit, village_head: User
) -> None:
    """Three households present receive three ballots; two come back. The paper prints 3 issued, 2 returned."""
    vote = open_meeting(community, village_head, matter="D6", is_secret=True)
    members = households(community)[:3]
    for household in members:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    services.meeting_officers_approve(
        vote=vote,
        secretary="Trần Thị Thư Ký",
        approving=3,
        counting_board=["Nguyễn Văn Kiểm", "Lê Thị Phiếu", "Phạm Văn Đếm"],
        witnesses=members[:2],
        actor=village_head,
    )
    cast_secret_ballots(vote, village_head, [(members[0], "agree"), (members[1], "disagree")], present=False)
    closed = services.vote_close(vote=vote, actor=village_head)
    record = services.counting_minutes_issue(vote=closed, actor=village_head)
    assert (record.figures["ballots_issued"], record.figures["ballots_returned"]) == (3, 2)
    _assert_printed(record.document, "Số phiếu phát ra: 3;", "Số phiếu thu về: 2;")
    assert "Số phiếu phát ra: 2;" not in _word_text(record.document)


# --- Mẫu 03: the four signers ---------------------------------------------------------------------------


def test_meeting_decision_prints_the_four_signers_of_the_law_with_the_office_holders_names(
    community: AdministrativeUnit, village_head: User
) -> None:
    """[L] art. 20(2)(g) (CONFIRMED): the village head, the Front work-committee head and 2 household
    representatives sign; the two officials are the holders on the platform, nobody types their names."""
    make_persona("front-head", "front_work_committee_head", community, full_name="Hoàng Văn Mặt Trận")
    vote = _counted_secret_meeting(community, village_head)
    record = services.meeting_decision_issue(
        vote=vote,
        household_signers=["Đại Diện Hộ Một", "Đại Diện Hộ Hai"],
        decision_text="Thống nhất đặt thùng rác ở đầu ngõ.",
        actor=village_head,
    )
    assert _signature_pairs(record.document) == [
        ("TRƯỞNG THÔN", "Lê Văn Trưởng"),
        ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", "Hoàng Văn Mặt Trận"),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH", "Đại Diện Hộ Một"),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH", "Đại Diện Hộ Hai"),
    ]
    assert len(record.figures["signers"]) == rules.DECISION_SIGNERS
    _assert_printed(
        record.document,
        "TRƯỞNG THÔN",
        "Lê Văn Trưởng",
        "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
        "Hoàng Văn Mặt Trận",
        "ĐẠI DIỆN HỘ GIA ĐÌNH",
        "Đại Diện Hộ Một",
        "Đại Diện Hộ Hai",
        "Mẫu 03",
    )
    assert _docx_signature_cells(record.document) == [
        "TRƯỞNG THÔN Lê Văn Trưởng",
        "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN Hoàng Văn Mặt Trận",
        "ĐẠI DIỆN HỘ GIA ĐÌNH Đại Diện Hộ Một",
        "ĐẠI DIỆN HỘ GIA ĐÌNH Đại Diện Hộ Hai",
    ]


def test_the_default_signers_are_the_laws() -> None:
    assert rules.DECISION_OFFICIAL_SIGNERS_DEFAULT == ("village_head", "front_work_committee_head")
    assert settings_module.VOTING_DECISION_OFFICIAL_SIGNERS == ("village_head", "front_work_committee_head")


def test_attack_a_clerk_signs_mau03_in_the_village_heads_place(
    community: AdministrativeUnit, village_head: User
) -> None:
    """Attacker: the clerk types another name under the village head's title. Refused; nothing is issued."""
    vote = _counted_secret_meeting(community, village_head)
    with pytest.raises(DomainError) as error:
        services.meeting_decision_issue(
            vote=vote,
            first_official_name="Người Ký Thay",
            second_official_name="Hoàng Văn Mặt Trận",
            household_signers=["Đại Diện Hộ Một", "Đại Diện Hộ Hai"],
            decision_text="Thống nhất.",
            actor=village_head,
        )
    assert error.value.code == "decisions.forms.signer_not_holder"
    assert "Lê Văn Trưởng" in error.value.message
    assert not VoteFormDocument.objects.exists() and not Document.objects.exists()
    # The holder's own name, spaced or cased differently, is the same person.
    record = services.meeting_decision_issue(
        vote=vote,
        first_official_name="  lê văn  trưởng ",
        second_official_name="Hoàng Văn Mặt Trận",
        household_signers=["Đại Diện Hộ Một", "Đại Diện Hộ Hai"],
        decision_text="Thống nhất.",
        actor=village_head,
    )
    assert _signature_pairs(record.document)[0] == ("TRƯỞNG THÔN", "Lê Văn Trưởng")


def test_an_interim_head_signs_as_interim_and_a_vacant_front_head_needs_a_name(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    interim = make_persona("interim", "interim_village_head", community, full_name="Đỗ Văn Lâm Thời")
    vote = _counted_secret_meeting(community, interim)
    with pytest.raises(DomainError) as error:  # no Front work-committee head on the platform and none typed
        services.meeting_decision_issue(
            vote=vote, household_signers=["Một", "Hai"], decision_text="Thống nhất.", actor=interim
        )
    assert error.value.code == "decisions.forms.signers"
    assert not VoteFormDocument.objects.exists()
    record = services.meeting_decision_issue(
        vote=vote,
        second_official_name="Vũ Thị Mặt Trận",
        household_signers=["Một", "Hai"],
        decision_text="Thống nhất.",
        actor=interim,
    )
    assert _signature_pairs(record.document)[:2] == [
        ("TRƯỞNG THÔN LÂM THỜI", "Đỗ Văn Lâm Thời"),
        ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", "Vũ Thị Mặt Trận"),
    ]


def test_a_province_printing_the_chair_and_secretary_model_sets_it(
    settings: Settings, community: AdministrativeUnit, village_head: User
) -> None:
    """The setting exists only for the printed-model reading: the meeting's chair and secretary, typed."""
    settings.VOTING_DECISION_OFFICIAL_SIGNERS = ("chair", "secretary")
    vote = _counted_secret_meeting(community, village_head)
    record = services.meeting_decision_issue(
        vote=vote,
        first_official_name="Lê Văn Chủ Trì",
        second_official_name="Trần Thị Thư Ký",
        household_signers=["Đại Diện Hộ Một", "Đại Diện Hộ Hai"],
        decision_text="Thống nhất.",
        actor=village_head,
    )
    assert _signature_pairs(record.document)[:2] == [
        ("CHỦ TRÌ CUỘC HỌP", "Lê Văn Chủ Trì"),
        ("THƯ KÝ", "Trần Thị Thư Ký"),
    ]


def test_meeting_decision_counts_a_present_household_that_abstains_as_present_not_absent(
    community: AdministrativeUnit, village_head: User
) -> None:
    """Three households present, two vote, one abstains: absent = roll − 3 (here 0), not roll − 2 ([ND59] Mẫu 03)."""
    vote = open_meeting(community, village_head, matter="D6", is_secret=True)
    members = households(community)[:3]
    for household in members:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    services.meeting_officers_approve(
        vote=vote,
        secretary="Trần Thị Thư Ký",
        approving=3,
        counting_board=["Nguyễn Văn Kiểm", "Lê Thị Phiếu", "Phạm Văn Đếm"],
        witnesses=members[:2],
        actor=village_head,
    )
    cast_secret_ballots(vote, village_head, [(members[0], "agree"), (members[1], "disagree")], present=False)
    closed = services.vote_close(vote=vote, actor=village_head)
    assert closed.eligible_count == 3
    record = services.meeting_decision_issue(
        vote=closed,
        first_official_name="Lê Văn Trưởng",
        second_official_name="Hoàng Văn Mặt Trận",
        household_signers=["Đại Diện Hộ Một", "Đại Diện Hộ Hai"],
        decision_text="Không thông qua.",
        actor=village_head,
    )
    absent = closed.eligible_count - 3  # 0: the abstaining household came
    assert (record.figures["households_present"], record.figures["households_absent"]) == (3, absent)
    _assert_printed(record.document, "Số đại diện hộ có mặt: 3 hộ;", f"Số hộ vắng mặt: {absent} hộ.")


# --- Mẫu 04: the two household witnesses ----------------------------------------------------------------


def _online_vote_closed(community: AdministrativeUnit, village_head: User, front_head: User) -> CommunityVote:
    """An open online D6 vote in Thôn 1: two representatives vote from their phones, one with an opinion."""
    members = households(community)
    people = []
    for index, household in enumerate(members[:2]):
        user = make_persona(f"rep-online-{index}", "household_representative", community, full_name=f"Đại Diện {index}")
        household.representative = Resident.objects.create(household=household, full_name=user.full_name, user=user)
        household.address = f"Số {index + 1} ngõ Trúc"
        household.save(update_fields=["representative", "address"])
        people.append(user)
    adoption = open_meeting(community, village_head, matter="D6", purpose="online_adoption", now=NOW)
    for household in members:
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=adoption, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.meeting_officers_approve(vote=adoption, secretary="Thư ký", approving=3, actor=village_head)
    services.vote_close(vote=adoption, actor=village_head)
    starts = NOW + dt.timedelta(days=3, hours=1, minutes=30)  # 25/11/2026 09:30 in Vietnam
    vote = services.vote_create(
        unit=community,
        matter="D6",
        form="online",
        title="Trồng cây",
        question="Trồng cây xanh hai bên đường?",
        starts_at=starts,
        ends_at=starts + dt.timedelta(days=2),
        convenor_role="village_head",
        actor=village_head,
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=vote, role="online_team", full_name=name, actor=village_head)
    services.online_agreement_record(
        vote=vote, village_head=village_head, front_head=front_head, agreed_on=NOW.date(), actor=village_head
    )
    services.vote_schedule(vote=vote, notice_given_at=NOW, actor=village_head)
    vote = services.vote_open(vote=vote, actor=village_head, now=starts)
    services.vote_cast_online(vote_id=vote.pk, actor=people[0], option_key="agree", now=starts)
    services.vote_cast_online(
        vote_id=vote.pk, actor=people[1], option_key="other", other_opinion="Trồng cây bóng mát", now=starts
    )
    return services.vote_close(vote=vote, actor=village_head, now=starts + dt.timedelta(days=2, hours=8, minutes=15))


def test_online_decision_prints_times_participants_counts_and_other_opinions(
    community: AdministrativeUnit, village_head: User, front_head: User
) -> None:
    """law.md §1(b) online voting ([ND59] art. 5): Mẫu 03 of an online vote records the start and end times,
    how many took part, the agree and disagree counts, other opinions and the list of participants."""
    vote = _online_vote_closed(community, village_head, front_head)
    record = services.meeting_decision_issue(
        vote=vote,
        household_signers=["Đại Diện 0", "Đại Diện 1"],
        decision_text="Trồng cây xanh hai bên đường.",
        actor=village_head,
        now=vote.closed_at,
    )
    _assert_printed(
        record.document,
        "Biểu quyết trực tuyến",
        "Thời gian bắt đầu: 09 giờ 30 phút, ngày 25 tháng 11 năm 2026",
        "Thời gian kết thúc: 17 giờ 45 phút, ngày 27 tháng 11 năm 2026",
        "Số hộ tham gia biểu quyết: 2 hộ",
        "Số đồng ý: 1; số không đồng ý: 0",
        "Ý kiến khác: Trồng cây bóng mát",
        "Đại diện hộ tham gia",
        "Số 1 ngõ Trúc",
        "Số 2 ngõ Trúc",
    )
    word = _word_text(record.document)
    assert "Đại Diện 0" in word and "Đại Diện 1" in word
    # The Front work-committee head on the platform signs under their own name ([L] art. 20(2)(g)).
    assert _signature_pairs(record.document)[:2] == [
        ("TRƯỞNG THÔN", "Lê Văn Trưởng"),
        ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", front_head.full_name),
    ]


def test_ballot_minutes_print_both_household_witnesses_and_the_leader(
    community: AdministrativeUnit, village_head: User
) -> None:
    campaign = services.vote_create(
        unit=community,
        matter="D6",
        form="household_ballot",
        title="Chọn nơi đặt thùng rác",
        question="Đặt thùng rác ở đầu ngõ?",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=3),
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    for name in ("Tổ Trưởng Phát Phiếu", "Thành Viên B", "Thành Viên C"):
        services.vote_officer_add(
            vote=campaign, role="ballot_team", full_name=name, is_leader=name.startswith("Tổ"), actor=village_head
        )
    services.vote_schedule(
        vote=campaign,
        notice_given_at=NOW - dt.timedelta(days=3),
        plan_issued_on=dt.date(2026, 11, 18),
        actor=village_head,
    )
    campaign = services.vote_open(vote=campaign, actor=village_head, now=NOW)
    first: Household = households(community)[0]
    services.vote_cast(
        vote=campaign, household=first, option_key="agree", channel=Channel.PAPER_BALLOT, actor=village_head, now=NOW
    )
    closed = services.vote_close(vote=campaign, actor=village_head, now=NOW + dt.timedelta(days=4))
    record = services.ballot_minutes_issue(
        vote=closed, witnesses=["Chứng Kiến Thứ Nhất", "Chứng Kiến Thứ Hai"], actor=village_head
    )
    assert _signature_pairs(record.document) == [
        ("TỔ TRƯỞNG TỔ PHÁT PHIẾU", "Tổ Trưởng Phát Phiếu"),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN", "Chứng Kiến Thứ Nhất"),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN", "Chứng Kiến Thứ Hai"),
    ]
    _assert_printed(
        record.document,
        "Chứng Kiến Thứ Nhất",
        "Chứng Kiến Thứ Hai",
        "TỔ TRƯỞNG TỔ PHÁT PHIẾU",
        "Tổ Trưởng Phát Phiếu",
        "Mẫu 04",
    )
    assert _docx_signature_cells(record.document) == [
        "TỔ TRƯỞNG TỔ PHÁT PHIẾU Tổ Trưởng Phát Phiếu",
        "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN Chứng Kiến Thứ Nhất",
        "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN Chứng Kiến Thứ Hai",
    ]
