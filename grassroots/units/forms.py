"""Forms of the units staff pages: the household import and the staff forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from grassroots.core.uploads import check_import_file

MAX_IMPORT_BYTES = 10 * 1024 * 1024
"""A commune register of a few thousand households is well under a megabyte."""


class HouseholdImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách hộ gia đình (.csv hoặc .xlsx)"),
        help_text=_("Mỗi dòng là một người; dòng đầu là tiêu đề cột như tệp mẫu."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        check_import_file(upload, suffixes=(".csv", ".xlsx"), max_bytes=MAX_IMPORT_BYTES)
        return upload


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo mã hộ hoặc họ tên"), required=False, max_length=100)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def community_kind_choices() -> list[tuple[str, str]]:
    from grassroots.units.models import UnitKind, UnitLevel

    kinds = UnitKind.objects.filter(level=UnitLevel.COMMUNITY, is_legacy=False).order_by("name")
    return [(kind.code, str(kind.name)) for kind in kinds]


class CommunityCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=())
    name = forms.CharField(label=_("Tên"), max_length=200, help_text=_("Ví dụ: Thôn Đông, Tổ dân phố 5"))
    code = forms.CharField(label=_("Mã (số thứ tự của xã, không bắt buộc)"), max_length=20, required=False)
    valid_from = forms.DateField(label=_("Có hiệu lực từ ngày"), widget=DATE_INPUT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = community_kind_choices()  # type: ignore[attr-defined]


class CommunityRenameForm(forms.Form):
    name = forms.CharField(label=_("Tên mới"), max_length=200)
    on = forms.DateField(label=_("Có hiệu lực từ ngày"), widget=DATE_INPUT)
    decision_ref = forms.CharField(label=_("Số, ký hiệu quyết định"), max_length=120, required=False)


class CommunityEndForm(forms.Form):
    on = forms.DateField(
        label=_("Hết hiệu lực từ ngày"),
        widget=DATE_INPUT,
        help_text=_("Từ ngày này thôn, tổ dân phố không còn trên danh sách."),
    )


class HouseholdCreateForm(forms.Form):
    code = forms.CharField(label=_("Mã hộ"), max_length=40)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    active_from = forms.DateField(label=_("Cư trú từ ngày"), widget=DATE_INPUT)


class ResidentCreateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    birth_date = forms.DateField(label=_("Ngày sinh"), widget=DATE_INPUT, required=False)
    gender = forms.ChoiceField(label=_("Giới tính"), required=False, choices=())
    phone = forms.CharField(
        label=_("Số điện thoại (không bắt buộc)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    registered_on = forms.DateField(
        label=_("Ngày vào hộ (không bắt buộc)"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Ngày sinh ra, kết hôn hoặc chuyển đến ở cùng hộ: tính nhân khẩu của hộ theo ngày."),
    )
    make_representative = forms.BooleanField(label=_("Là người đại diện hộ"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from grassroots.units.models import Gender

        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [("", _("Không ghi")), *Gender.choices]  # type: ignore[attr-defined]


class RepresentativeForm(forms.Form):
    resident = forms.TypedChoiceField(label=_("Người đại diện hộ"), coerce=int, choices=())

    def __init__(self, *args: Any, members: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(member.pk, member.full_name) for member in members]  # type: ignore[attr-defined]


class ResidentLeaveForm(forms.Form):
    resident = forms.TypedChoiceField(label=_("Thành viên rời hộ"), coerce=int, choices=())
    on = forms.DateField(
        label=_("Rời hộ từ ngày"),
        widget=DATE_INPUT,
        help_text=_("Chuyển đi, qua đời hoặc kết hôn ra hộ khác: từ ngày này người đó không còn được tính trong hộ."),
    )

    def __init__(self, *args: Any, members: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(member.pk, member.full_name) for member in members]  # type: ignore[attr-defined]


class HouseholdMoveOutForm(forms.Form):
    status = forms.ChoiceField(label=_("Lý do"), widget=forms.RadioSelect, choices=())
    on = forms.DateField(
        label=_("Thôi cư trú từ ngày"), widget=DATE_INPUT, help_text=_("Từ ngày này hộ không còn được tính.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from grassroots.units.models import HouseholdStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (HouseholdStatus.MOVED.value, HouseholdStatus.MOVED.label),
            (HouseholdStatus.DISSOLVED.value, HouseholdStatus.DISSOLVED.label),
        ]


WEEKDAYS = (
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
    (5, _("Thứ Bảy")),
    (6, _("Chủ nhật")),
)


class OrganisationCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hình"), choices=())
    name = forms.CharField(label=_("Tên"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt (không bắt buộc)"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from grassroots.units.models import OrganisationKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OrganisationKind.choices  # type: ignore[attr-defined]


class HeadcountForm(forms.Form):
    effective_from = forms.DateField(label=_("Từ ngày"), widget=DATE_INPUT)
    headcount = forms.IntegerField(label=_("Số cán bộ, người lao động"), min_value=0, max_value=1_000_000)


class RestDaysForm(forms.Form):
    days = forms.TypedMultipleChoiceField(
        label=_("Ngày nghỉ hằng tuần"),
        coerce=int,
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Đánh dấu các ngày nghỉ; các ngày còn lại là ngày làm việc."),
    )
