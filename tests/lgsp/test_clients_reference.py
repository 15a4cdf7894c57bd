"""The legal documents database and the budget-unit code service: the typed clients through the
real gateway (in this process) against the real sandbox (on loopback)."""

from datetime import date

import pytest
from pytest_django.fixtures import Settings

from motcua.lgsp import demo
from motcua.lgsp.clients import budget_units, errors, legal_docs
from motcua.lgsp.models import Consumer, MessageRecord
from motcua.sandbox import budget_units as sandbox_units
from motcua.sandbox import legal_docs as sandbox_texts

from .sandbox_server import SandboxServer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wired(sandbox: SandboxServer, settings: Settings) -> Consumer:
    settings.LGSP_DEMO_KEYS = True
    sandbox_texts.seed()
    sandbox_units.seed()
    consumer, _ = demo.wire_sandbox(sandbox.url)
    return consumer


def test_decree_118_2025_is_in_force_and_replaces_decree_61_2018(wired):
    text = legal_docs.get("118/2025/NĐ-CP")

    assert text is not None
    assert (text.kind, text.issuer) == ("Nghị định", "Chính phủ")
    assert text.title.startswith("Về thực hiện thủ tục hành chính theo cơ chế một cửa")
    assert (text.signed_on, text.effective_on) == (date(2025, 6, 9), date(2025, 7, 1))
    assert text.status == legal_docs.IN_FORCE and text.in_force is True
    assert text.replaces == ("61/2018/NĐ-CP",)
    assert text.message_id


def test_decree_61_2018_has_expired_and_names_what_replaced_and_amended_it(wired):
    text = legal_docs.get("61/2018/nd-cp")  # typed without diacritics

    assert text is not None and text.number == "61/2018/NĐ-CP"
    assert text.in_force is False
    assert text.status_label == "Hết hiệu lực toàn bộ"
    assert text.expired_on == date(2025, 7, 1)
    assert text.replaced_by == ("118/2025/NĐ-CP",)
    assert text.amended_by == ("107/2021/NĐ-CP",)


def test_what_the_references_do_not_tell_is_left_empty(wired):
    text = legal_docs.get("107/2021/NĐ-CP")

    assert text is not None
    assert text.status == "" and text.in_force is None
    assert text.status_label == "Chưa có thông tin"
    assert text.effective_on is None and text.title == ""
    assert text.amends == ("61/2018/NĐ-CP",)


def test_a_number_the_database_does_not_hold_is_none(wired):
    assert legal_docs.get("999/2099/NĐ-CP") is None


def test_search_by_keyword_or_number_with_or_without_accents(wired):
    one_stop = {t.number for t in legal_docs.search("một cửa liên thông")}
    folded = {t.number for t in legal_docs.search("mot cua lien thong")}
    circulars = {t.number for t in legal_docs.search("TT-VPCP")}

    assert {"61/2018/NĐ-CP", "107/2021/NĐ-CP", "118/2025/NĐ-CP"} <= one_stop
    assert folded == one_stop
    assert circulars == {"01/2018/TT-VPCP", "03/2025/TT-VPCP"}
    assert legal_docs.search("không có văn bản nào như thế") == []


def test_every_cited_text_is_seeded_once(wired):
    cited = [
        "61/2018/NĐ-CP", "107/2021/NĐ-CP", "118/2025/NĐ-CP", "45/2020/NĐ-CP", "42/2022/NĐ-CP",
        "43/2011/NĐ-CP", "01/2018/TT-VPCP", "03/2025/TT-VPCP", "13/2017/TT-BTTTT", "766/QĐ-TTg",
        "45/2016/QĐ-TTg",
    ]  # fmt: skip

    found = {number: legal_docs.get(number) for number in cited}

    assert all(found.values()), [n for n, t in found.items() if t is None]
    assert found["42/2022/NĐ-CP"].replaces == ("43/2011/NĐ-CP",)  # type: ignore[union-attr]
    assert found["01/2018/TT-VPCP"].replaced_by == ("03/2025/TT-VPCP",)  # type: ignore[union-attr]
    assert sandbox_texts.seed() == 0


def test_a_too_short_search_never_leaves_the_province(wired):
    with pytest.raises(errors.InvalidRequest) as refused:
        legal_docs.search(" a ")

    assert "từ khóa" in refused.value.message
    assert not MessageRecord.objects.exists()


def test_a_budget_unit_by_its_seven_digit_code_is_marked_fictional(wired):
    unit = budget_units.lookup("9900003")

    assert unit is not None
    assert unit.name == "Sở Tư pháp tỉnh Gia Lai"
    assert unit.parent_code == "9900001" and unit.authority == "UBND tỉnh Gia Lai"
    assert "hư cấu" in unit.note
    assert unit.message_id
    assert budget_units.lookup("9999999") is None


def test_budget_units_by_name_without_accents(wired):
    found = budget_units.search("so tu phap")
    communes = budget_units.search("Ủy ban nhân dân xã")

    assert [u.code for u in found] == ["9900003"]
    assert [u.name for u in communes] == ["Ủy ban nhân dân xã Bờ Ngoong"]


def test_a_malformed_budget_code_is_refused_before_it_is_sent(wired):
    with pytest.raises(errors.InvalidRequest) as refused:
        budget_units.lookup("12345")

    assert "7 chữ số" in refused.value.message
    assert not MessageRecord.objects.exists()


def test_the_reference_services_are_logged_by_the_gateway(wired):
    legal_docs.get("45/2016/QĐ-TTg")
    budget_units.lookup("9900001")

    codes = set(MessageRecord.objects.values_list("service_code", "status_code"))
    assert codes == {(legal_docs.DOCUMENT, 200), (budget_units.LOOKUP, 200)}
