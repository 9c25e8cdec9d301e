import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oso_las.settings")

app = Celery("oso_las")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def use_django_logging(**kwargs):
    """Workers log through Django's LOGGING, whose handlers carry the PGN filter; Celery would
    otherwise replace the root handlers with its own."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
