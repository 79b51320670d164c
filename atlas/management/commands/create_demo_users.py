"""Create the local demo accounts that `make run` prints, never in production."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from pages.roles import EDITORS, MODERATORS, TRANSLATORS

DEMO_ADMIN_USERNAME = "admin"
# A known password is the point of a local demo account; DEBUG-only below.
DEMO_PASSWORD = "atlas-demo"  # nosec B105
# One account per editorial role (pages/roles.py): username, first name, group.
DEMO_ROLE_USERS = [
    ("editrice", "Édith", EDITORS),
    ("moderateur", "Modeste", MODERATORS),
    ("traductrice", "Thérèse", TRANSLATORS),
]


class Command(BaseCommand):
    help = (
        "Create a local administrator when none exists and one account per role "
        "(Editors, Moderators, Translators) (DEBUG only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the admin address printed.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts are only created with DEBUG on (local development)."
            )
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator exists already; no account created.")
        else:
            User.objects.create_superuser(
                DEMO_ADMIN_USERNAME,
                email="admin@localhost",
                password=DEMO_PASSWORD,
                first_name="Admin",
                last_name="Atlas",
            )
            self.stdout.write(self.style.SUCCESS("Created the local administrator."))
        self.stdout.write(
            f"Admin: {options['site_url'].rstrip('/')}/admin/ — "
            f"user «{DEMO_ADMIN_USERNAME}», "
            f"password «{DEMO_PASSWORD}» (if you have not changed it)."
        )
        for username, first_name, group_name in DEMO_ROLE_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@localhost", "first_name": first_name},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(
                f"{group_name}: user «{username}», password «{DEMO_PASSWORD}»"
                f"{'' if created else ' (if you have not changed it)'}."
            )
