"""Personas and a fixed clock for the community-vote tests (shared with elections and initiatives)."""

from grassroots.voting.testing import front_chair, front_head, frozen_clock, now

__all__ = ["front_chair", "front_head", "frozen_clock", "now"]
