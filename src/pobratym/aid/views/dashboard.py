"""Aid pages: dashboard."""

urlpatterns = []
