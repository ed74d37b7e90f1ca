from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    """The migration history of the former ``decisions`` app, nothing else.

    Community decisions were split by the parts of the law into ``voting`` (matters, meetings, ballots,
    online votes, results), ``elections`` (village heads, boards, dismissals) and ``initiatives``.
    Their models kept their tables (``decisions_*``); ``migrations/0004_models_moved.py`` hands them
    over. This app stays installed so that existing databases and fresh ones reach the same state.
    """

    name = "grassroots.decisions"
    label = "decisions"
    verbose_name = "decisions (migration history)"
