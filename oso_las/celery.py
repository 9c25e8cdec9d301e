import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oso_las.settings")

app = Celery("oso_las")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
