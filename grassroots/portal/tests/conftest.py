"""The portal tests share the dashboard's small unit tree."""

from grassroots.dashboard.tests.conftest import tree  # noqa: F401
