from .schoolkeuze import huidige_school, scholen_van


def current_school(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "huidige_school": huidige_school(request),
        "mijn_scholen": scholen_van(request.user),
    }
