"""What the reference toets system does: accept deelnemers and voorlopig schooladviezen, make
plausible results for them, deliver each as a standlevering to the school's LAS, serve the
leerlingrapport. It speaks only the agreement and checks what it receives as a supplier would."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import logging
import ssl
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from cryptography import x509
from django.db import transaction
from django.utils import timezone

from doorstroomtoets import berichten, schema
from trafficcenter_client import pki

from .models import Levering, ToetsDeelnemer, ToetsSchool

logger = logging.getLogger(__name__)

M_202 = "Bericht succesvol ontvangen en wordt asynchroon verwerkt."
M_401 = "Verzender en/of ontvanger van bericht is niet geautoriseerd door de betreffende school."
M_403_INSCHRIJVING = "Inschrijving is gesloten."
M_403_ADVIEZEN = "Aanlevering schooladviezen is gesloten."
M_405 = "School is (nog) niet bekend bij de toetsleverancier."
M_422 = "Bericht ontvangen maar heeft ongeldige berichtinhoud."
M_404 = "Leerlingrapport niet bekend."


@dataclass(frozen=True)
class Uitkomst:
    status: int
    melding: str
    school: ToetsSchool | None = None


def _school(cert: x509.Certificate | None, edu_to: str, edu_from: str) -> Uitkomst:
    if cert is None:
        return Uitkomst(401, M_401)
    school = ToetsSchool.objects.filter(school_oin=edu_to).first()
    if school is None:
        return Uitkomst(405, M_405)
    if pki.oin_uit_certificaat(cert) != school.las_oin or not pki.OIN_RE.match(edu_from or ""):
        return Uitkomst(401, M_401)
    return Uitkomst(202, M_202, school)


def registreren(cert, edu_to: str, edu_from: str, data: bytes) -> Uitkomst:
    """POST /registreren: additions and changes of deelnemers (never deletions)."""
    u = _school(cert, edu_to, edu_from)
    if u.school is None:
        return u
    if not u.school.inschrijving_open:
        return Uitkomst(403, M_403_INSCHRIJVING)
    try:
        inhoud = berichten.lees_json(data, schema.DEELNEMERSLIJST)
        groepen = {g["id"]: g["omschrijving"] for g in inhoud["groepen"]}
        rijen = []
        for d in inhoud["deelnemers"]:
            las_key = _las_key(d["deelnemerref"])
            if not las_key or d["groep"] not in groepen:
                raise berichten.OngeldigeInhoud("Onbekende groep of leerling zonder LAS-key.")
            rijen.append((las_key, d, dt.date.fromisoformat(d["extensie"]["geboortedatum"])))
    except (berichten.OngeldigeInhoud, ValueError):
        return Uitkomst(422, M_422)
    school = u.school
    with transaction.atomic():
        school.las_kenmerk = edu_from
        school.save(update_fields=["las_kenmerk"])
        for las_key, d, geboren in rijen:
            ToetsDeelnemer.objects.update_or_create(
                school=school,
                las_key=las_key,
                defaults={
                    "achternaam": d["achternaam"],
                    "voorvoegsel": d.get("voorvoegsel", ""),
                    "roepnaam": d["roepnaam"],
                    "voorletters": d["extensie"]["voorletters"],
                    "geboortedatum": geboren,
                    "geslacht": d["extensie"]["geslacht"],
                    "groep": groepen[d["groep"]],
                },
            )
        if school.automatisch_leveren:
            from .tasks import lever_resultaten

            keys = [k for k, _, _ in rijen]
            transaction.on_commit(lambda: lever_resultaten.delay(school.pk, keys))
    return Uitkomst(202, M_202, school)


def _las_key(refs: list[dict]) -> str:
    return next((r["onderwijsdeelnemerID"] for r in refs if r["label"] == "LAS-key"), "")[:256]


def registreren_schooladviezen(cert, edu_to: str, edu_from: str, data: bytes) -> Uitkomst:
    u = _school(cert, edu_to, edu_from)
    if u.school is None:
        return u
    if not u.school.adviezen_open:
        return Uitkomst(403, M_403_ADVIEZEN)
    try:
        inhoud = berichten.lees_json(data, schema.SCHOOLADVIEZENLIJST)
    except berichten.OngeldigeInhoud:
        return Uitkomst(422, M_422)
    adviezen = {_las_key(a["deelnemerref"]): a["advies"] for a in inhoud["voorlopigSchooladviezen"]}
    bekend = set(
        ToetsDeelnemer.objects.filter(school=u.school, las_key__in=adviezen).values_list(
            "las_key", flat=True
        )
    )
    if set(adviezen) - bekend:
        return Uitkomst(422, M_422)
    with transaction.atomic():
        for las_key, advies in adviezen.items():
            ToetsDeelnemer.objects.filter(school=u.school, las_key=las_key).update(
                voorlopig_advies=advies
            )
    return Uitkomst(202, M_202, u.school)


def leerlingrapport(cert, edu_to: str, edu_from: str, rapportid: str) -> tuple[Uitkomst, bytes]:
    """GET /leerlingrapport/{rapportid}: 200 with the PDF, or 404 (also for another school's
    report: its existence is not revealed)."""
    u = _school(cert, edu_to, edu_from)
    if u.school is None:
        return Uitkomst(404, M_404), b""
    levering = (
        Levering.objects.select_related("deelnemer")
        .filter(deelnemer__school=u.school, rapportid=_uuid(rapportid))
        .first()
        if _uuid(rapportid)
        else None
    )
    if levering is None:
        return Uitkomst(404, M_404), b""
    return Uitkomst(200, ""), rapport_pdf(levering)


def _uuid(tekst: str) -> str | None:
    import uuid

    try:
        return str(uuid.UUID(tekst))
    except (ValueError, TypeError, AttributeError):
        return None


# --- results ---------------------------------------------------------------------------------

ADVIEZEN = ["vmbo-b", "vmbo-b/k", "vmbo-k", "vmbo-gt", "vmbo-gt/havo", "havo", "havo/vwo", "vwo"]


def _getal(las_key: str, zout: str) -> float:
    """A deterministic number in [0, 1) per pupil (plausible, and the same on every run)."""
    h = hashlib.sha256(f"{las_key}/{zout}".encode()).digest()
    return int.from_bytes(h[:4], "big") / 2**32


def maak_resultaat(d: ToetsDeelnemer, *, rapportid: str, tijdstip: dt.datetime) -> dict:
    school = d.school
    z = _getal(d.las_key, "vermogen")
    score = round(180 + 70 * z)  # like Route 8: 100-300, most pupils 180-250
    advies = ADVIEZEN[min(len(ADVIEZEN) - 1, int(z * len(ADVIEZEN)))]
    rekenen = "<1F" if z < 0.15 else "1F" if z < 0.55 else "1S"
    lezen = "<1F" if z < 0.1 else "1F" if z < 0.45 else "2F"
    taalverzorging = "<1F" if z < 0.12 else "1F" if z < 0.5 else "2F"
    # the doorstroomtoets of this school year is taken in February; before then (a demo in
    # autumn) the result is dated today
    februari = tijdstip.year + (1 if tijdstip.month >= 8 else 0)
    afname = dt.datetime(februari, 2, 10, 9, 0, tzinfo=dt.UTC)
    if afname > tijdstip:
        afname = tijdstip.replace(hour=9, minute=0, second=0, microsecond=0)
    z_rek, z_taal = _getal(d.las_key, "rekenen"), _getal(d.las_key, "taal")
    stempel = tijdstip.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return {
        "datumtijd": stempel,
        "auteur": "Referentie-toetssysteem",
        "versie": schema.AFSPRAAKVERSIE,
        "profiel": "Leerlingtoetsresultaat",
        "schooljaar": berichten.schooljaar(tijdstip.date()),
        "resultatenscores": {
            "id": f"resultatenscores-{rapportid}",
            "deelnemerref": [{"label": "LAS-key", "onderwijsdeelnemerID": d.las_key}],
            "versie": "Definitief",
            "datumtijd": stempel,
            "toetsdefinitie": school.toetssoort,
            "afnamecontext": {
                "afname": {
                    "id": f"afname-{rapportid[:8]}",
                    "afnametijdstip": afname.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
            },
            "scores": {
                "id": f"scores-{rapportid[:8]}",
                "scores": [
                    {"label": "Toetsscore", "id": "score-totaal", "waarde": str(score)},
                    {
                        "label": "Detailscore",
                        "id": "score-rekenen",
                        "toetseenheid": "REKENEN",
                        "waarde": str(round(60 + 40 * z_rek)),
                    },
                    {
                        "label": "Detailscore",
                        "id": "score-taal",
                        "toetseenheid": "NEDERLANDSE_TAAL",
                        "waarde": str(round(60 + 40 * z_taal)),
                    },
                ],
            },
            "resultaten": {
                "aanvullendeinfo": f"toetsleverancier-endpoint/dst/leerlingrapport/{rapportid}",
                "resultaten": [
                    {"label": "Toetsadvies", "waarde": advies},
                    {"label": "Referentieniveau", "toetseenheid": "REKENEN", "waarde": rekenen},
                    {"label": "Referentieniveau", "toetseenheid": "LEZEN", "waarde": lezen},
                    {
                        "label": "Referentieniveau",
                        "toetseenheid": "TAALVERZORGING",
                        "waarde": taalverzorging,
                    },
                ],
            },
        },
        "toets": {
            "label": "Doorstroomtoets",
            "id": school.toetssoort,
            "naam": school.toetsnaam,
            "versie": "Digitaal",
            "toetsonderdelen": [
                {"label": "Onderdeel", "id": "REKENEN", "omschrijving": "Rekenen"},
                {
                    "label": "Onderdeel",
                    "id": "NEDERLANDSE_TAAL",
                    "omschrijving": "Nederlandse taal",
                    "toetsonderdelen": [
                        {"label": "Domein", "id": "LEZEN", "omschrijving": "Lezen"},
                        {
                            "label": "Domein",
                            "id": "TAALVERZORGING",
                            "omschrijving": "Taalverzorging",
                        },
                    ],
                },
            ],
        },
    }


def _context(school: ToetsSchool) -> ssl.SSLContext:
    return pki.ssl_context_client(
        school.client_certificaat, school.client_sleutel, school.ca_certificaat
    )


def lever(levering: Levering, *, context: ssl.SSLContext | None = None) -> int | None:
    """POST the delivery to the LAS's /leerlingresultaat; the answer's status is kept."""
    school = levering.deelnemer.school
    url = f"{school.las_url.rstrip('/')}/leerlingresultaat?" + urlencode(
        {"edu-to": school.las_kenmerk, "edu-from": school.school_oin}
    )
    d = urlsplit(url)
    verbinding = http.client.HTTPSConnection(
        d.hostname, d.port or 443, context=context or _context(school), timeout=30
    )
    status, melding = None, ""
    try:
        verbinding.request(
            "POST",
            f"{d.path}?{d.query}",
            body=json.dumps(levering.inhoud).encode(),
            headers={"Content-Type": "application/json"},
        )
        r = verbinding.getresponse()
        status = r.status
        try:
            melding = str(json.loads(r.read(64 * 1024)).get("melding", ""))[:300]
        except (ValueError, AttributeError):
            melding = ""
    except (OSError, ssl.SSLError, http.client.HTTPException) as e:
        melding = f"Niet bereikbaar: {type(e).__name__}"
    finally:
        verbinding.close()
    Levering.objects.filter(pk=levering.pk).update(http_status=status, melding=melding)
    return status


def resultaten_leveren(school_id: int, las_keys: list[str] | None = None) -> list[int | None]:
    """Make a result for each deelnemer (or those in ``las_keys``) and deliver it."""
    school = ToetsSchool.objects.get(pk=school_id)
    if not school.las_kenmerk:
        return []
    deelnemers = school.deelnemers.order_by("pk")
    if las_keys is not None:
        deelnemers = deelnemers.filter(las_key__in=las_keys)
    context = _context(school)
    uitkomst = []
    for d in deelnemers:
        levering = Levering(deelnemer=d, inhoud={})
        levering.inhoud = maak_resultaat(
            d, rapportid=str(levering.rapportid), tijdstip=timezone.now()
        )
        levering.save()
        uitkomst.append(lever(levering, context=context))
    return uitkomst


# --- the report ------------------------------------------------------------------------------


def _pdf_tekst(t: str) -> str:
    t = t.encode("latin-1", "replace").decode("latin-1")
    return t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def rapport_pdf(levering: Levering) -> bytes:
    """A one-page PDF (Helvetica, no dependencies): the pupil's leerlingrapport."""
    d = levering.deelnemer
    rs = levering.inhoud["resultatenscores"]
    regels = [
        (16, f"Leerlingrapport {d.school.toetsnaam}"),
        (11, f"{d} - groep {d.groep} - geboren {d.geboortedatum:%d-%m-%Y}"),
        (11, f"School: {d.school.naam}"),
        (11, ""),
    ]
    for s in rs["scores"]["scores"]:
        eenheid = s.get("toetseenheid", "").replace("_", " ").lower() or "totaal"
        regels.append((11, f"{s['label']} ({eenheid}): {s['waarde']}"))
    for r in rs["resultaten"]["resultaten"]:
        eenheid = r.get("toetseenheid", "").replace("_", " ").lower()
        regels.append((11, f"{r['label']}{f' {eenheid}' if eenheid else ''}: {r['waarde']}"))
    regels.append((9, f"Rapport {levering.rapportid} - referentie-toetssysteem (ontwikkeling)"))
    stroom, y = [], 800
    for grootte, tekst in regels:
        stroom.append(f"BT /F1 {grootte} Tf 56 {y} Td ({_pdf_tekst(tekst)}) Tj ET")
        y -= grootte + 10
    inhoud = "\n".join(stroom).encode("latin-1")
    objecten = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(inhoud) + inhoud + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    uit = bytearray(b"%PDF-1.4\n")
    posities = []
    for i, obj in enumerate(objecten, start=1):
        posities.append(len(uit))
        uit += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(uit)
    uit += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    for p in posities:
        uit += b"%010d 00000 n \n" % p
    uit += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1,
        xref,
    )
    return bytes(uit)
