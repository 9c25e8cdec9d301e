from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from audit import events


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    events.ingelogd(request=request, user=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    events.inloggen_mislukt(request=request, username=credentials.get("username", ""))


@receiver(user_locked_out)
def audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    events.inloggen_geblokkeerd(request=request, username=username or "")
