"""The label sets of the service: ten sections and twelve public-affairs topics.

Ids and Vietnamese names are those of the project taxonomy (``shared/TAXONOMY.md``);
``wording`` is the codebook's typical wording for a topic, used to find annotation
candidates and by the keyword-rule baseline.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    id: str
    name: str
    description: str
    wording: tuple[str, ...] = ()


SECTIONS: tuple[Label, ...] = (
    Label("chinh_tri_xa_hoi", "Chính trị - Xã hội", "Politics and society, including public administration and education"),
    Label("doi_song", "Đời sống", "Everyday life, family, lifestyle"),
    Label("khoa_hoc", "Khoa học", "Science"),
    Label("kinh_doanh", "Kinh doanh", "Business, markets, economy"),
    Label("phap_luat", "Pháp luật", "Law, courts and crime"),
    Label("suc_khoe", "Sức khỏe", "Health"),
    Label("the_gioi", "Thế giới", "World news"),
    Label("the_thao", "Thể thao", "Sports"),
    Label("van_hoa", "Văn hóa", "Culture and entertainment"),
    Label("vi_tinh", "Công nghệ", "Computing and technology"),
)

TOPICS: tuple[Label, ...] = (
    Label("cai_cach_hanh_chinh", "Cải cách hành chính",
          "Reform of how the state serves people and firms: administrative procedures, one-stop shops, "
          "public-service quality and satisfaction, civil-service discipline, PAR INDEX and SIPAS",
          ("cải cách hành chính", "thủ tục hành chính", "một cửa", "liên thông", "dịch vụ công",
           "sự hài lòng", "par index", "sipas", "kỷ cương hành chính")),
    Label("chuyen_doi_so", "Chuyển đổi số",
          "Digital government and the digital economy: e-government, online public services, digital "
          "platforms and data, IT in administration",
          ("chuyển đổi số", "chính quyền điện tử", "chính quyền số", "chính phủ điện tử",
           "dịch vụ công trực tuyến", "cơ sở dữ liệu", "nền tảng số")),
    Label("phong_chong_tham_nhung", "Phòng, chống tham nhũng",
          "Corruption, abuse of office, embezzlement, waste in the public sector, inspections and asset declarations",
          ("tham nhũng", "tiêu cực", "lãng phí", "tham ô", "lợi dụng chức vụ", "thanh tra", "kê khai tài sản")),
    Label("thi_dua_khen_thuong", "Thi đua, khen thưởng",
          "Emulation movements, state and Party commendations, awards and honours, exemplary models",
          ("phong trào thi đua", "khen thưởng", "bằng khen", "điển hình tiên tiến", "danh hiệu", "tuyên dương")),
    Label("xay_dung_dang", "Xây dựng Đảng, chính quyền",
          "Party building and the political system: congresses, resolutions, cadres, People's Councils, "
          "elections, mass organisations",
          ("đại hội", "nghị quyết", "chi bộ", "đảng viên", "cán bộ", "hđnd", "bầu cử", "mttq", "đoàn thể")),
    Label("an_ninh_trat_tu", "An ninh, trật tự",
          "Public order and safety: police work, crime, drugs, traffic safety, fire prevention, border security",
          ("công an", "an ninh trật tự", "tội phạm", "ma túy", "an toàn giao thông", "phòng cháy chữa cháy")),
    Label("y_te", "Y tế",
          "Health care and disease control: hospitals, epidemics, vaccination, health insurance, food safety",
          ("y tế", "bệnh viện", "dịch bệnh", "covid-19", "tiêm chủng", "bảo hiểm y tế", "an toàn thực phẩm")),
    Label("giao_duc", "Giáo dục, đào tạo",
          "Schools, universities, exams, teachers, vocational training, enrolment",
          ("giáo dục", "học sinh", "giáo viên", "kỳ thi", "tuyển sinh", "đào tạo nghề")),
    Label("an_sinh_xa_hoi", "Lao động, an sinh xã hội",
          "Jobs, wages, social insurance, poverty reduction, support for people in hardship, people with merit",
          ("việc làm", "lao động", "bảo hiểm xã hội", "giảm nghèo", "hộ nghèo", "hỗ trợ", "người có công", "an sinh")),
    Label("do_thi_moi_truong", "Đô thị, đất đai, môi trường",
          "Urban planning and management, construction order, land, housing, infrastructure projects, "
          "flooding, waste, pollution, natural resources",
          ("quy hoạch", "đô thị", "đất đai", "xây dựng", "chỉnh trang", "ngập", "rác thải", "ô nhiễm", "tài nguyên")),
    Label("kinh_te", "Kinh tế, đầu tư",
          "The economy as governments report it: budget, investment attraction, enterprise support, trade, "
          "markets and prices, agriculture programmes, new rural development",
          ("kinh tế", "ngân sách", "đầu tư", "doanh nghiệp", "thu ngân sách", "nông thôn mới", "giá cả")),
    Label("van_hoa_the_thao", "Văn hóa, thể thao, du lịch",
          "Culture, heritage, festivals, arts, sports events and mass sports, tourism, ethnic and religious cultural life",
          ("văn hóa", "lễ hội", "di tích", "nghệ thuật", "thể thao", "du lịch")),
)

SECTION_IDS = tuple(label.id for label in SECTIONS)
TOPIC_IDS = tuple(label.id for label in TOPICS)
SECTIONS_BY_ID = {label.id: label for label in SECTIONS}
TOPICS_BY_ID = {label.id: label for label in TOPICS}
