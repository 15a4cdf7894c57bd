"""Domain errors: one small family with a stable code and a message a person can act on.

Views show the message on the page; the API answers {"code": ..., "message": ...} with `status`.
"""


class DomainError(Exception):
    code = "domain_error"
    status = 400
    message = "Yêu cầu không hợp lệ."

    def __init__(self, message: str | None = None, **context: object) -> None:
        self.message = message or self.message
        self.context = context
        super().__init__(self.message)


class NotFound(DomainError):
    code = "not_found"
    status = 404
    message = "Không tìm thấy."


class InvalidInput(DomainError):
    code = "invalid_input"
    status = 422
    message = "Dữ liệu gửi lên không hợp lệ."
