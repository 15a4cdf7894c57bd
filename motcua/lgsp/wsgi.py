"""WSGI entry point of the LGSP as its own deployment (granian, like the web)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.lgsp.settings")

application = get_wsgi_application()
