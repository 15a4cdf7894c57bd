"""The demo's LGSP (picked up by `motcua seed-demo`): the sandbox registered as the national
systems, and the province's own consumer allowed to call them with the credentials that the
typed clients derive in DEBUG (conf.client_credentials). Idempotent: what exists is left alone.

The sandbox answers at SANDBOX_BASE_URL (default http://127.0.0.1:8001, where `motcua serve`
starts it). Pointing the province at the real national systems is the same registry with the
real upstream URLs (`motcua lgsp add service ...`), not code.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import OutputWrapper

from motcua.core.management.commands.seed_demo import DemoLogin

from . import conf, credentials, registry, xml_messages
from .clients import (
    budget_units,
    business,
    civil_status,
    insurance,
    judicial,
    legal_docs,
    payment,
    population,
    portal,
    sms,
    vnpost,
)
from .models import Consumer, Provider, Service

ID_NUMBER = {"type": "string", "pattern": "^[0-9]{12}$"}
TEXT = {"type": "string", "minLength": 1, "maxLength": 300}
_WHO = {
    "MaYeuCau": {"type": "string", "minLength": 8, "maxLength": 100},
    "CanBoTraCuu": TEXT,
    "MucDich": TEXT,
}


def _schema(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


@dataclass(frozen=True)
class SandboxService:
    identifier: str  # provider/service, as the clients call it
    path: str  # on the sandbox
    name: str
    idempotent: bool = False
    schema: dict[str, Any] | None = None
    timeout_seconds: float = 5.0
    # An XML Schema file for services that take QCVN 109 messages (lgsp/schemas/).
    xsd: Path | None = None


PROVIDERS = {
    "csdl-dan-cu": "Cơ sở dữ liệu quốc gia về dân cư",
    "csdl-dkdn": "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp",
    "sms": "Dịch vụ tin nhắn SMS",
    "dvcqg": "Cổng Dịch vụ công quốc gia",
    "bhxh": "Cơ sở dữ liệu quốc gia về bảo hiểm",
    "ho-tich": "Cơ sở dữ liệu hộ tịch điện tử",
    "lltp": "Cơ sở dữ liệu lý lịch tư pháp",
    "vnpost": "Dịch vụ bưu chính công ích (VNPost)",
    "thanh-toan": "Nền tảng thanh toán trực tuyến (Cổng DVCQG)",
    "csdl-vbpl": "Cơ sở dữ liệu quốc gia về văn bản pháp luật",
    "dvqhns": "Hệ thống mã số đơn vị có quan hệ với ngân sách",
}
SERVICES = (
    # A lookup's MaYeuCau may be used once (a replay is refused): never retried by the gateway.
    SandboxService(
        population.LOOKUP,
        "/dan-cu/v1/cong-dan/tra-cuu",
        "Tra cứu thông tin công dân (QCVN 109)",
        xsd=xml_messages.QCVN109_REQUEST_XSD,
    ),
    SandboxService(
        population.VERIFY,
        "/dan-cu/v1/cong-dan/xac-thuc",
        "Xác thực thông tin công dân",
        xsd=xml_messages.QCVN109_REQUEST_XSD,
    ),
    SandboxService(business.LOOKUP, "/dkdn/v1/doanh-nghiep", "Tra cứu doanh nghiệp"),
    # The SMS service and the portal take a request id / dossier code as idempotency key.
    SandboxService(sms.SEND, "/sms/v1/gui", "Gửi tin nhắn SMS", idempotent=True),
    SandboxService(
        portal.SYNC, "/dvcqg/v1/DongBoHoSoMC", "Đồng bộ hồ sơ (DongBoHoSoMC)", idempotent=True
    ),
    # Lookups of personal data carry a single-use MaYeuCau, like the population lookup.
    SandboxService(
        insurance.LOOKUP,
        "/bhxh/v1/tra-cuu",
        "Tra cứu quá trình tham gia bảo hiểm",
        schema=_schema(["MaYeuCau", "CanBoTraCuu", "MucDich"], _WHO),
    ),
    SandboxService(
        civil_status.EXTRACT,
        "/ho-tich/v1/trich-luc",
        "Trích lục hộ tịch (khai sinh, kết hôn)",
        schema=_schema(
            ["MaYeuCau", "CanBoTraCuu", "MucDich", "LoaiSuKien"],
            {**_WHO, "LoaiSuKien": {"enum": ["KS", "KH"]}},
        ),
    ),
    # A judicial record request and a postal order are keyed by the dossier code: a resend
    # is the same request, so the gateway may retry them.
    SandboxService(
        judicial.SUBMIT,
        "/lltp/v1/yeu-cau",
        "Yêu cầu cấp Phiếu lý lịch tư pháp",
        idempotent=True,
        schema=_schema(
            ["MaHoSo", "LoaiPhieu", "SoDinhDanh", "HoVaTen", "NgayThangNamSinh", "MucDich"],
            {"SoDinhDanh": ID_NUMBER, "HoVaTen": TEXT, "MucDich": TEXT, "CanBoGui": TEXT},
        ),
    ),
    SandboxService(
        judicial.STATUS, "/lltp/v1/yeu-cau", "Trạng thái yêu cầu lý lịch tư pháp", idempotent=True
    ),
    SandboxService(vnpost.CREATE, "/vnpost/v1/don-hang", "Tạo đơn bưu chính", idempotent=True),
    SandboxService(vnpost.TRACK, "/vnpost/v1/don-hang", "Hành trình bưu gửi", idempotent=True),
    # INIT is not retried: a second INIT with the same MaThamChieu is refused by the platform.
    SandboxService(payment.INIT, "/thanh-toan/v1/khoi-tao", "Khởi tạo giao dịch (INIT)"),
    SandboxService(
        payment.QUERY, "/thanh-toan/v1/truy-van", "Truy vấn giao dịch (QUERY)", idempotent=True
    ),
    SandboxService(
        payment.GET_BILL, "/thanh-toan/v1/bien-lai", "Biên lai điện tử (GET_BILL)", idempotent=True
    ),
    # Public reference data, read only: a POSTed search is as safe to resend as a GET.
    SandboxService(
        legal_docs.SEARCH,
        "/vbpl/v1/tim-kiem",
        "Tìm kiếm văn bản pháp luật",
        idempotent=True,
        schema=_schema(
            ["TuKhoa"], {"TuKhoa": {"type": "string", "minLength": 2, "maxLength": 200}}
        ),
    ),
    SandboxService(
        legal_docs.DOCUMENT,
        "/vbpl/v1/van-ban",
        "Văn bản pháp luật theo số, ký hiệu",
        idempotent=True,
        schema=_schema(
            ["SoKyHieu"], {"SoKyHieu": {"type": "string", "minLength": 3, "maxLength": 50}}
        ),
    ),
    SandboxService(
        budget_units.LOOKUP,
        "/dvqhns/v1/don-vi",
        "Tra cứu mã số đơn vị có quan hệ với ngân sách",
        idempotent=True,
    ),
    SandboxService(
        budget_units.SEARCH,
        "/dvqhns/v1/tim-kiem",
        "Tìm đơn vị có quan hệ với ngân sách theo tên",
        idempotent=True,
        schema=_schema(["TenDonVi"], {"TenDonVi": TEXT}),
    ),
)


def wire_sandbox(base_url: str) -> tuple[Consumer, int]:
    """Register the sandbox's services and the province's consumer; (consumer, rows created)."""
    created = 0
    base_url = base_url.rstrip("/")
    providers: dict[str, Provider] = {}
    for code, name in PROVIDERS.items():
        provider = Provider.objects.filter(code=code).first()
        if provider is None:
            provider = registry.add_provider(code=code, name=name, level=Provider.Level.NATIONAL)
            created += 1
        providers[code] = provider
    services = []
    for spec in SERVICES:
        provider_code, code = spec.identifier.split("/")
        xsd = spec.xsd.read_text(encoding="utf-8") if spec.xsd else ""
        service = Service.objects.filter(provider=providers[provider_code], code=code).first()
        if service is not None and (service.request_schema, service.request_xsd) != (
            spec.schema,
            xsd,
        ):
            # The message contract is ours to keep current (the population services moved from
            # JSON to QCVN 109 XML); everything else an operator may have changed stays.
            service.request_schema, service.request_xsd = spec.schema, xsd
            service.save(update_fields=["request_schema", "request_xsd"])
        if service is None:
            service = registry.add_service(
                provider=providers[provider_code],
                code=code,
                name=spec.name,
                upstream_url=base_url + spec.path,
                request_schema=spec.schema,
                request_xsd=xsd,
                timeout_seconds=spec.timeout_seconds,
                idempotent=spec.idempotent,
                # Citizens' data and one-time codes: the log keeps hashes, never the bodies.
                log_bodies=False,
            )
            created += 1
        services.append(service)
    client_id, secret = conf.client_credentials()
    consumer = Consumer.objects.filter(code=client_id).first()
    if consumer is None:
        consumer = registry.add_consumer(
            code=client_id,
            name="Hệ thống thông tin giải quyết TTHC của tỉnh (MotCua)",
            kind=Consumer.Kind.PROVINCIAL_SYSTEM,
        )
        created += 1
    _, made = credentials.adopt_client_secret(consumer, secret)
    created += made
    for service in services:
        registry.grant(consumer, service)
    return consumer, created


def seed(out: OutputWrapper) -> list[DemoLogin]:
    base_url = getattr(settings, "SANDBOX_BASE_URL", "http://127.0.0.1:8001")
    consumer, created = wire_sandbox(base_url)
    out.write(
        f"LGSP: hệ thống giả lập tại {base_url} đăng ký làm các hệ thống quốc gia, "
        f"hệ thống “{consumer.code}” được cấp quyền ({created} mục mới)."
    )
    return []
