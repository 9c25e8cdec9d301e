FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 OSO_VAR_DIR=/var/lib/oso
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
# pyproject.toml lists only dependencies (the apps run from /app), so this layer caches them
RUN pip install --no-cache-dir ".[sentry]"
COPY . .
# static files are part of the image (whitenoise serves them): collected once, at build, with
# throw-away secrets that exist only in this step
RUN useradd --system oso && mkdir -p /var/lib/oso /tmp/metrics && chown oso /var/lib/oso /tmp/metrics \
 && OSO_ENV=production SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    OSO_FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    OSO_PGN_HASH_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(32))')" \
    python manage.py collectstatic --noinput -v0 \
 && rm -f /var/lib/oso/development-secrets.json && chown -R oso /var/lib/oso
USER oso
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/gezond/', timeout=5)"
CMD ["gunicorn", "oso_las.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--keep-alive", "75", "--timeout", "60", "--worker-tmp-dir", "/dev/shm"]
