"""Staff pages of village conventions: the village head drafts, posts for comment, answers, links the vote and
sends the dossier; the commune People's Committee recognises, refuses, suspends or abolishes.

Thin views: fetch the object (404 outside the user's units), ``form_page`` asks the Action matrix (403),
one service call, redirect.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    get_unit_for_view,
    require_action,
    require_any_action,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.consultations import rules as consultation_rules
from grassroots.consultations import selectors as consultation_selectors
from grassroots.consultations import services as consultation_services
from grassroots.consultations.models import ConsultationStatus, Opinion
from grassroots.conventions import forms, rules, selectors, services
from grassroots.conventions.models import Convention, ConventionVersion, SignerRole, VersionStatus
from grassroots.core import clock
from grassroots.core.params import ascii_int
from grassroots.units.models import AdministrativeUnit, UnitLevel

TEMPLATE = "conventions/form_page.html"
STAFF_ACTIONS = (Action.MANAGE_CONVENTIONS, Action.ACT_FOR_PEOPLES_COMMITTEE)


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _unit(request: HttpRequest, key: int | str, level: str) -> AdministrativeUnit:
    unit = get_unit_for_view(request, key)
    if unit.level != level:
        raise Http404("wrong level")
    return unit


def _convention(request: HttpRequest, convention_id: int) -> Convention:
    return get_object_in_units(request, Convention.objects.select_related("community"), "community", pk=convention_id)


def _version(request: HttpRequest, version_id: int) -> ConventionVersion:
    return get_object_in_units(
        request,
        ConventionVersion.objects.select_related("convention", "convention__community", "consultation", "vote"),
        "convention__community",
        pk=version_id,
    )


def _url(convention: Convention | int) -> str:
    return reverse("conventions:staff_detail", args=[getattr(convention, "pk", convention)])


def _context(convention: Convention, heading: str, **extra: Any) -> dict[str, Any]:
    return {"convention": convention, "heading": heading, "back_url": _url(convention), **extra}


def _commune_id(convention: Convention) -> int:
    return int(convention.community.parent_id or 0)


@action_required(Action.ACT_FOR_PEOPLES_COMMITTEE, per_object=True)
def staff_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The commune's conventions, the dossiers waiting for recognition and the counts for the yearly report."""
    commune = _unit(request, commune_slug, UnitLevel.COMMUNE)
    require_action(request, Action.ACT_FOR_PEOPLES_COMMITTEE, commune)
    today = clock.today()
    waiting = [
        (version, selectors.deadlines(version, today))
        for version in selectors.versions_awaiting_recognition([commune.pk])
    ]
    context = {
        "commune": commune,
        "conventions": selectors.public_conventions(commune)[:200],
        "waiting": waiting,
        "counts": selectors.status_counts(commune),
        "year_counts": selectors.status_counts(commune, today.year),
        "year": today.year,
    }
    return render(request, "conventions/staff_list.html", context)


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
def staff_community(request: HttpRequest, community_id: int) -> HttpResponse:
    community = _unit(request, community_id, UnitLevel.COMMUNITY)
    require_action(request, Action.MANAGE_CONVENTIONS, community)
    context = {"community": community, "conventions": selectors.community_conventions(community)}
    return render(request, "conventions/staff_community.html", context)


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest, community_id: int) -> HttpResponse:
    community = _unit(request, community_id, UnitLevel.COMMUNITY)
    return form_page(
        request,
        forms.ConventionForm(_posted(request)),
        action=Action.MANAGE_CONVENTIONS,
        unit=community,
        perform=lambda data: services.convention_propose(community=community, actor=request.user, **data),
        done=lambda created: Done(_("Đã ghi đề xuất; tổ soạn thảo thêm các điều của dự thảo."), _url(created)),
        template=TEMPLATE,
        context={
            "heading": _("Đề xuất xây dựng hương ước, quy ước"),
            "back_url": reverse("conventions:staff_community", args=[community.pk]),
            "legal_basis": _("Căn cứ: Điều 7, Điều 8 Nghị định số 61/2023/NĐ-CP."),
        },
    )


@action_required(*STAFF_ACTIONS, per_object=True)
def staff_detail(request: HttpRequest, convention_id: int) -> HttpResponse:
    convention = _convention(request, convention_id)
    require_any_action(request, STAFF_ACTIONS, convention.community_id)
    today = clock.today()
    current = selectors.version_in_progress(convention)
    consultation = current.consultation if current else None
    user = request.user
    context = {
        "convention": convention,
        "in_force": selectors.text_in_force(convention),
        "current": current,
        "articles": current.articles.all() if current else [],
        "current_signatures": selectors.signatures(current) if current else [],
        "deadlines": selectors.deadlines(current, today) if current else None,
        "consultation": consultation,
        "missing": consultation_selectors.opinions(consultation, disposition="none").count() if consultation else 0,
        "opinions": consultation_selectors.opinions(consultation)[:200] if consultation else [],
        "may_dispose": consultation is not None and consultation.status == ConsultationStatus.CLOSED,
        "may_hide": consultation is not None and consultation.status in consultation_rules.OPINION_ENTRY_STATUSES,
        "versions": convention.versions.select_related("decision_document").order_by("-number"),
        "measures": selectors.measure_clocks(convention),
        "reports": selectors.pending_reports(convention, today),
        "reviews": convention.reviews.all(),
        "may_manage": account_selectors.user_can(user, Action.MANAGE_CONVENTIONS, convention.community_id),
        "may_decide": account_selectors.user_can(user, Action.ACT_FOR_PEOPLES_COMMITTEE, _commune_id(convention)),
        "review_day": rules.review_date(today.year, convention.review_month, convention.review_day),
        "Status": VersionStatus,
    }
    return render(request, "conventions/staff_detail.html", context)


def _step(
    request: HttpRequest,
    convention: Convention,
    *,
    action: Action,
    form: Any,
    perform: Any,
    message: str,
    heading: str,
    available: bool = True,
    **context: Any,
) -> HttpResponse:
    """The one form step of the staff pages: the village's steps (``MANAGE_CONVENTIONS``, in the village) and the
    commune People's Committee's (``ACT_FOR_PEOPLES_COMMITTEE``, in the commune); back to the convention."""
    unit = convention.community_id if action == Action.MANAGE_CONVENTIONS else _commune_id(convention)
    return form_page(
        request,
        form,
        action=action,
        unit=unit,
        available=available,
        perform=perform,
        done=lambda _result: Done(message, _url(convention)),
        template=TEMPLATE,
        context=_context(convention, heading, **context),
    )


def _version_step(
    request: HttpRequest, version_id: int, *, perform: Any, action: Action = Action.MANAGE_CONVENTIONS, **step: Any
) -> HttpResponse:
    """A step on one version; ``perform(version, data)``."""
    version = _version(request, version_id)
    return _step(request, version.convention, action=action, perform=lambda data: perform(version, data), **step)


def _convention_step(
    request: HttpRequest, convention_id: int, *, perform: Any, action: Action = Action.MANAGE_CONVENTIONS, **step: Any
) -> HttpResponse:
    """A step on the convention itself; ``perform(convention, data)``."""
    convention = _convention(request, convention_id)
    return _step(request, convention, action=action, perform=lambda data: perform(convention, data), **step)


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def article_save(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_step(
        request,
        version_id,
        form=forms.ArticleForm(_posted(request)),
        perform=lambda version, data: services.article_save(version=version, actor=request.user, **data),
        message=_("Đã lưu điều khoản."),
        heading=_("Thêm hoặc sửa một điều"),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def drafting_team(request: HttpRequest, version_id: int) -> HttpResponse:
    """The drafting team and its composition ([ND61] art. 8), before the draft is posted."""
    version = _version(request, version_id)
    initial = {
        "members": version.drafting_team,
        "mass_organisations": version.drafting_mass_organisations,
        "respected_people": version.drafting_respected_people,
        "ethnic_minority_area": version.convention.ethnic_minority_area,
        "elders": version.drafting_elders,
        "ethnic_language": version.drafting_ethnic_language,
        "front_agreed": version.drafting_front_agreed,
    }
    return _step(
        request,
        version.convention,
        action=Action.MANAGE_CONVENTIONS,
        perform=lambda data: services.drafting_team_set(version=version, actor=request.user, **data),
        form=forms.DraftingTeamForm(_posted(request), initial=initial),
        available=version.is_drafting,
        message=_("Đã lưu tổ soạn thảo."),
        heading=_("Tổ soạn thảo"),
        intro=_(
            "Trưởng thôn thống nhất với Trưởng ban công tác Mặt trận thành lập tổ soạn thảo, gồm đại diện các đoàn "
            "thể và người có uy tín; ở vùng đồng bào dân tộc thiểu số có thêm già làng và người biết tiếng dân tộc."
        ),
        legal_basis=_("Căn cứ: Điều 8 Nghị định số 61/2023/NĐ-CP."),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def comments_open(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_step(
        request,
        version_id,
        form=forms.CommentPeriodForm(_posted(request)),
        perform=lambda version, data: services.comments_open(version=version, actor=request.user, **data),
        message=_("Đã niêm yết dự thảo để lấy ý kiến."),
        heading=_("Niêm yết dự thảo lấy ý kiến"),
        legal_basis=_("Căn cứ: Khoản 1 Điều 9 Nghị định số 61/2023/NĐ-CP (ít nhất 30 ngày)."),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def comments_close(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_step(
        request,
        version_id,
        form=forms.ConfirmForm(_posted(request)),
        perform=lambda version, _data: services.comments_close(version=version, actor=request.user),
        message=_("Đã kết thúc lấy ý kiến; hãy tiếp thu, giải trình từng ý kiến."),
        heading=_("Kết thúc lấy ý kiến"),
    )


def _comment(request: HttpRequest, opinion_id: int) -> tuple[Opinion, ConventionVersion]:
    """A comment on a convention draft, looked up by its village (404 outside the user's units or not a draft's)."""
    opinion = get_object_in_units(
        request,
        Opinion.objects.select_related("consultation", "section").filter(consultation__village__isnull=False),
        "consultation__village",
        pk=opinion_id,
    )
    version = ConventionVersion.objects.select_related("convention").filter(consultation=opinion.consultation).first()
    if version is None:
        raise Http404("not a convention comment")
    return opinion, version


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_dispose(request: HttpRequest, opinion_id: int) -> HttpResponse:
    """The drafting team answers one comment (the consultations service, the village's door)."""
    opinion, version = _comment(request, opinion_id)
    initial = {"disposition": opinion.disposition, "explanation": opinion.explanation}
    return _step(
        request,
        version.convention,
        action=Action.MANAGE_CONVENTIONS,
        form=forms.DispositionForm(_posted(request), initial=initial),
        perform=lambda data: consultation_services.opinion_dispose(opinion=opinion, actor=request.user, **data),
        message=_("Đã ghi tiếp thu, giải trình."),
        heading=_("Tiếp thu, giải trình ý kiến"),
        opinion=opinion,
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_hide(request: HttpRequest, opinion_id: int) -> HttpResponse:
    """The village head hides an abusive or duplicate comment with a public reason (never deleted)."""
    opinion, version = _comment(request, opinion_id)
    return _step(
        request,
        version.convention,
        action=Action.MANAGE_CONVENTIONS,
        form=forms.HideForm(_posted(request)),
        perform=lambda data: consultation_services.opinion_hide(opinion=opinion, actor=request.user, **data),
        message=_("Đã ẩn ý kiến; lý do ẩn được công khai."),
        heading=_("Ẩn ý kiến"),
        intro=_(
            "Chỉ ẩn ý kiến xúc phạm, trùng lặp hoặc không liên quan. Ý kiến không bị xóa; lý do ẩn được công khai."
        ),
        opinion=opinion,
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def version_finalise(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_step(
        request,
        version_id,
        form=forms.ConfirmForm(_posted(request)),
        perform=lambda version, _data: services.version_finalise(version=version, actor=request.user),
        message=_("Đã hoàn thiện dự thảo; văn bản được khóa để cộng đồng dân cư biểu quyết."),
        heading=_("Hoàn thiện dự thảo"),
        intro=_("Sau bước này không sửa được nội dung: các hộ biểu quyết đúng văn bản này."),
        legal_basis=_("Căn cứ: Khoản 3 Điều 9 Nghị định số 61/2023/NĐ-CP."),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def vote_link(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    return _version_step(
        request,
        version_id,
        form=forms.VoteLinkForm(_posted(request), votes=selectors.adoption_votes(version)),
        perform=lambda current, data: services.version_link_vote(version=current, actor=request.user, **data),
        message=_("Đã liên kết cuộc biểu quyết."),
        heading=_("Liên kết cuộc biểu quyết (D3)"),
        intro=_(
            "Tạo cuộc họp biểu quyết nội dung hương ước (D3) ở trang Nhân dân bàn và quyết định, rồi chọn ở đây. "
            "Cuộc họp cần quá nửa số hộ có mặt; nếu không đủ, chuyển sang phát phiếu."
        ),
        legal_basis=_("Căn cứ: Điều 10 Nghị định số 61/2023/NĐ-CP."),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def adoption_record(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_step(
        request,
        version_id,
        form=forms.ConfirmForm(_posted(request)),
        perform=lambda version, _data: services.version_record_adoption(version=version, actor=request.user),
        message=_("Đã ghi kết quả biểu quyết."),
        heading=_("Ghi kết quả biểu quyết"),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def signatures(request: HttpRequest, version_id: int) -> HttpResponse:
    """The signatures block of the adopted text ([ND61] art. 4), before the dossier goes to the commune."""
    version = _version(request, version_id)
    rows = selectors.signatures(version)
    initial = {
        "village_head": next((row.name for row in rows if row.role == SignerRole.VILLAGE_HEAD), ""),
        "front_head": next((row.name for row in rows if row.role == SignerRole.FRONT_HEAD), ""),
        "household_representatives": "\n".join(row.name for row in rows if row.role == SignerRole.HOUSEHOLD),
        "others": "\n".join(row.name for row in rows if row.role == SignerRole.RESPECTED),
    }
    return _step(
        request,
        version.convention,
        action=Action.MANAGE_CONVENTIONS,
        form=forms.SignaturesForm(_posted(request), initial=initial),
        perform=lambda data: services.signatures_set(version=version, actor=request.user, **data),
        available=version.status == VersionStatus.ADOPTED,
        message=_("Đã ghi người ký hương ước, quy ước."),
        heading=_("Người ký hương ước, quy ước"),
        intro=_(
            "Văn bản được cộng đồng dân cư thông qua có chữ ký của Trưởng thôn, Trưởng ban công tác Mặt trận và ít "
            "nhất 2 đại diện hộ gia đình; khuyến khích già làng, chức sắc tôn giáo, người có uy tín cùng ký."
        ),
        legal_basis=_("Căn cứ: Điều 4 Nghị định số 61/2023/NĐ-CP (ít nhất %(minimum)s người ký).")
        % {"minimum": rules.SIGNERS_MINIMUM},
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def dossier_submit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    return _step(
        request,
        version.convention,
        action=Action.MANAGE_CONVENTIONS,
        form=forms.DossierForm(_posted(request)),
        perform=lambda data: services.version_submit_dossier(version=version, actor=request.user, **data),
        message=_("Đã gửi hồ sơ đề nghị công nhận đến UBND xã."),
        heading=_("Gửi hồ sơ đề nghị công nhận"),
        intro=_("Đánh dấu từng giấy tờ có trong hồ sơ; hồ sơ thiếu thì không gửi được. Văn bản phải có đủ người ký."),
        signed_version=version,
        signature_rows=selectors.signatures(version),
        legal_basis=_("Căn cứ: Khoản 1, Khoản 3 Điều 11 Nghị định số 61/2023/NĐ-CP (trong 5 ngày làm việc)."),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def dissemination(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_step(
        request,
        version_id,
        form=forms.DisseminationForm(_posted(request)),
        perform=lambda version, data: services.dissemination_record(version=version, actor=request.user, **data),
        message=_("Đã ghi hình thức phổ biến."),
        heading=_("Phổ biến hương ước, quy ước"),
        legal_basis=_("Căn cứ: Điều 15 Nghị định số 61/2023/NĐ-CP."),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def amendment_new(request: HttpRequest, convention_id: int) -> HttpResponse:
    return _convention_step(
        request,
        convention_id,
        form=forms.AmendmentForm(_posted(request)),
        perform=lambda convention, data: services.amendment_propose(convention=convention, actor=request.user, **data),
        message=_("Đã tạo bản sửa đổi, bổ sung."),
        heading=_("Sửa đổi, bổ sung"),
        legal_basis=_("Căn cứ: Điều 13 Nghị định số 61/2023/NĐ-CP."),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest, convention_id: int) -> HttpResponse:
    return _convention_step(
        request,
        convention_id,
        form=forms.ReviewForm(_posted(request)),
        perform=lambda convention, data: services.review_record(convention=convention, actor=request.user, **data),
        message=_("Đã ghi kết quả rà soát."),
        heading=_("Rà soát hằng năm"),
        legal_basis=_("Căn cứ: Khoản 4 Điều 15 Nghị định số 61/2023/NĐ-CP."),
    )


@action_required(Action.MANAGE_CONVENTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def review_date(request: HttpRequest, convention_id: int) -> HttpResponse:
    convention = _convention(request, convention_id)
    initial = {"day": convention.review_day, "month": convention.review_month}
    return _step(
        request,
        convention,
        action=Action.MANAGE_CONVENTIONS,
        form=forms.ReviewDateForm(_posted(request), initial=initial),
        perform=lambda data: services.review_date_set(convention=convention, actor=request.user, **data),
        message=_("Đã đổi ngày rà soát hằng năm."),
        heading=_("Ngày rà soát hằng năm"),
        intro=_("Mặc định là ngày 18/11 (Ngày hội Đại đoàn kết toàn dân tộc); cộng đồng có thể thống nhất ngày khác."),
        legal_basis=_("Căn cứ: Khoản 4 Điều 15 Nghị định số 61/2023/NĐ-CP."),
    )


# --- The commune People's Committee ---------------------------------------------------------------------


@action_required(Action.ACT_FOR_PEOPLES_COMMITTEE, per_object=True)
@require_http_methods(["GET", "POST"])
def version_recognise(request: HttpRequest, version_id: int) -> HttpResponse:
    """The commune sees the dossier's documents (present or missing) and the signatures before recognising."""
    version = _version(request, version_id)
    return _step(
        request,
        version.convention,
        action=Action.ACT_FOR_PEOPLES_COMMITTEE,
        form=forms.ConfirmForm(_posted(request)),
        perform=lambda _data: services.version_recognise(version=version, actor=request.user),
        message=_("Đã ban hành quyết định công nhận; hương ước, quy ước có hiệu lực từ hôm nay."),
        heading=_("Công nhận hương ước, quy ước"),
        checklist=selectors.dossier_checklist(version),
        signed_version=version,
        signature_rows=selectors.signatures(version),
        legal_basis=_("Căn cứ: Khoản 3 Điều 11 Nghị định số 61/2023/NĐ-CP (Mẫu 03)."),
    )


@action_required(Action.ACT_FOR_PEOPLES_COMMITTEE, per_object=True)
@require_http_methods(["GET", "POST"])
def version_refuse(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_step(
        request,
        version_id,
        action=Action.ACT_FOR_PEOPLES_COMMITTEE,
        form=forms.ReasonForm(_posted(request)),
        perform=lambda version, data: services.version_refuse(version=version, actor=request.user, **data),
        message=_("Đã ghi việc không công nhận, có nêu lý do."),
        heading=_("Không công nhận"),
        legal_basis=_("Căn cứ: Khoản 3 Điều 11 Nghị định số 61/2023/NĐ-CP."),
    )


@action_required(Action.ACT_FOR_PEOPLES_COMMITTEE, per_object=True)
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, convention_id: int) -> HttpResponse:
    return _convention_step(
        request,
        convention_id,
        action=Action.ACT_FOR_PEOPLES_COMMITTEE,
        form=forms.ReportForm(_posted(request)),
        perform=lambda convention, data: services.report_receive(convention=convention, actor=request.user, **data),
        message=_("Đã ghi nhận phản ánh; hạn xử lý hiện trên trang hương ước và trong việc cần làm."),
        heading=_("Ghi nhận phản ánh, kết luận kiểm tra"),
        legal_basis=_(
            "Căn cứ: Khoản 2 Điều 12, Khoản 3 Điều 14 Nghị định số 61/2023/NĐ-CP (trả lời hoặc tạm ngưng trong "
            "3 ngày làm việc; bãi bỏ trong 5 ngày làm việc kể từ ngày nhận)."
        ),
    )


@action_required(Action.ACT_FOR_PEOPLES_COMMITTEE, per_object=True)
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest, convention_id: int) -> HttpResponse:
    report_param = request.GET.get("phan-anh", "")
    if report_param:
        report_id = ascii_int(report_param)
        if report_id is None:
            raise Http404("bad report")
        convention = _convention(request, convention_id)
        report = convention.reports.filter(pk=report_id, measure__isnull=True).first()
        if report is None:
            raise Http404("no such report")
        return _step(
            request,
            convention,
            action=Action.ACT_FOR_PEOPLES_COMMITTEE,
            form=forms.ReportMeasureForm(_posted(request)),
            perform=lambda data: services.measure_decide(
                convention=convention,
                actor=request.user,
                report=report,
                basis=report.basis,
                basis_received_on=report.received_on,
                **data,
            ),
            message=_("Đã ghi quyết định."),
            heading=_("Xử lý phản ánh: tạm ngưng, bãi bỏ"),
            intro=_("Phản ánh nhận ngày %(day)s, hạn xử lý %(due)s: %(basis)s")
            % {
                "day": report.received_on.strftime("%d/%m/%Y"),
                "due": selectors.report_due(report).strftime("%d/%m/%Y"),
                "basis": report.basis,
            },
        )
    return _convention_step(
        request,
        convention_id,
        action=Action.ACT_FOR_PEOPLES_COMMITTEE,
        form=forms.MeasureForm(_posted(request)),
        perform=lambda convention, data: services.measure_decide(convention=convention, actor=request.user, **data),
        message=_("Đã ghi quyết định."),
        heading=_("Xử lý phản ánh: tạm ngưng, bãi bỏ"),
        legal_basis=_(
            "Căn cứ: Điều 12 đến Điều 14 Nghị định số 61/2023/NĐ-CP (3 ngày làm việc khi tạm ngưng, "
            "5 ngày làm việc khi bãi bỏ)."
        ),
    )
