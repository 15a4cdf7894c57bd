"""The token tests reuse the dossier tests' cast (tests/dossiers/conftest.py): Hà, officer at the
Service Center; Khoa and Nhung, specialist and leader of Sở Tư pháp; Bảo, specialist of Sở Xây
dựng; Lan, a citizen."""

from tests.dossiers.conftest import cast, lan_applicant  # noqa: F401
