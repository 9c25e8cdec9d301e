"""The audit log: an append-only table of named events.

We chose a small model of our own over django-auditlog or django-simple-history: those record
field diffs of model saves, while OSO asks for named domain events (viewed, exported, klaargezet,
verstrekt) including reads, for who did what to which pupil from where, without ever storing a
BSN or onderwijsnummer. Rows cannot be changed or deleted through the ORM, and on PostgreSQL a
trigger refuses UPDATE and DELETE as well.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")

    def for_user(self, user):
        from accounts.tenancy import school_ids

        return self.filter(school_id__in=school_ids(user))


class Actie(models.TextChoices):
    INGELOGD = "ingelogd", _("Ingelogd")
    INLOGGEN_MISLUKT = "inloggen_mislukt", _("Inloggen mislukt")
    LEERLING_BEKEKEN = "leerling_bekeken", _("Leerling bekeken")
    LEERLING_AANGEMAAKT = "leerling_aangemaakt", _("Leerling ingeschreven")
    LEERLING_GEWIJZIGD = "leerling_gewijzigd", _("Leerlinggegevens gewijzigd")
    LEERLING_GEZOCHT_OP_PGN = (
        "leerling_gezocht_op_pgn",
        _("Leerling gezocht op BSN/onderwijsnummer"),
    )
    GEGEVENS_TOEGEVOEGD = "gegevens_toegevoegd", _("Gegevens toegevoegd")
    GEGEVENS_GEWIJZIGD = "gegevens_gewijzigd", _("Gegevens gewijzigd")
    GEGEVENS_VERWIJDERD = "gegevens_verwijderd", _("Gegevens verwijderd")
    DOCUMENT_GEDOWNLOAD = "document_gedownload", _("Document gedownload")
    BEHEER_GEWIJZIGD = "beheer_gewijzigd", _("Gewijzigd in beheer")
    PGN_HERVERSLEUTELD = "pgn_herversleuteld", _("Versleuteling vernieuwd")
    DOSSIER_OPGESLAGEN = "dossier_opgeslagen", _("Statusinformatie opgeslagen")
    DOSSIER_VERZAMELEN_AANGEVRAAGD = "dossier_verzamelen_aangevraagd", _("Verzamelen aangevraagd")
    DOSSIER_VERZAMELEN = "dossier_verzamelen", _("Dossier verzameld")
    DOSSIER_VERZAMELEN_AFGEKEURD = "dossier_verzamelen_afgekeurd", _("Verzamelen afgekeurd")
    DOSSIER_INZAGE = "dossier_inzage", _("Inzage verzorgers vastgelegd")
    DOSSIER_KLAARZETTEN = "dossier_klaarzetten", _("Dossier klaargezet")
    DOSSIER_INTREKKEN = "dossier_intrekken", _("Klaarzetten ingetrokken")
    DOSSIER_BEKEKEN = "dossier_bekeken", _("Dossier bekeken")
    DOSSIER_GEEXPORTEERD = "dossier_geexporteerd", _("Dossier geëxporteerd")
    DOSSIER_VERSTREKT = "dossier_verstrekt", _("Dossier verstrekt")
    DOSSIER_GEIMPORTEERD = "dossier_geimporteerd", _("Ontvangen dossier geïmporteerd")
    ZORGVRAAG_AANGEMAAKT = "zorgvraag_aangemaakt", _("Zorgvraag aangemaakt")
    ZORGVRAAG_VERZONDEN = "zorgvraag_verzonden", _("Zorgvraag verzonden")
    ZORGVRAAG_NIET_AFGELEVERD = "zorgvraag_niet_afgeleverd", _("Zorgvraag niet afgeleverd")
    ZORGVRAAG_OPGEHAALD = "zorgvraag_opgehaald", _("SWV-dossier opgehaald")
    ZORGVRAAG_TERUGKOPPELING = "zorgvraag_terugkoppeling", _("Terugkoppeling ontvangen")
    ZORGVRAAG_BEKEKEN = "zorgvraag_bekeken", _("Zorgvraag bekeken")
    ZORGVRAAG_GEEXPORTEERD = "zorgvraag_geexporteerd", _("Zorgvraag gedownload")
    ZORGVRAAG_VERWIJDERD = "zorgvraag_verwijderd", _("Zorgvraag verwijderd")
    DOSSIER_NOTIFICATIE = "dossier_notificatie", _("Notificatie nieuwe versie")
    SEIZOEN_AFWIJKING = "seizoen_afwijking", _("Afgeweken van de regionale afspraken")
    INLOGGEN_GEBLOKKEERD = "inloggen_geblokkeerd", _("Inloggen geblokkeerd")
    BLOKKADE_OPGEHEVEN = "blokkade_opgeheven", _("Inlogblokkade opgeheven")
    API_AANROEP = "api_aanroep", _("Aanroep via de API")
    API_CLIENT_GEWIJZIGD = "api_client_gewijzigd", _("API-client geregistreerd of gewijzigd")
    DOORSTROOMTOETS_VERSTUURD = "doorstroomtoets_verstuurd", _("Doorstroomtoets: verstuurd")
    DOORSTROOMTOETS_RESULTAAT = "doorstroomtoets_resultaat", _("Doorstroomtoets: resultaat")


class AuditEvent(models.Model):
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actie = models.CharField(_("actie"), max_length=40, choices=Actie.choices)
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    gebruiker = models.CharField(_("medewerker"), max_length=150, blank=True)
    school = models.ForeignKey(
        "scholen.School",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    object_type = models.CharField(_("soort object"), max_length=60, blank=True)
    object_id = models.CharField(_("object"), max_length=40, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")
        ordering = ["-tijdstip", "-pk"]
        indexes = [models.Index(fields=["leerling", "-tijdstip"])]

    def __str__(self) -> str:
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.gebruiker} {self.get_actie_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")
