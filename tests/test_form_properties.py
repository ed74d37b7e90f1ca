"""Property-based bad input on every form of the platform (issue 20), with hypothesis.

Every ``Form`` class in every ``grassroots.*.forms`` module is found by walking the package (a new form is
tested without being listed); forms that need constructor arguments get them from ``KWARGS`` (a form that
cannot be built fails by name until it is added). For each, hypothesis generates posted data field by
field: valid choices mixed with junk, huge and negative numbers, impossible dates, NUL characters,
right-to-left marks, very long text, missing keys. The properties:

- ``is_valid()`` never raises (a raise is a server error on the page);
- a refused form names its errors, each a non-empty message in Vietnamese (the test runs in ``vi``);
- an accepted form has ``cleaned_data`` for every field it declares.

File fields are left empty here: ``tests/test_uploads.py`` plays hostile files against every upload.
The examples are derandomised so CI is reproducible; raise ``FORM_PROPERTY_EXAMPLES`` to search longer.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import os
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import grassroots

EXAMPLES = int(os.environ.get("FORM_PROPERTY_EXAMPLES", "30"))


def _form_classes() -> dict[str, type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(grassroots.__path__, "grassroots."):
        if ".tests" in module_info.name or ".migrations" in module_info.name or not module_info.name.endswith("forms"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
                and not value.__name__.startswith("_")
            ):
                found[f"{module.__name__}.{value.__name__}"] = value
    return found


FORMS = _form_classes()


def _users() -> Any:
    from grassroots.accounts.models import User

    return User.objects.all()


def _units() -> Any:
    from grassroots.units.models import AdministrativeUnit

    return AdministrativeUnit.objects.all()


def _pairs() -> list[tuple[int, str]]:
    return [(1, "Một"), (2, "Hai")]


# Keyword arguments by name; the value is made inside the test (querysets need the database).
NAMED_KWARGS: dict[str, Callable[[], Any]] = {
    "regime": lambda: "commune",
    "organisation_kind": lambda: "agency",
    "options": lambda: [("dong_y", "Đồng ý"), ("khong_dong_y", "Không đồng ý")],
    "communities": _units,
    "units": _pairs,
    "households": _pairs,
    "heads": _users,
    "front_heads": _users,
    "people": _users,
    "handlers": _users,
    "candidates": _pairs,
    "providers": lambda: ["petitions", "disclosures"],
    "organisation": lambda: _organisation(),
    "commune": lambda: _commune(),
    "day": lambda: dt.date(2026, 12, 7),
    "is_secret": lambda: False,
}
# Where the same name means something else in one form.
FORM_KWARGS: dict[str, dict[str, Callable[[], Any]]] = {
    "grassroots.consultations.forms.OpinionSubmitForm": {"sections": lambda: _section_queryset()},
    "grassroots.consultations.forms.OpinionUnsignedForm": {"sections": lambda: _section_queryset()},
    "grassroots.consultations.forms.OpinionEnterForm": {"sections": lambda: _section_queryset()},
    "grassroots.consultations.forms.GroupForm": {"opinions": lambda: _opinion_queryset()},
    "grassroots.conventions.forms.VoteLinkForm": {"votes": lambda: _vote_queryset()},
    "grassroots.initiatives.forms.InitiativeDecideForm": {"votes": lambda: _vote_queryset()},
    "grassroots.funds.forms.FundForm": {"votes": _pairs},
    "grassroots.funds.forms.LimitForm": {"votes": _pairs},
    "grassroots.plans.forms.PlanImportForm": {"units": _units},
    "grassroots.plans.forms.AdhocReportForm": {"units": _units},
    "grassroots.accounts.forms.OwnPasswordChangeForm": {"user": lambda: _someone()},
}


def _organisation() -> Any:
    from grassroots.accounts.testing import make_unit
    from grassroots.units.models import Organisation

    existing = Organisation.objects.first()
    if existing is not None:
        return existing
    commune = make_unit("commune", "Xã Thử Biểu Mẫu", make_unit("province", "Tỉnh Thử Biểu Mẫu"))
    return Organisation.objects.create(kind="public_service_unit", name="Trường Tiểu học Thử", unit=commune)


def _commune() -> Any:
    from grassroots.accounts.testing import make_unit
    from grassroots.units.models import AdministrativeUnit

    existing = AdministrativeUnit.objects.filter(level="commune").first()
    return existing or make_unit("commune", "Xã Thử Biểu Mẫu", make_unit("province", "Tỉnh Thử Biểu Mẫu"))


def _someone() -> Any:
    from grassroots.accounts.models import User

    user = User(username="nguoi-thu", full_name="Người Thử")
    user.set_password("mat-khau-cu-123")
    return user


def _section_queryset() -> Any:
    from grassroots.consultations.models import ConsultationSection

    return ConsultationSection.objects.all()


def _opinion_queryset() -> Any:
    from grassroots.consultations.models import Opinion

    return Opinion.objects.all()


def _vote_queryset() -> Any:
    from grassroots.voting.models import CommunityVote

    return CommunityVote.objects.all()


def _build(name: str, form_class: type[forms.BaseForm], data: dict[str, Any] | None) -> forms.BaseForm:
    parameters = inspect.signature(form_class.__init__).parameters.values()
    required = [p.name for p in parameters if p.kind is p.KEYWORD_ONLY and p.default is p.empty]
    kwargs: dict[str, Any] = {key: maker() for key, maker in FORM_KWARGS.get(name, {}).items()}
    for key in required:
        maker = FORM_KWARGS.get(name, {}).get(key) or NAMED_KWARGS.get(key)
        assert maker is not None, f"{name} needs {key!r}: add it to NAMED_KWARGS or FORM_KWARGS"
        kwargs[key] = maker()
    form = form_class(data=data, **kwargs) if data is not None else form_class(**kwargs)
    for field in form.fields.values():
        # Views set some choice querysets after building the form (the household's own options...).
        if isinstance(field, forms.ModelChoiceField) and field.queryset is None:
            field.queryset = _units()
    return form


# --- values, field by field -------------------------------------------------------------------------

TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80)
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\u202e\u0645\u0631\u062d\u0628\u0627",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "9" * 400,
        "-1",
        "0",
        "1e309",
        "NaN",
        "2026-02-30",
        "0000-00-00",
        "31/12/2026",
        "2026-13-01T25:61",
        "x" * 20_000,
        "Nguyễn Văn Ấn",
    ]
)
JUNK = st.one_of(TEXT, NASTY)


def _choice_values(field: forms.Field) -> list[str]:
    values: list[str] = []
    for value, label in getattr(field, "choices", []) or []:
        if isinstance(label, list | tuple):  # an optgroup
            values.extend(str(inner) for inner, _ in label)
        else:
            values.append(str(value))
    return values


def _value(field: forms.Field) -> st.SearchStrategy[Any]:
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return st.one_of(st.sampled_from(["on", "", "true", "false", "1", "0", "unknown"]), JUNK)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return st.lists(st.one_of(st.integers(-5, 10**12).map(str), JUNK), max_size=4)
    if isinstance(field, forms.ModelChoiceField):
        return st.one_of(st.integers(-5, 10**20).map(str), JUNK)
    if isinstance(field, forms.MultipleChoiceField):
        choices = _choice_values(field)
        return st.lists(st.one_of(st.sampled_from(choices), JUNK) if choices else JUNK, max_size=4)
    if isinstance(field, forms.ChoiceField):
        choices = _choice_values(field)
        return st.one_of(st.sampled_from(choices), JUNK) if choices else JUNK
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return st.one_of(st.integers(-(10**30), 10**30).map(str), st.floats(allow_nan=True).map(str), JUNK)
    if isinstance(field, forms.DateTimeField):
        return st.one_of(st.datetimes().map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M")), JUNK)
    if isinstance(field, forms.DateField):
        return st.one_of(st.dates().map(lambda day: day.isoformat()), JUNK)
    if isinstance(field, forms.EmailField):
        return st.one_of(st.emails(), JUNK)
    return JUNK


def _is_vietnamese(message: str) -> bool:
    """Vietnamese sentences carry diacritics; a bare English or code-like message does not."""
    return any(ord(char) > 127 for char in message)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_no_form_raises_on_bad_input_and_each_refusal_speaks_vietnamese(name: str) -> None:
    form_class = FORMS[name]
    fields = _build(name, form_class, None).fields
    generators = {key: _value(field) for key, field in fields.items() if not isinstance(field, forms.FileField)}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.fixed_dictionaries({}, optional=generators))
    def check(data: dict[str, Any]) -> None:
        posted: dict[str, Any] = {
            key: [str(item) for item in value] if isinstance(value, list) else str(value) for key, value in data.items()
        }
        with translation.override("vi"):
            form = _build(name, form_class, posted)
            valid = form.is_valid()  # must not raise
            if valid:
                assert set(form.fields) <= set(form.cleaned_data) | {
                    key for key, field in form.fields.items() if isinstance(field, forms.FileField)
                }
                return
            assert form.errors
            for field_name, messages in form.errors.items():
                for message in map(str, messages):
                    assert message.strip(), f"{name}.{field_name}: an empty message"
                    assert _is_vietnamese(message), f"{name}.{field_name}: not in Vietnamese: {message!r}"

    check()


def test_every_form_is_found() -> None:
    """The walk finds the forms of every app that has them (a broken walk would test nothing)."""
    apps_with_forms = {name.split(".")[1] for name in FORMS}
    print(f"\nform properties: {len(FORMS)} forms x {EXAMPLES} examples")
    assert len(FORMS) >= 140
    assert {"units", "disclosures", "voting", "petitions", "consultations", "funds", "plans"} <= apps_with_forms
