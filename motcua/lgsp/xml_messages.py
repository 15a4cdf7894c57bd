"""XML messages (QCVN 109 and other SOAP/XML services) checked against the service's XML Schema.

The parser refuses a DOCTYPE outright and never resolves entities or reaches the network: a
message comes from outside the trust boundary, and a QCVN 109 message has no use for a DTD.
Errors name the element by its path under the root, in Vietnamese, and never quote the value
(it is often a citizen's data); libxml2's own English messages would quote it.
"""

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
QCVN109_REQUEST_XSD = SCHEMAS / "qcvn109_request.xsd"


class XmlMessageError(ValueError):
    """The message is not XML the service's schema accepts; the text says why, in Vietnamese."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse(body: bytes) -> etree._Element:
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = f" (dòng {exc.lineno})" if exc.lineno else ""
        raise XmlMessageError(f"Thông điệp không phải XML hợp lệ{line}.") from None
    if root.getroottree().docinfo.doctype:
        raise XmlMessageError("Thông điệp XML không được chứa khai báo DOCTYPE.")
    return root


def schema_problem(xsd_text: str) -> str:
    """Why an XML Schema cannot be used ("" when it can); for the registry's forms."""
    try:
        _schema(hashlib.sha256(xsd_text.encode()).hexdigest(), xsd_text)
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        return f"XML Schema không dùng được: {exc}"
    return ""


@lru_cache(maxsize=64)
def _schema(digest: str, xsd_text: str) -> etree.XMLSchema:
    # Keyed by the digest as well, so the cache key stays small in the lru's bookkeeping.
    document = etree.fromstring(xsd_text.encode(), parser=_parser())
    return etree.XMLSchema(document)


def validate(xsd_text: str, body: bytes) -> etree._Element:
    """The parsed message, or XmlMessageError naming the first element the schema refuses."""
    schema = _schema(hashlib.sha256(xsd_text.encode()).hexdigest(), xsd_text)
    root = parse(body)
    if schema.validate(root):
        return root
    error = schema.error_log[0]
    raise XmlMessageError(describe(error, root, xsd_text))


_FACETS = {
    "SCHEMAV_CVC_PATTERN_VALID": (r"pattern '(.*)'\.$", "không đúng định dạng (mẫu {})"),
    "SCHEMAV_CVC_ENUMERATION_VALID": (r"set \{(.*)\}\.$", "phải là một trong các giá trị {}"),
    "SCHEMAV_CVC_MAXLENGTH_VALID": (r"length of '(\d+)'", "chỉ được dài tối đa {} ký tự"),
    "SCHEMAV_CVC_MINLENGTH_VALID": (r"length of '(\d+)'", "phải dài ít nhất {} ký tự"),
    "SCHEMAV_CVC_LENGTH_VALID": (r"length of '(\d+)'", "phải dài đúng {} ký tự"),
    "SCHEMAV_CVC_DATATYPE_VALID_1_2_1": (r"atomic type '(.*?)'", "không đúng kiểu dữ liệu {}"),
}
_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")
_EXPECTED = re.compile(r"Expected is (?:one of )?\( (.*) \)")


def describe(error: etree._LogEntry, root: etree._Element, xsd_text: str) -> str:
    message = error.message or ""
    where = _field(root, error.path, message)
    if error.type_name == "SCHEMAV_CVC_ELT_1":
        roots = " hoặc ".join(_roots(xsd_text)) or "?"
        return (
            f"Thông điệp không hợp lệ: phần tử gốc “{etree.QName(root).localname}” không phải "
            f"thông điệp của dịch vụ này (cần: {roots})."
        )
    if error.type_name == "SCHEMAV_ELEMENT_CONTENT":
        expected = _expected(message)
        if "Missing child element" in message:
            return (
                f"Thông điệp không hợp lệ: thiếu trường bắt buộc trong “{where}” (cần: {expected})."
            )
        if expected:
            return (
                f"Thông điệp không hợp lệ: trường “{where}” không đúng vị trí "
                f"(ở đây cần: {expected})."
            )
        return f"Thông điệp không hợp lệ: trường “{where}” không được phép."
    pattern, rule = _FACETS.get(error.type_name, ("", "không hợp lệ theo lược đồ XML"))
    found = re.search(pattern, message) if pattern else None
    text = rule.format(found.group(1).replace("xs:", "")) if found else rule.split(" {}")[0]
    return f"Thông điệp không hợp lệ: trường “{where}” {text}."


def _field(root: etree._Element, path: str | None, message: str) -> str:
    """The element's path under the root by local names ("HoVaTen/Ten")."""
    # libxml2 writes the path with the document's own prefixes (ns0:SoDinhDanh).
    prefixes = {prefix: uri for prefix, uri in root.nsmap.items() if prefix}
    try:
        found = root.getroottree().xpath(path, namespaces=prefixes) if path else []
    except etree.XPathError:
        found = []
    if not found or not isinstance(found[0], etree._Element):
        named = _ELEMENT.match(message)
        return named.group(1) if named else "(gốc)"
    names = [etree.QName(node).localname for node in [found[0], *found[0].iterancestors()]]
    return "/".join(reversed(names[:-1])) or "(gốc)"


def _expected(message: str) -> str:
    found = _EXPECTED.search(message)
    if not found:
        return ""
    names = [name.strip().rsplit("}", 1)[-1] for name in found.group(1).split(",")]
    return " hoặc ".join(names)


def _roots(xsd_text: str) -> list[str]:
    """The schema's global elements: the messages it accepts as a root."""
    document = etree.fromstring(xsd_text.encode(), parser=_parser())
    return [
        str(node.get("name"))
        for node in document
        if isinstance(node.tag, str) and etree.QName(node).localname == "element"
    ]
