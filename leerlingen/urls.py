from django.urls import path

from . import views

app_name = "leerlingen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.kaart, name="kaart"),
    path("<int:pk>/logboek/", views.logboek, name="logboek"),
    path("<int:pk>/bewerken/<slug:deel>/", views.bewerken, name="bewerken"),
    path("<int:pk>/map/nieuw/<slug:soort>/", views.map_nieuw, name="map_nieuw"),
    path("<int:pk>/map/<int:item>/", views.map_bekijken, name="map_bekijken"),
    path("<int:pk>/map/<int:item>/verwijderen/", views.map_verwijderen, name="map_verwijderen"),
    path("<int:pk>/gegevens/<slug:sectie>/", views.sectie_form, name="sectie"),
    path("<int:pk>/gegevens/<slug:sectie>/<int:item>/", views.sectie_form, name="sectie_item"),
    path(
        "<int:pk>/gegevens/<slug:sectie>/<int:item>/verwijderen/",
        views.sectie_verwijderen,
        name="sectie_verwijderen",
    ),
    path("<int:pk>/<slug:tab>/", views.tab, name="tab"),
]
