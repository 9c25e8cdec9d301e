from django.urls import path

from . import views

app_name = "zorgvraag"

# The pupil is named ``leerling_id`` (not ``pk``): tests/test_zorgvraag.py walks these URLs
# with a user of another school, as tests/test_tenancy.py does for the pupil card.
urlpatterns = [
    path("leerlingen/<int:leerling_id>/zorgvraag/", views.overzicht, name="overzicht"),
    path("leerlingen/<int:leerling_id>/zorgvraag/nieuw/", views.nieuw, name="nieuw"),
    path("zorgvragen/<int:zorgvraag_id>/", views.detail, name="detail"),
    path("zorgvragen/<int:zorgvraag_id>/pdf/", views.pdf, name="pdf"),
    path("zorgvragen/<int:zorgvraag_id>/opnieuw/", views.opnieuw, name="opnieuw"),
    path("zorgvragen/<int:zorgvraag_id>/verwijderen/", views.verwijderen, name="verwijderen"),
    path(
        "zorgvragen/<int:zorgvraag_id>/terugkoppeling/<int:terugkoppeling_id>/",
        views.terugkoppeling_document,
        name="terugkoppeling_document",
    ),
]
