"""`motcua lgsp ...`: manage the LGSP registry and its message log from the console.

motcua lgsp add provider csdl-dan-cu --name "CSDL quốc gia về dân cư" --level national
motcua lgsp add service csdl-dan-cu tra-cuu --url http://127.0.0.1:8100/dan-cu --idempotent
motcua lgsp add consumer mot-cua --name "Hệ thống một cửa" --kind provincial_system
motcua lgsp grant mot-cua csdl-dan-cu/tra-cuu      motcua lgsp revoke mot-cua csdl-dan-cu/tra-cuu
motcua lgsp issue-secret mot-cua [--kind oauth|hmac]   motcua lgsp rotate mot-cua [--grace 86400]
motcua lgsp revoke-secret mot-cua <prefix or key id>
motcua lgsp list     motcua lgsp seal     motcua lgsp verify-log     motcua lgsp keygen
"""

import base64
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.core.errors import InvalidInput
from motcua.lgsp import conf, credentials, message_log, registry
from motcua.lgsp.models import AccessRight, ApiKey, ClientSecret, Consumer, Provider, Service


class Command(BaseCommand):
    help = "Nền tảng tích hợp LGSP: đăng ký dịch vụ, hệ thống sử dụng, quyền, khoá và nhật ký."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser(
            "add", help="Thêm hệ thống cung cấp, dịch vụ hoặc hệ thống sử dụng."
        )
        what = add.add_subparsers(dest="what", required=True)
        provider = what.add_parser("provider", help="Thêm hệ thống cung cấp.")
        provider.add_argument("code")
        provider.add_argument("--name", required=True)
        provider.add_argument("--level", default="national", help="national hoặc provincial.")
        service = what.add_parser("service", help="Thêm dịch vụ của một hệ thống cung cấp.")
        service.add_argument("provider")
        service.add_argument("code")
        service.add_argument("--url", required=True, help="Địa chỉ dịch vụ gốc.")
        service.add_argument("--name", default="")
        service.add_argument("--version", default="v1")
        service.add_argument("--protocol", default="rest", help="rest hoặc soap.")
        service.add_argument(
            "--schema", help="Tệp lược đồ của yêu cầu: JSON Schema, hoặc XML Schema (.xsd)."
        )
        service.add_argument("--timeout", default="10", help="Thời gian chờ (giây).")
        service.add_argument("--idempotent", action="store_true")
        service.add_argument("--log-bodies", action="store_true")
        consumer = what.add_parser("consumer", help="Thêm hệ thống sử dụng.")
        consumer.add_argument("code")
        consumer.add_argument("--name", required=True)
        consumer.add_argument("--kind", default="provincial_system")
        consumer.add_argument("--rate-limit", default="600", help="Số yêu cầu tối đa mỗi phút.")
        for name, text in (("grant", "Cấp quyền"), ("revoke", "Thu hồi quyền")):
            right = actions.add_parser(name, help=f"{text} dùng một dịch vụ.")
            right.add_argument("consumer")
            right.add_argument("service", help="hệ-thống/dịch-vụ")
        issue = actions.add_parser("issue-secret", help="Cấp khoá bí mật mới (in ra một lần).")
        issue.add_argument("consumer")
        issue.add_argument("--kind", default="oauth", help="oauth (mặc định) hoặc hmac.")
        issue.add_argument("--expires-in", help="Số giây đến khi khoá hết hạn.")
        rotate = actions.add_parser("rotate", help="Đổi khoá: cấp khoá mới, khoá cũ còn hạn ngắn.")
        rotate.add_argument("consumer")
        rotate.add_argument("--kind", default="oauth")
        rotate.add_argument("--grace", default="86400", help="Số giây khoá cũ còn dùng được.")
        revoke_secret = actions.add_parser("revoke-secret", help="Thu hồi một khoá.")
        revoke_secret.add_argument("consumer")
        revoke_secret.add_argument("secret", help="Tiền tố khoá OAuth2 hoặc mã khoá API.")
        actions.add_parser("list", help="Liệt kê sổ đăng ký.")
        actions.add_parser("seal", help="Niêm phong nhật ký thông điệp ngay.")
        actions.add_parser("verify-log", help="Kiểm tra toàn bộ chuỗi nhật ký và niêm phong.")
        actions.add_parser("keygen", help="Sinh khoá niêm phong và khoá mã hoá mới.")

    def handle(self, *args: Any, **options: Any) -> None:
        handler = getattr(self, "_" + options["action"].replace("-", "_"))
        try:
            handler(options)
        except InvalidInput as error:
            raise CommandError(error.message) from error

    def _add(self, options: dict[str, Any]) -> None:
        if options["what"] == "provider":
            if options["level"] not in Provider.Level.values:
                raise CommandError("--level phải là national hoặc provincial.")
            created: Any = registry.add_provider(
                code=options["code"], name=options["name"], level=options["level"]
            )
        elif options["what"] == "service":
            schema, xsd = None, ""
            if options["schema"]:
                # An .xsd file is an XML Schema (QCVN 109 messages); anything else JSON Schema.
                try:
                    text = Path(options["schema"]).read_text(encoding="utf-8")
                    if options["schema"].lower().endswith(".xsd"):
                        xsd = text
                    else:
                        schema = json.loads(text)
                except (OSError, ValueError) as exc:
                    raise CommandError(f"Không đọc được lược đồ: {exc}") from exc
            created = registry.add_service(
                provider=_provider(options["provider"]),
                code=options["code"],
                upstream_url=options["url"],
                name=options["name"],
                version=options["version"],
                protocol=options["protocol"],
                request_schema=schema,
                request_xsd=xsd,
                timeout_seconds=_number(options["timeout"], "--timeout"),
                idempotent=options["idempotent"],
                log_bodies=options["log_bodies"],
            )
        else:
            created = registry.add_consumer(
                code=options["code"],
                name=options["name"],
                kind=options["kind"],
                rate_limit_per_minute=int(_number(options["rate_limit"], "--rate-limit")),
            )
        self.stdout.write(f"Đã thêm: {created}")

    def _grant(self, options: dict[str, Any]) -> None:
        registry.grant(_consumer(options["consumer"]), _service(options["service"]))
        self.stdout.write(f"Đã cấp quyền: {options['consumer']} → {options['service']}")

    def _revoke(self, options: dict[str, Any]) -> None:
        if not registry.revoke(_consumer(options["consumer"]), _service(options["service"])):
            raise CommandError("Hệ thống này không có quyền đó.")
        self.stdout.write(f"Đã thu hồi quyền: {options['consumer']} → {options['service']}")

    def _issue_secret(self, options: dict[str, Any]) -> None:
        consumer = _consumer(options["consumer"])
        expires_at = None
        if options["expires_in"]:
            seconds = _number(options["expires_in"], "--expires-in")
            expires_at = timezone.now() + timedelta(seconds=seconds)
        if options["kind"] == "oauth":
            _secret, plain = credentials.issue_client_secret(consumer, expires_at=expires_at)
            self._print_secret(consumer, plain)
        elif options["kind"] == "hmac":
            key, plain = credentials.issue_api_key(consumer, expires_at=expires_at)
            self._print_key(key, plain)
        else:
            raise CommandError("--kind phải là oauth hoặc hmac.")

    def _rotate(self, options: dict[str, Any]) -> None:
        if options["kind"] not in ("oauth", "hmac"):
            raise CommandError("--kind phải là oauth hoặc hmac.")
        consumer = _consumer(options["consumer"])
        grace = timedelta(seconds=_number(options["grace"], "--grace"))
        new, plain = credentials.rotate(consumer, kind=options["kind"], grace=grace)
        if isinstance(new, ApiKey):
            self._print_key(new, plain)
        else:
            self._print_secret(consumer, plain)
        self.stdout.write(
            f"Các khoá cũ còn dùng được đến {timezone.localtime() + grace:%d/%m/%Y %H:%M}."
        )

    def _print_secret(self, consumer: Consumer, plain: str) -> None:
        self.stdout.write(f"client_id: {consumer.code}")
        self.stdout.write(f"client_secret: {plain}")
        self.stdout.write("Khoá chỉ hiện một lần này: hãy chuyển ngay cho hệ thống sử dụng.")

    def _print_key(self, key: ApiKey, plain: str) -> None:
        self.stdout.write(f"key_id: {key.key_id}")
        self.stdout.write(f"key: {plain}")
        self.stdout.write("Khoá chỉ hiện một lần này: hãy chuyển ngay cho hệ thống sử dụng.")

    def _revoke_secret(self, options: dict[str, Any]) -> None:
        consumer = _consumer(options["consumer"])
        value = options["secret"]
        secret = ClientSecret.objects.filter(consumer=consumer, prefix=value).first()
        key = ApiKey.objects.filter(consumer=consumer, key_id=value).first()
        if secret is not None:
            credentials.revoke_client_secret(secret)
        elif key is not None:
            credentials.revoke_api_key(key)
        else:
            raise CommandError(f"Không tìm thấy khoá {value!r} của {consumer.code}.")
        self.stdout.write(f"Đã thu hồi khoá {value}.")

    def _list(self, options: dict[str, Any]) -> None:
        now = timezone.now()
        self.stdout.write("Hệ thống cung cấp và dịch vụ:")
        for provider in Provider.objects.prefetch_related("services"):
            self.stdout.write(f"  {provider.code} [{provider.get_level_display()}] {provider.name}")
            for service in provider.services.all():
                flags = [service.protocol, f"{service.timeout_seconds:g}s"]
                flags += ["idempotent"] if service.idempotent else []
                flags += ["lưu nội dung"] if service.log_bodies else []
                flags += [] if service.is_active else ["ngừng"]
                self.stdout.write(
                    f"    {service.identifier} {service.version} → {service.upstream_url} "
                    f"({', '.join(flags)})"
                )
        self.stdout.write("Hệ thống sử dụng:")
        for consumer in Consumer.objects.all():
            secrets = ClientSecret.objects.filter(consumer=consumer).alive(now).count()
            keys = ApiKey.objects.filter(consumer=consumer).alive(now).count()
            rights = AccessRight.objects.filter(consumer=consumer).select_related(
                "service__provider"
            )
            self.stdout.write(
                f"  {consumer.code} [{consumer.get_kind_display()}] {consumer.name}"
                f"{'' if consumer.is_active else ' (ngừng)'}: {secrets} khoá OAuth2, "
                f"{keys} khoá API, quyền: "
                + (", ".join(right.service.identifier for right in rights) or "không có")
            )

    def _seal(self, options: dict[str, Any]) -> None:
        seal = message_log.seal()
        if seal is None:
            self.stdout.write("Không có bản ghi mới cần niêm phong.")
        else:
            self.stdout.write(
                f"Đã niêm phong bản ghi #{seal.first_sequence} đến #{seal.last_sequence} "
                f"(khoá {seal.key_id})."
            )

    def _verify_log(self, options: dict[str, Any]) -> None:
        verdict = message_log.verify()
        if not verdict.ok:
            for problem in verdict.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nhật ký KHÔNG toàn vẹn: đã kiểm {verdict.records} bản ghi hợp lệ trước lỗi."
            )
        self.stdout.write(
            f"Nhật ký toàn vẹn: {verdict.records} bản ghi, {verdict.seals} niêm phong hợp lệ."
        )

    def _keygen(self, options: dict[str, Any]) -> None:
        private = Ed25519PrivateKey.generate()
        raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        public = base64.b64encode(conf.public_bytes(private.public_key())).decode()
        self.stdout.write(f"LGSP_SEAL_KEY={base64.b64encode(raw).decode()}")
        self.stdout.write(f"# khoá công khai (để kiểm chứng niêm phong): {public}")
        self.stdout.write(f"LGSP_ENCRYPTION_KEYS={Fernet.generate_key().decode()}")


def _number(raw: str, name: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise CommandError(f"{name} phải là một số, không phải {raw!r}.") from None
    if value <= 0:
        raise CommandError(f"{name} phải lớn hơn 0.")
    return value


def _provider(code: str) -> Provider:
    provider = Provider.objects.filter(code=code).first()
    if provider is None:
        raise CommandError(f"Không có hệ thống cung cấp {code!r}.")
    return provider


def _consumer(code: str) -> Consumer:
    consumer = Consumer.objects.filter(code=code).first()
    if consumer is None:
        raise CommandError(f"Không có hệ thống sử dụng {code!r}.")
    return consumer


def _service(identifier: str) -> Service:
    provider_code, _, code = identifier.partition("/")
    service = (
        Service.objects.select_related("provider")
        .filter(provider__code=provider_code, code=code)
        .first()
    )
    if service is None:
        raise CommandError(f"Không có dịch vụ {identifier!r} (dạng hệ-thống/dịch-vụ).")
    return service
