"""The shape of the curated catalog: plain frozen dataclasses, one ProcedureSpec per procedure.

The data files beside this one (one per group of fields) hold only data; motcua.catalog.seeding
writes it into the database. Agencies are named by role in the demo province, not by database
id, so the data reads like the national catalogue:

- `agency` of a provincial procedure: the identifier code of the department that decides
  (e.g. "000.00.02.H21", Sở Tư pháp; see motcua/org/demo.py for the scheme);
- `agency = COMMUNES` for a commune-level procedure: every commune People's Committee;
- receiving agencies default to the Service Center for provincial procedures and to every
  commune for commune ones (DOMAIN.md: centres receive regardless of administrative boundaries).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

COMMUNES = "communes"
SERVICE_CENTER = "000.00.01.H21"


@dataclass(frozen=True)
class FeeSpec:
    amount: int  # VND
    name: str = "Lệ phí"
    condition: str = ""  # empty: due in every case


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    original_count: int = 0
    copy_count: int = 0
    required: bool = True
    condition: str = ""  # when a non-required component must be given
    replaced_by: str = ""  # a Component.Source value: CSDLQG_DAN_CU, CSDL_DKDN, CSDL_BHXH, ...


@dataclass(frozen=True)
class StepSpec:
    kind: str  # receive | process | transfer | approve | return
    name: str
    budget: Decimal
    agency: str | None = None  # identifier code; required for transfer steps
    role: str | None = None  # org role code: officer, specialist, leader


@dataclass(frozen=True)
class ProcedureSpec:
    code: str  # national code, e.g. "1.001193"
    name: str
    field_code: str
    field_name: str
    level: str  # "province" | "commune"
    agency: str  # identifier code, or COMMUNES
    time_limit: int
    time_limit_unit: str = "working_days"  # working_days | working_hours | same_day | calendar_days
    time_limit_note: str = ""
    legal_basis: str = ""
    requirements: str = ""
    applicant_types: tuple[str, ...] = ("Công dân Việt Nam",)
    result_type: str = "document"  # a Procedure.ResultType value
    result_name: str = ""
    legacy_level: int = 2
    online_class: str = ""  # "" | partial | full
    online_provider: str = "province"  # province | central
    online_only: bool = False
    postal_submission: bool = False
    postal_return: bool = False
    fees: tuple[FeeSpec, ...] = ()
    components: tuple[ComponentSpec, ...] = ()
    steps: tuple[StepSpec, ...] = ()  # empty: the default template of catalog.rules
    receiving: tuple[str, ...] = ()  # empty: the default described above
    form_schema: dict[str, Any] = field(default_factory=dict)
    form_ui: dict[str, Any] = field(default_factory=dict)
    # True where the national code could not be confirmed and a plausible one stands in.
    illustrative_code: bool = False
