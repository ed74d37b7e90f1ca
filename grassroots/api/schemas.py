"""The shapes the API answers with (OpenAPI 3 components)."""

import datetime as dt

from ninja import Schema


class ErrorOut(Schema):
    """Every refusal: a stable ``code`` for programs and a ``message`` for people (Vietnamese, or English with
    ``Accept-Language: en``)."""

    code: str
    message: str


class CommunityOut(Schema):
    id: int
    name: str


class CommuneOut(Schema):
    id: int
    slug: str
    name: str
    province: str
    community_count: int = 0


class CommuneDetailOut(CommuneOut):
    communities: list[CommunityOut]


class DisclosureOut(Schema):
    id: int
    commune: str
    category: str
    category_name: str
    title: str
    status: str
    decision_number: str
    decided_on: dt.date | None
    first_published_on: dt.date | None
    published_on: dt.date | None
    ended_on: dt.date | None
    url: str


class DisclosureDetailOut(DisclosureOut):
    body: str


class ConsultationOut(Schema):
    id: int
    commune: str
    title: str
    matter: str
    status: str
    opens_on: dt.date
    closes_on: dt.date
    published_on: dt.date | None
    report_url: str | None
    url: str


class OptionCount(Schema):
    key: str
    label: str
    count: int


class VoteResultOut(Schema):
    id: int
    community_id: int
    title: str
    question: str
    matter: str
    form: str
    status: str
    closed_at: dt.datetime | None
    eligible: int
    participated: int
    yes: int
    required: int
    passed: bool
    options: list[OptionCount]


class CaseOut(Schema):
    id: int
    commune: str
    kind: str
    title: str
    content: str
    status: str
    received_on: dt.date
    answered_on: dt.date | None
    answer: str
    url: str


class ActionIn(Schema):
    note: str = ""


class ActionOut(Schema):
    id: int
    status: str
