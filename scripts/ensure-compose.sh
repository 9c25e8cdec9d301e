#!/usr/bin/env bash
# tests/test_exploitatie.py validates docker-compose.yml with Debian's docker-compose (its own
# schema and interpolation, no Docker engine needed).
set -euo pipefail
bash "$(dirname "$0")/ensure-pakket.sh" docker-compose docker-compose \
  "om het compose-bestand te valideren" "moet de validatie draaien" \
  "de validatie wordt overgeslagen"
