"""What a client call can fail with: a stable `code` for programs, a Vietnamese `message`.

The apps show `message` as it is (a page, a form error) and decide on `code` or the class:
ServiceUnavailable is worth a retry later, NotAuthorised is for an administrator to fix,
InvalidRequest is about the data sent (a wrong number, a refused request) and retrying the same
request will not help.
"""

from django.utils.translation import gettext

from motcua.core.errors import DomainError


class LgspError(DomainError):
    code = "lgsp_error"
    status = 502
    message = "Lỗi khi kết nối hệ thống quốc gia qua nền tảng tích hợp (LGSP)."

    def __init__(self, message: str | None = None, *, service: str = "", detail: str = "") -> None:
        super().__init__(message, service=service, detail=detail)
        # The gateway's or the national system's own words, for logs and operators.
        self.service = service
        self.detail = detail


class ServiceUnavailable(LgspError):
    """Timeout, circuit breaker open, the gateway or the national system failing (5xx)."""

    code = "service_unavailable"
    status = 503

    @classmethod
    def of(cls, label: str, *, service: str, detail: str = "") -> "ServiceUnavailable":
        return cls(
            gettext("%(system)s tạm thời không phản hồi. Vui lòng thử lại sau ít phút.")
            % {"system": label},
            service=service,
            detail=detail,
        )


class NotAuthorised(LgspError):
    """Our own credentials or access rights were refused: an administrator must act."""

    code = "not_authorised"
    status = 503

    @classmethod
    def of(cls, label: str, *, service: str, detail: str = "") -> "NotAuthorised":
        return cls(
            gettext(
                "Hệ thống chưa được cấp quyền khai thác %(system)s. "
                "Vui lòng báo quản trị viên hệ thống."
            )
            % {"system": label},
            service=service,
            detail=detail,
        )


class InvalidRequest(LgspError):
    """The national system (or the gateway's schema check) refused what was sent."""

    code = "invalid_request"
    status = 400

    @classmethod
    def of(cls, label: str, *, service: str, detail: str) -> "InvalidRequest":
        return cls(
            gettext("%(system)s từ chối yêu cầu: %(reason)s")
            % {"system": label, "reason": detail.rstrip(".") + "."},
            service=service,
            detail=detail,
        )
