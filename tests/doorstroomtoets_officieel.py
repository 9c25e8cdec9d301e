"""The official OpenAPI document of the Doorstroomtoetsketen 1.1.0 as a test oracle: where it is,
and a check of one request (path, method, query parameters, body) against it."""

from __future__ import annotations

import datetime
import os
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import yaml

STANDAARD = (
    Path(__file__).resolve().parents[2] / "shared/doorstroomtoets/doorstroom-openapi-1.1.0.yaml"
)
PAD = Path(os.environ.get("OSO_DOORSTROOMTOETS_OPENAPI") or STANDAARD)

vereist_document = pytest.mark.skipif(
    not PAD.exists(), reason=f"the official Doorstroomtoetsketen document is absent ({PAD})"
)


class _Lezer(yaml.SafeLoader):
    """YAML as JSON would read it: an unquoted 2025-07-02T11:44:00Z stays a string."""


_Lezer.yaml_implicit_resolvers = {
    teken: [(tag, r) for tag, r in regels if tag != "tag:yaml.org,2002:timestamp"]
    for teken, regels in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def document() -> dict[str, Any]:
    return yaml.load(PAD.read_text(encoding="utf-8"), Loader=_Lezer)  # noqa: S506 - safe loader


def _operatie(methode: str, pad: str) -> tuple[str, dict[str, Any]]:
    for sjabloon, item in document()["paths"].items():
        patroon = "^" + re.sub(r"\\{[^/]+\\}", "[^/]+", re.escape(sjabloon)) + "$"
        if re.match(patroon, pad) and methode.lower() in item:
            return sjabloon, item[methode.lower()]
    raise AssertionError(f"{methode} {pad} is not an operation of the official document")


FORMATEN = jsonschema.FormatChecker()


@FORMATEN.checks("date-time", raises=ValueError)
def _datumtijd(waarde: object) -> bool:
    if isinstance(waarde, str):
        datetime.datetime.fromisoformat(waarde.replace("Z", "+00:00"))
        return "T" in waarde
    return True


@FORMATEN.checks("date", raises=ValueError)
def _datum(waarde: object) -> bool:
    if isinstance(waarde, str):
        datetime.date.fromisoformat(waarde)
        return len(waarde) == 10
    return True


def body_fouten(schema_naam: str, body: Any) -> list[str]:
    model = {"components": document()["components"], "$ref": f"#/components/schemas/{schema_naam}"}
    validator = jsonschema.Draft7Validator(model, format_checker=FORMATEN)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)
    ]


def verzoek_fouten(methode: str, url: str, body: Any = None, *, basis: str = "") -> list[str]:
    """Everything in this request the official document does not allow."""
    delen = urlsplit(url)
    pad = delen.path[len(basis) :] if basis and delen.path.startswith(basis) else delen.path
    _sjabloon, operatie = _operatie(methode, pad)
    fouten = []
    query = parse_qs(delen.query, keep_blank_values=True)
    for parameter in operatie.get("parameters", []):
        if parameter["in"] != "query":
            continue
        waarden = query.get(parameter["name"], [])
        if parameter.get("required") and not waarden:
            fouten.append(f"query parameter {parameter['name']} ontbreekt")
        patroon = parameter.get("schema", {}).get("pattern")
        for w in waarden:
            if patroon and not re.fullmatch(patroon, w):
                fouten.append(f"{parameter['name']}={w!r} volgt {patroon} niet")
    verzoek = operatie.get("requestBody")
    if verzoek is not None:
        ref = verzoek["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        fouten += body_fouten(ref, body)
    elif body is not None:
        fouten.append("deze operatie heeft geen body")
    return fouten
