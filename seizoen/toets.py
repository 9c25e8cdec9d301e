"""The doorstroomtoets result as the season reads it: is there a result, what is its
fingerprint (to see that it changed), and does the toets advise higher than the school did."""

from __future__ import annotations

import hashlib
import re

from leerlingen.codelijsten import AdviesVO

# Order of the advies codes from practical to academic; codes the standard lists without a
# clear level (32-35, 42-44, 51-52, 60-80) fall back to their first digit's band.
_RANG = {
    AdviesVO.VSO: 0,
    AdviesVO.PRO: 1,
    AdviesVO.VMBO_B: 2,
    AdviesVO.VMBO_BK: 3,
    AdviesVO.VMBO_K: 4,
    AdviesVO.VMBO_KGT: 5,
    AdviesVO.VMBO_GT: 6,
    AdviesVO.VMBO_GT_HAVO: 7,
    AdviesVO.HAVO: 8,
    AdviesVO.HAVO_VWO: 9,
    AdviesVO.VWO: 10,
}

# toetsadvies text as suppliers write it -> rank; the most specific pattern first
_TEKST = [
    (r"havo\s*/\s*vwo", 9),
    (r"(gt|gl|tl|gemengd|theoretisch|mavo)\s*/\s*havo", 7),
    (r"vwo|gymnasium|atheneum", 10),
    (r"havo", 8),
    (r"(kader|k)\s*/\s*(gt|gl|tl|gemengd|theoretisch|mavo)", 5),
    (r"basis\s*/\s*kader|b\s*/\s*k\b", 3),
    (r"vmbo[\s-]*(gt|gemengd|theoretisch)|mavo|\bgt\b|\btl\b", 6),
    (r"kader", 4),
    (r"basis", 2),
    (r"praktijk", 1),
]


def rang(advies: str) -> int | None:
    """The level of an advies code or a toetsadvies text; None when it cannot be read."""
    if not advies:
        return None
    advies = advies.strip()
    if advies in _RANG:
        return _RANG[AdviesVO(advies)]
    if re.fullmatch(r"\d\d", advies):
        band = {"3": 6, "4": 8, "5": 10}.get(advies[0])
        return band
    tekst = advies.lower()
    for patroon, waarde in _TEKST:
        if re.search(patroon, tekst):
            return waarde
    return None


def heeft_uitslag(eindtoets, onderdelen: list | None = None) -> bool:
    if eindtoets is None or not eindtoets.deelgenomen:
        return False
    return bool(
        eindtoets.standaardscore is not None or eindtoets.toets_advies.strip() or onderdelen
    )


def vingerafdruk(eindtoets, onderdelen: list[tuple[str, str]]) -> str:
    delen = [
        eindtoets.toetssoort,
        str(eindtoets.datum_afname or ""),
        str(eindtoets.standaardscore if eindtoets.standaardscore is not None else ""),
        eindtoets.toets_advies.strip(),
        *[f"{o}={r}" for o, r in sorted(onderdelen)],
    ]
    return hashlib.sha256("|".join(delen).encode()).hexdigest()


def toets_adviseert_hoger(advies: str, toets_advies: str) -> bool | None:
    """True when the toets advises higher than the school's advies; None: not comparable."""
    a, t = rang(advies), rang(toets_advies)
    if a is None or t is None:
        return None
    return t > a
