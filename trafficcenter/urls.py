from django.urls import path

from . import views

app_name = "trafficcenter"

urlpatterns = [
    path("soap/", views.soap, name="soap"),
    path("ping/", views.ping, name="ping"),
]
