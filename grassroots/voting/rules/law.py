"""The legal numbers of community votes, each citing its article (law.md §6 row in brackets)."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Legal numbers (each cites its article; law.md §6 row in brackets)
# ---------------------------------------------------------------------------------------------

MEETING_NOTICE_DAYS = 2
"""The meeting notice reaches households ≥ 2 days before the meeting. [ND59] art. 3(3) (§6 row 12)."""
MEETING_DOCUMENTS_DAYS = 2
"""For D1–D3 the documents reach each household ≥ 2 days before. [ND59] art. 3(4) (§6 row 13)."""
COUNTING_BOARD_MIN = 3
"""Counting board of 3–5 people. [ND59] art. 3(5)(c) (§6 row 15)."""
COUNTING_BOARD_MAX = 5
"""Counting board of 3–5 people. [ND59] art. 3(5)(c) (§6 row 15)."""
COUNTING_WITNESSES = 2
"""Two household representatives witness the count. [ND59] arts 3(5)(c), 4(6)(a) (§6 row 16)."""
CLUSTER_MEETING_MIN_HOUSEHOLDS = 200
"""A community of ≥ 200 households (or scattered) may meet by clusters. [L] art. 18(3) (§6 row 11)."""
BALLOT_TEAM_MIN = 3
"""Ballot team / online-vote team of 3–5 members. [L] art. 19(2); [ND59] arts 4(3), 5(2)(b) (§6 row 24)."""
BALLOT_TEAM_MAX = 5
"""Ballot team / online-vote team of 3–5 members. [L] art. 19(2); [ND59] arts 4(3), 5(2)(b) (§6 row 24)."""
BALLOT_NOTICE_DAYS = 2
"""Ballot campaign made public ≥ 2 days before ballots are handed out. [L] art. 19(2); [ND59] art. 4(4) (row 26)."""
BALLOT_PLAN_SEND_DAYS = 2
"""The ballot plan goes to the commune Chair and Front ≤ 2 days after issue. [ND59] art. 4(2) (row 25)."""
SUBMISSION_WORKING_DAYS = 5
"""The decision goes to the People's Committee and the Front ≤ 5 working days after the vote.
[L] art. 20(3) (§6 row 19)."""
RECOGNITION_WORKING_DAYS = 5
"""Recognition (or written refusal) ≤ 5 working days after receipt.
[L] art. 21(2); [ND59] arts 8, 9(3) (§6 rows 20, 36)."""

COMMUNE_MATTER_COMMUNITY_THRESHOLD_DEFAULT = "at_least_two_thirds"
"""UNCERTAIN: how a community "approves" inside a commune-wide D1/D2 vote is not spelled out ([L] art. 21(1)
counts approving communities). Default: the community's own D1/D2 threshold (≥ 2/3 of its households).
Setting: ``settings.DECISIONS_COMMUNE_MATTER_COMMUNITY_THRESHOLD``."""
