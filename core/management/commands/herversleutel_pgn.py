from django.conf import settings
from django.core.management.base import BaseCommand

from core.tasks import herversleutel_pgns


class Command(BaseCommand):
    help = (
        "Versleutelt alle BSN's en onderwijsnummers opnieuw met de nieuwste sleutel. "
        "Zet eerst de nieuwe sleutel vooraan in OSO_FIELD_ENCRYPTION_KEYS."
    )

    def handle(self, *args, **options):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            aantal = herversleutel_pgns()
        else:
            aantal = herversleutel_pgns.delay().get(timeout=3600)
        self.stdout.write(f"{aantal} nummer(s) opnieuw versleuteld.")
