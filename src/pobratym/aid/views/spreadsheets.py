"""Aid pages: spreadsheets."""

urlpatterns = []
