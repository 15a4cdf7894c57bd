"""Test settings: MotCua's own, plus what only tests need."""

from motcua.settings import *  # noqa: F403
from motcua.settings import INSTALLED_APPS

# Hashing demo and test passwords with the production hasher makes the suite crawl.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A test-only app whose outbox handlers let tests (and worker subprocesses) observe delivery.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.support"]
