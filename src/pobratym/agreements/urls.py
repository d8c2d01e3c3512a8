from django.urls import path

from .views import agreements as agreement_views
from .views import amendments as amendment_views
from .views import letters as letter_views
from .views import versions as version_views

app_name = "agreements"

base = "partnerships/<slug:slug>/"
agreement = f"{base}agreements/<id:agreement_id>/"
version = f"{agreement}versions/<id:number>/"
amendment = f"{agreement}amendments/<id:number>/"
letter = f"{base}letters/<id:letter_id>/"

urlpatterns = [
    # letters register
    path(f"{base}letters/", letter_views.letter_list, name="letter_list"),
    path(f"{base}letters/new/", letter_views.letter_create, name="letter_create"),
    path(letter, letter_views.letter_detail, name="letter_detail"),
    path(f"{letter}edit/", letter_views.letter_edit, name="letter_edit"),
    path(f"{letter}scans/<id:scan_id>/", letter_views.letter_scan, name="letter_scan"),
    path(
        f"{letter}scans/<id:scan_id>/remove/",
        letter_views.letter_scan_remove,
        name="letter_scan_remove",
    ),
    # agreements
    path(f"{base}agreements/", agreement_views.agreement_list, name="list"),
    path(f"{base}agreements/new/", agreement_views.agreement_create, name="create"),
    path(agreement, agreement_views.agreement_detail, name="detail"),
    path(f"{agreement}edit/", agreement_views.agreement_edit, name="edit"),
    path(f"{agreement}sign/", agreement_views.agreement_sign, name="sign"),
    path(f"{agreement}terminate/", agreement_views.agreement_terminate, name="terminate"),
    path(f"{agreement}successor/", agreement_views.successor_create, name="successor"),
    path(f"{agreement}consolidated/", agreement_views.consolidated, name="consolidated"),
    path(f"{agreement}versions/new/", version_views.version_create, name="version_create"),
    path(version, version_views.version_detail, name="version"),
    path(f"{version}edit/", version_views.version_edit, name="version_edit"),
    path(f"{version}propose/", version_views.version_propose, name="version_propose"),
    path(f"{version}diff/", version_views.version_diff, name="version_diff"),
    path(f"{version}pdf/", version_views.version_pdf, name="version_pdf"),
    path(f"{agreement}amendments/new/", amendment_views.amendment_create, name="amendment_create"),
    path(amendment, amendment_views.amendment_detail, name="amendment"),
    path(f"{amendment}approve/", amendment_views.amendment_approve, name="amendment_approve"),
    path(f"{amendment}reject/", amendment_views.amendment_reject, name="amendment_reject"),
    path(f"{amendment}withdraw/", amendment_views.amendment_withdraw, name="amendment_withdraw"),
    path(
        f"{base}agreements/scans/<slug:kind>/<id:record_id>/",
        agreement_views.scan,
        name="scan",
    ),
]
