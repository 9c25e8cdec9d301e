FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 OSO_VAR_DIR=/var/lib/oso
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
# pyproject.toml lists only dependencies (the apps run from /app), so this layer caches them
RUN pip install --no-cache-dir .
COPY . .
RUN useradd --system oso && mkdir -p /var/lib/oso && chown oso /var/lib/oso
USER oso
EXPOSE 8000
CMD ["gunicorn", "oso_las.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
