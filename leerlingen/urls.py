from django.urls import path

app_name = "leerlingen"
urlpatterns = []
