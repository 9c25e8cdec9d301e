from django.apps import AppConfig


class DoorstroomtoetsConfig(AppConfig):
    name = "doorstroomtoets"
    verbose_name = "Doorstroomtoets"
