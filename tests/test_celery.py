"""Background work through Celery: eager by default, a real worker on Redis in CI."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command

from leerlingen.models import Leerling

from . import factories as f


def test_herversleutel_command_runs_the_task(school_a, capsys, settings):
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("covered by the real-worker test below when Redis is configured")
    f.LeerlingFactory(school=school_a)
    call_command("herversleutel_pgn")
    assert "1 nummer(s) opnieuw versleuteld." in capsys.readouterr().out


@pytest.mark.services
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL") and os.environ.get("OSO_REQUIRE_SERVICES") != "1",
    reason="needs REDIS_URL (the CI run sets it)",
)
def test_task_runs_on_a_real_worker_through_redis(
    transactional_db, school_a, capsys, celery_worker
):
    from oso_las.celery import app

    assert app.conf.broker_url.startswith("redis://")
    assert celery_worker is not None and not app.conf.task_always_eager
    f.LeerlingFactory(school=school_a)
    f.LeerlingFactory(school=school_a)
    call_command("herversleutel_pgn")
    assert "2 nummer(s) opnieuw versleuteld." in capsys.readouterr().out
    assert all(lr.pgn for lr in Leerling.objects.all())
