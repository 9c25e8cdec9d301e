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
]
