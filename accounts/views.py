from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .schoolkeuze import kies_school


@login_required
@require_POST
def school_kiezen(request):
    try:
        school_id = int(request.POST.get("school", ""))
    except ValueError:
        school_id = -1
    if not kies_school(request, school_id):
        messages.error(request, _("U werkt niet voor deze school."))
    volgende = request.POST.get("volgende", "")
    if not url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        volgende = ""
    return redirect(volgende or "leerlingen:lijst")
