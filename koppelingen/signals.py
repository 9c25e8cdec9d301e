from django.db.models.signals import post_save
from django.dispatch import receiver

from audit.models import AuditEvent


@receiver(post_save, sender=AuditEvent, dispatch_uid="koppelingen_gebeurtenis_uit_audit")
def gebeurtenis_uit_audit(sender, instance, created, **kwargs):
    if created:
        from .gebeurtenissen import uit_audit

        uit_audit(instance)
