"""Idempotence per submission for every form that sends or creates something.

The form carries a one-time token (``{% inzending_token %}``, a hidden ``inzending`` field made
when the page is rendered). The view decorated with :func:`eenmalig` claims the token with one
INSERT on a unique column before it does anything: the first POST does the work and records
where its result is; any later POST of the same token (the browser's Back button shows the
filled form again, a double click, a replayed request) does nothing and goes to that result
with a message. A POST whose outcome is not a redirect (the form had errors: nothing was done)
releases the token so the corrected form can be sent.
"""

from __future__ import annotations

import functools
import re
import secrets

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

VELD = "inzending"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def nieuw_token() -> str:
    return secrets.token_urlsafe(24)


def eenmalig(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(VELD, "") if request.method == "POST" else ""
        if not _TOKEN_RE.fullmatch(token):
            return view(request, *args, **kwargs)
        from .models import Formulierinzending

        user = request.user if request.user.is_authenticated else None
        try:
            with transaction.atomic():
                inzending = Formulierinzending.objects.create(
                    token=token, user=user, pad=request.path[:300]
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
