"""The gateway's errors: one JSON shape, a stable code, a Vietnamese message (issue 5).

{"code": ..., "message": ..., "message_id": ...}. Callers are machines, so the codes are the
contract; the message is for the person reading the caller's logs.
"""

from motcua.core.errors import DomainError


class GatewayError(DomainError):
    code = "gateway_error"
    status = 500
    message = "Lỗi của nền tảng tích hợp."


class Unauthorised(GatewayError):
    code = "unauthorised"
    status = 401
    message = "Chưa xác thực hoặc thông tin xác thực không hợp lệ."


class Forbidden(GatewayError):
    code = "forbidden"
    status = 403
    message = "Hệ thống của bạn chưa được cấp quyền sử dụng dịch vụ này."


class ServiceNotFound(GatewayError):
    code = "not_found"
    status = 404
    message = "Không tìm thấy dịch vụ."


class InvalidMessage(GatewayError):
    code = "invalid_message"
    status = 400
    message = "Thông điệp không hợp lệ."


class RateLimited(GatewayError):
    code = "rate_limited"
    status = 429
    message = "Hệ thống của bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau."

    def __init__(self, retry_after: int) -> None:
        super().__init__()
        self.retry_after = retry_after


class UpstreamTimeout(GatewayError):
    code = "upstream_timeout"
    status = 504
    message = "Hệ thống cung cấp dịch vụ không trả lời kịp thời hạn."


class UpstreamUnavailable(GatewayError):
    code = "upstream_unavailable"
    status = 502
    message = "Không kết nối được tới hệ thống cung cấp dịch vụ."


class CircuitOpen(UpstreamUnavailable):
    status = 503
    message = (
        "Hệ thống cung cấp dịch vụ đang gặp sự cố; nền tảng tạm ngừng chuyển yêu cầu tới đó. "
        "Vui lòng thử lại sau ít phút."
    )

    def __init__(self, retry_after: int) -> None:
        super().__init__()
        self.retry_after = retry_after


class LogUnsealed(GatewayError):
    code = "log_unsealed"
    status = 503
    message = (
        "Nhật ký thông điệp chưa được niêm phong quá thời hạn cho phép; nền tảng tạm ngừng nhận "
        "yêu cầu. Vui lòng báo quản trị viên."
    )


class LogUnavailable(GatewayError):
    code = "log_unavailable"
    status = 503
    message = (
        "Không ghi được nhật ký thông điệp; nền tảng tạm ngừng nhận yêu cầu. "
        "Vui lòng báo quản trị viên."
    )
