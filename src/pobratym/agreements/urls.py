app_name = "agreements"

base = "partnerships/<slug:slug>/"

urlpatterns = [
    # letters register
    # agreements
]
