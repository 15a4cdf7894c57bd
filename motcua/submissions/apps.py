from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "motcua.submissions"
    label = "submissions"
    verbose_name = "Nộp hồ sơ trực tuyến"
