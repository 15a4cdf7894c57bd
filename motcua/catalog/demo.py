"""The demo catalog (DEMO.md): the curated common procedures of catalog/seed_data, written by
catalog.seeding. Runs after org.demo, whose agencies the procedures name."""

from django.core.management.base import OutputWrapper

from motcua.core.management.commands.seed_demo import DemoLogin

from .seeding import seed_curated


def seed(out: OutputWrapper) -> list[DemoLogin]:
    seed_curated(out=out)
    return []
