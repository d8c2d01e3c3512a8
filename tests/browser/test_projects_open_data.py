"""The projects' "Open data: IATI" page in a real browser: axe-core (WCAG 2.1 A and AA) in
all three languages as a reader of Zhytomyr, with a public project left out for what it lacks,
and no horizontal scrolling on a 390 px phone."""

import pytest

from tests.browser.helpers import SLUG, assert_pages_pass_axe_and_fit_a_phone


def _left_out_project(demo) -> None:
    """The demo's start-up exchange made public: it names no organisation yet."""
    from pobratym.accounts.models import User
    from pobratym.projects import services
    from pobratym.projects.models import Project

    coordinator = User.objects.get(email=demo.demo_email("coordinator", "dortmund"))
    project = Project.objects.filter(partnership__slug=SLUG, roles__isnull=True, public=False)[0]
    services.project_update(project=project, by=coordinator, public=True)


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_the_open_data_page_passes_axe_and_fits_a_phone(demo, new_context, site, language):
    _left_out_project(demo)
    email = demo.demo_email("observer", "zhytomyr")
    pages = [("open data: IATI", f"/partnerships/{SLUG}/projects/iati/")]
    assert_pages_pass_axe_and_fit_a_phone(new_context, site, email, language, pages)
