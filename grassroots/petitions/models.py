"""Cases from citizens: feedback, petitions, complaints, denunciations (phản ánh, kiến nghị, khiếu nại, tố cáo).

Law 10/2022/QH15 arts 9, 34–35; Law on Citizen Reception 42/2013 art. 28; Law on Complaints 02/2011;
Law on Denunciations 25/2018 (law.md §1(e), §4.1, §4.2).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    """The four kinds, each with its own procedure and clocks (law.md §4.2)."""

    FEEDBACK = "feedback", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ACKNOWLEDGED = "acknowledged", _("Đã thông báo thụ lý")
    ASSIGNED = "assigned", _("Đã giao xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã kết thúc")
    REFUSED = "refused", _("Không thụ lý")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    WITHDRAWN = "withdrawn", _("Đã rút")
    REOPENED = "reopened", _("Mở lại")


class CaseChannel(models.TextChoices):
    """How the case reached the commune (law.md §1(e): directly or through the boards and the Front)."""

    ONLINE = "online", _("Trực tuyến")
    IN_PERSON = "in_person", _("Trực tiếp")
    PHONE = "phone", _("Điện thoại")
    LETTER = "letter", _("Đơn, thư")
    HOTLINE = "hotline", _("Đường dây nóng")
    RECEPTION = "reception", _("Buổi tiếp công dân")
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân chuyển đến")
    FRONT = "front", _("Mặt trận Tổ quốc chuyển đến")


class Acknowledgement(models.TextChoices):
    """The four answers of Law on Citizen Reception art. 28(1) (law.md §4.1)."""

    ACCEPTED = "accepted", _("Thụ lý giải quyết")
    MORE_TIME = "more_time", _("Cần thêm thời gian để thụ lý")
    REFUSED = "refused", _("Không thụ lý, có nêu lý do")
    FORWARDED = "forwarded", _("Chuyển cơ quan có thẩm quyền")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Thông thường")
    COMPLEX = "complex", _("Phức tạp")
    ESPECIALLY_COMPLEX = "especially_complex", _("Đặc biệt phức tạp")


class PauseReason(models.TextChoices):
    """The only reasons a clock may stop (``rules.LAWFUL_PAUSE_REASONS`` says which kind allows which)."""

    OBJECTIVE_OBSTACLE = "objective_obstacle", _("Ốm đau, thiên tai, địch họa hoặc trở ngại khách quan khác")
    SUSPENDED_AWAITING_OTHER_AUTHORITY = (
        "suspended_awaiting_other_authority",
        _("Tạm đình chỉ: chờ kết quả của cơ quan, tổ chức khác"),
    )
    AWAITING_CITIZEN_SUPPLEMENT = "awaiting_citizen_supplement", _("Chờ người gửi bổ sung thông tin")
