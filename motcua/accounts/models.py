from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Anyone who logs in: citizen, business representative or official.

    Defined from the first migration so that accounts can grow (identity assurance, VNeID link)
    without swapping the user model later.
    """

    full_name = models.CharField("họ và tên", max_length=200, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username
