"""Forms of the funds pages (Vietnamese labels; the services check the law). Money is typed the Vietnamese way
("1.500.000") and parsed to whole đồng; a decimal or a negative number is refused, never rounded."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.funds.models import DonorKind, FundKind, Medium, RateBasis, ReductionCategory
from grassroots.funds.rules import MAX_AMOUNT, MAX_AREA, InKindTerms

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_MONEY_NOISE = re.compile(r"[\s.đ₫]|vnd|VND|đồng")


class MoneyField(forms.CharField):
    """Whole đồng typed as "1.500.000", "1500000" or "1 500 000 đ"; a comma (a decimal in Vietnamese) is refused."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if text in ("", None):
            return None if not self.required else text
        digits = _MONEY_NOISE.sub("", str(text))
        if not digits.isdigit() or not digits.isascii():
            raise forms.ValidationError(_("Nhập số đồng nguyên, ví dụ 1.500.000."), code="money")
        if int(digits) > MAX_AMOUNT:
            raise forms.ValidationError(_("Số tiền quá lớn, hãy kiểm tra lại."), code="money_too_large")
        return int(digits)


def _lines(text: str) -> list[tuple[int, list[str]]]:
    return [
        (number, [part.strip() for part in re.split(r"[;,\t]", line)])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def _semicolon_lines(text: str) -> list[tuple[int, list[str]]]:
    """Lines split on ";" only: a value in đồng ("90.000") and a decimal ("0,5") keep their dots and commas."""
    return [
        (number, [part.strip() for part in line.split(";")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


_MEDIA = {
    "hiện vật": Medium.MATERIALS,
    "hien vat": Medium.MATERIALS,
    "ngày công": Medium.LABOUR,
    "ngay cong": Medium.LABOUR,
}
_BASES = {
    "hộ": RateBasis.PER_HOUSEHOLD,
    "ho": RateBasis.PER_HOUSEHOLD,
    "nhân khẩu": RateBasis.PER_PERSON,
    "nhan khau": RateBasis.PER_PERSON,
    "người": RateBasis.PER_PERSON,
    "household": RateBasis.PER_HOUSEHOLD,
    "person": RateBasis.PER_PERSON,
    "m²": RateBasis.PER_AREA,
    "m2": RateBasis.PER_AREA,
}


def parse_quantity(text: str) -> Decimal | None:
    """ "2", "0,5", "1.200" (thousands) or "1.200,5" → a Decimal with at most two decimals; ``None`` if not one."""
    cleaned = text.strip().replace(" ", "")
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d{1,2})?|\d+(,\d{1,2})?", cleaned):
        return None
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _in_kind_terms(parts: list[str]) -> InKindTerms | None:
    if len(parts) not in (5, 6):
        return None
    medium = _MEDIA.get(parts[0].lower())
    basis = _BASES.get(parts[4].lower())
    quantity = parse_quantity(parts[3])
    value: int | None = None
    if len(parts) == 6 and parts[5]:
        digits = _MONEY_NOISE.sub("", parts[5])
        if not digits.isdigit() or not digits.isascii() or int(digits) > MAX_AMOUNT:
            return None
        value = int(digits)
    if medium is None or basis is None or quantity is None or not parts[1] or not parts[2]:
        return None
    return InKindTerms(
        medium=medium, item=parts[1], unit=parts[2], basis=basis, quantity=quantity, value_per_unit=value
    )


class FundForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Thôn, tổ dân phố (hoặc toàn xã)"), coerce=int)
    vote = forms.TypedChoiceField(
        label=_("Kết quả biểu quyết D1/D2 đã công nhận"), coerce=int, required=False, empty_value=None
    )
    decision_number = forms.CharField(
        label=_("Hoặc: số quyết định của UBND xã (công trình toàn xã)"), max_length=60, required=False
    )
    decided_on = forms.DateField(label=_("Ngày quyết định của xã"), widget=DATE_WIDGET, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=FundKind.choices)
    title = forms.CharField(label=_("Tên khoản đóng góp, quỹ"), max_length=200)
    purpose = forms.CharField(label=_("Mục đích sử dụng"), widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.ChoiceField(label=_("Cách tính mức đóng góp"), choices=RateBasis.choices)
    rate_money = MoneyField(label=_("Mức tiền (đồng) cho mỗi hộ, nhân khẩu hoặc m²"))
    in_kind_rates = forms.CharField(
        label=_("Đóng góp bằng hiện vật, ngày công (nếu có)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Mỗi dòng: hiện vật hoặc ngày công; tên; đơn vị tính; số lượng; theo hộ, nhân khẩu hoặc m²; "
            "quy ra tiền mỗi đơn vị (bỏ trống nếu các hộ không thống nhất). Ví dụ: "
            "hiện vật; Xi măng PCB40; bao 50 kg; 2; hộ; 90.000 — hoặc: ngày công; Lao động phổ thông; ngày công; 3; "
            "nhân khẩu; 200.000"
        ),
    )
    spending_limit = MoneyField(label=_("Mức chi tối đa theo quyết định (đồng)"))
    collection_starts = forms.DateField(label=_("Thu từ ngày"), widget=DATE_WIDGET)
    collection_ends = forms.DateField(label=_("Thu đến hết ngày"), widget=DATE_WIDGET)
    treasurer_name = forms.CharField(label=_("Thủ quỹ"), max_length=200)
    village_head_name = forms.CharField(label=_("Trưởng thôn, Tổ trưởng tổ dân phố"), max_length=200)
    reductions = forms.CharField(
        label=_("Mức miễn, giảm theo quyết định"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng: đối tượng; phần trăm giảm (100 là miễn). Đối tượng: %(codes)s.")
        % {"codes": ", ".join(ReductionCategory.values)},
    )
    household_reductions = forms.CharField(
        label=_("Hộ được miễn, giảm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng: mã hộ; đối tượng. Không công khai trên trang của người dân."),
    )
    areas = forms.CharField(
        label=_("Diện tích từng hộ (chỉ khi tính theo m²)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng: mã hộ; số m²."),
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], votes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
        self.fields["vote"].choices = [("", _("— Không (quyết định của xã) —")), *votes]  # type: ignore[attr-defined]

    def clean_in_kind_rates(self) -> list[InKindTerms]:
        rates: list[InKindTerms] = []
        for number, parts in _semicolon_lines(self.cleaned_data["in_kind_rates"]):
            terms = _in_kind_terms(parts)
            if terms is None:
                raise forms.ValidationError(
                    _(
                        'Dòng %(number)s không đúng dạng "hiện vật hoặc ngày công; tên; đơn vị; số lượng; '
                        'hộ, nhân khẩu hoặc m²; quy ra tiền". Số thập phân dùng dấu phẩy, ví dụ 0,5.'
                    )
                    % {"number": number}
                )
            rates.append(terms)
        return rates

    def clean_reductions(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for number, parts in _lines(self.cleaned_data["reductions"]):
            if (
                len(parts) != 2
                or parts[0] not in ReductionCategory.values
                or not (parts[1].isdigit() and parts[1].isascii() and len(parts[1]) <= 3)
            ):
                raise forms.ValidationError(
                    _('Dòng %(number)s không đúng dạng "đối tượng; phần trăm".') % {"number": number}
                )
            result[parts[0]] = int(parts[1])
        return result

    def clean_household_reductions(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for number, parts in _lines(self.cleaned_data["household_reductions"]):
            if len(parts) != 2 or not parts[0]:
                raise forms.ValidationError(
                    _('Dòng %(number)s không đúng dạng "mã hộ; đối tượng".') % {"number": number}
                )
            result[parts[0]] = parts[1]
        return result

    def clean_areas(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for number, parts in _lines(self.cleaned_data["areas"]):
            if len(parts) != 2 or not parts[1].isdigit() or not parts[1].isascii() or int(parts[1]) > MAX_AREA:
                raise forms.ValidationError(_('Dòng %(number)s không đúng dạng "mã hộ; số m²".') % {"number": number})
            result[parts[0]] = int(parts[1])
        return result


class QuantityField(forms.CharField):
    """A quantity typed the Vietnamese way ("2", "0,5", "1.200"): a Decimal with at most two decimals."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if text in ("", None):
            return None
        quantity = parse_quantity(str(text))
        if quantity is None or quantity > MAX_AREA:
            raise forms.ValidationError(_("Nhập số lượng, ví dụ 2 hoặc 0,5."), code="quantity")
        return quantity


class ReceiptForm(forms.Form):
    household = forms.TypedChoiceField(label=_("Hộ nộp"), coerce=int)
    medium = forms.ChoiceField(label=_("Hình thức"), choices=Medium.choices)
    in_kind_rate = forms.TypedChoiceField(
        label=_("Góp cho mức hiện vật, ngày công"), coerce=int, required=False, empty_value=None
    )
    quantity = QuantityField(label=_("Số lượng hiện vật hoặc số ngày công"), required=False)
    amount = MoneyField(
        label=_("Số tiền (đồng)"),
        required=False,
        help_text=_("Hiện vật đã có giá quy ra tiền và ngày công không cần ghi số tiền."),
    )
    received_on = forms.DateField(label=_("Ngày thu"), widget=DATE_WIDGET)
    description = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(
        self, *args: Any, households: list[tuple[int, str]], rates: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = households  # type: ignore[attr-defined]
        if rates:
            self.fields["in_kind_rate"].choices = [("", _("— Không (nộp tiền) —")), *rates]  # type: ignore[attr-defined]
        else:
            del self.fields["in_kind_rate"]
            del self.fields["quantity"]


class DonationForm(forms.Form):
    donor_kind = forms.ChoiceField(label=_("Người ủng hộ là"), choices=DonorKind.choices)
    donor_name = forms.CharField(label=_("Tên người, tổ chức ủng hộ"), max_length=200)
    donor_consents_to_name = forms.BooleanField(
        label=_("Người ủng hộ đồng ý công khai tên (nếu không chọn, tên được niêm phong và không công khai)"),
        required=False,
    )
    medium = forms.ChoiceField(
        label=_("Hình thức"), choices=[(value, label) for value, label in Medium.choices if value != Medium.LABOUR]
    )
    amount = MoneyField(label=_("Số tiền hoặc giá trị hiện vật (đồng)"))
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DATE_WIDGET)
    description = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class ExpenseForm(forms.Form):
    work_item = forms.CharField(label=_("Hạng mục công việc"), max_length=300)
    amount = MoneyField(label=_("Số tiền (đồng)"))
    spent_on = forms.DateField(label=_("Ngày chi"), widget=DATE_WIDGET)
    evidence = forms.FileField(
        label=_("Hóa đơn, chứng từ (ảnh JPG, PNG hoặc PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
    )


class FindingForm(forms.Form):
    entry_number = forms.IntegerField(
        label=_("Số phiếu liên quan (nếu có)"), min_value=1, max_value=10**9, required=False
    )
    text = forms.CharField(label=_("Nội dung phát hiện, kiến nghị"), widget=forms.Textarea(attrs={"rows": 4}))


class StatementForm(forms.Form):
    period_end = forms.DateField(label=_("Số liệu đến hết ngày"), widget=DATE_WIDGET)


class CloseForm(forms.Form):
    leftover_handling = forms.CharField(
        label=_("Xử lý số dư theo quyết định"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LimitForm(forms.Form):
    new_limit = MoneyField(label=_("Mức chi tối đa mới (đồng)"))
    vote = forms.TypedChoiceField(label=_("Kết quả biểu quyết mới"), coerce=int, required=False, empty_value=None)
    decision_number = forms.CharField(label=_("Hoặc: số quyết định của UBND xã"), max_length=60, required=False)
    decided_on = forms.DateField(label=_("Ngày quyết định của xã"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, votes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vote"].choices = [("", "—"), *votes]  # type: ignore[attr-defined]


class TreasurerForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Người được giao làm thủ quỹ"), coerce=int)
    basis = forms.CharField(
        label=_("Căn cứ (biên bản họp thôn, quyết định)"),
        max_length=300,
        help_text=_("Ví dụ: Biên bản họp thôn ngày 02/11/2026 bầu thủ quỹ."),
    )

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "—"), *candidates]  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    """A button with nothing to type."""


class CommuneSettingForm(forms.Form):
    shows_household_amounts = forms.BooleanField(
        label=_("Công khai số tiền từng hộ đã nộp (nếu không chọn: chỉ công khai đã nộp đủ, một phần hay chưa nộp)"),
        required=False,
    )
    basis = forms.CharField(
        label=_("Căn cứ (quyết định, biên bản)"),
        max_length=300,
        help_text=_("Ví dụ: Quyết định số 12/QĐ-UBND ngày 05/12/2026."),
    )
