from motcua.core.text import fold


def test_fold_removes_accents_and_folds_d_with_stroke():
    assert fold("Cấp đổi Giấy phép lái xe") == "cap doi giay phep lai xe"
    assert fold("ĐĂNG KÝ KHAI SINH") == "dang ky khai sinh"


def test_fold_is_stable_on_decomposed_input_and_extra_spaces():
    decomposed = "Phu\u031bo\u031b\u0300ng  Quy Nho\u031bn"  # "Phường Quy Nhơn" typed as NFD
    assert fold(decomposed) == "phuong quy nhon"
