from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "motcua" / "locale"


def test_every_english_string_is_translated_and_none_is_fuzzy():
    with open(LOCALE / "en" / "LC_MESSAGES" / "django.po", "rb") as f:
        catalog = read_po(f, locale="en")
    untranslated = [
        m.id
        for m in catalog
        if m.id and (not all(m.string) if isinstance(m.string, tuple) else not m.string)
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_the_english_catalog_was_compiled_by_the_build():
    po = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), "run `make translations` (part of `make test` and `make demo`)"
    assert mo.stat().st_mtime >= po.stat().st_mtime, "django.mo is older than django.po"
