from django.db import models


class PeriodicJob(models.Model):
    """One row per registered periodic job (core.periodic): when it runs next, and who runs it.

    The row is the lock: a worker claims a due run with a conditional UPDATE on it, so workers on
    several machines never run the same job at once, and a worker that dies mid-run leaves a lease
    that expires.
    """

    name = models.CharField("tên", max_length=100, unique=True)
    next_run_at = models.DateTimeField("lần chạy tới")
    last_started_at = models.DateTimeField("bắt đầu lần chạy gần nhất", null=True, blank=True)
    last_finished_at = models.DateTimeField("kết thúc lần chạy gần nhất", null=True, blank=True)
    last_error = models.TextField("lỗi lần chạy gần nhất", blank=True)
    leased_by = models.CharField("worker đang chạy", max_length=100, blank=True)
    lease_until = models.DateTimeField("giữ đến", null=True, blank=True)

    class Meta:
        verbose_name = "tác vụ định kỳ"
        verbose_name_plural = "tác vụ định kỳ"

    def __str__(self) -> str:
        return self.name
