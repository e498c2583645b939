"""Creates (or updates the password of) the admin account from the environment."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the admin user from DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD."

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        if not username or not password:
            raise CommandError(
                "Set DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD to create the admin."
            )
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email}
        )
        try:  # the account that can do anything gets no weak password (AUTH_PASSWORD_VALIDATORS)
            validate_password(password, user)
        except ValidationError as exc:
            if created:
                user.delete()
            raise CommandError(
                "DJANGO_SUPERUSER_PASSWORD is too weak: " + " ".join(exc.messages)
            ) from None
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"{'Created' if created else 'Updated'} admin user {username!r}.")
