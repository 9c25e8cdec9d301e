from django.urls import path

from . import schermen, views

app_name = "trafficcenter_client"

urlpatterns = [
    path("soap/", views.soap, name="soap"),
    path("dossieraanvragen/", schermen.dossieraanvragen, name="dossieraanvragen"),
    path("registratie/", schermen.registratie, name="registratie"),
    path("importeren/", schermen.leerling_importeren, name="importeren"),
    path("opvragingen/<int:pk>/", schermen.opvraging, name="opvraging"),
    path("leerlingen/<int:pk>/opvragen/", schermen.opvragen, name="opvragen"),
    path(
        "opvragingen/<int:opvraging_id>/opnieuw/",
        schermen.opvraging_opnieuw,
        name="opvraging_opnieuw",
    ),
    path("notificaties/", schermen.notificaties, name="notificaties"),
    path(
        "klaarzettingen/<int:klaarzetting_id>/notificatie/",
        schermen.notificatie_beslissen,
        name="notificatie",
    ),
]
