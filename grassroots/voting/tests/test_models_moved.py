"""The split of ``decisions`` into voting, elections and initiatives keeps every row and its history.

Plays an existing database: migrated to ``decisions`` 0003 (before the split) with a vote and an
election in it, then migrated forward; the rows are read through the new apps' models, the content
types follow, and the vote's history written under the old label still shows.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from grassroots.accounts.models import User
from grassroots.core.services import audit_record
from grassroots.elections.models import Election
from grassroots.units.models import AdministrativeUnit
from grassroots.voting import selectors
from grassroots.voting.models import CommunityVote

BEFORE = [
    ("decisions", "0003_village_head_term_setting"),
    ("voting", None),
    ("elections", None),
    ("initiatives", None),
]


def _latest(executor: MigrationExecutor) -> list[tuple[str, str]]:
    """Every app's latest migration: going back before the split also unapplied the apps that depend on
    voting (funds, jobs...), so the whole schema comes back, or later tests find their tables missing."""
    return list(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_rows_survive_the_split(
    community: AdministrativeUnit, village_head: User, commune_chair: User
) -> None:
    executor = MigrationExecutor(connection)
    latest = _latest(executor)
    try:
        executor.migrate(BEFORE)
        old = MigrationExecutor(connection).loader.project_state([("decisions", "0003_village_head_term_setting")]).apps
        OldVote = old.get_model("decisions", "CommunityVote")
        OldElection = old.get_model("decisions", "Election")
        moment = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
        vote = OldVote.objects.create(
            unit_id=community.pk,
            matter="D6",
            form="meeting",
            title="Trước khi tách ứng dụng",
            question="?",
            convened_by_id=village_head.pk,
            convenor_role="village_head",
            starts_at=moment,
        )
        election = OldElection.objects.create(
            community_id=community.pk,
            kind="village_head",
            election_date=dt.date(2026, 12, 20),
            created_by_id=commune_chair.pk,
        )
        ContentType.objects.get_or_create(app_label="decisions", model="communityvote")
        ContentType.objects.filter(app_label="voting", model="communityvote").delete()
        legacy = SimpleNamespace(pk=vote.pk, _meta=SimpleNamespace(label_lower="decisions.communityvote"))
        audit_record(code="decisions.vote.created", actor=village_head, unit=community.pk, obj=legacy, now=moment)  # type: ignore[arg-type]
    finally:
        # The step under test: forward to the latest schema (also when the set-up above failed half-way,
        # so later tests never find their tables missing).
        MigrationExecutor(connection).migrate(latest)

    moved = CommunityVote.objects.get(pk=vote.pk)
    assert moved.title == "Trước khi tách ứng dụng"
    assert Election.objects.get(pk=election.pk).community_id == community.pk
    assert ContentType.objects.filter(app_label="voting", model="communityvote").exists()
    assert not ContentType.objects.filter(app_label="decisions", model="communityvote").exists()
    assert [event.code for event in selectors.vote_history(moved)] == ["decisions.vote.created"]
