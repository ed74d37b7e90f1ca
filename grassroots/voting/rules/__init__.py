"""Pure rules of community votes: the matter table, thresholds, forms, convenors, meetings, ballots.

Plain values in, a value or a ``RuleResult`` out; no queries. Sources: law.md §1(b), §1(g) and §6
(numeric parameters). [L] = Law 10/2022/QH15, [ND59] = Decree 59/2023/NĐ-CP, [ND61] = Decree 61/2023/NĐ-CP.

One module per concern; ``from grassroots.voting import rules`` and ``rules.X`` reach every name:
``law`` (legal numbers), ``thresholds`` (the one outcome rule), ``matters`` (D1–D6), ``meetings``,
``deadlines``, ``safeguards`` (roll, secrecy, online agreement), ``transitions``.
"""

from grassroots.voting.rules.deadlines import *  # noqa: F403
from grassroots.voting.rules.forms import *  # noqa: F403
from grassroots.voting.rules.law import *  # noqa: F403
from grassroots.voting.rules.matters import *  # noqa: F403
from grassroots.voting.rules.meetings import *  # noqa: F403
from grassroots.voting.rules.safeguards import *  # noqa: F403
from grassroots.voting.rules.thresholds import *  # noqa: F403
from grassroots.voting.rules.transitions import *  # noqa: F403
from grassroots.voting.rules.transitions import _TABLES  # noqa: F401  (the tests read the literal table)
