from django.urls import reverse


def test_member_sees_dashboard_with_both_cities(partnership, staff, client_of):
    response = client_of(staff).get(reverse("partnerships:dashboard", args=[partnership.slug]))
    assert response.status_code == 200
    for side in partnership.sides.all():
        assert side.city.name in response.content.decode()
