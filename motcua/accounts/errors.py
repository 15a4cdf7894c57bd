"""Why an account action was refused, in words a person can act on (core.errors family)."""

from motcua.core.errors import DomainError


class AccountError(DomainError):
    code = "account_error"


class AlreadyRegistered(AccountError):
    code = "already_registered"
    status = 409


class CodeInvalid(AccountError):
    code = "code_invalid"
    message = "Mã xác nhận không đúng. Vui lòng kiểm tra lại tin nhắn hoặc thư vừa nhận."


class CodeExpired(AccountError):
    code = "code_expired"
    message = "Mã xác nhận đã hết hạn hoặc đã được dùng. Vui lòng bấm «Gửi lại mã» để nhận mã mới."


class CodeLocked(AccountError):
    code = "code_locked"
    message = "Bạn đã nhập sai mã quá nhiều lần. Vui lòng bấm «Gửi lại mã» để nhận mã mới."


class Throttled(AccountError):
    code = "rate_limited"
    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, retry_after=retry_after)
        self.retry_after = retry_after


class LoginFailed(AccountError):
    code = "login_failed"
    status = 401
    message = "Tên đăng nhập hoặc mật khẩu không đúng."


class NotConfirmed(AccountError):
    code = "not_confirmed"
    status = 403
    message = "Tài khoản chưa được xác nhận: vui lòng nhập mã xác nhận đã gửi cho bạn."


class IdentityRefused(AccountError):
    code = "identity_refused"


class IdentityMismatch(IdentityRefused):
    code = "identity_mismatch"
    message = (
        "Thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra lại số "
        "định danh, họ tên (đủ dấu) và ngày sinh như trên thẻ căn cước."
    )


class NumberBoundElsewhere(IdentityRefused):
    code = "identity_bound"
    status = 409
    message = (
        "Số định danh này đã được xác thực cho một tài khoản khác. Mỗi người chỉ có một tài "
        "khoản; nếu bạn chưa từng tạo tài khoản đó, vui lòng liên hệ bộ phận một cửa."
    )


class OrganisationRefused(AccountError):
    code = "organisation_refused"


class ServiceDown(AccountError):
    code = "service_unavailable"
    status = 503
    message = "Hệ thống xác thực của cơ quan nhà nước đang tạm gián đoạn. Vui lòng thử lại sau."


class SsoFailed(AccountError):
    code = "sso_failed"
    message = "Đăng nhập bằng VNeID không thành công. Vui lòng thử lại."


class SecondFactorFailed(AccountError):
    code = "second_factor_failed"
    message = "Mã xác thực không đúng hoặc đã được dùng. Vui lòng nhập mã mới trên ứng dụng."
