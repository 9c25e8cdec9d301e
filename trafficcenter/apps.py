from django.apps import AppConfig


class TrafficcenterConfig(AppConfig):
    name = "trafficcenter"
    verbose_name = "Traffic Center (referentie)"
