from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.reception.models import DialogueConference, ReceptionSchedule, ReceptionSession

# Recorded facts are read-only in the admin: every change goes through the services and their audit.
admin.site.register(ReceptionSchedule, ReadOnlyAdmin)
admin.site.register(ReceptionSession, ReadOnlyAdmin)
admin.site.register(DialogueConference, ReadOnlyAdmin)
