"""Aid pages: needs."""

urlpatterns = []
