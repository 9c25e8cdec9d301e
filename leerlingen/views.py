"""Pupil screens. Thin: tenancy comes from ``Leerling.objects.for_user``, rights from
``accounts.tenancy``, writes from ``services``, reads from ``selectors``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import Recht
from accounts.schoolkeuze import huidige_school
from accounts.tenancy import heeft_recht, vereis_recht
from audit import events
from audit.models import AuditEvent
from core.uploads import veilig_mime

from . import selectors, services
from .forms import (
    LeerlingNieuwForm,
    LeerlingZoekForm,
    MapDocumentForm,
    MapNotitieForm,
    OnderwijsForm,
    PersonaliaForm,
    PgnZoekForm,
    section_form_class,
    section_formset_class,
)
from .models import Leerling, MapItem
from .sections import SECTIONS_BY_SLUG, TAB_SLUGS, TABS, Section

SAVED = _("De wijzigingen zijn opgeslagen.")


def get_leerling(request, pk: int, recht: str = Recht.BEKIJKEN) -> Leerling:
    """The pupil if the user works for their school (else 404); 403 without the right."""
    leerling = get_object_or_404(
        Leerling.objects.for_user(request.user).select_related("school", "vestiging"), pk=pk
    )
    vereis_recht(request.user, leerling.school_id, recht)
    return leerling


def get_section(slug: str) -> Section:
    section = SECTIONS_BY_SLUG.get(slug)
    if section is None:
        raise Http404
    return section


def kaart_url(leerling: Leerling, tab: str) -> str:
    return reverse("leerlingen:tab", kwargs={"pk": leerling.pk, "tab": tab})


@login_required
@require_http_methods(["GET", "POST"])
def lijst(request):
    school = huidige_school(request)
    if school is None:
        return render(request, "leerlingen/geen_school.html", status=403)
    zoek = LeerlingZoekForm(request.GET or None)
    pgn_form = PgnZoekForm(request.POST or None, prefix="pgn")
    if request.method == "POST" and pgn_form.is_valid():
        leerling = selectors.leerling_op_pgn(
            user=request.user,
            school=school,
            pgn_type=pgn_form.cleaned_data["pgn_type"],
            pgn=pgn_form.cleaned_data["pgn"],
            request=request,
        )
        if leerling is not None:
            return redirect(kaart_url(leerling, "personalia"))
        messages.warning(request, _("Er is op deze school geen leerling met dit nummer."))
        return redirect("leerlingen:lijst")
    filters = zoek.cleaned_data if zoek.is_valid() else {}
    qs = selectors.leerlingen_zoeken(user=request.user, school=school, **filters)
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "leerlingen/lijst.html",
        {
            "zoek": zoek,
            "pgn_form": pgn_form,
            "page": page,
            "mag_inschrijven": heeft_recht(request.user, school.pk, Recht.LEERLING_AANMAKEN),
            "querystring": request.GET.copy().urlencode() if request.GET else "",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request):
    school = huidige_school(request)
    if school is None:
        raise PermissionDenied
    vereis_recht(request.user, school.pk, Recht.LEERLING_AANMAKEN)
    form = LeerlingNieuwForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            leerling = services.leerling_aanmaken(form=form, request=request)
        except services.DubbeleLeerling:
            form.add_error(
                "pgn_nieuw", _("Er bestaat al een leerling op deze school met dit nummer.")
            )
        else:
            messages.success(request, _("De leerling is ingeschreven."))
            return redirect(kaart_url(leerling, "personalia"))
    return render(
        request,
        "leerlingen/form.html",
        {
            "form": form,
            "titel": _("Leerling inschrijven"),
            "annuleren": reverse("leerlingen:lijst"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def kaart(request, pk: int):
    leerling = get_leerling(request, pk)
    return redirect(kaart_url(leerling, "personalia"))


def _tab_context(request, leerling: Leerling, tab: str) -> dict:
    rechten = {
        recht: heeft_recht(request.user, leerling.school_id, recht) for _slug, _label, recht in TABS
    }
    return {
        "leerling": leerling,
        "tab": tab,
        "tabs": [(slug, label, rechten[recht]) for slug, label, recht in TABS],
        "mag_bewerken": rechten[{s: r for s, _l, r in TABS}[tab]],
        "mag_beheren": heeft_recht(request.user, leerling.school_id, Recht.BEHEER),
    }


@login_required
def tab(request, pk: int, tab: str):
    if tab not in TAB_SLUGS:
        raise Http404
    leerling = get_leerling(request, pk)
    context = _tab_context(request, leerling, tab)
    if tab == "map":
        context["items"] = leerling.map_items.select_related("aangemaakt_door")
    else:
        context["secties"] = selectors.tab_gegevens(leerling=leerling, tab=tab)
    events.leerling_bekeken(request=request, leerling=leerling, tab=tab)
    return render(request, f"leerlingen/tab_{tab}.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bewerken(request, pk: int, deel: str):
    forms_by_deel = {
        "personalia": (PersonaliaForm, Recht.PERSONALIA_BEWERKEN, _("Personalia bewerken")),
        "onderwijs": (OnderwijsForm, Recht.ONDERWIJS_BEWERKEN, _("Onderwijsgegevens bewerken")),
    }
    if deel not in forms_by_deel:
        raise Http404
    form_class, recht, titel = forms_by_deel[deel]
    leerling = get_leerling(request, pk, recht)
    terug = request.GET.get("volgende", "")
    if not url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
        terug = ""
    form = form_class(request.POST or None, instance=leerling)
    if request.method == "POST" and form.is_valid():
        try:
            services.leerling_bijwerken(form=form, request=request)
        except services.DubbeleLeerling:
            form.add_error(None, _("Er bestaat al een leerling op deze school met dit nummer."))
        else:
            messages.success(request, SAVED)
            return redirect(terug or kaart_url(leerling, deel))
    return render(
        request,
        "leerlingen/form.html",
        {
            "form": form,
            "leerling": leerling,
            "titel": titel,
            "annuleren": terug or kaart_url(leerling, deel),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sectie_form(request, pk: int, sectie: str, item: int | None = None):
    section = get_section(sectie)
    leerling = get_leerling(request, pk, section.recht)
    if section.one_to_one:
        if item is not None:
            raise Http404
        instance = section.model.objects.filter(leerling=leerling).first()
    elif item is not None:
        instance = get_object_or_404(
            section.model.objects.for_user(request.user).filter(leerling=leerling), pk=item
        )
    else:
        instance = None
    if instance is None:
        instance = section.model(leerling=leerling)
    form = section_form_class(section)(request.POST or None, instance=instance, leerling=leerling)
    formset_class = section_formset_class(section)
    formset = (
        formset_class(request.POST or None, instance=instance, prefix="regels")
        if formset_class
        else None
    )
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        services.sectie_opslaan(
            section=section, form=form, formset=formset, leerling=leerling, request=request
        )
        messages.success(request, SAVED)
        return redirect(kaart_url(leerling, section.tab))
    has_errors = bool(form.errors) or bool(formset is not None and formset.total_error_count())
    return render(
        request,
        "leerlingen/form.html",
        {
            "form": form,
            "formset": formset,
            "inline": section.inline,
            "leerling": leerling,
            "titel": section.titel,
            "annuleren": kaart_url(leerling, section.tab),
        },
        status=400 if has_errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sectie_verwijderen(request, pk: int, sectie: str, item: int):
    section = get_section(sectie)
    leerling = get_leerling(request, pk, section.recht)
    obj = get_object_or_404(
        section.model.objects.for_user(request.user).filter(leerling=leerling), pk=item
    )
    if request.method == "POST":
        services.sectie_verwijderen(
            section_titel=str(section.titel), obj=obj, leerling=leerling, request=request
        )
        messages.success(request, _("Verwijderd."))
        return redirect(kaart_url(leerling, section.tab))
    return render(
        request,
        "leerlingen/verwijderen.html",
        {
            "leerling": leerling,
            "obj": obj,
            "titel": section.titel,
            "annuleren": kaart_url(leerling, section.tab),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def map_nieuw(request, pk: int, soort: str):
    form_classes = {"document": MapDocumentForm, "notitie": MapNotitieForm}
    if soort not in form_classes:
        raise Http404
    leerling = get_leerling(request, pk, Recht.MAP_BEWERKEN)
    form = form_classes[soort](
        request.POST or None,
        request.FILES or None,
        instance=MapItem(leerling=leerling),
        leerling=leerling,
    )
    if request.method == "POST" and form.is_valid():
        services.map_item_opslaan(form=form, leerling=leerling, request=request)
        messages.success(request, _("Toegevoegd aan de map."))
        return redirect(kaart_url(leerling, "map"))
    titel = _("Document toevoegen") if soort == "document" else _("Notitie toevoegen")
    return render(
        request,
        "leerlingen/form.html",
        {
            "form": form,
            "leerling": leerling,
            "titel": titel,
            "multipart": soort == "document",
            "annuleren": kaart_url(leerling, "map"),
        },
        status=400 if form.errors else 200,
    )


def _map_item(request, pk: int, item: int, recht: str) -> tuple[Leerling, MapItem]:
    leerling = get_leerling(request, pk, recht)
    obj = get_object_or_404(
        MapItem.objects.for_user(request.user).filter(leerling=leerling), pk=item
    )
    return leerling, obj


@login_required
def map_bekijken(request, pk: int, item: int):
    leerling, obj = _map_item(request, pk, item, Recht.BEKIJKEN)
    if obj.bestand:
        events.document_gedownload(request=request, leerling=leerling, obj=obj)
        return FileResponse(
            obj.bestand.open("rb"),
            as_attachment=True,
            filename=obj.bestandsnaam or obj.titel,
            content_type=veilig_mime(obj.mime_type),  # only a type the server decided
        )
    events.log("leerling_bekeken", request=request, leerling=leerling, obj=obj)
    return render(
        request,
        "leerlingen/notitie.html",
        {"leerling": leerling, "item": obj, "annuleren": kaart_url(leerling, "map")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def map_verwijderen(request, pk: int, item: int):
    leerling, obj = _map_item(request, pk, item, Recht.MAP_BEWERKEN)
    if request.method == "POST":
        services.map_item_verwijderen(item=obj, request=request)
        messages.success(request, _("Verwijderd uit de map."))
        return redirect(kaart_url(leerling, "map"))
    return render(
        request,
        "leerlingen/verwijderen.html",
        {
            "leerling": leerling,
            "obj": obj,
            "titel": _("Leerlingmap"),
            "annuleren": kaart_url(leerling, "map"),
        },
    )


@login_required
def logboek(request, pk: int):
    leerling = get_leerling(request, pk, Recht.BEHEER)
    regels = AuditEvent.objects.for_user(request.user).filter(leerling=leerling)[:500]
    return render(
        request,
        "leerlingen/logboek.html",
        {"leerling": leerling, "regels": regels, "annuleren": kaart_url(leerling, "personalia")},
    )
