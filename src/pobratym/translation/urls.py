from django.urls import path

from . import views

app_name = "translation"

urlpatterns = [
    path("translations/<str:label>/<id:pk>/", views.translation_edit, name="edit"),
]
