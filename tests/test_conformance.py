"""Our identifiers and code lists against the official OSO 2019.1 files (OSO_STANDARD_DIR)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from lxml import etree

from core.validators import validate_brincode, validate_schooljaar, validate_vestigingscode
from leerlingen.codelijsten import AdviesVO, Jaargroep, Leerlinggewicht

pytestmark = pytest.mark.conformance

XS = "{http://www.w3.org/2001/XMLSchema}"
NS = {"d": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}


@pytest.fixture(scope="module")
def standard_dir() -> Path:
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: conformance tests need the official files")
    path = Path(settings.OSO_STANDARD_DIR)
    assert (path / "OSO_gegevensset.xsd").exists(), f"no XSD in OSO_STANDARD_DIR={path}"
    return path


@pytest.fixture(scope="module")
def xsd(standard_dir):
    return etree.parse(str(standard_dir / "OSO_gegevensset.xsd"))


def pattern(xsd, type_name: str) -> re.Pattern:
    node = xsd.find(f".//{XS}simpleType[@name='{type_name}']//{XS}pattern")
    return re.compile(rf"^(?:{node.get('value')})$")


def examples(standard_dir):
    return sorted((standard_dir / "examples").glob("*.xml"))


def test_every_advies_code_is_one_the_standard_knows(xsd):
    # 2019.1 moved the check of codelijst 2 to the validation stylesheets; the XSD documents
    # the pattern it used to carry, which is a superset of the current list.
    node = xsd.find(f".//{XS}simpleType[@name='voadviesduoType']")
    documented = re.search(r'pattern value="([^"]+)"', etree.tostring(node, encoding="unicode"))
    voadvies = re.compile(rf"^(?:{documented.group(1)})$")
    for code in AdviesVO.values:
        assert voadvies.match(code), code


@pytest.mark.parametrize(
    ("type_name", "validator", "good", "bad"),
    [
        ("brincodeType", validate_brincode, ["14SS", "00AA"], ["14ss", "1SS4", "14SS01", "14S"]),
        ("vestigingscodeType", validate_vestigingscode, ["00", "01"], ["1", "0A", "001"]),
        ("schooljaarType", validate_schooljaar, ["2025-2026"], ["2025/2026", "25-26"]),
    ],
)
def test_our_validators_agree_with_the_xsd(xsd, type_name, validator, good, bad):
    regex = pattern(xsd, type_name)
    for value in good:
        assert regex.match(value)
        validator(value)
    for value in bad:
        with pytest.raises(ValidationError):
            validator(value)


def test_values_in_the_official_examples_pass_our_validators(standard_dir):
    jaargroepen = set(Jaargroep.values)
    for path in examples(standard_dir):
        tree = etree.parse(str(path))
        for node in tree.iterfind(".//d:brincode", NS):
            validate_brincode(node.text)
        for node in tree.iterfind(".//d:vestigingscode", NS):
            validate_vestigingscode(node.text)
        for node in tree.iterfind(".//d:schooljaar", NS):
            validate_schooljaar(node.text)
        for node in tree.iterfind(".//d:jaargroep", NS):
            assert node.text in jaargroepen, (path.name, node.text)
        for node in tree.iterfind(".//d:leerlinggewicht", NS):
            assert node.text in Leerlinggewicht.values, (path.name, node.text)
        for tag in ("advies", "herzienadvies", "wensouders", "wensleerling"):
            for node in tree.iterfind(f".//d:overstapadvies/d:{tag}", NS):
                assert node.text in AdviesVO.values, (path.name, tag, node.text)
