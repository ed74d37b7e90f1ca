"""The voting personas the built-in job tests need."""

from grassroots.voting.testing import front_head, frozen_clock

__all__ = ["front_head", "frozen_clock"]
