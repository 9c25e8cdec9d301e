from django.urls import path

from . import views

app_name = "referentie_swv"

urlpatterns = [
    path("soap/", views.soap, name="soap"),
]
