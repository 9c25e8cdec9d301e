import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oso_las.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view now, not in the first request
# Everything loaded so far (Django, the apps, the URL conf) lives as long as the process: keep
# it out of the cyclic garbage collector's full collections, which otherwise walk it again and
# again and pause a request for milliseconds (the approach of Python's gc.freeze documentation).
gc.freeze()
