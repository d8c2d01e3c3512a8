"""Aid pages: shipments."""

urlpatterns = []
