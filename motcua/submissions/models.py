"""What a citizen prepares before submitting (drafts and their files) and says afterwards
(ratings). A dossier itself is made only by dossiers.lifecycle.submit_online, from a draft."""

import uuid

from django.conf import settings
from django.db import models

from motcua.catalog.models import Component, Procedure
from motcua.dossiers.models import Dossier, DossierComponent, ReturnMethod
from motcua.org.models import Agency


class Step(models.TextChoices):
    """The wizard's pages, in order; the value is the page's address (a Vietnamese slug)."""

    APPLICANT = "nguoi-nop", "Người nộp"
    FORM = "to-khai", "Tờ khai"
    PAPERS = "giay-to", "Giấy tờ"
    RETURN = "nhan-ket-qua", "Nhận kết quả"
    FEES = "le-phi", "Lệ phí"
    REVIEW = "xem-lai", "Xem lại"


class Draft(models.Model):
    """A submission in progress, kept on the server so it can be continued on another device.

    Only its owner may see or continue it. `on_behalf` drafts are made by an assisted submitter
    (post office clerk, commune digital team) for a citizen who is present: `applicant` is then
    that citizen, and `consent_at` is when they agreed.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    receiving_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step = models.CharField(max_length=20, choices=Step.choices, default=Step.APPLICANT)
    on_behalf = models.BooleanField(default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    # name, id_number, phone, email, address: the applicant block of the form.
    applicant = models.JSONField(default=dict, blank=True)
    form_data = models.JSONField(default=dict, blank=True)
    # Catalog component id (as a string) -> when the applicant agreed that the data source
    # replaces the paper (ISO instant). A component missing here needs an upload.
    consents = models.JSONField(default=dict, blank=True)
    # Catalog component id (as a string) -> the id of the applicant's own earlier result
    # (an Attachment of kind RESULT) picked to stand in for that paper.
    earlier_results = models.JSONField(default=dict, blank=True)
    return_method = models.CharField(
        max_length=20, choices=ReturnMethod.choices, blank=True, default=""
    )
    return_address = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "hồ sơ nháp"
        verbose_name_plural = "hồ sơ nháp"
        indexes = [
            # The stale-draft clean-up: drafts untouched for DRAFT_MAX_AGE_DAYS.
            models.Index(fields=["updated_at"], name="draft_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.name} ({self.updated_at:%d/%m/%Y})"


def draft_file_path(instance: "DraftFile", filename: str) -> str:
    # Never under a public URL, and no name the person chose: a random one per file.
    return f"drafts/{instance.draft_id}/{uuid.uuid4().hex}.part"


class DraftFile(models.Model):
    """One file of a draft, possibly still arriving in chunks (`received` < `size`)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    # Set once the whole file has arrived and passed the checks.
    file = models.FileField(upload_to=draft_file_path, max_length=200, blank=True)
    # The pieces received so far, in order: [[offset, storage name], ...]. Storage APIs (S3 as
    # much as a disk) cannot append, so each chunk is its own object until the file is whole.
    chunks = models.JSONField(default=list, blank=True)
    size = models.PositiveBigIntegerField()
    received = models.PositiveBigIntegerField(default=0)
    complete = models.BooleanField(default=False)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(received__lte=models.F("size")),
                name="draft_file_received_within_size",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ReturnAddress(models.Model):
    """Where VNPost delivers the result of a dossier whose applicant chose delivery by post.
    Kept beside the dossier until the postal slice gives the dossier its own delivery record."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="+")
    address = models.CharField("địa chỉ nhận kết quả", max_length=500)

    def __str__(self) -> str:
        return self.address


class ReusedRecord(models.Model):
    """What stood in for a paper of a submitted dossier: a short summary of the national record
    (or of the earlier result) that the officer reads, never the whole record (Decree 13/2023:
    no more than the component needs). The exchange's id is the component's record_reference."""

    component = models.OneToOneField(
        DossierComponent, on_delete=models.CASCADE, related_name="reused"
    )
    source = models.CharField(max_length=20, choices=Component.Source.choices)
    # [[label, value], ...] in the order the officer reads them.
    summary = models.JSONField(default=list, blank=True)
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = "dữ liệu dùng thay giấy tờ"
        verbose_name_plural = "dữ liệu dùng thay giấy tờ"

    def __str__(self) -> str:
        return f"{self.component} — {self.get_source_display()}"


class Rating(models.Model):
    """How satisfied the applicant was (1–5), once per dossier, after the result was returned."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.PositiveSmallIntegerField("mức độ hài lòng")
    comment = models.TextField("góp ý", blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đánh giá mức độ hài lòng"
        verbose_name_plural = "đánh giá mức độ hài lòng"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier} — {self.score}/5"
