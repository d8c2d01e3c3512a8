"""Every aid page; each module of `views/` lists its own addresses."""

from .views import dashboard, needs, offers, receipts, shipments, spreadsheets

app_name = "aid"

urlpatterns = [
    *needs.urlpatterns,
    *offers.urlpatterns,
    *shipments.urlpatterns,
    *receipts.urlpatterns,
    *spreadsheets.urlpatterns,
    *dashboard.urlpatterns,
]
