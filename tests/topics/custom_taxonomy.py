"""A small custom taxonomy written for the tests: a 40-line training file (three label lines naming the topics,
37 short Vietnamese articles), as a newsroom would write one for `nlp-service train topics`."""

from __future__ import annotations

import json
from pathlib import Path

NAMES = {
    "giao_thong": ("Giao thông", "Đường sá, xe cộ, tai nạn và xử phạt vi phạm giao thông"),
    "truong_hoc": ("Trường học", "Trường lớp, học sinh, giáo viên và thi cử"),
    "le_hoi": ("Lễ hội", "Lễ hội truyền thống, hội hoa, hội đua thuyền"),
}
TEXTS = {
    "giao_thong": [
        "Công an huyện xử phạt {n} trường hợp vi phạm nồng độ cồn khi điều khiển xe máy trên quốc lộ.",
        "Cảnh sát giao thông lập biên bản {n} xe tải chở quá tải trọng trên tuyến đường tỉnh.",
        "Tai nạn giao thông giảm {n} vụ nhờ tăng cường tuần tra, kiểm soát vào ban đêm.",
        "Tỉnh khởi công nâng cấp {n} km đường giao thông nông thôn, mở rộng mặt đường cho xe ô tô.",
    ],
    "truong_hoc": [
        "Trường tiểu học khai giảng năm học mới với {n} học sinh lớp một cùng các thầy cô giáo.",
        "Sở Giáo dục tuyển thêm {n} giáo viên cho các trường học vùng cao còn thiếu lớp.",
        "Kỳ thi tốt nghiệp có {n} thí sinh dự thi, học sinh làm bài nghiêm túc tại điểm thi.",
        "Huyện xây mới {n} phòng học kiên cố, học sinh vùng sâu không còn học trong lớp tạm.",
    ],
    "le_hoi": [
        "Lễ hội đua thuyền truyền thống thu hút {n} vận động viên và đông đảo người dân tới xem.",
        "Lễ hội hoa xuân khai mạc tại công viên với {n} tiểu cảnh, du khách chụp ảnh suốt ngày.",
        "Làng tổ chức lễ hội rước nước cầu mùa, {n} đội tế trong trang phục truyền thống.",
        "Hội chọi trâu mùa thu có {n} ông trâu tham gia, khán giả nô nức trẩy hội.",
    ],
}
DOCUMENTS = {"giao_thong": 13, "truong_hoc": 12, "le_hoi": 12}


def training_lines() -> list[dict]:
    lines = [{"topic": t, "name": name, "description": about} for t, (name, about) in NAMES.items()]
    for t, count in DOCUMENTS.items():
        for i in range(count):
            template = TEXTS[t][i % len(TEXTS[t])]
            lines.append({"text": template.format(n=7 + 13 * i), "topics": [t]})
    return lines


def write_training_file(path: Path) -> Path:
    lines = training_lines()
    assert len(lines) == 40
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    return path
