"""A fresh machine: a copy of the repository with nothing beside it (no ../shared) and nothing
configured (OSO_STANDARD_DIR="", a new OSO_VAR_DIR). make run's setup (migrate + demo_data),
dossier_export for every profile and oso_testuitwisseling --poorten-vrij must all succeed:
the product validates with our own structural check and never needs the official files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree

from dossiers.profielen import Profiel

REPO = Path(__file__).resolve().parent.parent

EXPORTEER = """
UIT = sys.argv[-1]
from io import StringIO
from django.conf import settings
from django.core.management import CommandError, call_command
from dossiers.profielen import Profiel
from leerlingen.models import Leerling
print("BASE_DIR", settings.BASE_DIR, "STANDARD", repr(settings.OSO_STANDARD_DIR))
for p in Profiel:
    sector = "VO" if p in (Profiel.VOVO, Profiel.SWV_VO) else "PO"
    for l in Leerling.objects.select_related("school").order_by("pk"):
        if l.school.sector != sector:
            continue
        doel = f"{UIT}/{p.value}.xml"
        try:
            call_command(
                "dossier_export", str(l.pk), "--profiel", p.value, "--xml", doel,
                stdout=StringIO(),
            )
        except CommandError as fout:
            assert "Dit profiel kan niet voor deze leerling" in str(fout), str(fout)
            continue
        print("PROFIEL", p.value, l.pk, doel)
        break
"""


def _kopie(doel: Path) -> Path:
    """The repository's files (tracked and new, as a clone would have them) in ``doel``."""
    bestanden = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],  # noqa: S607
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    for naam in filter(None, bestanden):
        bron = REPO / naam
        if naam.startswith("var/") or not bron.is_file():
            continue
        (doel / naam).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(bron, doel / naam)
    return doel


def test_every_flow_works_on_a_fresh_machine_without_the_official_files(tmp_path):
    repo = _kopie(tmp_path / "kloon")
    assert not (repo.parent / "shared").exists()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "OSO_ENV"}
        and not k.startswith(("OSO_TC_", "OSO_LAS_"))
    }
    env["OSO_STANDARD_DIR"] = ""
    env["OSO_VAR_DIR"] = str(tmp_path / "var")

    def manage(*args: str, timeout: int = 600) -> str:
        afloop = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert afloop.returncode == 0, (args, afloop.stdout[-3000:], afloop.stderr[-3000:])
        return afloop.stdout

    manage("migrate", "--noinput", "-v", "0")
    manage("demo_data")
    uitvoer = manage("shell", "-c", EXPORTEER.replace("sys.argv[-1]", repr(str(tmp_path))))
    assert f"BASE_DIR {repo} STANDARD ''" in uitvoer
    profielen = [regel.split()[1:] for regel in uitvoer.splitlines() if regel.startswith("PROFIEL")]
    assert [p for p, *_ in profielen] == [p.value for p in Profiel]
    for profiel, _leerling, xml in profielen:
        root = etree.parse(xml).getroot()
        assert etree.QName(root).localname == "dossier"
        pgn = root.xpath("//*[local-name()='bsn' or local-name()='onderwijsnummer']")
        assert (pgn == []) == profiel.startswith("SWV"), profiel
    tekst = manage("oso_testuitwisseling", "--poorten-vrij", timeout=900)
    assert "[FOUT]" not in tekst
    assert tekst.rstrip().endswith("Testuitwisseling geslaagd.")
