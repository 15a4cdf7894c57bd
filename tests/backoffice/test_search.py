"""Search at /can-bo/tim-kiem/: code, reference, name without accents, ID number; scoped."""

from motcua.dossiers import lifecycle

from .conftest import logged_in, submit


def found(user, query: str) -> list[str]:
    response = logged_in(user).get("/can-bo/tim-kiem/", {"q": query})
    assert response.status_code == 200
    return [d.reference for d in response.context["results"]]


def test_a_name_typed_without_accents_is_found(cast):
    an = lifecycle.receive(submit(cast, name="Nguyễn Văn An"), by=cast.ha)
    submit(cast, name="Trần Thị Bình")

    assert found(cast.ha, "nguyen van an") == [an.reference]
    assert found(cast.ha, "NGUYỄN văn") == [an.reference]
    assert found(cast.khoa, "nguyen van an") == [an.reference]


def test_code_reference_and_id_number(cast):
    dossier = lifecycle.receive(submit(cast), by=cast.ha)
    waiting = submit(cast)

    assert found(cast.ha, dossier.code.lower()) == [dossier.reference]
    assert found(cast.ha, dossier.code[-11:]) == [dossier.reference]  # "YYMMDD-NNNN"
    assert found(cast.ha, waiting.reference) == [waiting.reference]
    assert set(found(cast.ha, "064190001234")) == {dossier.reference, waiting.reference}


def test_search_stays_inside_what_the_official_may_see(cast):
    submit(cast, name="Nguyễn Văn An")  # not received: only the Service Center sees it

    assert found(cast.tung, "nguyen van an") == []
    assert found(cast.khoa, "nguyen van an") == []
    assert len(found(cast.ha, "nguyen van an")) == 1


def test_an_empty_search_lists_nothing_and_htmx_gets_a_fragment(cast):
    submit(cast)

    assert found(cast.ha, "") == []
    partial = logged_in(cast.ha).get(
        "/can-bo/tim-kiem/", {"q": "lan"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in partial.content.decode()
    assert "Hồ Thị Lan" in partial.content.decode()


def test_the_migration_folds_the_names_of_existing_dossiers(cast):
    import importlib

    from django.apps import apps

    from motcua.dossiers.models import Dossier

    migration = importlib.import_module("motcua.dossiers.migrations.0003_applicant_name_folded")
    dossier = submit(cast, name="Đặng Thị Ánh")
    Dossier.objects.filter(pk=dossier.pk).update(applicant_name_folded="")

    migration.fill_folded_names(apps, None)

    dossier.refresh_from_db()
    assert dossier.applicant_name_folded == "dang thi anh"
