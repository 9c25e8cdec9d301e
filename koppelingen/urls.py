from django.urls import path

from . import views

app_name = "koppelingen"
urlpatterns = [
    path("koppelingen/", views.lijst, name="lijst"),
    path("koppelingen/nieuw/", views.nieuw, name="nieuw"),
    path("koppelingen/<int:client_id>/", views.detail, name="detail"),
    path("koppelingen/<int:client_id>/vernieuwen/", views.vernieuwen, name="vernieuwen"),
    path("koppelingen/<int:client_id>/intrekken/", views.intrekken, name="intrekken"),
    path(
        "koppelingen/<int:client_id>/webhooks/<uuid:webhook_id>/hervatten/",
        views.hervatten,
        name="hervatten",
    ),
]
