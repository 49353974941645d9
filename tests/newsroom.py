"""Test material for the article store: twenty short Vietnamese news articles written for these tests
(no corpus text), a way to vary them into many, and a cheap keyword analyzer with the Analyzer's interface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from nlp_service.labels import SECTIONS_BY_ID, TOPICS
from nlp_service.schemas import AnalysisResult, LabelScore, Meta, Summary, SummarySentenceOut, TopicScore

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Story:
    title: str
    text: str  # "{n}" is replaced by a number that differs between copies
    section: str


STORIES: tuple[Story, ...] = (
    Story("Krông Pắc tổng kết công tác cải cách hành chính",
          "Sáng nay, UBND huyện Krông Pắc tổ chức hội nghị tổng kết công tác cải cách hành chính. Trong năm, bộ phận "
          "một cửa của huyện tiếp nhận {n} hồ sơ, trong đó 98% được giải quyết đúng hạn. Chủ tịch UBND huyện đề nghị "
          "các phòng, ban tiếp tục rà soát, đơn giản hóa thủ tục hành chính, nâng cao sự hài lòng của người dân.",
          "chinh_tri_xa_hoi"),
    Story("Thừa Thiên Huế đưa thêm dịch vụ công trực tuyến toàn trình",
          "Tỉnh Thừa Thiên Huế đã đưa {n} dịch vụ công trực tuyến toàn trình lên Cổng dịch vụ công quốc gia. Sở Thông "
          "tin và Truyền thông cho biết tỷ lệ hồ sơ nộp trực tuyến trong quý đạt hơn 60%. Tỉnh đặt mục tiêu hoàn thành "
          "xây dựng chính quyền số và cơ sở dữ liệu dùng chung trong năm tới.",
          "chinh_tri_xa_hoi"),
    Story("Thanh tra phát hiện sai phạm tại ban quản lý dự án",
          "Thanh tra tỉnh vừa công bố kết luận thanh tra việc quản lý, sử dụng ngân sách tại Ban quản lý dự án huyện. "
          "Đoàn thanh tra phát hiện sai phạm gây lãng phí hơn {n} triệu đồng và kiến nghị kiểm điểm trách nhiệm các cá "
          "nhân liên quan. Vụ việc có dấu hiệu tham nhũng đã được chuyển cơ quan điều tra.",
          "phap_luat"),
    Story("Triệt phá đường dây mua bán ma túy",
          "Công an thành phố Thủ Đức vừa triệt phá đường dây mua bán ma túy, bắt giữ {n} đối tượng. Tang vật thu giữ "
          "gồm gần 2 kg ma túy tổng hợp cùng nhiều điện thoại di động. Vụ án đang được mở rộng điều tra để xử lý "
          "nghiêm các đối tượng tội phạm.",
          "phap_luat"),
    Story("Hà Nội: số ca sốt xuất huyết tăng",
          "Sở Y tế Hà Nội ghi nhận {n} ca mắc sốt xuất huyết trong tuần, tăng so với tuần trước. Các bệnh viện tuyến "
          "đầu đã bố trí thêm giường bệnh và tăng cường phun hóa chất diệt muỗi tại các ổ dịch. Người dân được khuyến "
          "cáo đến cơ sở y tế khi có biểu hiện sốt cao liên tục.",
          "suc_khoe"),
    Story("Nghệ An sẵn sàng cho kỳ thi tốt nghiệp",
          "Kỳ thi tốt nghiệp trung học phổ thông năm nay có hơn {n} thí sinh đăng ký dự thi tại tỉnh Nghệ An. Sở Giáo "
          "dục và Đào tạo đã bố trí đủ giáo viên coi thi và lực lượng phục vụ tại các điểm thi. Học sinh vùng sâu, "
          "vùng xa được bố trí chỗ ở và phương tiện đi lại trong những ngày thi.",
          "chinh_tri_xa_hoi"),
    Story("Mường Tè trao quà Tết cho hộ nghèo",
          "Dịp Tết Nguyên đán, huyện Mường Tè trao {n} suất quà cho hộ nghèo, gia đình người có công với cách mạng. "
          "Mỗi suất quà gồm tiền mặt và nhu yếu phẩm trị giá 500.000 đồng. Lãnh đạo huyện cho biết tỷ lệ hộ nghèo đã "
          "giảm rõ rệt nhờ các chương trình giảm nghèo và tạo việc làm.",
          "chinh_tri_xa_hoi"),
    Story("Hoàng Mai xử lý công trình sai phép",
          "UBND quận Hoàng Mai yêu cầu xử lý dứt điểm {n} công trình xây dựng sai phép trên địa bàn. Quận cũng đẩy "
          "nhanh tiến độ cải tạo hệ thống thoát nước để chống ngập trong mùa mưa. Tình trạng rác thải ùn ứ tại một số "
          "khu đô thị mới sẽ được giải quyết trong tháng.",
          "chinh_tri_xa_hoi"),
    Story("Bình Dương thu ngân sách quý đầu năm",
          "Thu ngân sách nhà nước của tỉnh Bình Dương trong quý đạt {n} tỷ đồng, bằng 28% dự toán năm. Tỉnh thu hút "
          "thêm 15 dự án đầu tư nước ngoài, chủ yếu trong lĩnh vực công nghiệp chế biến. UBND tỉnh cam kết tiếp tục "
          "tháo gỡ khó khăn cho doanh nghiệp về mặt bằng.",
          "kinh_doanh"),
    Story("Lễ hội Đền Hùng đón khách thập phương",
          "Lễ hội Đền Hùng năm nay thu hút khoảng {n} lượt du khách về dâng hương tưởng niệm các Vua Hùng. Ban tổ chức "
          "bố trí nhiều hoạt động văn hóa, nghệ thuật dân gian như hát xoan, đánh trống đồng. Ngành du lịch tỉnh Phú "
          "Thọ kỳ vọng doanh thu tăng mạnh trong dịp lễ.",
          "van_hoa"),
    Story("Đảng bộ xã Tân Phú tổ chức đại hội",
          "Đảng bộ xã Tân Phú tổ chức đại hội đại biểu nhiệm kỳ mới với sự tham dự của {n} đảng viên tiêu biểu. Đại "
          "hội đã thông qua nghị quyết với các chỉ tiêu phát triển và bầu Ban Chấp hành khóa mới. Bí thư Huyện ủy đề "
          "nghị đội ngũ cán bộ nâng cao tinh thần trách nhiệm, gần dân, sát dân.",
          "chinh_tri_xa_hoi"),
    Story("Tặng bằng khen cho tập thể, cá nhân tiêu biểu",
          "Chủ tịch UBND tỉnh tặng bằng khen cho {n} tập thể và cá nhân có thành tích xuất sắc trong phong trào thi "
          "đua yêu nước. Nhiều điển hình tiên tiến được tuyên dương tại hội nghị, trong đó có các hợp tác xã nông "
          "nghiệp. Tỉnh sẽ nhân rộng các mô hình hay trong năm tới.",
          "chinh_tri_xa_hoi"),
    Story("Hà Nội thắng Hải Phòng trên sân Hàng Đẫy",
          "Câu lạc bộ Hà Nội thắng Hải Phòng {n}-1 trong trận đấu thuộc vòng 12 V-League trên sân Hàng Đẫy. Tiền đạo "
          "Văn Quyết ghi bàn mở tỉ số từ phút thứ 20 sau đường chuyền của đồng đội. Với chiến thắng này, đội bóng Thủ "
          "đô vươn lên vị trí thứ hai trên bảng xếp hạng.",
          "the_thao"),
    Story("Liên Hợp Quốc cảnh báo nạn đói ở Sừng châu Phi",
          "Liên Hợp Quốc cảnh báo {n} triệu người tại khu vực Sừng châu Phi đang đối mặt nạn đói do hạn hán kéo dài. "
          "Các tổ chức cứu trợ kêu gọi cộng đồng quốc tế tăng cường viện trợ lương thực khẩn cấp. Nhiều quốc gia đã "
          "cam kết đóng góp thêm kinh phí cho chương trình lương thực.",
          "the_gioi"),
    Story("Ra mắt điện thoại pin lớn, camera 200 megapixel",
          "Hãng công nghệ vừa ra mắt mẫu điện thoại thông minh mới với pin dung lượng {n} mAh và camera 200 megapixel. "
          "Máy sử dụng chip xử lý thế hệ mới giúp tiết kiệm năng lượng hơn 30%. Sản phẩm dự kiến lên kệ vào cuối tháng "
          "với giá từ 12 triệu đồng.",
          "vi_tinh"),
    Story("Xét xử cựu giám đốc công ty nhà nước",
          "Tòa án nhân dân TP Hồ Chí Minh mở phiên xét xử cựu giám đốc công ty nhà nước về tội lợi dụng chức vụ, quyền "
          "hạn trong khi thi hành công vụ. Theo cáo trạng, bị cáo gây thiệt hại cho Nhà nước hơn {n} tỷ đồng. Cơ quan "
          "công an đã phong tỏa nhiều tài sản để thu hồi.",
          "phap_luat"),
    Story("Đà Nẵng kiểm tra an toàn thực phẩm",
          "Đoàn kiểm tra liên ngành về an toàn thực phẩm phát hiện {n} cơ sở kinh doanh vi phạm tại thành phố Đà Nẵng. "
          "Nhiều mẫu thực phẩm không rõ nguồn gốc đã bị tiêu hủy. Sở Y tế khuyến cáo người dân lựa chọn thực phẩm tại "
          "các cơ sở bảo đảm vệ sinh.",
          "suc_khoe"),
    Story("Đại học Bách khoa tuyển sinh trực tuyến",
          "Trường Đại học Bách khoa triển khai tuyển sinh trực tuyến cho {n} chỉ tiêu năm nay. Thí sinh đăng ký xét "
          "tuyển trên nền tảng số và theo dõi kết quả qua ứng dụng của trường. Nhà trường cho biết chuyển đổi số giúp "
          "giảm đáng kể thời gian xử lý hồ sơ.",
          "chinh_tri_xa_hoi"),
    Story("Đức Trọng đạt chuẩn nông thôn mới",
          "Huyện Đức Trọng được công nhận đạt chuẩn nông thôn mới sau {n} năm triển khai chương trình. Thu nhập bình "
          "quân đầu người của huyện đạt 72 triệu đồng mỗi năm. Nhiều doanh nghiệp đã đầu tư vào chuỗi liên kết sản "
          "xuất rau, hoa công nghệ cao.",
          "kinh_doanh"),
    Story("Tai nạn giao thông giảm trong dịp nghỉ lễ",
          "Trong {n} ngày nghỉ lễ, toàn tỉnh xảy ra 7 vụ tai nạn giao thông, làm 4 người chết. Lực lượng cảnh sát giao "
          "thông tăng cường tuần tra, xử lý vi phạm nồng độ cồn trên các tuyến quốc lộ. Ban An toàn giao thông tỉnh đề "
          "nghị người dân chấp hành nghiêm quy định về an toàn giao thông.",
          "phap_luat"),
)

SOURCES = ("baochinhphu.vn", "hanoimoi.vn", "daklak.gov.vn", "tuoitre.vn", "nhandan.vn")
QUARTER_START = datetime(2024, 1, 1, 7, 0, tzinfo=VN)


def article(i: int, *, prefix: str = "bai", dated: bool = True) -> dict:
    """The i-th article of the newsroom feed: the stories in turn, with other numbers, sources and dates."""
    story = STORIES[i % len(STORIES)]
    source = SOURCES[i % len(SOURCES)]
    body = {
        "external_id": f"{prefix}-{i:05d}",
        "url": f"https://{source}/{prefix}-{i}.html",
        "title": story.title,
        "text": story.text.format(n=12 + (i * 37) % 900),
        "source": source,
    }
    if dated:
        # About a quarter for 200 articles: one every 11 hours from 1 January, in Vietnamese time.
        body["published_at"] = (QUARTER_START + timedelta(hours=11 * i)).isoformat()
    return body


def feed(count: int, *, prefix: str = "bai", undated_every: int = 0) -> list[dict]:
    return [article(i, prefix=prefix, dated=not (undated_every and i % undated_every == undated_every - 1))
            for i in range(count)]


_SECTION_WORDS = {
    "the_thao": ("v-league", "bàn thắng", "ghi bàn", "trận đấu"),
    "the_gioi": ("liên hợp quốc", "quốc tế", "châu phi"),
    "vi_tinh": ("điện thoại thông minh", "chip", "megapixel"),
    "suc_khoe": ("bệnh viện", "sốt xuất huyết", "y tế"),
    "phap_luat": ("công an", "tòa án", "thanh tra", "tai nạn"),
    "kinh_doanh": ("ngân sách", "doanh nghiệp", "đầu tư"),
    "van_hoa": ("lễ hội", "nghệ thuật", "du lịch"),
}


class KeywordAnalyzer:
    """The Analyzer's interface at a fraction of its cost: the codebook's wording decides the topics
    (so the store has topics to file even before a topic model ships), a word list the section, and the
    first sentences are the summary. Counts the texts it analyzed."""

    versions = {"keywords": "test"}

    def __init__(self):
        self.calls = 0

    def analyze(self, text: str, title: str | None = None, summary_sentences: int = 3, *,
                include_text: bool = False, deadline: float | None = None) -> AnalysisResult:
        from nlp_service.errors import EmptyText

        if not text.strip():
            raise EmptyText("the article text is empty")
        self.calls += 1
        folded = text.casefold()
        topics = []
        for label in TOPICS:
            hits = sum(folded.count(word) for word in label.wording)
            if hits:
                topics.append(TopicScore(id=label.id, name=label.name, score=min(0.99, 0.5 + 0.1 * hits),
                                         evidence=[w for w in label.wording if w in folded][:3]))
        topics.sort(key=lambda t: -t.score)
        section = next((sid for sid, words in _SECTION_WORDS.items() if any(w in folded for w in words)),
                       "chinh_tri_xa_hoi")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s][:summary_sentences]
        return AnalysisResult(
            section=LabelScore(id=section, name=SECTIONS_BY_ID[section].name, score=0.8),
            topics=topics,
            summary=Summary(sentences=[SummarySentenceOut(index=i, text=s, score=1.0 - i / 10)
                                       for i, s in enumerate(sentences)], text=" ".join(sentences)),
            meta=Meta(models=dict(self.versions), characters=len(text), clean_characters=len(text),
                      sentences=len(sentences), elapsed_ms=0.0),
            text=text if include_text else None,
        )
