"""The dossier life cycle's domain errors (STYLE.md point 6).

Each has a stable `code` the API returns and screens can branch on, an HTTP `status`, and a
Vietnamese `message` that tells the person what is wrong and, where possible, what to do.
"""

from motcua.core.errors import DomainError


class TransitionNotAllowed(DomainError):
    """The action is not allowed from the dossier's current state (lifecycle.TRANSITIONS).

    Also what the loser of a race gets: two officials receiving the same dossier at once, the
    second one finds it no longer "Mới đăng ký" once it holds the row lock.
    """

    code = "transition_not_allowed"
    status = 409
    message = "Thao tác không được phép ở trạng thái hiện tại của hồ sơ."

    def __init__(self, *, current_label: str, action_label: str, **context: object) -> None:
        super().__init__(
            f"Không thể {action_label} khi hồ sơ đang ở trạng thái «{current_label}».",
            **context,
        )


class NotPermitted(DomainError):
    code = "forbidden"
    status = 403
    message = "Bạn không có quyền thực hiện thao tác này."


class ReasonRequired(DomainError):
    code = "reason_required"
    status = 422
    message = "Phải nêu rõ lý do."


class SupplementItemsRequired(DomainError):
    code = "supplement_items_required"
    status = 422
    message = (
        "Phải liệt kê đầy đủ các giấy tờ cần bổ sung, hoàn thiện: hồ sơ chỉ được yêu cầu "
        "bổ sung một lần, đầy đủ."
    )


class NotReceivingAgency(DomainError):
    code = "not_receiving_agency"
    status = 422


class ProcedureNotOnline(DomainError):
    code = "procedure_not_online"
    status = 422


class NotAssignable(DomainError):
    code = "not_assignable"
    status = 422


class WrongStep(DomainError):
    code = "wrong_step"
    status = 409


class AlreadyDecided(DomainError):
    code = "already_decided"
    status = 409
    message = "Hồ sơ đã có quyết định giải quyết của lãnh đạo."


class NotDecided(DomainError):
    code = "not_decided"
    status = 409
    message = "Hồ sơ chưa có quyết định giải quyết của lãnh đạo (phê duyệt hoặc từ chối)."


class CannotTakeBack(DomainError):
    code = "cannot_take_back"
    status = 409


class ApologyNotAllowed(DomainError):
    code = "apology_not_allowed"
    status = 409


class ApologyTooLate(ApologyNotAllowed):
    code = "apology_too_late"


class ApologyAlreadyGiven(ApologyNotAllowed):
    code = "apology_already_given"
    message = (
        "Hồ sơ đã được xin lỗi và hẹn lại ngày trả kết quả một lần; mỗi hồ sơ chỉ được hẹn "
        "lại một lần."
    )


class ApologyDateNotLater(ApologyNotAllowed):
    code = "apology_date_not_later"
