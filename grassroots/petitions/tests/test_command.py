"""``manage.py case_deadlines``: the clocks of each kind from the stored calendar; bad input is a clear message."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _run(*args: str) -> dict[str, str]:
    out = StringIO()
    call_command("case_deadlines", *args, "--json", stdout=out)
    result: dict[str, str] = json.loads(out.getvalue())
    return result


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("feedback", {"acknowledge_by": "2027-02-24", "resolve_by": "2027-03-03"}),
        ("petition", {"acknowledge_by": "2027-02-24", "resolve_by": "2027-03-03"}),
        ("complaint", {"acknowledge_by": "2027-02-24", "accept_by": "2027-02-24", "resolve_by": "2027-03-26"}),
        (
            "denunciation",
            {
                "acknowledge_by": "2027-02-24",
                "initial_handling_by": "2027-02-19",
                "forward_by": "2027-02-17",
                "resolve_by": "2027-03-22",
            },
        ),
    ],
)
def test_clocks_of_a_case_received_just_before_tet_2027(kind: str, expected: dict[str, str]) -> None:
    result = _run("--kind", kind, "--received", "2027-02-03")
    assert result == {"kind": kind, "received": "2027-02-03", **expected}


def test_options_change_the_clocks(settings: object) -> None:
    assert _run("--kind", "denunciation", "--received", "2027-02-03", "--several-places")["initial_handling_by"] == (
        "2027-02-24"
    )
    remote = _run("--kind", "complaint", "--received", "2027-02-03", "--accepted", "2027-02-05", "--remote")
    assert remote["resolve_by"] == "2027-03-22"  # +45 = Sunday 21/03 → Monday


def test_feedback_target_follows_the_setting(settings: object) -> None:
    settings.GRASSROOTS_PETITIONS_RESOLUTION_TARGET_WORKING_DAYS = 5  # type: ignore[attr-defined]
    assert _run("--kind", "feedback", "--received", "2027-02-03")["resolve_by"] == "2027-02-17"


def test_plain_output() -> None:
    out = StringIO()
    call_command("case_deadlines", "--kind", "feedback", "--received", "2027-02-03", stdout=out)
    assert "acknowledge_by: 2027-02-24" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--kind", "kudos", "--received", "2027-02-03"], "Loại vụ việc không hợp lệ"),
        (["--kind", "feedback", "--received", "2027-02-30"], "Ngày tiếp nhận không hợp lệ"),
        (["--kind", "feedback", "--received", "3/2/2027"], "YYYY-MM-DD"),
        (["--kind", "complaint", "--received", "2027-02-03", "--accepted", "2027-02-01"], "Ngày thụ lý"),
        (["--kind", "complaint", "--received", "2027-02-03", "--complexity", "hard"], "Mức độ phức tạp"),
        (["--kind", "feedback", "--received", "1990-01-01"], "phạm vi lịch"),
    ],
)
def test_bad_input_is_a_vietnamese_message(args: list[str], needle: str) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("case_deadlines", *args, stdout=StringIO())
    assert needle in str(raised.value)


def test_bad_input_exits_non_zero_without_a_traceback() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "manage.py", "case_deadlines", "--kind", "kudos", "--received", "2027-02-03"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Loại vụ việc không hợp lệ" in done.stderr
