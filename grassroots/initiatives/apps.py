from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Citizen initiatives: households put a matter to their community ([L] art. 16(3))."""

    name = "grassroots.initiatives"
    label = "initiatives"
    verbose_name = _("Đề xuất của công dân")
