"""`motcua api-token`: API tokens for partner systems and officials.

motcua api-token create --user U --name N [--days D]   prints the token, once
motcua api-token list [--user U]
motcua api-token revoke PREFIX
"""

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.accounts import tokens
from motcua.accounts.models import ApiToken, User
from motcua.core.errors import InvalidInput


class Command(BaseCommand):
    help = "Khóa truy cập API cho hệ thống đối tác và cán bộ: tạo, liệt kê, thu hồi."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{create,list,revoke}"
        )
        create = actions.add_parser("create", help="Tạo khóa mới (chỉ in ra một lần).")
        create.add_argument("--user", required=True, help="Tên đăng nhập của tài khoản dùng khóa.")
        create.add_argument("--name", required=True, help="Tên khóa: hệ thống hoặc mục đích.")
        create.add_argument("--days", help="Số ngày hiệu lực (mặc định: không hết hạn).")
        listing = actions.add_parser("list", help="Liệt kê các khóa (không bao giờ in bí mật).")
        listing.add_argument("--user", help="Chỉ các khóa của tài khoản này.")
        revoke = actions.add_parser("revoke", help="Thu hồi một khóa theo tiền tố.")
        revoke.add_argument("prefix", help="Tiền tố 8 ký tự (phần sau mc_).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except InvalidInput as error:
            raise CommandError(error.message) from error

    def _create(self, options: dict[str, Any]) -> None:
        user = _user(options["user"])
        days = _days(options["days"])
        token, text = tokens.create(user=user, name=options["name"], days=days)
        self.stdout.write(text)
        self.stderr.write(
            f"Đã tạo khóa «{token.name}» cho {user.username}. Hãy lưu lại ngay: khóa chỉ hiển thị "
            "một lần này."
        )

    def _list(self, options: dict[str, Any]) -> None:
        rows = ApiToken.objects.select_related("user")
        if options["user"]:
            rows = rows.filter(user=_user(options["user"]))
        now = timezone.now()
        for token in rows:
            self.stdout.write(
                "\t".join(
                    [
                        token.prefix,
                        token.user.username,
                        token.name,
                        _state(token, now),
                        _shown(token.expires_at),
                        _shown(token.last_used_at),
                    ]
                )
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        prefix = options["prefix"].removeprefix(f"{tokens.TOKEN_PREFIX}_").split("_")[0]
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        if token is None:
            raise CommandError(f"Không có khóa truy cập nào có tiền tố {prefix!r}.")
        if not tokens.revoke(token):
            raise CommandError(f"Khóa {prefix} đã bị thu hồi từ trước.")
        self.stdout.write(f"Đã thu hồi khóa {prefix} («{token.name}», {token.user.username}).")


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Không có tài khoản {username!r}.")
    return user


def _days(raw: str | None) -> int | None:
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise CommandError(f"--days phải là số nguyên, nhận {raw!r}.") from None


def _state(token: ApiToken, now: datetime) -> str:
    if token.revoked_at is not None:
        return "đã thu hồi"
    if token.expires_at is not None and token.expires_at <= now:
        return "hết hạn"
    return "còn hiệu lực"


def _shown(instant: datetime | None) -> str:
    return timezone.localtime(instant).strftime("%d/%m/%Y %H:%M") if instant else "-"
