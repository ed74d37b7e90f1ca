"""Workplace dialogue pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import (
    action_required,
    require_action_in_organisation,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.workplaces import rules, selectors, services
from grassroots.workplaces.forms import (
    ConfirmForm,
    DialogueForm,
    DialogueMembersForm,
    dialogue_record_form,
)
from grassroots.workplaces.models import (
    WorkplaceDialogue,
)
from grassroots.workplaces.views.base import (
    TEMPLATE,
    _can,
    _dialogue,
    _dialogue_url,
    _home_url,
    _object_form,
    _organisation,
    _posted,
)


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_new(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    return form_page(
        request,
        DialogueForm(_posted(request), initial={"scheduled_on": clock.today()}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=rules.holds_dialogue(organisation_kind=organisation.kind),
        perform=lambda data: services.dialogue_schedule(organisation=organisation, actor=request.user, **data),
        done=lambda created: Done(_("Đã lên lịch đối thoại."), _dialogue_url(created)),
        template=TEMPLATE,
        context={
            "heading": _("Đối thoại tại nơi làm việc"),
            "back_url": _home_url(organisation),
            "legal_basis": _("Căn cứ: Điều 63 Bộ luật Lao động; Điều 38–41 Nghị định số 145/2020/NĐ-CP."),
        },
    )


@action_required(Action.VIEW_UNIT, per_object=True)
def dialogue_detail(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = _dialogue(request, dialogue_id)
    require_action_in_organisation(request, Action.VIEW_UNIT, dialogue.organisation)
    present = set(dialogue.presences.values_list("member_id", flat=True))
    members = selectors.list_members(dialogue.member_list) if dialogue.member_list else []
    context = {
        "dialogue": dialogue,
        "organisation": dialogue.organisation,
        "may_manage": _can(request, Action.MANAGE_WORKPLACE, dialogue.organisation),
        "publication_due_on": services.dialogue_publication_due_on(dialogue),
        "published_late": services.dialogue_published_late(dialogue),
        "reply_due_on": services.dialogue_reply_due_on(dialogue),
        "replied_on": clock.localdate(dialogue.created_at),
        "members": [(member, member.pk in present) for member in members],
        "show_presence": dialogue.status != "planned",
        "valid": rules.dialogue_is_valid(
            legal_representative_present=bool(dialogue.legal_representative_present),
            workers_present=dialogue.workers_present or 0,
            worker_representatives=dialogue.worker_representatives,
        ),
    }
    return render(request, "workplaces/dialogue_detail.html", context)


def _dialogue_form(
    request: HttpRequest, dialogue: WorkplaceDialogue, form: Any, *, available: bool, **kwargs: Any
) -> HttpResponse:
    return _object_form(
        request,
        form,
        action=Action.MANAGE_WORKPLACE,
        organisation=dialogue.organisation,
        back_url=_dialogue_url(dialogue),
        subject=str(dialogue),
        available=available,
        **kwargs,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_record(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = _dialogue(request, dialogue_id)
    members = {str(member.pk): member for member in selectors.list_members(dialogue.member_list)}
    return _dialogue_form(
        request,
        dialogue,
        dialogue_record_form(_posted(request), list(members.values())),
        perform=lambda data: services.dialogue_record(
            dialogue=dialogue,
            present=[members[key] for key in data["present"]],
            outcome=data["outcome"],
            content_sent_on=data.get("content_sent_on"),
            actor=request.user,
        ),
        message=_("Đã ghi kết quả đối thoại."),
        heading=_("Ghi kết quả đối thoại"),
        available=dialogue.status == "planned",
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_publish(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = _dialogue(request, dialogue_id)
    return _dialogue_form(
        request,
        dialogue,
        ConfirmForm(_posted(request)),
        perform=lambda _data: services.dialogue_publish(dialogue=dialogue, actor=request.user),
        message=_("Đã ghi việc phổ biến kết quả đối thoại."),
        heading=_("Phổ biến kết quả đối thoại tại nơi làm việc"),
        available=dialogue.status == "held",
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_members(request: HttpRequest, org_id: int) -> HttpResponse:
    """Fix the dialogue members of both sides for the next 2 years (Decree 145 art. 38)."""
    organisation = _organisation(request, org_id)
    today = clock.today()
    in_force = selectors.member_list_in_force(organisation, today)
    minimum, maximum = rules.required_worker_representatives(selectors.headcount_on(organisation, today))
    form = DialogueMembersForm(
        _posted(request), initial={"fixed_on": today, "published_on": today}, organisation=organisation, day=today
    )
    return form_page(
        request,
        form,
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=rules.holds_dialogue(organisation_kind=organisation.kind),
        perform=lambda data: services.dialogue_member_list_set(
            organisation=organisation,
            fixed_on=data["fixed_on"],
            published_on=data["published_on"],
            legal_representative=data["legal_representative"],
            employer_members=data["employer_codes"],
            worker_members=data["worker_codes"],
            actor=request.user,
        ),
        done=lambda saved: Done(
            _("Đã xác định danh sách thành viên đối thoại đến hết ngày %(day)s.")
            % {"day": saved.valid_until.strftime("%d/%m/%Y")},
            _home_url(organisation),
        ),
        template="workplaces/dialogue_members.html",
        context={
            "organisation": organisation,
            "heading": _("Danh sách thành viên đối thoại"),
            "back_url": _home_url(organisation),
            "in_force": in_force,
            "in_force_members": selectors.list_members(in_force) if in_force else [],
            "minimum": minimum,
            "maximum": maximum,
        },
    )


# --- the conference's delegates -------------------------------------------------------------
