from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from grassroots.core.views import healthz, language

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("ngon-ngu/<str:code>/", language, name="language"),
    path("admin/", admin.site.urls),
    path("tai-khoan/", include("grassroots.accounts.urls")),
    path("can-bo/", include("grassroots.dashboard.urls")),
    path("can-bo/don-vi/", include("grassroots.units.urls")),
    path("can-bo/lich/", include("grassroots.calendar.urls")),
    path("can-bo/van-ban/", include("grassroots.documents.urls")),
    path("cong-khai/", include("grassroots.disclosures.urls")),
    path("ban-va-quyet-dinh/", include("grassroots.voting.urls")),
    path("ban-va-quyet-dinh/", include("grassroots.elections.urls")),
    path("ban-va-quyet-dinh/", include("grassroots.initiatives.urls")),
    path("tham-gia-y-kien/", include("grassroots.consultations.urls")),
    path("huong-uoc/", include("grassroots.conventions.urls")),
    path("phan-anh-kien-nghi/", include("grassroots.petitions.urls")),
    path("co-quan-doanh-nghiep/", include("grassroots.workplaces.urls")),
    path("api/", include("grassroots.api.urls")),
    path("thong-bao/", include("grassroots.notifications.urls")),
    path("dong-gop/", include("grassroots.funds.urls")),
    path("tiep-cong-dan/", include("grassroots.reception.urls")),
    path("kiem-tra-giam-sat/", include("grassroots.oversight.urls")),
    path("ke-hoach/", include("grassroots.plans.urls")),
    path("du-lieu-ca-nhan/", include("grassroots.privacy.urls")),
    path("v/", include("grassroots.documents.public_urls")),
    path("", include("grassroots.portal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
