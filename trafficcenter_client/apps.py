from django.apps import AppConfig


class TrafficcenterClientConfig(AppConfig):
    name = "trafficcenter_client"
    verbose_name = "OSO-uitwisseling"
    default_auto_field = "django.db.models.BigAutoField"
