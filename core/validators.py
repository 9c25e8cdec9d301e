"""Validation of the identifiers of the OSO standard, with Dutch messages.

The checks themselves come from python-stdnum; the XSD's stricter forms (``brincodeType``:
two digits and two capitals; ``vestigingscodeType``: two digits) are added on top.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import brin, bsn, onderwijsnummer

BRINCODE_RE = re.compile(r"^[0-9]{2}[A-Z]{2}$")
VESTIGINGSCODE_RE = re.compile(r"^[0-9]{2}$")
POSTCODE_RE = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")
SCHOOLJAAR_RE = re.compile(r"^([0-9]{4})-([0-9]{4})$")

PGN_BSN = "bsn"
PGN_ONDERWIJSNUMMER = "onderwijsnummer"


def clean_digits(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def validate_bsn(value: str) -> str:
    value = clean_digits(value)
    try:
        return bsn.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Dit is geen geldig BSN: een BSN heeft 9 cijfers en voldoet aan de elfproef."),
            code="invalid_bsn",
        ) from None


def validate_onderwijsnummer(value: str) -> str:
    value = clean_digits(value)
    try:
        return onderwijsnummer.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "Dit is geen geldig onderwijsnummer: een onderwijsnummer heeft 9 cijfers, "
                "begint met 10 en voldoet aan de elfproef voor onderwijsnummers."
            ),
            code="invalid_onderwijsnummer",
        ) from None


def validate_pgn(pgn_type: str, value: str) -> str:
    if pgn_type == PGN_BSN:
        return validate_bsn(value)
    if pgn_type == PGN_ONDERWIJSNUMMER:
        return validate_onderwijsnummer(value)
    raise ValidationError(_("Kies BSN of onderwijsnummer."), code="invalid_pgn_type")


def validate_brincode(value: str) -> None:
    try:
        compact = brin.validate(value or "")
    except StdnumError:
        compact = ""
    if not compact or not BRINCODE_RE.match(compact) or compact != value:
        raise ValidationError(
            _(
                "Dit is geen geldige BRIN-code: twee cijfers gevolgd door twee hoofdletters, "
                "zoals 14SS."
            ),
            code="invalid_brin",
        )


def validate_vestigingscode(value: str) -> None:
    if not VESTIGINGSCODE_RE.match(value or ""):
        raise ValidationError(
            _("Een vestigingscode bestaat uit twee cijfers, zoals 00 of 01."),
            code="invalid_vestigingscode",
        )


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(value or ""):
        raise ValidationError(
            _("Vul een Nederlandse postcode in: vier cijfers en twee hoofdletters, zoals 1234 AB."),
            code="invalid_postcode",
        )


def validate_schooljaar(value: str) -> None:
    match = SCHOOLJAAR_RE.match(value or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            _("Een schooljaar schrijf je als twee opeenvolgende jaren, zoals 2025-2026."),
            code="invalid_schooljaar",
        )


def looks_like_pgn(value: str) -> bool:
    """True for a 9-digit string that passes the BSN or the onderwijsnummer check."""
    return bool(re.fullmatch(r"[0-9]{9}", value)) and (
        bsn.is_valid(value) or onderwijsnummer.is_valid(value)
    )


def validate_telefoon(value: str) -> None:
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) < 10 or any(c not in "0123456789 +-()" for c in value):
        raise ValidationError(
            _("Vul een telefoonnummer van minstens 10 cijfers in."), code="invalid_telefoon"
        )
