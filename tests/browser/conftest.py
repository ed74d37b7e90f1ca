"""Browser tests: pytest-playwright driving Debian's chromium (``apt-get install chromium``).

Playwright's own browser download is never used (no network): ``executable_path`` points at the
system chromium. Run them with ``python -m pytest -m browser tests/browser``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from grassroots.accounts.models import User

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "mat-khau-trinh-duyet"
OFFICER_PHONE = "0900000903"
COMMUNE_NAME = "Xã Hòa Thử Trình Duyệt"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """Shadows pytest-playwright's fallback ``base_url`` (a method fixture that pytest 9 deprecates,
    which our warnings-as-errors setting would turn into an error); tests use ``live_server.url``."""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A phone-sized viewport: the interface is designed at 360 px first.
    return {**browser_context_args, "viewport": {"width": 360, "height": 740}, "locale": "vi-VN"}


@pytest.fixture
def officer(transactional_db: None) -> User:
    """A commune officer of a commune with two communities and a few households.

    A transactional test database is flushed between tests, which removes the rows the migrations seed:
    the disclosure catalogue is put back here, since every journey that publishes needs it.
    """
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.disclosures import catalogue
    from grassroots.disclosures.models import DisclosureCategory

    catalogue.seed(DisclosureCategory)
    from grassroots.units.models import AdministrativeUnit, Household, UnitKind, UnitLevel

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]

    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, name="Tỉnh Thử", code="T98", slug="tinh-thu", kind=kind("tinh", "province")
    )
    commune = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNE,
        name=COMMUNE_NAME,
        parent=province,
        code="X9801",
        slug="hoa-thu-trinh-duyet",
        kind=kind("xa", "commune"),
    )
    for number in range(1, 3):
        community = AdministrativeUnit.objects.create(
            level=UnitLevel.COMMUNITY,
            name=f"Thôn {number}",
            parent=commune,
            code=f"{number:02d}",
            kind=kind("thon", "community"),
        )
        Household.objects.create(community=community, code=f"H{number}", active_from=dt.date(2020, 1, 1))
    user = User.objects.create_user(
        username="canbo-trinh-duyet", password=PASSWORD, full_name="Nguyễn Thị Thử", phone=OFFICER_PHONE
    )
    RoleMembership.objects.create(user=user, role=Role.COMMUNE_OFFICER, unit=commune, valid_from=dt.date(2025, 7, 1))
    return user


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The role journeys' totals (cells checked, axe results) at the end of the run."""
    from .test_role_journeys import JOURNEY_SUMMARY

    for line in JOURNEY_SUMMARY:
        terminalreporter.write_line(line)
