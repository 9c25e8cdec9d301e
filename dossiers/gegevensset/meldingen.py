"""libxml2's schema messages in Dutch: "Regel 12: element 'voornaam': ...", with the
explanation translated where we know the phrase and kept as it is otherwise. Used for our own
structural check and for the official XSD alike."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

_NAMESPACE = re.compile(r"\{[^}]*\}")
_GRENS = {"minLength": "minimaal", "maxLength": "maximaal", "length": "precies"}


def _lengte(match: re.Match[str]) -> str:
    element, facet, waarde, lengte, grens = match.groups()
    return (
        f"element '{element}': de waarde '{waarde or ''}' is {lengte} tekens lang, "
        f"toegestaan is {_GRENS[facet]} {grens}."
    )


_VERTALINGEN: tuple[tuple[re.Pattern[str], Any], ...] = tuple(
    (re.compile(patroon), vervanging)
    for patroon, vervanging in (
        (
            r"^Element '([^']+)': This element is not expected\. Expected is one of \( (.+) \)\.$",
            r"element '\1' wordt hier niet verwacht; verwacht is een van: \2.",
        ),
        (
            r"^Element '([^']+)': This element is not expected\. Expected is \( (.+) \)\.$",
            r"element '\1' wordt hier niet verwacht; verwacht is: \2.",
        ),
        (
            r"^Element '([^']+)': This element is not expected\.$",
            r"element '\1' wordt hier niet verwacht.",
        ),
        (
            r"^Element '([^']+)': Missing child element\(s\)\. Expected is one of \( (.+) \)\.$",
            r"bij element '\1' ontbreekt een verplicht element; verwacht is een van: \2.",
        ),
        (
            r"^Element '([^']+)': Missing child element\(s\)\. Expected is \( (.+) \)\.$",
            r"bij element '\1' ontbreekt het verplichte element: \2.",
        ),
        (
            r"^Element '([^']+)': \[facet 'pattern'\] The value '(.*)' is not accepted by the "
            r"pattern '(.*)'\.$",
            r"element '\1': de waarde '\2' heeft niet de juiste vorm (patroon \3).",
        ),
        (
            r"^Element '([^']+)': \[facet '(minLength|maxLength|length)'\] The value (?:'(.*)' )?"
            r"has a length of '(\d+)'; this .* length of '(\d+)'\.$",
            _lengte,
        ),
        (
            r"^Element '([^']+)': \[facet 'enumeration'\] The value '(.*)' is not an element of "
            r"the set \{(.*)\}\.$",
            r"element '\1': de waarde '\2' is niet toegestaan; toegestaan zijn: \3.",
        ),
        (
            r"^Element '([^']+)': \[facet 'maxInclusive'\] The value '(.*)' is greater than the "
            r"maximum value allowed \('(.*)'\)\.$",
            r"element '\1': de waarde '\2' is te groot; het hoogste toegestaan is \3.",
        ),
        (
            r"^Element '([^']+)': \[facet 'minInclusive'\] The value '(.*)' is less than the "
            r"minimum value allowed \('(.*)'\)\.$",
            r"element '\1': de waarde '\2' is te klein; het laagste toegestaan is \3.",
        ),
        (
            r"^Element '([^']+)': '(.*)' is not a valid value of the atomic type '([^']+)'\.$",
            r"element '\1': '\2' is geen geldige waarde van het type '\3'.",
        ),
        (
            r"^Element '([^']+)': '(.*)' is not a valid value of the local atomic type\.$",
            r"element '\1': '\2' is geen geldige waarde.",
        ),
        (
            r"^Element '([^']+)': No matching global declaration available for the validation "
            r"root\.$",
            r"het hoofdelement '\1' is geen element van de OSO-gegevensset.",
        ),
        (
            r"^Element '([^']+)': Character content other than whitespace is not allowed because "
            r"the content type is 'element-only'\.$",
            r"element '\1' mag geen tekst bevatten, alleen andere elementen.",
        ),
        (
            r"^Element '([^']+)', attribute '([^']+)': The attribute '[^']+' is not allowed\.$",
            r"element '\1': attribuut '\2' is niet toegestaan.",
        ),
    )
)


def bericht(fout: etree._LogEntry) -> str:
    tekst = _NAMESPACE.sub("", (fout.message or "").strip())
    for patroon, vervanging in _VERTALINGEN:
        if patroon.match(tekst):
            tekst = patroon.sub(vervanging, tekst)
            break
    return f"Regel {fout.line}: {tekst}"
