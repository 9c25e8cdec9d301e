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


@signals.task_prerun.connect
def taak_begint(task_id=None, task=None, **kwargs):
    """Every log line of a task carries its id and name; its duration is measured."""
    import time

    import structlog

    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(task_id=task_id, taak=getattr(task, "name", ""))
    if task is not None:
        task.request.oso_begin = time.monotonic()


@signals.task_postrun.connect
def taak_klaar(task_id=None, task=None, state=None, **kwargs):
    import time

    import structlog

    from exploitatie.metrics import TAAK_DUUR

    begin = getattr(getattr(task, "request", None), "oso_begin", None)
    if begin is not None:
        TAAK_DUUR.labels(task.name, state or "onbekend").observe(time.monotonic() - begin)
    structlog.contextvars.clear_contextvars()


@signals.worker_ready.connect
def metrics_serveren(**kwargs):
    """A worker's metrics on its own internal port (OSO_WORKER_METRICS_POORT), if set."""
    from django.conf import settings

    if settings.OSO_WORKER_METRICS_POORT:
        from prometheus_client import start_http_server

        from exploitatie.metrics import proces_registry

        # an internal port: the compose file publishes none, Prometheus scrapes it inside
        start_http_server(
            settings.OSO_WORKER_METRICS_POORT,
            addr="0.0.0.0",  # noqa: S104
            registry=proces_registry(),
        )
