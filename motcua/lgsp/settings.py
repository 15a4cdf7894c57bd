"""Settings of the LGSP as its own deployment (`motcua.lgsp.wsgi`, README "Process roles").

MotCua's settings, same database and keys, with only what a machine-to-machine gateway needs on
each request. Callers are systems holding a token or a signature, never browsers: no sessions,
logins, CSRF tokens, messages, languages or static files, whose middleware was a third of the
gateway's own cost per call (bench/lgsp_overhead.py). The officials' monitoring page stays in
the main site; /metrics here answers to METRICS_TOKEN.
"""

from motcua.settings import *  # noqa: F403

ROOT_URLCONF = "motcua.lgsp.site_urls"
WSGI_APPLICATION = "motcua.lgsp.wsgi.application"
MIDDLEWARE = [
    "motcua.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
]
