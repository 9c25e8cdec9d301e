#!/usr/bin/env bash
# What the tests need from Debian (chromium, nginx, docker-compose): installs the package with
# apt-get when its command is missing and we are allowed to; otherwise says so, and in CI that
# is an error, because there nothing may be skipped.
#   ensure-pakket.sh COMMANDO PAKKET WAARVOOR WAT-MOET-DRAAIEN WAT-WORDT-OVERGESLAGEN
# e.g. ensure-pakket.sh nginx nginx "voor de productietest" "moet de productietest draaien"
#      "de productietest wordt overgeslagen". Exits 0 when the command is (now) there.
set -euo pipefail
commando=$1 pakket=$2 waarvoor=$3 moet=$4 overgeslagen=$5
if command -v "$commando" >/dev/null 2>&1 || [ -x "/usr/sbin/$commando" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "$commando ontbreekt: installeren met apt-get ($waarvoor)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pakket" >/dev/null
  exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "$commando ontbreekt en kan niet worden geïnstalleerd; in CI $moet" >&2
  exit 1
fi
echo "Let op: $commando ontbreekt (installeer het pakket '$pakket'); $overgeslagen." >&2
