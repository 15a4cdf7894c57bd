"""WSGI entry point of the sandbox server (served by granian, like the web)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.sandbox.settings")

application = get_wsgi_application()
