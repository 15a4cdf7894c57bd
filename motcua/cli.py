"""The `motcua` console command: Django's management commands with MotCua's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # Our documented command names use hyphens (`motcua seed-demo`); Django names commands after
    # their module file, which cannot hold one (`seed_demo.py`). Both spellings work.
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["motcua", *args])


if __name__ == "__main__":
    main()
