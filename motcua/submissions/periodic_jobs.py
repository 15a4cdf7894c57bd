"""Periodic jobs of the submissions app, run by the worker (core.periodic)."""

import logging

from motcua.core import periodic

from . import drafts

logger = logging.getLogger("motcua.submissions")

# Four times a day is plenty for a 30-day limit.
PURGE_EVERY_SECONDS = 6 * 3600


@periodic.job("submissions.purge_stale_drafts", every=PURGE_EVERY_SECONDS)
def purge_stale_drafts() -> None:
    count = drafts.purge_stale()
    if count:
        logger.info("Discarded %s stale drafts", count, extra={"drafts": count})
