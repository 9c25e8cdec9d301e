from django.urls import path

from . import views

app_name = "trafficcenter_client"

urlpatterns = [
    path("soap/", views.soap, name="soap"),
]
