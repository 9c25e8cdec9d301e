"""Staff see only their own school's pupils: every URL of the application is walked with a user
of another school, and nothing is shown or changed."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.tenancy import school_ids
from audit.models import AuditEvent
from leerlingen import models as m
from leerlingen.sections import SECTIONS, TAB_SLUGS

from . import factories as f


def all_patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from all_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield namespace + (entry.name or ""), prefix + str(entry.pattern), entry


def pupil_urls(leerling: m.Leerling) -> list[str]:
    """Every pupil-scoped URL, with every section and every item of the pupil filled in."""
    urls = [
        reverse("leerlingen:kaart", args=[leerling.pk]),
        reverse("leerlingen:logboek", args=[leerling.pk]),
    ]
    urls += [reverse("leerlingen:tab", args=[leerling.pk, tab]) for tab in TAB_SLUGS]
    urls += [
        reverse("leerlingen:bewerken", args=[leerling.pk, d]) for d in ("personalia", "onderwijs")
    ]
    urls += [
        reverse("leerlingen:map_nieuw", args=[leerling.pk, s]) for s in ("document", "notitie")
    ]
    urls += [
        reverse(f"dossiers:{name}", args=[leerling.pk])
        for name in ("klaarzetten", "klaarzetten_actie", "intrekken", "pdf", "mutatielog")
    ]
    urls += [reverse("dossiers:blokken", args=[leerling.pk, p]) for p in ("POPO", "POVO", "VOVO")]
    # a klaarzetting id that need not exist: the pupil is checked first, a stranger gets a 404
    urls.append(reverse("dossiers:klaarzetting_pdf", args=[leerling.pk, 1]))
    from trafficcenter_client.models import Opvraging

    opvraging = Opvraging.objects.get_or_create(
        school=leerling.school,
        leerling=leerling,
        herkomst_brin="15TT",
        overdrachtsoort="overstapdossier",
        pgn_type=leerling.pgn_type,
        pgn_hash=leerling.pgn_hash,
    )[0]
    urls.append(reverse("trafficcenter_client:opvragen", args=[leerling.pk]))
    urls.append(reverse("seizoen:toch_klaarzetten", args=[leerling.pk]))
    urls.append(reverse("trafficcenter_client:opvraging", args=[opvraging.pk]))
    for item in leerling.map_items.all():
        urls.append(reverse("leerlingen:map_bekijken", args=[leerling.pk, item.pk]))
        urls.append(reverse("leerlingen:map_verwijderen", args=[leerling.pk, item.pk]))
    for section in SECTIONS:
        urls.append(reverse("leerlingen:sectie", args=[leerling.pk, section.slug]))
        for obj in section.model.objects.filter(leerling=leerling):
            if not section.one_to_one:
                urls.append(
                    reverse("leerlingen:sectie_item", args=[leerling.pk, section.slug, obj.pk])
                )
                urls.append(
                    reverse(
                        "leerlingen:sectie_verwijderen", args=[leerling.pk, section.slug, obj.pk]
                    )
                )
    return urls


def snapshot() -> dict[str, int]:
    from dossiers.models import DossierVersie, Klaarzetting, Overstapdossier, Verzamelopdracht

    counts = {}
    from trafficcenter_client.models import Berichtlog, Opvraging

    dossier_models = [
        Overstapdossier,
        DossierVersie,
        Klaarzetting,
        Verzamelopdracht,
        Opvraging,
        Berichtlog,
    ]
    for model in [m.Leerling, m.MapItem, *[s.model for s in SECTIONS], *dossier_models]:
        counts[model.__name__] = model.objects.count()
    counts["changed"] = m.Leerling.objects.filter(achternaam="Gehackt").count()
    return counts


@pytest.fixture
def full_pupil(school_a):
    leerling = f.LeerlingFactory(school=school_a, roepnaam="Geheimpje", achternaam="Verborgen")
    f.vul_alle_blokken(leerling)
    return leerling


def test_the_walk_covers_every_pupil_url_pattern(full_pupil):
    urls = pupil_urls(full_pupil)
    resolved = {get_resolver().resolve(u).url_name for u in urls}
    pupil_patterns = {
        name.split(":")[-1] for name, route, _p in all_patterns() if "<int:pk>" in route
    }
    assert pupil_patterns <= resolved, f"not walked: {pupil_patterns - resolved}"
    for section in SECTIONS:
        assert section.model.objects.filter(leerling=full_pupil).exists(), section.slug


@pytest.mark.parametrize("method", ["get", "post"])
def test_other_school_gets_nothing_on_any_pupil_url(client_for, bob, full_pupil, method):
    client = client_for(bob)
    urls = pupil_urls(full_pupil)
    before = snapshot()
    for url in urls:
        data = {"achternaam": "Gehackt", "titel": "x", "tekst": "x"} if method == "post" else None
        response = getattr(client, method)(url, data)
        # a POST-only URL answers a GET with 405 for any id: that reveals nothing either
        allowed = {404} if method == "post" else {404, 405}
        assert response.status_code in allowed, f"{method.upper()} {url}: {response.status_code}"
        assert "Verborgen" not in response.content.decode()
    assert snapshot() == before
    assert not AuditEvent.objects.filter(leerling=full_pupil, user=bob).exists()


def test_bestuur_of_another_bestuur_sees_nothing(client_for, school_c, full_pupil):
    from accounts.roles import Rol

    other = f.UserFactory(username="ander_bestuur")
    f.AanstellingFactory(user=other, rol=Rol.BESTUUR, school=None, bestuur=f.BestuurFactory())
    client = client_for(other)
    for url in pupil_urls(full_pupil):
        assert client.get(url).status_code in (404, 405), url


def test_every_url_without_pupil_shows_nothing_of_another_school(client_for, bob, full_pupil):
    """Lists, admin and the rest: walked with bob (other school, no admin rights)."""
    client = client_for(bob)
    for _name, route, _pattern in all_patterns():
        if "<" in route:
            continue  # pupil URLs are walked above; admin detail URLs need staff (below)
        url = "/" + route.replace("^", "").replace("$", "").replace("\\Z", "")
        response = client.get(url, follow=True)
        assert "Verborgen" not in response.content.decode(), url
        assert "Geheimpje" not in response.content.decode(), url


def test_lists_show_only_own_school(client_for, alice, leerling_a, leerling_b):
    body = client_for(alice).get(reverse("leerlingen:lijst")).content.decode()
    assert leerling_a.achternaam in body
    assert leerling_b.achternaam not in body


def test_school_switch_refuses_foreign_school(client_for, alice, school_b):
    client = client_for(alice)
    response = client.post(reverse("school_kiezen"), {"school": school_b.pk}, follow=True)
    assert "U werkt niet voor deze school." in response.content.decode()


def test_bestuur_role_covers_all_schools_of_the_bestuur(bestuurder, school_a, school_b, school_c):
    assert school_ids(bestuurder) == {school_a.pk, school_b.pk}


def test_bestuur_switches_school_and_reads(client_for, bestuurder, leerling_a, leerling_b):
    client = client_for(bestuurder)
    client.post(reverse("school_kiezen"), {"school": leerling_b.school_id})
    body = client.get(reverse("leerlingen:lijst")).content.decode()
    assert leerling_b.achternaam in body and leerling_a.achternaam not in body
    assert (
        client.get(reverse("leerlingen:tab", args=[leerling_a.pk, "personalia"])).status_code == 200
    )
    # reading is all a bestuur may do
    url = reverse("leerlingen:bewerken", args=[leerling_a.pk, "personalia"])
    assert client.get(url).status_code == 403


def test_admin_is_narrowed_to_own_school(client_for, beheerder, full_pupil, leerling_b):
    client = client_for(beheerder)
    body = client.get("/beheer/leerlingen/leerling/").content.decode()
    assert "Verborgen" in body
    assert leerling_b.achternaam not in body
    assert client.get(f"/beheer/leerlingen/leerling/{leerling_b.pk}/change/").status_code in (
        302,
        404,
    )
    for section in SECTIONS:
        obj = section.model.objects.filter(leerling=full_pupil).first()
        url = f"/beheer/leerlingen/{section.model._meta.model_name}/"
        assert client.get(url).status_code == 200, url
        assert client.get(f"{url}{obj.pk}/change/").status_code == 200, url


def test_admin_refuses_other_schools_beheerder(client_for, school_b, full_pupil):
    from accounts.roles import Rol

    other = f.UserFactory(username="beheer_b", is_staff=True)
    f.AanstellingFactory(user=other, rol=Rol.BEHEERDER, school=school_b)
    client = client_for(other)
    for section in SECTIONS:
        obj = section.model.objects.filter(leerling=full_pupil).first()
        url = f"/beheer/leerlingen/{section.model._meta.model_name}/{obj.pk}/change/"
        assert client.get(url).status_code in (302, 404), url
    body = client.get("/beheer/audit/auditevent/").content.decode()
    assert "Verborgen" not in body


def test_bulk_job_of_another_school_is_hidden(client_for, alice, bob, school_a):
    from dossiers.models import BulkKlaarzetting

    bulk = BulkKlaarzetting.objects.create(school=school_a, aangevraagd_door=alice, totaal=0)
    url = reverse("dossiers:bulk", args=[bulk.pk])
    assert client_for(bob).get(url).status_code == 404


def test_dossier_admin_is_narrowed_and_read_only(client_for, beheerder, full_pupil, leerling_b):
    from dossiers.services import dossier_van

    own, other = dossier_van(full_pupil), dossier_van(leerling_b)
    client = client_for(beheerder)
    body = client.get("/beheer/dossiers/overstapdossier/").content.decode()
    assert "Verborgen" in body and leerling_b.achternaam not in body
    assert client.get(f"/beheer/dossiers/overstapdossier/{other.pk}/change/").status_code in (
        302,
        404,
    )
    assert client.get(f"/beheer/dossiers/overstapdossier/{own.pk}/change/").status_code == 200
    assert (
        client.post(
            f"/beheer/dossiers/overstapdossier/{own.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
