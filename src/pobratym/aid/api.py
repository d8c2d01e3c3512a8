"""The aid part of the API: open data for anyone; member endpoints come with the aid pages."""

import io

from django.http import Http404, HttpResponse
from ninja import Router

from pobratym.partnerships.models import Partnership

from .hxl import public_needs, write_hxl

router = Router(tags=["aid"])


@router.get("/{slug}/aid.hxl.csv", auth=None, url_name="aid_hxl")
def aid_hxl(request, slug: str):
    """The partnership's public needs, one row per item line, as HXL-tagged CSV."""
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise Http404
    out = io.StringIO(newline="")
    write_hxl(out, public_needs(partnership=partnership))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{partnership.slug}-aid.hxl.csv"'
    return response
