"""Personas and a fixed clock for the election tests (shared with voting)."""

from grassroots.voting.testing import front_chair, front_head, frozen_clock, now

__all__ = ["front_chair", "front_head", "frozen_clock", "now"]
