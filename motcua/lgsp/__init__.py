"""LGSP: the province's integration and data-sharing gateway (issue 5).

registry.py (providers, services, consumers, access rights), credentials.py (OAuth2 client
credentials, API keys with HMAC signatures), forwarding.py (the hot path to upstreams),
message_log.py (the hash-chained, sealed log), views.py (the HTTP face).
"""
