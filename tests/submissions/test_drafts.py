"""Drafts as plain functions: clean-up of stale drafts with their files, ownership, consent."""

# ruff: noqa: F811  (pytest fixtures imported from conftest.py)

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from motcua.core import periodic
from motcua.core.models import AuditEntry
from motcua.dossiers import uploads
from motcua.dossiers.errors import NotPermitted, ProcedureNotOnline
from motcua.submissions import drafts
from motcua.submissions.models import Draft

from .conftest import PDF, cast, declaration, minh, paper, ready_draft  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_stale_drafts_are_purged_with_their_files(cast, django_capture_on_commit_callbacks):
    old = ready_draft(cast)
    fresh = ready_draft(cast)
    names = [f.file.name for f in old.files.all()]
    assert all(default_storage.exists(n) for n in names)
    Draft.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):
        assert drafts.purge_stale() == 1
    assert list(Draft.objects.all()) == [fresh]
    assert not any(default_storage.exists(n) for n in names)
    assert AuditEntry.objects.filter(action="draft.discarded", actor=None).count() == 1


def test_the_purge_is_a_periodic_job_of_the_worker():
    assert "submissions.purge_stale_drafts" in periodic.registered_jobs()


def test_a_half_uploaded_file_is_deleted_with_its_draft(cast, django_capture_on_commit_callbacks):
    draft = drafts.start(cast.lltp, owner=cast.lan)
    upload = drafts.begin_upload(
        draft, paper(cast), name="scan.pdf", size=len(PDF) * 2, by=cast.lan
    )
    upload = drafts.append_chunk(upload, offset=0, data=PDF, by=cast.lan)
    chunk_name = upload.chunks[0][1]
    assert default_storage.exists(chunk_name)
    with django_capture_on_commit_callbacks(execute=True):
        drafts.discard(draft, by=cast.lan)
    assert not default_storage.exists(chunk_name)


def test_only_the_owner_submits_a_draft(cast, minh):
    draft = ready_draft(cast)
    with pytest.raises(NotPermitted):
        drafts.submit(draft, by=minh)


def test_a_procedure_not_offered_online_has_no_wizard(cast):
    cast.lltp.online_class = ""
    cast.lltp.save()
    with pytest.raises(ProcedureNotOnline):
        drafts.start(cast.lltp, owner=cast.lan)


def test_a_broken_photo_is_refused(cast):
    draft = drafts.start(cast.lltp, owner=cast.lan)
    broken = ContentFile(b"\xff\xd8\xff\xe0" + b"\x00" * 100, name="anh.jpg")
    with pytest.raises(uploads.UploadRejected, match="bị hỏng"):
        drafts.add_file(draft, paper(cast), broken, by=cast.lan)


def test_a_verified_identity_fixes_name_and_number(cast):
    cast.lan.assurance_level = 2
    cast.lan.identity_number = "064190001234"
    cast.lan.identity_name = "Hồ Thị Lan"
    cast.lan.save()
    draft = drafts.start(cast.lltp, owner=cast.lan)
    assert draft.applicant["id_number"] == "064190001234"
    drafts.save_applicant(
        draft,
        values={"name": "Người Khác", "id_number": "052195001234", "phone": "0905123456"},
        agency_id=str(cast.center.pk),
        consent=False,
    )
    assert draft.applicant["name"] == "Hồ Thị Lan"
    assert draft.applicant["id_number"] == "064190001234"


def test_the_declaration_is_filled_online_instead_of_uploaded(cast):
    draft = ready_draft(cast)
    assert drafts.is_declared_online(declaration(cast), cast.lltp)
    assert not drafts.is_declared_online(paper(cast), cast.lltp)
    assert drafts.problems(draft) == {}
    cast.lltp.form_schema = {}
    cast.lltp.save()
    draft.refresh_from_db()
    assert f"component_{declaration(cast).pk}" in drafts.problems(draft)["giay-to"]
