"""Catalog search: what a citizen types on a phone finds the procedure they mean."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from motcua.catalog import search
from motcua.catalog.models import Field, Procedure
from motcua.catalog.search import search_procedures
from motcua.core.errors import InvalidInput
from motcua.org.models import AdministrativeUnit, Agency


@dataclass
class Catalog:
    """A small catalog of a province, with the names real catalogs use."""

    fields: dict[str, Field]
    agencies: dict[str, Agency]
    procedures: dict[str, Procedure]


def add_procedure(
    code: str,
    name: str,
    field: Field,
    *,
    agencies: tuple[Agency, ...] = (),
    level: str = "province",
    **extra: Any,
) -> Procedure:
    procedure = Procedure.objects.create(
        code=code,
        name=name,
        field=field,
        level=level,
        time_limit=extra.pop("time_limit", 5),
        **extra,
    )
    procedure.agencies.set(agencies)
    return procedure


def build_catalog() -> Catalog:
    province = AdministrativeUnit.objects.create(code="52", name="Gia Lai", level="province")
    commune = AdministrativeUnit.objects.create(
        code="21583", name="Phường Quy Nhơn", level="commune", parent=province
    )
    agencies = {
        "justice": Agency.objects.create(
            code="000.00.02.H21", name="Sở Tư pháp tỉnh Gia Lai", kind="department", unit=province
        ),
        "construction": Agency.objects.create(
            code="000.00.05.H21",
            name="Sở Xây dựng tỉnh Gia Lai",
            kind="department",
            unit=province,
        ),
        "police": Agency.objects.create(
            code="000.00.30.H21", name="Công an tỉnh Gia Lai", kind="other", unit=province
        ),
        "quy_nhon": Agency.objects.create(
            code="001.00.90.H21",
            name="UBND phường Quy Nhơn",
            kind="commune_committee",
            unit=commune,
        ),
    }
    fields = {
        "civil": Field.objects.create(code="HT", name="Hộ tịch"),
        "records": Field.objects.create(code="LLTP", name="Lý lịch tư pháp"),
        "building": Field.objects.create(code="XD", name="Hoạt động xây dựng"),
        "roads": Field.objects.create(code="DB", name="Đường bộ"),
        "land": Field.objects.create(code="DD", name="Đất đai"),
        "copies": Field.objects.create(code="CT", name="Chứng thực"),
    }
    j, c, p, q = (agencies[k] for k in ("justice", "construction", "police", "quy_nhon"))
    f = fields
    procedures = [
        add_procedure(
            "1.001193",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            f["records"],
            agencies=(j,),
            local_code="1.001193.000.00.00.H21",
            legacy_level=4,
            online_class="full",
        ),
        add_procedure(
            "1.001233",
            "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng",
            f["records"],
            agencies=(j,),
            legacy_level=3,
            online_class="partial",
        ),
        add_procedure(
            "1.000689",
            "Đăng ký khai sinh",
            f["civil"],
            agencies=(q,),
            level="commune",
            legacy_level=4,
            online_class="full",
            result_name="Giấy khai sinh",
        ),
        add_procedure(
            "1.000656",
            "Đăng ký khai tử",
            f["civil"],
            agencies=(q,),
            level="commune",
            legacy_level=4,
            online_class="full",
        ),
        add_procedure(
            "1.000894",
            "Đăng ký kết hôn",
            f["civil"],
            agencies=(q,),
            level="commune",
            requirements="Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên.",
        ),
        add_procedure(
            "1.004884",
            "Đăng ký lại khai sinh",
            f["civil"],
            agencies=(q,),
            level="commune",
            legacy_level=3,
            online_class="partial",
        ),
        add_procedure(
            "1.000419",
            "Cấp bản sao trích lục hộ tịch",
            f["civil"],
            agencies=(q,),
            level="commune",
        ),
        add_procedure(
            "1.009972",
            "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
            f["building"],
            agencies=(c,),
            time_limit=20,
        ),
        add_procedure(
            "1.009974",
            "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình",
            f["building"],
            agencies=(c,),
            time_limit=20,
        ),
        add_procedure(
            "1.002804",
            "Cấp đổi giấy phép lái xe",
            f["roads"],
            agencies=(p,),
            legacy_level=4,
            online_class="full",
        ),
        add_procedure(
            "1.002835",
            "Cấp lại giấy phép lái xe",
            f["roads"],
            agencies=(p,),
            requirements="Giấy phép lái xe bị mất, còn thời hạn sử dụng hoặc quá hạn.",
        ),
        add_procedure(
            "1.002809",
            "Cấp đổi, cấp lại giấy phép lái xe quốc tế",
            f["roads"],
            agencies=(p,),
        ),
        add_procedure(
            "1.003003",
            "Cấp đổi, cấp lại Giấy chứng nhận quyền sử dụng đất",
            f["land"],
            agencies=(c,),
            time_limit=10,
        ),
        add_procedure(
            "2.000815",
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
            f["copies"],
            agencies=(q,),
            level="commune",
            time_limit=0,
            time_limit_unit="same_day",
        ),
        add_procedure(
            "1.001022",
            "Đăng ký khai sinh có yếu tố nước ngoài",
            f["civil"],
            agencies=(q,),
            level="commune",
            is_published=False,
        ),
    ]
    return Catalog(fields, agencies, {p.code: p for p in procedures})


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    """A rolled-back test sends no delete signal: each test starts from an empty cache."""
    search.invalidate_index()
    yield
    search.invalidate_index()


@pytest.fixture
def catalog(db: None) -> Catalog:
    return build_catalog()


def names_of(result: search.SearchResult) -> list[str]:
    return [p.name for p in result.procedures()]


def names(query: str = "", **filters: Any) -> list[str]:
    return names_of(search_procedures(query, **filters))


# --- Matching -------------------------------------------------------------------------------


def test_a_query_without_accents_finds_the_procedure(catalog):
    assert names("ly lich tu phap") == [
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng",
    ]


def test_d_with_stroke_and_capitals_match_either_way(catalog):
    assert names("dang ky khai tu") == ["Đăng ký khai tử"]
    assert names("ĐĂNG KÝ KHAI TỬ") == ["Đăng ký khai tử"]
    assert names("đăng ký khai tử") == ["Đăng ký khai tử"]
    assert names("Cấp Đổi Giấy Phép Lái Xe")[0] == "Cấp đổi giấy phép lái xe"


def test_words_in_another_order_find_the_procedure(catalog):
    found = names("giay phep xay dung cap")
    assert found[:2] == [
        "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
        "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình",
    ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("khai sihn", "Đăng ký khai sinh"),  # two letters swapped
        ("chng thuc ban sao", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),  # one dropped
        ("ly lich tu phapp", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"),  # one added
        (
            "giay phep xay dumg",
            "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình",
        ),  # one changed
    ],
)
def test_one_typo_in_a_word_of_four_letters_or_more_is_forgiven(catalog, query, first):
    assert names(query)[0] == first


def test_short_words_are_not_matched_loosely(catalog):
    # "tu" must not become "tư", "tử" and "từ" plus every two-letter word one edit away.
    assert names("khai tuu") == []  # nor does a three-letter word get a typo forgiven
    assert "Đăng ký khai sinh" not in names("khai tu")


def test_the_last_word_may_be_unfinished(catalog):
    assert names("trich luc ho ti") == ["Cấp bản sao trích lục hộ tịch"]


def test_a_procedure_code_finds_it_first(catalog):
    assert names("1.001193")[0] == "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"
    assert names(" 1.001193.000.00.00.H21 ") == ["Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"]
    assert set(names("1.0028")) == {
        "Cấp đổi giấy phép lái xe",
        "Cấp đổi, cấp lại giấy phép lái xe quốc tế",
        "Cấp lại giấy phép lái xe",
    }


def test_unpublished_procedures_are_never_found(catalog):
    assert "Đăng ký khai sinh có yếu tố nước ngoài" not in names("khai sinh nuoc ngoai")
    assert "Đăng ký khai sinh có yếu tố nước ngoài" not in names()
    assert search_procedures("1.001022").count == 0


def test_when_no_procedure_has_every_word_the_search_lets_one_go_and_says_so(catalog):
    result = search_procedures("dang ky ket hon voi nguoi nuoc ngoai")
    assert result.relaxed
    assert names_of(result)[0] == "Đăng ký kết hôn"
    assert not search_procedures("dang ky ket hon").relaxed


def test_nonsense_finds_nothing(catalog):
    result = search_procedures("xyzzy")
    assert result.count == 0
    assert result.procedures() == []
    assert result.page(1) == []


# --- Ranking --------------------------------------------------------------------------------


def test_names_sharing_words_rank_the_exact_phrase_first(catalog):
    assert names("cap doi giay phep lai xe") == [
        "Cấp đổi giấy phép lái xe",
        "Cấp đổi, cấp lại giấy phép lái xe quốc tế",
    ]
    # "lại" and "lái" fold alike: the third name has every word, but not as a phrase.
    assert names("cap lai giay phep lai xe") == [
        "Cấp lại giấy phép lái xe",
        "Cấp đổi, cấp lại giấy phép lái xe quốc tế",
        "Cấp đổi giấy phép lái xe",
    ]
    assert names("cap doi cap lai giay chung nhan") == [
        "Cấp đổi, cấp lại Giấy chứng nhận quyền sử dụng đất"
    ]


def test_the_exact_name_comes_before_longer_names_and_word_soups(catalog):
    assert names("dang ky khai sinh") == ["Đăng ký khai sinh", "Đăng ký lại khai sinh"]


def test_matches_in_the_name_come_before_matches_in_the_search_text_only(catalog):
    # "Hộ tịch" is the name of a field: every civil-status procedure has it in its search text,
    # only one has it in its name.
    found = names("ho tich")
    assert found[0] == "Cấp bản sao trích lục hộ tịch"
    assert set(found[1:]) == {
        "Đăng ký khai sinh",
        "Đăng ký khai tử",
        "Đăng ký kết hôn",
        "Đăng ký lại khai sinh",
    }


def test_requirements_and_result_are_searched_too(catalog):
    assert names("du 18 tuoi") == ["Đăng ký kết hôn"]
    assert names("giay khai sinh")[0] == "Đăng ký khai sinh"


def test_earlier_and_shorter_names_rank_higher_among_equals(catalog):
    assert names("khai sinh") == ["Đăng ký khai sinh", "Đăng ký lại khai sinh"]
    assert names("giay phep") == [
        "Cấp đổi giấy phép lái xe",
        "Cấp lại giấy phép lái xe",
        "Cấp đổi, cấp lại giấy phép lái xe quốc tế",
        "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình",
        "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
    ]


# --- Filters and facets ---------------------------------------------------------------------


def test_an_empty_query_lists_every_published_procedure_in_alphabetical_order(catalog):
    found = names()
    assert len(found) == 14
    assert found[:3] == [
        "Cấp bản sao trích lục hộ tịch",
        "Cấp đổi giấy phép lái xe",
        "Cấp đổi, cấp lại Giấy chứng nhận quyền sử dụng đất",
    ]
    assert found[-5:] == [
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "Đăng ký kết hôn",
        "Đăng ký khai sinh",
        "Đăng ký khai tử",
        "Đăng ký lại khai sinh",
    ]


def test_filters_narrow_the_search(catalog):
    assert names(field="DB") == [
        "Cấp đổi giấy phép lái xe",
        "Cấp đổi, cấp lại giấy phép lái xe quốc tế",
        "Cấp lại giấy phép lái xe",
    ]
    assert names("cap", agency="000.00.02.H21") == [
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng",
    ]
    assert names("cap", level="commune") == ["Cấp bản sao trích lục hộ tịch"]
    assert names(legacy_level=3) == [
        "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng",
        "Đăng ký lại khai sinh",
    ]
    assert names("khai", online="full") == ["Đăng ký khai sinh", "Đăng ký khai tử"]
    assert len(names(online="any")) == 6
    assert len(names(online="partial")) == 2
    assert len(names(online="none")) == 8
    assert names("dang ky", field="HT", online="partial", level="commune") == [
        "Đăng ký lại khai sinh"
    ]


def test_an_unknown_field_or_agency_finds_nothing(catalog):
    assert names(field="NOPE") == []
    assert names("khai sinh", agency="000.00.99.H21") == []


def test_name_order_ignores_accents_but_keeps_d_with_stroke_after_d():
    names = ["Đăng ký", "Duyệt", "Chứng thực", "Dạy nghề", "Cấp"]
    assert sorted(names, key=search.name_order_key) == [
        "Cấp",
        "Chứng thực",
        "Dạy nghề",
        "Duyệt",
        "Đăng ký",
    ]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"level": "district"}, "Cấp thực hiện «district» không hợp lệ"),
        ({"legacy_level": 5}, "Mức độ «5» không hợp lệ"),
        ({"online": "yes"}, "Hình thức trực tuyến «yes» không hợp lệ"),
    ],
)
def test_a_bad_filter_value_is_refused_in_vietnamese(catalog, filters, message):
    with pytest.raises(InvalidInput, match=message):
        search_procedures("", **filters)


def test_facets_count_each_filter_value_with_the_query_and_the_other_filters(catalog):
    facets = search_procedures("dang ky", level="commune", field="HT").facets

    # The field counts ignore the field filter (so the page can offer the other fields) but
    # keep the query and the level.
    assert [(f.value, f.label, f.count) for f in facets.fields] == [("HT", "Hộ tịch", 4)]
    assert [(f.value, f.count) for f in facets.levels] == [("province", 0), ("commune", 4)]
    assert [(f.value, f.count) for f in facets.legacy_levels] == [("2", 1), ("3", 1), ("4", 2)]
    assert [(f.value, f.label, f.count) for f in facets.online] == [
        ("full", "Dịch vụ công trực tuyến toàn trình", 2),
        ("partial", "Dịch vụ công trực tuyến một phần", 1),
        ("none", "Không cung cấp trực tuyến", 1),
    ]


def test_facets_of_the_whole_catalog_list_fields_in_vietnamese_order(catalog):
    facets = search_procedures("", field="DB").facets
    assert [(f.label, f.count) for f in facets.fields] == [
        ("Chứng thực", 1),
        ("Đất đai", 1),
        ("Đường bộ", 3),
        ("Hộ tịch", 5),
        ("Hoạt động xây dựng", 2),
        ("Lý lịch tư pháp", 2),
    ]
    assert [(f.value, f.count) for f in facets.levels] == [("province", 3), ("commune", 0)]


def test_the_chosen_field_stays_among_the_facets_when_the_query_empties_it(catalog):
    result = search_procedures("khai sinh", field="DB")

    assert result.count == 0
    assert [(f.value, f.count) for f in result.facets.fields] == [("DB", 0), ("HT", 2)]


def test_a_queryset_narrows_the_search_and_loads_the_rows(catalog, django_assert_num_queries):
    scope = Procedure.objects.filter(field__code="HT").select_related("field")
    result = search_procedures("khai", queryset=scope)
    assert result.count == 3
    with django_assert_num_queries(1):
        assert [p.field.name for p in result.procedures()] == ["Hộ tịch"] * 3


def test_pages_cut_the_ranked_list(catalog):
    result = search_procedures("")
    assert [p.name for p in result.page(2, size=5)] == [p.name for p in result.procedures()][5:10]
    assert result.page(4, size=5) == []
    with pytest.raises(InvalidInput):
        result.page(0)


# --- Freshness ------------------------------------------------------------------------------


def test_a_renamed_procedure_is_found_by_its_new_name_at_once(catalog):
    assert names("khai tu") == ["Đăng ký khai tử"]
    procedure = catalog.procedures["1.000656"]
    procedure.name = "Đăng ký khai tử cho người chết"
    procedure.save()

    assert names("nguoi chet") == ["Đăng ký khai tử cho người chết"]


def test_deleted_unpublished_and_relinked_procedures_leave_the_index_at_once(catalog):
    assert search_procedures("", agency="000.00.30.H21").count == 3
    catalog.procedures["1.002809"].delete()
    assert search_procedures("", agency="000.00.30.H21").count == 2

    licence = catalog.procedures["1.002804"]
    licence.is_published = False
    licence.save()
    assert "Cấp đổi giấy phép lái xe" not in names("cap doi giay phep lai xe")

    catalog.procedures["1.002835"].agencies.set([catalog.agencies["construction"]])
    assert search_procedures("", agency="000.00.30.H21").count == 0


def test_an_edit_made_by_another_process_is_seen_through_the_fingerprint(catalog):
    assert names("khai tu") == ["Đăng ký khai tử"]
    # QuerySet.update() sends no signal, as if another web worker had saved the row.
    Procedure.objects.filter(code="1.000656").update(
        name="Đăng ký khai tử (bản mới)",
        name_folded="dang ky khai tu (ban moi)",
        search_text="dang ky khai tu (ban moi) 1.000656 ho tich",
        updated_at=timezone.now(),
    )
    assert names("ban moi") == ["Đăng ký khai tử (bản mới)"]


def test_what_the_fingerprint_cannot_see_is_picked_up_after_the_ttl(catalog, monkeypatch):
    assert names("khai tu") == ["Đăng ký khai tử"]
    Procedure.objects.filter(code="1.000656").update(search_text="dang ky khai tu hieu luc")
    assert names("hieu luc") == []

    later = search.monotonic() + search.CACHE_TTL_SECONDS + 1
    monkeypatch.setattr(search, "monotonic", lambda: later)
    assert names("hieu luc") == ["Đăng ký khai tử"]


def test_threads_share_one_build_of_the_index(monkeypatch):
    builds = []
    started = threading.Event()

    def slow_build() -> Any:
        builds.append(1)
        started.wait(1)
        return search._Index(
            entries=(),
            position={},
            all_mask=0,
            name_postings={},
            text_postings={},
            vocabulary=[],
            neighbours={},
            field_masks={},
            field_names={},
            level_masks={},
            legacy_masks={},
            online_masks={},
            agency_masks={},
            fingerprint=(0, None),
        )

    monkeypatch.setattr(search, "_build_index", slow_build)
    monkeypatch.setattr(search, "_fingerprint", lambda: (0, None))
    cache = search._IndexCache()
    got: list[Any] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get())) for _ in range(8)]
    for thread in threads:
        thread.start()
    started.set()
    for thread in threads:
        thread.join()

    assert len(builds) == 1
    assert len({id(index) for index in got}) == 1


def test_renaming_a_field_makes_its_procedures_findable_under_the_new_name(db):
    from motcua.catalog.models import Field, Procedure
    from motcua.catalog.search import search_procedures

    field = Field.objects.create(code="X-VHCS", name="Văn hóa cơ sở")
    Procedure.objects.create(
        code="1.777001", name="Công nhận câu lạc bộ", field=field, level="commune", time_limit=5
    )
    assert search_procedures("thong tin").count == 0
    field.name = "Thông tin cơ sở"
    field.save()
    assert search_procedures("thong tin").count == 1
