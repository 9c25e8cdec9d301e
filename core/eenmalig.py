"""Idempotence per submission for every form that sends or creates something.

The form carries a one-time token (``{% inzending_token %}``, a hidden ``inzending`` field made
when the page is rendered). The view decorated with :func:`eenmalig` claims the token with one
INSERT on a unique column before it does anything: the first POST does the work and records
where its result is; any later POST of the same token (the browser's Back button shows the
filled form again, a double click, a replayed request) does nothing and goes to that result
with a message. A POST whose outcome is not a redirect (the form had errors: nothing was done)
releases the token so the corrected form can be sent.

Pages with pupil data are ``no-store`` (core/middleware.py), so the browser's Back button
fetches the form again, with a new token, while it restores what the user had typed (files
included). For forms whose double is harmful (a zorgvraag sent twice to the SWV),
``@eenmalig(inhoud=True)`` also recognises the same content sent by the same user to the same
page within ``HERKEN_MINUTEN``, and treats it as the same submission.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import secrets

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

VELD = "inzending"
HERKEN_MINUTEN = 30
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_NIET_MEE = {VELD, "csrfmiddlewaretoken"}


def vingerafdruk(request) -> str:
    """What was sent: every field but the tokens, and every file's name and content."""
    h = hashlib.sha256()
    h.update(f"{request.user.pk}|{request.path}".encode())
    for naam in sorted(request.POST):
        if naam not in _NIET_MEE:
            for waarde in request.POST.getlist(naam):
                h.update(f"|{naam}={waarde}".encode())
    for naam in sorted(request.FILES):
        for bestand in request.FILES.getlist(naam):
            h.update(f"|{naam}:{bestand.name}:{bestand.size}:".encode())
            for stuk in bestand.chunks():
                h.update(stuk)
            bestand.seek(0)
    return h.hexdigest()


def nieuw_token() -> str:
    return secrets.token_urlsafe(24)


def eenmalig(view=None, *, inhoud: bool = False):
    if view is None:
        return functools.partial(eenmalig, inhoud=inhoud)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(VELD, "") if request.method == "POST" else ""
        if not _TOKEN_RE.fullmatch(token):
            return view(request, *args, **kwargs)
        from .models import Formulierinzending

        user = request.user if request.user.is_authenticated else None
        afdruk = vingerafdruk(request) if inhoud and user is not None else ""
        if afdruk:
            eerder = (
                Formulierinzending.objects.filter(
                    vingerafdruk=afdruk,
                    user=user,
                    aangemaakt_op__gte=timezone.now() - datetime.timedelta(minutes=HERKEN_MINUTEN),
                )
                .exclude(resultaat_url="")
                .order_by("-aangemaakt_op")
                .first()
            )
            if eerder is not None:
                messages.info(
                    request,
                    _(
                        "Dit formulier was zojuist al met precies deze inhoud verzonden; er is "
                        "niets opnieuw verstuurd of gemaakt."
                    ),
                )
                return redirect(eerder.resultaat_url)
        try:
            with transaction.atomic():
                inzending = Formulierinzending.objects.create(
                    token=token, user=user, pad=request.path[:300], vingerafdruk=afdruk
                )
        except IntegrityError:
            eerder = Formulierinzending.objects.filter(token=token).first()
            if eerder is None or eerder.user_id != getattr(user, "pk", None):
                return redirect(request.path)
            if eerder.resultaat_url:
                messages.info(
                    request,
                    _("Dit formulier was al verzonden; er is niets opnieuw verstuurd of gemaakt."),
                )
                return redirect(eerder.resultaat_url)
            messages.info(request, _("Dit formulier wordt al verwerkt; een ogenblik geduld."))
            return redirect(request.path)
        try:
            response = view(request, *args, **kwargs)
        except Exception:
            Formulierinzending.objects.filter(pk=inzending.pk).delete()
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            Formulierinzending.objects.filter(pk=inzending.pk).update(
                resultaat_url=response["Location"][:500]
            )
        else:  # nothing done (the form had errors): the corrected form may be sent
            Formulierinzending.objects.filter(pk=inzending.pk).delete()
        return response

    return wrapper
