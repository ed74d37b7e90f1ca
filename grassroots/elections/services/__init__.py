"""Writes of the elections app: ``from grassroots.elections import services``; ``services.X`` reaches every name.

``elections``: create, candidates, team, milestones, open, count, recognise or refuse, re-run.
``meeting``: the election meeting scheduled with its notice (Mẫu 01) ≥ 2 days before, then opened.
``accounts``: the elected get their role from the recognition day, and an account if they have none.
``dismissals``: request, meeting, recognition and interim head of a village head's dismissal.
``recognition_documents``: the People's Committee's recognition decisions of a village head (D4).
``common``: messages, who organises, the province's term of office.
"""

from grassroots.elections.services.accounts import *  # noqa: F403
from grassroots.elections.services.common import *  # noqa: F403
from grassroots.elections.services.dismissals import *  # noqa: F403
from grassroots.elections.services.elections import *  # noqa: F403
from grassroots.elections.services.meeting import *  # noqa: F403
from grassroots.elections.services.recognition_documents import *  # noqa: F403
