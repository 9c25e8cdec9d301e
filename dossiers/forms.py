from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import controleer_upload
from leerlingen.codelijsten import Jaargroep, SoortMapItem
from leerlingen.forms import DATE_WIDGET

from .keuzes import Keuzes, uit_json
from .models import InzageKeuze, Overstapdossier, Status
from .profielen import Categorie, categorie, optioneel
from .voorwaarden import oudste_toetsdatum

JA_NEE = [(False, _("Nee")), (True, _("Ja"))]


def _ja_nee(label):
    return forms.TypedChoiceField(
        label=label, choices=JA_NEE, coerce=lambda v: v in (True, "True"), initial=False
    )


class StatusinformatieForm(forms.ModelForm):
    contact_nodig = _ja_nee(_("Contact nodig"))
    binnen_brin = _ja_nee(_("Binnen brin"))

    class Meta:
        model = Overstapdossier
        fields = (
            "contact_nodig",
            "binnen_brin",
            "inzage",
            "inzage_datum",
            "zienswijze",
            "aandachtspunten",
        )
        widgets = {
            "inzage_datum": DATE_WIDGET,
            "zienswijze": forms.Textarea(attrs={"rows": 3}),
            "aandachtspunten": forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        }
        help_texts = {
            "aandachtspunten": _("Maximaal 280 tekens; gaat mee met het dossier."),
            "zienswijze": _("Alleen bij 'Ja, maar niet akkoord': de zienswijze van de ouders."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inzage"].choices = [("", _("Nog niet ingevuld")), *InzageKeuze.choices]
        self.fields["inzage_datum"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        if self.instance.huidige_versie_id and not self.instance.inzage_geldig:
            # inzage is per version: a new version starts empty (the earlier one's inzage is
            # shown beside the form as information), so choosing it again registers it
            self.initial.update({"inzage": "", "inzage_datum": None, "zienswijze": ""})
        if not self.instance.huidige_versie_id:
            for name in ("inzage", "inzage_datum", "zienswijze"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Eerst het dossier verzamelen.")

    def clean(self):
        cleaned = super().clean()
        inzage = cleaned.get("inzage")
        if inzage in (InzageKeuze.JA, InzageKeuze.JA_NIET_AKKOORD) and not cleaned.get(
            "inzage_datum"
        ):
            self.add_error("inzage_datum", _("Vul de datum van de inzage in."))
        if inzage == InzageKeuze.JA_NIET_AKKOORD and not (cleaned.get("zienswijze") or "").strip():
            self.add_error("zienswijze", _("Leg de zienswijze van de ouders vast."))
        datum = cleaned.get("inzage_datum")
        if datum and self.instance.huidige_versie_id:
            verzameld = self.instance.huidige_versie.verzameld_op.date()
            if datum < verzameld:
                self.add_error(
                    "inzage_datum",
                    _("De inzage ligt vóór het verzamelen van de huidige versie (%(d)s).")
                    % {"d": verzameld.strftime("%d-%m-%Y")},
                )
        if "binnen_brin" in self.changed_data and self.instance.status == Status.KLAARGEZET:
            self.add_error(
                "binnen_brin",
                _("Het dossier staat klaar: trek het klaarzetten eerst in of verzamel opnieuw."),
            )
        return cleaned


class BlokkenEnBijlagenMixin:
    """What the block-selection forms share (overstapdossier and zorgvraag): one field per
    optional block, and the checks on a new attachment or Toelichting onderwijsbehoeften."""

    def blok_velden(self):
        return [self[f"blok_{b.slug}"] for b in self.optionele]

    # the allow lists of core.uploads.GEBRUIK for a new attachment and a new Toelichting
    upload_bijlage = "bijlage"
    upload_toelichting = "toelichting"

    def _bestand(self, name, gebruik):
        bestand = self.cleaned_data.get(name)
        if not bestand:
            return None
        controleer_upload(bestand, gebruik)  # type from the content, the limit named
        return bestand

    def clean_nieuwe_bijlage(self):
        return self._bestand("nieuwe_bijlage", self.upload_bijlage)

    def bijlagen_bij_blok_controleren(self):
        """An attachment goes along only inside its block: never drop one silently when that
        block is not ticked (the file would be stored but not sent)."""
        optioneel_ = {b.slug for b in self.optionele}
        niet_mee = optioneel_ - {
            b.slug for b in self.optionele if self.cleaned_data.get(f"blok_{b.slug}")
        }
        if "onderwijsondersteuning" in niet_mee:
            for veld in ("nieuwe_toelichting", "toelichting_onderwijsbehoeften"):
                if veld in self.fields and self.cleaned_data.get(veld):
                    self.add_error(
                        veld,
                        _(
                            "De toelichting onderwijsbehoeften gaat alleen mee met het blok "
                            "Onderwijsondersteuning: vink dat blok aan, of laat de toelichting "
                            "leeg. Kies het bestand opnieuw."
                        )
                        if veld == "nieuwe_toelichting"
                        else _(
                            "De toelichting onderwijsbehoeften gaat alleen mee met het blok "
                            "Onderwijsondersteuning: vink dat blok aan, of kies 'Geen toelichting'."
                        ),
                    )
        if "bijlagen" in niet_mee:
            if self.cleaned_data.get("nieuwe_bijlage"):
                self.add_error(
                    "nieuwe_bijlage",
                    _(
                        "Bijlages gaan alleen mee met het blok Bijlages: vink dat blok aan. "
                        "Kies het bestand opnieuw."
                    ),
                )
            if self.cleaned_data.get("bijlagen"):
                self.add_error(
                    "bijlagen",
                    _("Bijlages gaan alleen mee met het blok Bijlages: vink dat blok aan."),
                )

    def clean_nieuwe_toelichting(self):
        return self._bestand("nieuwe_toelichting", self.upload_toelichting)


class BlokkenForm(BlokkenEnBijlagenMixin, forms.Form):
    """The block selection page: optional blocks, and within them what goes along."""

    toetsen = forms.ModelMultipleChoiceField(
        label=_("Niet-methodetoetsen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    handelingsplannen = forms.ModelMultipleChoiceField(
        label=_("Handelingsplannen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bijlagen = forms.ModelMultipleChoiceField(
        label=_("Bijlagen uit de map"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nieuwe_bijlage = forms.FileField(label=_("Bijlage van de computer"), required=False)
    toelichting_onderwijsbehoeften = forms.ModelChoiceField(
        label=_("Toelichting onderwijsbehoeften (uit de map)"), queryset=None, required=False
    )
    nieuwe_toelichting = forms.FileField(
        label=_("Toelichting onderwijsbehoeften (van de computer)"), required=False
    )

    def __init__(self, *args, dossier: Overstapdossier, profiel, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier, self.profiel = dossier, profiel
        leerling = dossier.leerling
        self.optionele = optioneel(profiel)
        # the last choices made on this page for this profile; none yet: everything on (the
        # manual). A bulk run's defaults are not the user's choices and never count.
        vorige = laatste_keuzes(dossier, profiel)
        gekozen = set(vorige.blokken) if vorige else {b.slug for b in self.optionele}
        for blok in self.optionele:
            self.fields[f"blok_{blok.slug}"] = forms.BooleanField(
                label=blok.naam, required=False, initial=blok.slug in gekozen, help_text=blok.info
            )
        toetsen = leerling.toetsen.all()
        vanaf = oudste_toetsdatum(profiel)
        if vanaf is not None:
            toetsen = toetsen.filter(afnamedatum__gte=vanaf)
            self.fields["toetsen"].help_text = _(
                "Bij een overstap PO-VO gaan alleen toetsen vanaf %(d)s mee "
                "(dit schooljaar en de twee schooljaren ervoor)."
            ) % {"d": vanaf.strftime("%d-%m-%Y")}
        self.fields["toetsen"].queryset = toetsen
        self.fields["toetsen"].label_from_instance = lambda t: (
            f"{t.afnamedatum:%d-%m-%Y} · {t.leergebied} · {t.toetsnaam} {t.toetsversie} · "
            f"{t.onderdeel}"
        )
        self.fields["handelingsplannen"].queryset = leerling.handelingsplannen.all()
        self.fields["handelingsplannen"].label_from_instance = lambda p: (
            f"{p.startdatum:%d-%m-%Y} · {p.categorie} · {p.is_gericht_op} · "
            f"{p.get_status_display()}"
        )
        kaart = leerling.map_items.exclude(titel__startswith="Overstapdossier (")
        self.fields["bijlagen"].queryset = kaart
        self.fields["toelichting_onderwijsbehoeften"].queryset = kaart.filter(
            soort=SoortMapItem.DOCUMENT
        )
        self.fields["toelichting_onderwijsbehoeften"].empty_label = _("Geen toelichting")
        alle_toetsen = list(toetsen.values_list("pk", flat=True))
        alle_plannen = list(leerling.handelingsplannen.values_list("pk", flat=True))
        if vorige is not None:
            self.fields["toetsen"].initial = (
                alle_toetsen if vorige.toets_ids is None else sorted(vorige.toets_ids)
            )
            self.fields["handelingsplannen"].initial = (
                alle_plannen
                if vorige.handelingsplan_ids is None
                else sorted(vorige.handelingsplan_ids)
            )
            self.fields["bijlagen"].initial = sorted(vorige.bijlage_ids)
            self.fields[
                "toelichting_onderwijsbehoeften"
            ].initial = vorige.toelichting_onderwijsbehoeften_id
        else:
            self.fields["toetsen"].initial = alle_toetsen
            self.fields["handelingsplannen"].initial = alle_plannen
            self.fields["bijlagen"].initial = list(dossier.bijlagen.values_list("pk", flat=True))
            self.fields[
                "toelichting_onderwijsbehoeften"
            ].initial = dossier.toelichting_onderwijsbehoeften_id
        if categorie(profiel, "onderwijsondersteuning") == Categorie.VERBODEN:
            del self.fields["toelichting_onderwijsbehoeften"], self.fields["nieuwe_toelichting"]

    def gekozen_blokken(self) -> set[str]:
        return {b.slug for b in self.optionele if self.cleaned_data.get(f"blok_{b.slug}")}

    def clean(self):
        cleaned = super().clean()
        self.bijlagen_bij_blok_controleren()
        return cleaned


class OverzichtFilterForm(forms.Form):
    roepnaam = forms.CharField(label=_("Roepnaam"), required=False)
    achternaam = forms.CharField(label=_("Achternaam"), required=False)
    groep = forms.CharField(label=_("Groep"), required=False)
    leerjaar = forms.ChoiceField(
        label=_("Leerjaar"), required=False, choices=[("", _("Alle leerjaren")), *Jaargroep.choices]
    )
    ingeschreven = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle leerlingen")),
            ("in", _("Ingeschreven")),
            ("uit", _("Uitgeschreven")),
        ],
    )
    vervolgschool = forms.CharField(label=_("Vervolgschool"), required=False)
    inzage = forms.ChoiceField(
        label=_("Inzage verzorgers"),
        required=False,
        choices=[("", _("Alle")), *InzageKeuze.choices],
    )
    status = forms.ChoiceField(
        label=_("Status OSO-dossier"),
        required=False,
        choices=[("", _("Alle statussen")), *Status.choices],
    )


def laatste_keuzes(dossier: Overstapdossier, profiel) -> Keuzes | None:
    """The choices of the last collection the user asked for on the block selection page for
    this profile (a bulk run's are defaults, not choices), or None."""
    opdracht = (
        dossier.opdrachten.filter(profiel=str(profiel), bulk__isnull=True)
        .order_by("-aangemaakt_op")
        .first()
        if dossier.pk
        else None
    )
    return uit_json(opdracht.keuzes) if opdracht is not None and opdracht.keuzes else None
