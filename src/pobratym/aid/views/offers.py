"""Aid pages: offers."""

urlpatterns = []
