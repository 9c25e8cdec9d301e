"""Settings from the environment: embedded defaults, production safeguards."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def run_manage(tmp_path, *args, **env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("OSO_", "DATABASE_", "REDIS_"))
    }
    clean.pop("SECRET_KEY", None)
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    clean.update({"OSO_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env():
    return {
        "OSO_ENV": "production",
        "SECRET_KEY": "x" * 20 + Fernet.generate_key().decode(),
        "OSO_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "OSO_PGN_HASH_KEY": "een-lange-geheime-sleutel-voor-de-hash",
        "ALLOWED_HOSTS": "oso.example.nl",
    }


def test_check_deploy_is_clean_in_production(tmp_path):
    result = run_manage(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING", **production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secrets(tmp_path):
    env = production_env()
    del env["OSO_FIELD_ENCRYPTION_KEYS"]
    result = run_manage(tmp_path, "check", **env)
    assert result.returncode != 0
    assert "OSO_FIELD_ENCRYPTION_KEYS must be set in production" in result.stderr
    assert not (tmp_path / "development-secrets.json").exists()


def test_development_default_needs_nothing(tmp_path):
    result = run_manage(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "development-secrets.json").exists()
    assert oct((tmp_path / "development-secrets.json").stat().st_mode)[-3:] == "600"


def test_embedded_default_is_sqlite_with_eager_tasks():
    from django.conf import settings

    if "DATABASE_URL" not in os.environ:
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    if "REDIS_URL" not in os.environ:
        assert settings.CELERY_TASK_ALWAYS_EAGER is True
    else:
        assert settings.CELERY_TASK_ALWAYS_EAGER is False
        assert settings.CELERY_BROKER_URL.startswith("redis://")
