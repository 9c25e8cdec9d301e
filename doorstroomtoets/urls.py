from django.urls import path

from . import schermen, views

app_name = "doorstroomtoets"

urlpatterns = [
    # the agreement's path under our base address (Edukoppeling REST/SaaS, mutual TLS)
    path("v1.1/leerlingresultaat", views.leerlingresultaat, name="leerlingresultaat"),
    path("", schermen.overzicht, name="overzicht"),
]
