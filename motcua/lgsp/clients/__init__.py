"""Typed clients of the national systems, reached through the LGSP gateway (ARCHITECTURE.md rule 3).

The provincial apps import these and nothing else to talk to a national system:

    from motcua.lgsp.clients import business, errors, population, portal, sms

Each call goes to the gateway as the province's own registered consumer (OAuth2 client
credentials from LGSP_CLIENT_ID / LGSP_CLIENT_SECRET), through `transport.call`, and raises one of
`errors.LgspError`'s subclasses, whose `.message` a page can show as it is.

Call them outside database transactions: they wait on other systems (seconds, at worst), and a
transaction held meanwhile holds its locks (on SQLite, the whole database's write lock).
"""
