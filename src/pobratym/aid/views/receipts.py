"""Aid pages: receipts."""

urlpatterns = []
