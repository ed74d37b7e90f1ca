from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """Feedback, petitions, complaints and denunciations (phản ánh, kiến nghị, khiếu nại, tố cáo).

    Law 10/2022/QH15 arts 34–35; Law on Citizen Reception art. 28; Law on Complaints; Law on Denunciations
    (law.md §1(e), §4.1, §4.2).
    """

    name = "grassroots.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị, khiếu nại, tố cáo")
