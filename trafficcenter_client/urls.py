from django.urls import path

from . import schermen, views

app_name = "trafficcenter_client"

urlpatterns = [
    path("soap/", views.soap, name="soap"),
    path("dossieraanvragen/", schermen.dossieraanvragen, name="dossieraanvragen"),
]
