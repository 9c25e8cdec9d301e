from django.urls import path

from . import views

app_name = "seizoen"

urlpatterns = [
    path("", views.po_bord, name="po_bord"),
    path("vo/", views.vo_bord, name="vo_bord"),
    path("afspraken/", views.afspraken, name="afspraken"),
    path("acties/<uuid:actie_id>/", views.actie, name="actie"),
    path("leerlingen/<int:pk>/klaarzetten/", views.toch_klaarzetten, name="toch_klaarzetten"),
    path("herinneringen/<int:herinnering_id>/gelezen/", views.herinnering_gelezen, name="gelezen"),
]
