"""Periodic jobs of the dossiers app, run by the worker (core.periodic)."""

from django.conf import settings

from motcua.core import periodic

from . import alarms


@periodic.job("dossiers.alarm_scan", every=lambda: settings.ALARM_SCAN_SECONDS)
def scan_alarms() -> None:
    # scan() logs what it raised; the worker logs the run.
    alarms.scan()
