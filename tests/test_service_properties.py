"""Property-based bad input on the service entry points that take what people type (issue 20), with hypothesis.

Forms stop most junk (``tests/test_form_properties.py``); services are also called by the API, the jobs and
the imports, so they must hold on their own. For each service, hypothesis mixes valid values with junk
(other communes' objects, unknown codes, NUL characters, text of 20,000 characters, dates far in the past and
future, actors without the right) and checks:

- the service either succeeds or refuses with ``DomainError`` carrying a Vietnamese message; nothing else;
- a refusal writes nothing (the rows of the service's tables are counted before and after);
- the law's invariant holds after every example: one vote per household on the roll, and no vote from a
  household off the roll; every case has exactly one identity; household codes stay unique per commune.

Examples are derandomised so CI is reproducible; ``SERVICE_PROPERTY_EXAMPLES`` raises the count.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

import pytest
from django.db import models
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grassroots.core.errors import DomainError

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SERVICE_PROPERTY_EXAMPLES", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)
NASTY = st.sampled_from(["", " ", "\x00", "a\x00b", "x" * 20_000, "<script>alert(1)</script>", "' OR 1=1 --", "Đèn"])
JUNK = st.one_of(TEXT, NASTY)
DATES = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.sampled_from([dt.date(2026, 2, 17), dt.date(2026, 12, 7)]),  # Tết 2026, today
)


def _vietnamese(message: str) -> bool:
    return bool(message.strip()) and any(ord(char) > 127 for char in message)


def _counts(*model_classes: type[models.Model]) -> tuple[int, ...]:
    return tuple(model._default_manager.count() for model in model_classes)


def _attempt(call: Callable[[], Any], *watched: type[models.Model]) -> bool:
    """Run one call; True if it succeeded. A refusal must speak Vietnamese and leave the watched tables as they were."""
    before = _counts(*watched)
    try:
        call()
    except DomainError as refusal:
        assert _vietnamese(str(refusal.message)), f"{refusal.code}: not a Vietnamese message: {refusal.message!r}"
        assert _counts(*watched) == before, f"{refusal.code}: a refusal wrote rows"
        return False
    return True


def test_casting_a_vote_holds_one_household_one_vote_whatever_is_sent(commune: Any, other_commune: Any) -> None:
    from grassroots.accounts.testing import make_household, make_unit
    from grassroots.voting import services
    from grassroots.voting.models import Channel, VoteParticipation, VoteRollEntry
    from grassroots.voting.testing import NOW
    from grassroots.voting.tests.test_secrecy import _online_world

    vote, head, people = _online_world(commune, count=4)
    stranger_household = make_household(make_unit("community", "Thôn Lạ", other_commune), "LA-01")
    households = [household for household, _ in people] + [stranger_household]
    actors = [user for _, user in people] + [head, None]
    channels = [*Channel.values, "telepathy", ""]
    successes = 0

    @SETTINGS
    @given(
        index=st.integers(0, len(people) - 1),
        corrupt=st.sets(st.sampled_from(["household", "actor", "channel", "option", "opinion", "time"])),
        household=st.sampled_from(households),
        actor=st.sampled_from(actors),
        channel=st.sampled_from(channels),
        option=st.one_of(st.none(), JUNK),
        opinion=JUNK,
        minutes=st.integers(-10_000, 10_000),
    )
    def cast(index: int, corrupt: set[str], **junk: Any) -> None:
        """An honest household's online vote, with some of its parts replaced by what an attacker would send."""
        nonlocal successes
        honest_household, honest_user = people[index]
        values: dict[str, Any] = {
            "household": junk["household"] if "household" in corrupt else honest_household,
            "actor": junk["actor"] if "actor" in corrupt else honest_user,
            "channel": junk["channel"] if "channel" in corrupt else Channel.ONLINE,
            "option_key": junk["option"] if "option" in corrupt else ("agree", "disagree")[index % 2],
            "other_opinion": junk["opinion"] if "opinion" in corrupt else "",
            "now": NOW + dt.timedelta(minutes=junk["minutes"] if "time" in corrupt else index),
        }
        done = _attempt(lambda: services.vote_cast(vote=vote, **values), VoteParticipation)
        successes += done
        per_household = VoteParticipation.objects.filter(vote=vote).values("household_id").annotate(n=Count("id"))
        assert all(row["n"] == 1 for row in per_household), "a household voted twice"
        on_roll = set(VoteRollEntry.objects.filter(vote=vote).values_list("household_id", flat=True))
        assert {row["household_id"] for row in per_household} <= on_roll, "a household off the roll voted"

    cast()
    print(f"\nservice properties: vote_cast {successes} accepted of {EXAMPLES}")
    assert 0 < successes <= len(people)


def test_receiving_a_case_writes_a_whole_case_or_nothing(commune: Any, other_commune: Any, resident: Any) -> None:
    from grassroots.petitions import services
    from grassroots.petitions.models import Case, CaseChannel, CaseIdentity, CaseKind

    honest = {
        "unit": commune,
        "kind": CaseKind.FEEDBACK,
        "channel": CaseChannel.ONLINE,
        "title": "Đèn đường hỏng",
        "content": "Đèn đường trước nhà văn hóa hỏng đã một tuần.",
        "name": "Nguyễn Văn Dân",
        "phone": "0912345678",
        "received_on": None,
        "act_known_on": None,
        "photo": None,
    }

    @SETTINGS
    @given(
        corrupt=st.sets(st.sampled_from(sorted(honest))),
        unit=st.sampled_from([commune, other_commune]),
        kind=st.one_of(st.sampled_from(CaseKind.values), JUNK),
        channel=st.one_of(st.sampled_from(CaseChannel.values), JUNK),
        title=JUNK,
        content=JUNK,
        name=JUNK,
        phone=st.one_of(st.from_regex(r"0[0-9]{9}", fullmatch=True), JUNK),
        received_on=st.one_of(st.none(), DATES),
        act_known_on=st.one_of(st.none(), DATES),
        photo=st.one_of(st.none(), st.binary(max_size=64)),
        confidential=st.booleans(),
        public=st.booleans(),
    )
    def receive(corrupt: set[str], confidential: bool, public: bool, **junk: Any) -> None:
        """A resident's honest case, with some of its parts replaced by junk."""
        values = {key: junk[key] if key in corrupt else value for key, value in honest.items()}
        _attempt(
            lambda: services.case_receive(
                unit=values["unit"],
                kind=values["kind"],
                channel=values["channel"],
                title=values["title"],
                content=values["content"],
                citizen=services.Citizen(full_name=values["name"], phone=values["phone"], user=resident),
                actor=resident,
                received_on=values["received_on"],
                act_known_on=values["act_known_on"],
                confidentiality_requested=confidential,
                is_public=public,
                photos=[("anh.jpg", values["photo"])] if values["photo"] is not None else [],
            ),
            Case,
            CaseIdentity,
        )
        assert Case.objects.count() == CaseIdentity.objects.count(), "a case without its one identity"

    receive()
    print(f"\nservice properties: case_receive {Case.objects.count()} accepted of {EXAMPLES}")
    assert Case.objects.exists(), "no honest case got through: the test exercised only refusals"


def test_submitting_an_opinion_takes_it_whole_or_refuses(
    commune: Any, community: Any, other_commune: Any, resident: Any, commune_officer: Any
) -> None:
    from grassroots.consultations import services
    from grassroots.consultations.models import Opinion, OpinionStance

    vn = dt.timezone(dt.timedelta(hours=7))
    created = dt.datetime(2026, 11, 2, 8, 0, tzinfo=vn)
    consultation = services.consultation_create(
        commune=commune,
        matter="C5",
        title="Dự thảo quy định giữ gìn vệ sinh môi trường xã",
        opens_on=dt.date(2026, 11, 2),
        closes_on=dt.date(2026, 11, 22),
        forms_used=["online"],
        actor=commune_officer,
        now=created,
    )
    services.section_add(consultation=consultation, heading="Điều 1", text="Giờ thu gom rác.", actor=commune_officer)
    services.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=dt.date(2026, 11, 2),
        sent_to_front_on=dt.date(2026, 11, 2),
        actor=commune_officer,
        now=created,
    )
    services.consultation_open(consultation=consultation, actor=commune_officer, now=created)
    other_village = other_commune.children.first()
    accepted = 0

    @SETTINGS
    @given(
        stance=st.one_of(st.sampled_from(OpinionStance.values), JUNK),
        text=JUNK,
        shows=st.booleans(),
        where=st.sampled_from([community, other_village]),
        hours=st.integers(-24 * 60, 24 * 60),
    )
    def submit(stance: str, text: str, shows: bool, where: Any, hours: int) -> None:
        nonlocal accepted
        accepted += _attempt(
            lambda: services.opinion_submit(
                consultation=consultation,
                community=where,
                stance=stance,
                text=text,
                actor=resident,
                shows_name=shows,
                now=dt.datetime(2026, 11, 10, 9, 0, tzinfo=vn) + dt.timedelta(hours=hours),
            ),
            Opinion,
        )

    submit()
    print(f"\nservice properties: opinion_submit {accepted} accepted of {EXAMPLES}")
    # Only opinions sent while the consultation took them were kept, each about this consultation.
    assert Opinion.objects.filter(consultation=consultation).count() == accepted


def test_registering_households_keeps_codes_unique(commune: Any, community: Any, commune_officer: Any) -> None:
    from grassroots.units.models import Household
    from grassroots.units.services import household_create

    @SETTINGS
    @given(
        code=st.one_of(st.sampled_from(["H-01", "h-01", " H-01 ", "H-02"]), JUNK),
        address=JUNK,
        active_from=DATES,
        unit=st.sampled_from([community, commune]),
    )
    def register(code: str, address: str, active_from: dt.date, unit: Any) -> None:
        _attempt(
            lambda: household_create(
                community=unit, code=code, address=address, active_from=active_from, actor=commune_officer
            ),
            Household,
        )
        codes = [code.strip().lower() for code in Household.objects.values_list("code", flat=True)]
        assert len(codes) == len(set(codes)), "two households share a code in one commune"

    register()
    print(f"\nservice properties: household_create {Household.objects.count()} households after {EXAMPLES} tries")
