"""The registry's writes: providers, services, consumers and access rights, each audited.

The admin pages and `motcua lgsp ...` call these functions, so both validate alike.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from motcua.core import audit
from motcua.core.errors import InvalidInput

from . import xml_messages
from .models import AccessRight, Consumer, Provider, Service


def _saved(instance: Any, *, by: audit.Actor, action: str, details: dict[str, Any]) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        messages = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in exc.message_dict.items())
        raise InvalidInput(messages) from exc
    with transaction.atomic():
        instance.save()
        audit.record(by, action, instance, details)


# /lgsp/oauth/token is the token endpoint: a provider of that code could never be reached.
RESERVED_PROVIDER_CODES = {"oauth"}


def add_provider(*, code: str, name: str, level: str, by: audit.Actor = None) -> Provider:
    if code in RESERVED_PROVIDER_CODES:
        raise InvalidInput(f"Mã “{code}” đã dành cho nền tảng, hãy chọn mã khác.")
    provider = Provider(code=code, name=name, level=level)
    _saved(provider, by=by, action="lgsp.provider_added", details={"code": code})
    return provider


def check_schema(schema: Any) -> None:
    """Refuse a request schema that is not valid JSON Schema (2020-12)."""
    if schema is None:
        return
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise InvalidInput(f"JSON Schema không hợp lệ: {exc.message}") from exc


def check_xsd(xsd_text: str) -> None:
    """Refuse an XML Schema libxml2 cannot compile (imports from the network included)."""
    problem = xml_messages.schema_problem(xsd_text) if xsd_text else ""
    if problem:
        raise InvalidInput(problem)


def add_service(
    *,
    provider: Provider,
    code: str,
    upstream_url: str,
    name: str = "",
    version: str = "v1",
    protocol: str = Service.Protocol.REST,
    request_schema: Any = None,
    request_xsd: str = "",
    timeout_seconds: float = 10.0,
    idempotent: bool = False,
    log_bodies: bool = False,
    by: audit.Actor = None,
) -> Service:
    check_schema(request_schema)
    check_xsd(request_xsd)
    service = Service(
        provider=provider,
        code=code,
        name=name,
        version=version,
        protocol=protocol,
        upstream_url=upstream_url,
        request_schema=request_schema,
        request_xsd=request_xsd,
        timeout_seconds=timeout_seconds,
        idempotent=idempotent,
        log_bodies=log_bodies,
    )
    _saved(
        service,
        by=by,
        action="lgsp.service_added",
        details={"service": f"{provider.code}/{code}", "upstream_url": upstream_url},
    )
    return service


def add_consumer(
    *, code: str, name: str, kind: str, rate_limit_per_minute: int = 600, by: audit.Actor = None
) -> Consumer:
    consumer = Consumer(
        code=code, name=name, kind=kind, rate_limit_per_minute=rate_limit_per_minute
    )
    _saved(consumer, by=by, action="lgsp.consumer_added", details={"code": code})
    return consumer


def grant(consumer: Consumer, service: Service, *, by: audit.Actor = None) -> AccessRight:
    """Let `consumer` call `service` (idempotent: granting twice keeps one right)."""
    label = str(by) if by is not None else audit.SYSTEM_LABEL
    with transaction.atomic():
        right, created = AccessRight.objects.get_or_create(
            consumer=consumer, service=service, defaults={"granted_by": label[:200]}
        )
        if created:
            audit.record(by, "lgsp.access_granted", consumer, {"service": service.identifier})
    return right


def revoke(consumer: Consumer, service: Service, *, by: audit.Actor = None) -> bool:
    """Take the right away; say whether there was one."""
    with transaction.atomic():
        deleted, _ = AccessRight.objects.filter(consumer=consumer, service=service).delete()
        if deleted:
            audit.record(by, "lgsp.access_revoked", consumer, {"service": service.identifier})
    return bool(deleted)
