"""The fictional people of DEMO.md, shared by the demo seed (dossiers.demo) and the sandbox's
stand-in population database, which must know the same 12-digit numbers.

Numbers follow the CCCD layout (birthplace code, sex and century digit, year of birth, six digits)
and are synthetic: they belong to nobody.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DemoCitizen:
    key: str
    id_number: str
    family: str
    middle: str
    given: str
    sex: int  # QCVN 109 GioiTinh: 1 male, 2 female
    born: date
    ethnicity: str
    phone: str
    address: str  # street or village; the commune and province follow in `full_address`
    commune: str
    commune_code: str  # the administrative unit code (5 digits)
    story: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.family, self.middle, self.given) if part)

    @property
    def full_address(self) -> str:
        return f"{self.address}, {self.commune}, tỉnh Gia Lai"


CITIZENS = (
    DemoCitizen(
        "thao", "052195001234", "Nguyễn", "Thị Thu", "Thảo", 2, date(1995, 3, 14), "Kinh",
        "0905111222", "45 Lê Lợi", "phường Quy Nhơn", "21583",
        "mẹ của một bé vừa chào đời, đăng ký khai sinh trực tuyến",
    ),
    DemoCitizen(
        "huy", "052200004321", "Trần", "Quốc", "Huy", 1, date(2000, 8, 2), "Kinh",
        "0935222333", "18 Nguyễn Huệ", "phường Quy Nhơn", "21583",
        "thanh niên khởi nghiệp, đăng ký hộ kinh doanh quán cà phê",
    ),
    DemoCitizen(
        "nay", "064048005678", "Ksor", "", "Nay", 1, date(1948, 5, 20), "Gia Rai",
        "0966333444", "Làng Ia Kênh", "xã Bờ Ngoong", "23947",
        "nông dân lớn tuổi, nộp hồ sơ nhờ nhân viên bưu điện hỗ trợ",
    ),
    DemoCitizen(
        "tam", "052092007777", "Lê", "Văn", "Tâm", 1, date(1992, 11, 9), "Kinh",
        "0977444555", "7 Phan Đình Phùng", "phường Pleiku", "23575",
        "lao động trở về từ nước ngoài, xin phiếu lý lịch tư pháp",
    ),
)  # fmt: skip

BY_KEY = {citizen.key: citizen for citizen in CITIZENS}
