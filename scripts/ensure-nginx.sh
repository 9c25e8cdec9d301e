#!/usr/bin/env bash
# The process-level production test (tests/test_productie.py) puts Debian's nginx in front of
# gunicorn. Installs it with apt-get when missing and we are allowed to; otherwise says so.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "nginx ontbreekt: installeren met apt-get (voor de productietest)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  # only the binary is needed: the test runs its own nginx with its own configuration
  (systemctl disable --now nginx 2>/dev/null || service nginx stop 2>/dev/null || true) >/dev/null
  exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "nginx ontbreekt en kan niet worden geïnstalleerd; in CI moet de productietest draaien" >&2
  exit 1
fi
echo "Let op: nginx ontbreekt (installeer het pakket 'nginx'); de productietest wordt overgeslagen." >&2
