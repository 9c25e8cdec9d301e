#!/usr/bin/env bash
# Browser tests drive Debian's chromium (Playwright's own browser download cannot work here).
set -euo pipefail
bash "$(dirname "$0")/ensure-pakket.sh" chromium chromium "voor de browsertests" \
  "moeten de browsertests draaien" "de browsertests worden overgeslagen"
