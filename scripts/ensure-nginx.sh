#!/usr/bin/env bash
# The process-level production test (tests/test_productie.py) puts Debian's nginx in front of
# gunicorn.
set -euo pipefail
er_al=""
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  er_al=ja
fi
bash "$(dirname "$0")/ensure-pakket.sh" nginx nginx "voor de productietest" \
  "moet de productietest draaien" "de productietest wordt overgeslagen"
if [ -z "$er_al" ] && [ -x /usr/sbin/nginx ]; then
  # only the binary is needed: the test runs its own nginx with its own configuration
  (systemctl disable --now nginx 2>/dev/null || service nginx stop 2>/dev/null || true) >/dev/null
fi
