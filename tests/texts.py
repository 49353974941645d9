"""Short articles written for the tests, shared by the summarizer test modules."""

# A district portal's news item with an image caption and a wire byline, one sentence a line.
DAK_MIL = """Ủy ban nhân dân huyện Đắk Mil phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2024.
Phát biểu tại buổi lễ, Chủ tịch UBND huyện yêu cầu nâng cao chất lượng hoạt động của bộ phận một cửa và rút ngắn thời gian giải quyết hồ sơ.
Năm 2023, chỉ số cải cách hành chính của huyện xếp thứ hai toàn tỉnh, tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%.
Ảnh: Lãnh đạo huyện trao giấy khen cho các tập thể.
Mỗi cơ quan đăng ký ít nhất một mô hình cải cách hành chính mới gắn với chuyển đổi số.
Dịp này, huyện tặng giấy khen cho 5 tập thể và 10 cá nhân có thành tích xuất sắc.
Theo TTXVN"""
DAK_MIL_TITLE = "Đắk Mil thi đua cải cách hành chính"
