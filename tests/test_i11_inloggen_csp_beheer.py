"""Issue 11, findings 5 and 10: login throttling per account and per address (an audited
lockout a beheerder lifts), a Content-Security-Policy the pages satisfy, and an admin whose
filters and form choices hold only the beheerder's own schools and their staff."""

from __future__ import annotations

import re

from django.urls import reverse

from accounts.models import Aanstelling
from accounts.roles import Rol
from audit.models import Actie, AuditEvent

from . import factories as f

LOGIN = "/inloggen/"


def inloggen(client, username, password, ip="10.9.8.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_the_sixth_wrong_password_locks_the_account_until_a_beheerder_lifts_it(
    client, alice, beheerder
):
    for _ in range(5):
        antwoord = inloggen(client, "alice", "fout-wachtwoord")
        assert antwoord.status_code == 200  # the form again, with its message
    geblokkeerd = inloggen(client, "alice", "fout-wachtwoord")
    assert geblokkeerd.status_code == 429
    tekst = geblokkeerd.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in tekst and "beheerder" in tekst
    # the right password does not help now, from another address neither
    juist = inloggen(client, "alice", f.PASSWORD, ip="10.1.1.1")
    assert juist.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(actie=Actie.INLOGGEN_GEBLOKKEERD).exists()

    # the beheerder of De Regenboog lifts it in the admin (an audited action)
    client.force_login(beheerder)
    aanstelling = Aanstelling.objects.get(user=alice)
    antwoord = client.post(
        "/beheer/accounts/aanstelling/",
        {"action": "blokkade_opheffen", "_selected_action": [aanstelling.pk]},
        follow=True,
    )
    assert "Inlogblokkade opgeheven" in antwoord.content.decode()
    assert AuditEvent.objects.filter(actie=Actie.BLOKKADE_OPGEHEVEN, user=beheerder).exists()
    client.logout()
    assert inloggen(client, "alice", f.PASSWORD, ip="10.1.1.1").status_code == 302


def test_many_wrong_passwords_from_one_address_lock_that_address(client, alice, bob):
    for naam in ("x1", "x2", "x3", "bob", "x5", "x6"):
        inloggen(client, naam, "fout", ip="10.6.6.6")
    assert inloggen(client, "alice", f.PASSWORD, ip="10.6.6.6").status_code == 429
    assert inloggen(client, "alice", f.PASSWORD, ip="10.7.7.7").status_code == 302


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=|\son[a-z]+=",
    re.IGNORECASE,
)


def test_pages_carry_a_strict_csp_and_have_no_inline_script_or_style(
    client, alice, beheerder, leerling_a
):
    pagina = client.get(LOGIN)
    csp = pagina["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert not INLINE.search(pagina.content.decode())
    client.force_login(alice)
    for url in (
        reverse("leerlingen:lijst"),
        f"/leerlingen/{leerling_a.pk}/personalia/",
        f"/leerlingen/{leerling_a.pk}/map/",
        reverse("dossiers:overzicht"),
        reverse("trafficcenter_client:dossieraanvragen"),
        reverse("trafficcenter_client:registratie"),
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        assert "Content-Security-Policy" in antwoord, url
        gevonden = INLINE.search(antwoord.content.decode())
        assert gevonden is None, (url, gevonden and gevonden.group(0))
    client.force_login(beheerder)
    for url in ("/beheer/", "/beheer/accounts/aanstelling/add/", "/beheer/leerlingen/leerling/"):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        gevonden = INLINE.search(antwoord.content.decode())
        assert gevonden is None, (url, gevonden and gevonden.group(0))


def test_admin_filters_and_choices_hold_only_own_schools(
    client, beheerder, alice, bob, school_a, school_b, school_c, leerling_a
):
    vreemde = f.UserFactory(username="vreemde-medewerker")
    f.AanstellingFactory(user=vreemde, rol=Rol.LEERKRACHT, school=school_c)
    client.force_login(beheerder)

    lijst = client.get("/beheer/leerlingen/leerling/").content.decode()
    assert school_a.naam in lijst
    assert school_b.naam not in lijst and school_c.naam not in lijst

    formulier = client.get("/beheer/accounts/aanstelling/add/").content.decode()
    keuzes = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", formulier)
    assert str(alice) in keuzes and str(beheerder) in keuzes
    assert str(bob) not in keuzes and str(vreemde) not in keuzes
    assert school_b.naam not in formulier and school_c.naam not in formulier
