"""The test world (two schools of one bestuur, one far away, their staff and pupils) and the
infrastructure fixtures: real services in CI, real headless Chromium for browser tests."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

from accounts.roles import Rol

from . import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop + live_server

# The official OSO files are the tests' oracle, never the product's: on a development machine
# with them beside the repository (as CI has), the tests use them unless OSO_STANDARD_DIR says
# otherwise ("" = none). Also in the environment, for the subprocesses tests start.
_OFFICIEEL = Path(__file__).resolve().parents[2] / "shared" / "oso" / "standard-2019.1"
if "OSO_STANDARD_DIR" not in os.environ and _OFFICIEEL.is_dir():
    from django.conf import settings as _settings

    os.environ["OSO_STANDARD_DIR"] = str(_OFFICIEEL)
    _settings.OSO_STANDARD_DIR = str(_OFFICIEEL)

IN_CI = os.environ.get("CI") == "true"
REQUIRE_SERVICES = os.environ.get("OSO_REQUIRE_SERVICES") == "1"


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=3):
            return True
    except OSError:
        return False


def pytest_configure(config):
    if not REQUIRE_SERVICES:
        return
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    problems = []
    if not database_url.startswith("postgres"):
        problems.append("DATABASE_URL is not a PostgreSQL URL")
    elif not _reachable(database_url, 5432):
        problems.append(f"PostgreSQL at {urlparse(database_url).hostname} is unreachable")
    if not redis_url.startswith("redis"):
        problems.append("REDIS_URL is not set")
    elif not _reachable(redis_url, 6379):
        problems.append(f"Redis at {urlparse(redis_url).hostname} is unreachable")
    if problems:
        raise pytest.UsageError("OSO_REQUIRE_SERVICES=1 but: " + "; ".join(problems))


# --- the world -----------------------------------------------------------------------------


@pytest.fixture
def bestuur(db):
    return f.BestuurFactory(naam="Stichting Samen Leren")


@pytest.fixture
def school_a(bestuur):
    school = f.SchoolFactory(bestuur=bestuur, brincode="14SS", naam="De Regenboog", soort="BO")
    f.VestigingFactory(school=school, vestigingscode="00", naam="De Regenboog hoofdlocatie")
    f.VestigingFactory(school=school, vestigingscode="01", naam="De Regenboog Noord")
    return school


@pytest.fixture
def school_b(bestuur):
    return f.SchoolFactory(bestuur=bestuur, brincode="15TT", naam="De Toekomst", soort="BO")


@pytest.fixture
def school_c(db):
    """A school of another bestuur."""
    return f.SchoolFactory(brincode="16UU", naam="Het College", soort="VO")


def _staff(username, rol, school=None, bestuur=None):
    user = f.UserFactory(username=username)
    f.AanstellingFactory(user=user, rol=rol, school=school, bestuur=bestuur)
    return user


@pytest.fixture
def alice(school_a):
    """Schooladministratie of De Regenboog."""
    return _staff("alice", Rol.SCHOOLADMINISTRATIE, school=school_a)


@pytest.fixture
def bob(school_b):
    """Schooladministratie of De Toekomst, the other school of the same bestuur."""
    return _staff("bob", Rol.SCHOOLADMINISTRATIE, school=school_b)


@pytest.fixture
def zorg(school_a):
    return _staff("zorg", Rol.ZORGCOORDINATOR, school=school_a)


@pytest.fixture
def leerkracht(school_a):
    return _staff("leerkracht", Rol.LEERKRACHT, school=school_a)


@pytest.fixture
def beheerder(school_a):
    user = _staff("beheerder", Rol.BEHEERDER, school=school_a)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def bestuurder(bestuur, school_a, school_b):
    return _staff("bestuurder", Rol.BESTUUR, bestuur=bestuur)


@pytest.fixture
def leerling_a(school_a):
    return f.LeerlingFactory(school=school_a, roepnaam="Sanne", achternaam="Visser", groep="8A")


@pytest.fixture
def leerling_b(school_b):
    return f.LeerlingFactory(school=school_b, roepnaam="Daan", achternaam="Mulder", groep="5B")


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


# --- browsers ------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if IN_CI:
            pytest.fail("chromium is not installed; browser tests must run in CI")
        pytest.skip("chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login_page(page):
    def login(username, password=f.PASSWORD):
        page.goto("/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url("**/leerlingen/**")
        return page

    return login


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files of a test go to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


# --- Celery --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _celery_eager_unless_worker(request):
    """Tests run tasks in-process, except those that ask for ``celery_worker``: with Redis
    configured (the CI run) those get a real worker consuming from the real broker."""
    from oso_las.celery import app

    if "celery_worker" in request.fixturenames:
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def celery_worker():
    """A real Celery worker (solo pool, in a thread) on the configured Redis broker; without
    REDIS_URL tasks simply run eagerly, as in ``make run``."""
    from django.conf import settings

    from oso_las.celery import app

    if settings.CELERY_TASK_ALWAYS_EAGER:
        yield None
        return
    from celery.contrib.testing.worker import start_worker

    app.connection_for_write().ensure_connection(max_retries=1)  # fails loudly without Redis
    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        shutdown_timeout=10,
        queues=list(settings.OSO_WACHTRIJEN),  # every queue, as production's workers together
    ) as worker:
        yield worker
