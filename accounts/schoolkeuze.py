"""The school a user is working in now, for users with more than one school."""

from __future__ import annotations

from scholen.models import School

from .tenancy import school_ids

SESSION_KEY = "oso_huidige_school"


def scholen_van(user):
    return School.objects.filter(pk__in=school_ids(user)).order_by("naam")


def huidige_school(request) -> School | None:
    if hasattr(request, "_oso_huidige_school"):
        return request._oso_huidige_school
    allowed = school_ids(request.user)
    chosen = request.session.get(SESSION_KEY)
    school = None
    if chosen in allowed:
        school = School.objects.filter(pk=chosen).first()
    if school is None and allowed:
        school = School.objects.filter(pk__in=allowed).order_by("naam").first()
    request._oso_huidige_school = school
    return school


def kies_school(request, school_id: int) -> bool:
    if school_id not in school_ids(request.user):
        return False
    request.session[SESSION_KEY] = school_id
    if hasattr(request, "_oso_huidige_school"):
        del request._oso_huidige_school
    return True
