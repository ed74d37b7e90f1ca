"""The demo seed includes a staff decision by ballot ([L] art. 50(2)): counted, its minutes issued and its result
published inside the school; seeding twice adds nothing."""

from __future__ import annotations

import pytest

from grassroots.accounts.models import Role
from grassroots.units.models import AdministrativeUnit
from grassroots.workplaces.ballots import ballot_passed
from grassroots.workplaces.demo import STORM_BALLOT_TITLE, workplaces_demo_seed
from grassroots.workplaces.models import StaffBallot, StaffBallotGround, StaffBallotStatus
from grassroots.workplaces.tests.conftest import make_organisation, org_persona

pytestmark = pytest.mark.django_db


def test_seeding_creates_a_counted_staff_ballot(commune: AdministrativeUnit) -> None:
    school = make_organisation(commune, "Trường Tiểu học Vân Long")
    principal = org_persona("hieutruong", Role.AGENCY_HEAD, school, "Lương Thị Thảo")
    assert workplaces_demo_seed(organisations={"school": school}, users={"hieutruong": principal}) == 1
    ballot = StaffBallot.objects.get(organisation=school)
    assert (ballot.title, ballot.ground, ballot.status) == (
        STORM_BALLOT_TITLE,
        StaffBallotGround.FORCE_MAJEURE,
        StaffBallotStatus.COUNTED,
    )
    assert (ballot.roll_size, ballot.returns.count()) == (42, 40)
    assert (ballot.votes_for, ballot.votes_against, ballot.votes_abstain) == (35, 3, 2)
    assert ballot_passed(ballot) is True
    assert ballot.minutes_document is not None
    assert ballot.result_disclosure is not None and ballot.result_disclosure.category.code == "A12"
    assert workplaces_demo_seed(organisations={"school": school}, users={"hieutruong": principal}) == 0
    assert StaffBallot.objects.filter(organisation=school).count() == 1
