#!/usr/bin/env bash
# Browser tests drive Debian's chromium (Playwright's own browser download cannot work here).
# Installs it with apt-get when missing and we are allowed to; otherwise says what is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium ontbreekt: installeren met apt-get (voor de browsertests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "chromium ontbreekt en kan niet worden geïnstalleerd; in CI moeten de browsertests draaien" >&2
  exit 1
fi
echo "Let op: chromium ontbreekt (installeer het pakket 'chromium'); de browsertests worden overgeslagen." >&2
