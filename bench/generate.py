#!/usr/bin/env python3
"""Generate a deterministic synthetic bulletin for benchmarking bantin (and Hugo).

    generate.py N OUT_DIR [--hugo HUGO_DIR] [--codes K]

Writes a bantin content folder to OUT_DIR:

    OUT_DIR/site.yml
    OUT_DIR/directives/<code-slug>.md     15 directives (Kết luận, Chỉ thị, Nghị quyết, Quy định)
    OUT_DIR/themes/<year>.md              2019 … 2025
    OUT_DIR/articles/<yyyy>/<mm>/<slug>.md   N articles, 400–900 words each

With --hugo, also writes an equivalent Hugo site (config.toml, content/, layouts/)
to HUGO_DIR, with the same articles, bodies and front matter. See bench/README.md
for what the Hugo site does and does not do.

With --codes K, each body ends with a paragraph of K made-up file codes (letters, some
Vietnamese, then digits), nearly all different: a bulletin whose codes, numbers and names
make hundreds of thousands of distinct words, where the default corpus has about 11,000.
Without it the output is the same as before the option existed.

The output depends only on N and this file: random.Random(N) (which also seeds one
generator per chunk of 1,000 articles, so chunks are written in parallel and the result
does not depend on the number of processes), no clock, no environment. Python 3
standard library only.
"""

import argparse
import multiprocessing
import os
import re
import shutil
import sys
import unicodedata
from datetime import date
from functools import partial
from random import Random

# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------

PROVINCES = [
    "An Giang", "Bà Rịa – Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thành phố Hồ Chí Minh", "Thừa Thiên Huế",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
assert len(PROVINCES) == 63

# code, kind, issuer, issued, title
DIRECTIVES = [
    ("05-CT/TW", "Chỉ thị", "Bộ Chính trị", "2016-05-15",
     "Chỉ thị của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("01-KL/TW", "Kết luận", "Bộ Chính trị", "2021-05-18",
     "Kết luận của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("21-KL/TW", "Kết luận", "Ban Chấp hành Trung ương", "2021-10-25",
     "Kết luận Hội nghị Trung ương 4 khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị"),
    ("14-KL/TW", "Kết luận", "Bộ Chính trị", "2021-09-22",
     "Kết luận về chủ trương khuyến khích và bảo vệ cán bộ năng động, sáng tạo vì lợi ích chung"),
    ("35-NQ/TW", "Nghị quyết", "Bộ Chính trị", "2018-10-22",
     "Nghị quyết về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới"),
    ("04-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương", "2016-10-30",
     "Nghị quyết Hội nghị Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn Đảng"),
    ("18-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương", "2017-10-25",
     "Nghị quyết về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả"),
    ("28-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương", "2023-11-17",
     "Nghị quyết về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị trong giai đoạn mới"),
    ("144-QĐ/TW", "Quy định", "Bộ Chính trị", "2024-05-09",
     "Quy định về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới"),
    ("37-QĐ/TW", "Quy định", "Ban Chấp hành Trung ương", "2021-10-25",
     "Quy định về những điều đảng viên không được làm"),
    ("08-QĐi/TW", "Quy định", "Ban Chấp hành Trung ương", "2018-10-25",
     "Quy định về trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là Ủy viên Bộ Chính trị, Ủy viên Ban Bí thư, Ủy viên Ban Chấp hành Trung ương"),
    ("41-QĐ/TW", "Quy định", "Bộ Chính trị", "2021-11-03",
     "Quy định về việc miễn nhiệm, từ chức đối với cán bộ"),
    ("96-QĐ/TW", "Quy định", "Bộ Chính trị", "2023-02-02",
     "Quy định về lấy phiếu tín nhiệm đối với chức vụ lãnh đạo, quản lý trong hệ thống chính trị"),
    ("12-CT/TW", "Chỉ thị", "Ban Bí thư", "2022-05-12",
     "Chỉ thị về tăng cường công tác dân vận của cơ quan nhà nước các cấp"),
    ("27-CT/TW", "Chỉ thị", "Bộ Chính trị", "2019-01-10",
     "Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác bảo vệ người phát hiện, tố giác tham nhũng, lãng phí, tiêu cực"),
]
assert len(DIRECTIVES) == 15

THEMES = {
    2019: "Xây dựng ý thức tôn trọng nhân dân, phát huy dân chủ, chăm lo đời sống nhân dân theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2020: "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2021: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
    2022: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội ngũ cán bộ, đảng viên thật sự tiên phong, gương mẫu",
    2023: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phát huy dân chủ trong xây dựng Đảng và hệ thống chính trị",
    2024: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tăng cường đoàn kết, xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
    2025: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả",
}
YEARS = sorted(THEMES)

CATEGORIES = ["Xây dựng Đảng", "Học và làm theo Bác", "Kiểm tra, giám sát", "Tổ chức cán bộ", "Dân vận",
              "Tuyên giáo", "Phòng, chống tham nhũng", "Chi bộ cơ sở"]
SOURCES = ["Bản tin Xây dựng Đảng"] * 6 + ["TTXVN", "Báo Nhân Dân", "Tạp chí Xây dựng Đảng"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
          "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Ngọc", "Thu", "Xuân", "Hồng", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thắng",
         "Trang", "Trí", "Trung", "Tuấn", "Vân", "Việt", "Yến"]

# Title parts. ¤P is the article's province.
T_SUBJECT = ["¤P", "Đảng bộ ¤P", "Cấp ủy các cấp ở ¤P", "Các chi bộ ở ¤P", "Cán bộ, đảng viên ¤P",
             "Ban Thường vụ Tỉnh ủy ¤P", "Ủy ban Kiểm tra ¤P", "Đảng ủy Khối các cơ quan ¤P"]
T_VERB = ["nâng cao chất lượng", "đẩy mạnh", "tạo chuyển biến trong", "lan tỏa", "đổi mới", "siết chặt",
          "làm rõ trách nhiệm trong", "nêu gương trong", "triển khai đồng bộ", "sơ kết", "gắn chuyên đề năm với",
          "kiên trì", "phát huy dân chủ trong", "đưa nghị quyết vào"]
T_OBJECT = ["sinh hoạt chi bộ", "học và làm theo Bác", "công tác kiểm tra, giám sát", "tự phê bình và phê bình",
            "công tác cán bộ", "dân chủ ở cơ sở", "xây dựng tổ chức cơ sở đảng", "công tác dân vận",
            "phòng, chống tham nhũng, tiêu cực", "tuyên truyền miệng", "kết nạp đảng viên mới",
            "cải cách hành chính", "xây dựng nông thôn mới", "bảo vệ nền tảng tư tưởng của Đảng",
            "đối thoại với nhân dân", "đào tạo cán bộ trẻ"]
T_TAIL = ["", "", "", " từ cơ sở", " ở vùng đồng bào dân tộc thiểu số", " trong năm ¤Y", ": kết quả bước đầu",
          ": những cách làm hay", " gắn với chuyên đề năm ¤Y", ": từ nhận thức đến hành động"]

# Sentence slots.
ORG = ["Ban Thường vụ Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Ban Tổ chức Tỉnh ủy",
       "Đảng ủy Khối các cơ quan tỉnh", "Ban Dân vận Tỉnh ủy", "Huyện ủy", "Đảng ủy xã", "Chi bộ thôn",
       "Đảng ủy phường", "Ủy ban Mặt trận Tổ quốc tỉnh", "Đảng ủy Khối doanh nghiệp"]
PEOPLE = ["cán bộ, đảng viên", "người đứng đầu cấp ủy", "bí thư chi bộ", "đảng viên trẻ", "cán bộ chủ chốt",
          "đoàn viên thanh niên", "hội viên phụ nữ", "cựu chiến binh", "người có uy tín trong đồng bào",
          "cán bộ, công chức cấp xã"]
ACT = ["tổ chức quán triệt", "xây dựng kế hoạch thực hiện", "sơ kết việc thực hiện", "đẩy mạnh", "cụ thể hóa",
       "lồng ghép", "triển khai đồng bộ", "tăng cường kiểm tra việc thực hiện", "chỉ đạo thực hiện nghiêm"]
TOPIC = ["việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "công tác xây dựng, chỉnh đốn Đảng",
         "việc nâng cao chất lượng sinh hoạt chi bộ", "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
         "trách nhiệm nêu gương của cán bộ, đảng viên", "công tác phát triển đảng viên",
         "việc phát huy dân chủ ở cơ sở", "công tác bảo vệ nền tảng tư tưởng của Đảng",
         "công tác dân vận của chính quyền", "công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
         "việc xây dựng đội ngũ cán bộ các cấp", "công tác tuyên truyền miệng", "chuyên đề năm ¤Y"]
OUTCOME = ["tạo sự thống nhất cao trong nhận thức và hành động", "góp phần củng cố niềm tin của nhân dân đối với Đảng",
           "nhiều hạn chế, khuyết điểm kéo dài đã được khắc phục", "sinh hoạt chi bộ ngày càng đi vào chiều sâu",
           "vai trò hạt nhân chính trị của tổ chức cơ sở đảng được phát huy",
           "tinh thần trách nhiệm của cán bộ, đảng viên được nâng lên rõ rệt",
           "nhiều mô hình hay, cách làm sáng tạo đã xuất hiện", "kỷ luật, kỷ cương trong Đảng được giữ vững"]
ACHIEVE = ["được đánh giá hoàn thành tốt nhiệm vụ", "đạt tiêu chuẩn trong sạch, vững mạnh",
           "duy trì nền nếp sinh hoạt định kỳ", "xây dựng được mô hình học và làm theo Bác",
           "tổ chức sinh hoạt chuyên đề ít nhất một lần mỗi quý"]
DEED = ["đăng ký việc làm theo gương Bác", "nhận đỡ đầu hộ nghèo", "đi đầu hiến đất làm đường giao thông nông thôn",
        "tham gia giải quyết kiến nghị của cử tri", "gương mẫu thực hiện nếp sống văn minh",
        "công khai số điện thoại để người dân phản ánh", "xuống cơ sở nắm tình hình, đối thoại với nhân dân",
        "tự giác kiểm điểm, sửa chữa khuyết điểm", "vận động gia đình chấp hành tốt chủ trương của Đảng",
        "giúp đỡ thanh niên lập nghiệp ở quê hương"]
LIMIT = ["một số nơi triển khai còn hình thức, chưa sát thực tế", "việc phát hiện, nhân rộng điển hình chưa thường xuyên",
         "chất lượng sinh hoạt chuyên đề ở một số chi bộ chưa cao", "công tác sơ kết, tổng kết ở cơ sở có lúc còn chậm",
         "vai trò nêu gương của một bộ phận cán bộ chưa rõ nét", "việc đăng ký làm theo có nơi còn chung chung, khó đánh giá",
         "việc nắm bắt tâm tư, nguyện vọng của nhân dân có lúc chưa kịp thời"]
POSITION = ["Phó Bí thư Thường trực Tỉnh ủy", "Trưởng Ban Tuyên giáo Tỉnh ủy", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
            "Bí thư Huyện ủy", "Bí thư chi bộ", "Trưởng Ban Tổ chức Tỉnh ủy", "Bí thư Đảng ủy xã",
            "Trưởng Ban Dân vận Tỉnh ủy"]
REQ = ["nâng cao chất lượng sinh hoạt chi bộ", "đề cao trách nhiệm nêu gương của người đứng đầu",
       "kịp thời biểu dương, khen thưởng các điển hình", "siết chặt kỷ luật, kỷ cương hành chính",
       "lắng nghe, giải quyết kịp thời kiến nghị chính đáng của nhân dân", "tăng cường kiểm tra, giám sát việc thực hiện",
       "đổi mới nội dung, phương thức tuyên truyền", "chú trọng bồi dưỡng, phát triển đảng viên trẻ",
       "gắn việc học tập với giải quyết những vấn đề bức xúc ở cơ sở", "đưa kết quả làm theo vào đánh giá cán bộ cuối năm"]
MODEL = ["Dân vận khéo", "Mỗi tuần một việc tốt", "Chi bộ bốn tốt", "Ngày thứ Bảy vì dân", "Cán bộ gần dân",
         "Thắp sáng đường quê", "Mái ấm nghĩa tình", "Đảng viên giúp hộ nghèo", "Cổng trường an toàn",
         "Tiếp dân không hẹn trước"]
ASPECT = ["ý thức tu dưỡng, rèn luyện của đảng viên", "tác phong, lề lối làm việc", "mối quan hệ giữa cán bộ và nhân dân",
          "chất lượng giải quyết thủ tục hành chính", "sự đoàn kết trong nội bộ", "tinh thần phục vụ nhân dân"]
IMPROVE = ["có nhiều chuyển biến tích cực", "thiết thực hơn", "đi vào thực chất", "ngày càng nền nếp",
           "gắn với nhiệm vụ chính trị của địa phương"]
PERIOD = ["6 tháng đầu năm", "nhiệm kỳ qua", "năm ¤Y", "quý III", "hai năm qua", "giai đoạn 2021–2025",
          "đợt cao điểm vừa qua"]

SENTENCE_TEMPLATES = [
    "Thời gian qua, {org} ¤P đã {act} {topic}, qua đó {outcome}.",
    "Theo báo cáo, trong {period}, toàn tỉnh có {n} tổ chức cơ sở đảng {achieve}, đạt tỷ lệ {pct}%.",
    "Nhiều {people} đã chủ động {deed}, được nhân dân ghi nhận.",
    "Bên cạnh kết quả đạt được, {limit}.",
    "Đồng chí {name}, {position}, cho biết {outcome} là nhờ các cấp ủy đã {req}.",
    "Để {req}, {org} yêu cầu các cấp ủy {req2} và {req3}.",
    "Việc thực hiện ¤D gắn với {topic} đã tạo chuyển biến rõ nét về {aspect}.",
    "Qua khảo sát tại {m} chi bộ, có tới {pct}% đảng viên đánh giá sinh hoạt chi bộ đã **{improve}**.",
    "Ở nhiều địa phương, mô hình *{model}* tiếp tục được duy trì và nhân rộng.",
    "Năm ¤Y, {org} ¤P đã kiểm tra {n} tổ chức đảng và {m} đảng viên, kịp thời chấn chỉnh những thiếu sót.",
    "Các cấp ủy cần tiếp tục {req}, coi đây là nhiệm vụ thường xuyên, lâu dài.",
    "Điều quan trọng là {people} phải {deed}, nói đi đôi với làm.",
    "Từ thực tiễn ¤P cho thấy, khi {people} thật sự gương mẫu thì {outcome}.",
    "Không chỉ dừng ở {topic}, {org} còn {act} *{model}* ở {m} thôn, tổ dân phố.",
    "Người dân ở đây vẫn nhắc đến những {people} đã {deed} như một **tấm gương bình dị**.",
    "Tuy vậy, {limit}; đây là điều cần được khắc phục sớm trong {period}.",
    "Trong {period}, ¤P đã kết nạp {n} đảng viên mới, phần lớn là {people}.",
    "Hội nghị thống nhất cần {req}, đồng thời {req2}.",
]


def capitalize(s):
    return s[:1].upper() + s[1:]


def make_name(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def make_sentence(rng):
    t = rng.choice(SENTENCE_TEMPLATES)
    s = t.format(
        org=rng.choice(ORG), act=rng.choice(ACT), topic=rng.choice(TOPIC), outcome=rng.choice(OUTCOME),
        period=rng.choice(PERIOD), n=rng.randint(12, 480), achieve=rng.choice(ACHIEVE), pct=rng.randint(62, 99),
        people=rng.choice(PEOPLE), deed=rng.choice(DEED), limit=rng.choice(LIMIT), name=make_name(rng),
        position=rng.choice(POSITION), req=rng.choice(REQ), req2=rng.choice(REQ), req3=rng.choice(REQ),
        aspect=rng.choice(ASPECT), m=rng.randint(5, 160), improve=rng.choice(IMPROVE), model=rng.choice(MODEL),
    )
    return capitalize(s)


HEADINGS = [
    "Chuyển biến từ nhận thức đến hành động", "Điển hình phải được nhân rộng", "Gắn với phát huy dân chủ",
    "Người đứng đầu làm gương", "Những việc cần làm ngay", "Từ chi bộ đến từng đảng viên", "Kết quả bước đầu",
    "Không để hình thức, chiếu lệ", "Lắng nghe để hành động", "Sát cơ sở, gần dân", "Những hạn chế cần khắc phục",
    "Giải pháp trong thời gian tới", "Bài học kinh nghiệm", "Kiểm tra để phòng ngừa", "Nền nếp sinh hoạt chi bộ",
    "Cách làm hay ở cơ sở", "Nâng chất đội ngũ cán bộ", "Trách nhiệm nêu gương", "Đối thoại thường xuyên",
    "Phát huy vai trò hạt nhân chính trị", "Đưa nghị quyết vào cuộc sống", "Từ những việc nhỏ",
    "Giữ vững kỷ luật, kỷ cương", "Niềm tin của nhân dân", "Nhìn lại một chặng đường", "Ý kiến từ cơ sở",
    "Tiếp tục đổi mới", "Vì lợi ích chung", "Quyết tâm cao, hành động quyết liệt", "Những con số biết nói",
]
LIST_INTROS = ["Các giải pháp trọng tâm được đề ra gồm:", "Hội nghị thống nhất một số nhiệm vụ:",
               "Theo hướng dẫn, mỗi chi bộ cần:", "Những việc cụ thể đã được triển khai:"]
TABLE_ROWS = ["Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (%)", "Đảng viên mới được kết nạp",
              "Cuộc kiểm tra, giám sát", "Mô hình học và làm theo Bác", "Kiến nghị của nhân dân được giải quyết (%)",
              "Chi bộ sinh hoạt chuyên đề hằng quý", "Cán bộ được biểu dương, khen thưởng"]
QUOTES = [
    "Điển hình tiên tiến không phải để trưng bày. Mỗi gương tốt chỉ thật sự có giá trị khi được nhiều người biết đến, học hỏi và làm theo.",
    "Muốn dân tin thì cán bộ phải nói đi đôi với làm, việc nhỏ cũng phải làm đến nơi đến chốn.",
    "Sinh hoạt chi bộ có chất lượng thì mới có đảng viên tốt, mới có phong trào tốt ở cơ sở.",
    "Dân chủ ở cơ sở bắt đầu từ việc lắng nghe, và được đo bằng việc giải quyết đến cùng những kiến nghị chính đáng.",
]
SUMMARIES = [
    "{org} ¤P {act} {topic}, qua đó {outcome}.",
    "Sau {period} thực hiện ¤D, ¤P ghi nhận {outcome}; tuy vậy, {limit}.",
    "Nhiều {people} ở ¤P đã {deed}, góp phần lan tỏa {topic}.",
    "Hội nghị tại ¤P yêu cầu các cấp ủy {req}, gắn với chuyên đề năm ¤Y.",
]

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text):
    """The same rule as bantin: drop diacritics, đ → d, lower-case, other runs → '-'."""
    text = text.replace("đ", "d").replace("Đ", "d")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub("-", ascii_text).strip("-")


def yq(s):
    """A YAML (and TOML) double-quoted string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(path, text):
    write_bytes(path, text.encode("utf-8"))


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def write_bytes(path, data):
    """Plain os.open/os.write: much cheaper per file than a text-mode open()."""
    fd = os.open(path, _FLAGS, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------

CHUNK = 1000


class Corpus:
    def __init__(self, n):
        self.n = n
        self.rng = Random(n)
        rng = self.rng
        # A pool of ready sentences (text, words); articles draw from it, which keeps
        # generation fast. ¤P / ¤D / ¤Y are filled per article.
        self.pool = []
        for _ in range(6000):
            s = make_sentence(rng)
            self.pool.append((s, s.count(" ") + 1))
        self.names = [make_name(rng) for _ in range(800)]
        self.summary_pool = [capitalize(rng.choice(SUMMARIES).format(
            org=rng.choice(ORG), act=rng.choice(ACT), topic=rng.choice(TOPIC), outcome=rng.choice(OUTCOME),
            period=rng.choice(PERIOD), limit=rng.choice(LIMIT), people=rng.choice(PEOPLE), deed=rng.choice(DEED),
            req=rng.choice(REQ))) for _ in range(1500)]
        # Articles come in chunks, each from its own generator seeded from this one, so
        # that chunks can be written in parallel and the result still depends only on N.
        self.chunk_seeds = [rng.getrandbits(64) for _ in range(0, n, CHUNK)]
        self.first_day = date(2019, 1, 1).toordinal()
        self.days = date(2025, 12, 31).toordinal() - self.first_day + 1

    def paragraph(self, lo, hi):
        between = self.between
        chosen = self.rng.choices(self.pool, k=between(min(lo, hi), hi))
        return " ".join(s for s, _ in chosen), sum(w for _, w in chosen)

    def body(self, serial, year):
        rng, pick, between, below = self.rng, self.pick, self.between, self.below
        target = between(400, 860)  # the last paragraph may overshoot a little
        n_sections = between(2, 4)
        blocks_extra = []  # (section index, markdown)
        words = 0

        items = rng.sample(REQ + DEED, between(3, 5))
        bullets = "\n".join(f"- {capitalize(x)}{';' if i < len(items) - 1 else '.'}" for i, x in enumerate(items))
        intro = pick(LIST_INTROS)
        blocks_extra.append((below(n_sections), f"{intro}\n\n{bullets}"))
        if rng.random() < 0.4:
            steps = rng.sample(REQ, between(3, 4))
            numbered = "\n".join(f"{i + 1}. {capitalize(x)}." for i, x in enumerate(steps))
            blocks_extra.append((below(n_sections), numbered))
        if serial % 3 == 0:
            rows = rng.sample(TABLE_ROWS, between(3, 5))
            table = [f"| Chỉ tiêu | Năm {year - 1} | Năm {year} |", "| --- | ---: | ---: |"]
            for r in rows:
                if "%" in r:
                    a = between(60, 95)
                    b = min(100, a + between(-3, 8))
                else:
                    a = between(10, 400)
                    b = a + between(-8, 60)
                table.append(f"| {r} | {a} | {b} |")
            blocks_extra.append((below(n_sections), "\n".join(table)))
        if rng.random() < 0.3:
            blocks_extra.append((below(n_sections), "> " + pick(QUOTES)))
        # Markdown punctuation counts as a "word" here, as it would for `wc -w`.
        words += sum(block.count(" ") + block.count("\n") + 1 for _, block in blocks_extra)

        headings = rng.sample(HEADINGS, n_sections)
        words += sum(h.count(" ") + 2 for h in headings)
        lead, w = self.paragraph(2, 3)
        words += w
        sections = [[] for _ in range(n_sections)]
        i = 0
        while words < target or i < n_sections:
            # ~22 words a sentence: the last paragraph only tops up to the target.
            p, w = self.paragraph(2, max(1, min(5, (target - words) // 22)))
            sections[i % n_sections].append(p)
            words += w
            i += 1
        for section, block in blocks_extra:
            paras = sections[section]
            paras.insert(min(len(paras), 1 + below(max(1, len(paras)))), block)

        out = [lead]
        for heading, paras in zip(headings, sections):
            out.append("## " + heading)
            out.extend(paras)
        return "\n\n".join(out) + "\n"

    def use_seed(self, seed):
        self.rng = rng = Random(seed)
        # Faster than rng.choice / randint / randrange, which dominate the run time.
        r = rng.random
        self.pick = lambda seq: seq[int(r() * len(seq))]
        self.between = lambda lo, hi: lo + int(r() * (hi - lo + 1))
        self.below = lambda n: int(r() * n)

    def articles(self, chunk):
        """Yields one dict per article of chunk number `chunk` (CHUNK articles a chunk)."""
        self.use_seed(self.chunk_seeds[chunk])
        rng, pick, between, below = self.rng, self.pick, self.between, self.below
        codes = [d[0] for d in DIRECTIVES]
        names = {d[0]: f"{d[1]} {d[0]}" for d in DIRECTIVES}
        for serial in range(chunk * CHUNK + 1, min(self.n, (chunk + 1) * CHUNK) + 1):
            province = pick(PROVINCES)
            d = date.fromordinal(self.first_day + below(self.days))
            hour, minute = between(6, 21), pick((0, 5, 10, 15, 20, 30, 40, 45, 50))
            k = rng.choices((1, 2, 3), weights=(5, 3, 2))[0]
            directives = rng.sample(codes, k)
            theme = d.year if rng.random() < 0.8 else between(YEARS[0], d.year)
            title = (f"{pick(T_SUBJECT)} {pick(T_VERB)} {pick(T_OBJECT)}{pick(T_TAIL)}"
                     f" (bài số {serial})")
            fill = lambda s: s.replace("¤P", province).replace("¤D", names[directives[0]]).replace("¤Y", str(theme))
            title = fill(title)
            yield {
                "serial": serial,
                "title": title,
                "slug": slugify(title),
                "date": d,
                "datetime": f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{hour:02d}:{minute:02d}:00+07:00",
                "summary": fill(pick(self.summary_pool)),
                "category": pick(CATEGORIES),
                "location": province,
                "author": pick(self.names),
                "source": pick(SOURCES) if rng.random() < 0.7 else None,
                "directives": directives,
                "theme": theme,
                "body": fill(self.body(serial, d.year)),
            }


# --------------------------------------------------------------------------
# bantin content folder
# --------------------------------------------------------------------------

SITE_TITLE = "Bản tin Xây dựng Đảng (dữ liệu thử)"
SITE_DESCRIPTION = "Bản tin tổng hợp, sinh tự động để đo tốc độ dựng trang của bantin."


def directive_description(code, kind, issuer, title):
    return (f"{kind} {code} do {issuer} ban hành. {title}.\n\n"
            f"Các bài viết dưới đây phản ánh việc các địa phương, đơn vị quán triệt và tổ chức thực hiện "
            f"**{kind.lower()} {code}**, những cách làm hay và những hạn chế cần khắc phục.\n")


def theme_description(year):
    return (f"Chuyên đề năm {year} được các cấp ủy cụ thể hóa thành kế hoạch, việc làm cụ thể; "
            f"mỗi cán bộ, đảng viên đăng ký nội dung làm theo và được đánh giá vào cuối năm.\n")


def write_bantin_static(out):
    for sub in ("directives", "themes", "articles"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    write(os.path.join(out, "site.yml"),
          f"title: {yq(SITE_TITLE)}\n"
          f"description: {yq(SITE_DESCRIPTION)}\n"
          "language: vi\n"
          "timezone: Asia/Ho_Chi_Minh\n"
          "per_page: 20\n"
          "params:\n"
          f"  publisher: {yq('Ban Tuyên giáo (dữ liệu thử)')}\n"
          f"  tagline: {yq('Nêu gương, lan tỏa, vững bước')}\n")
    for code, kind, issuer, issued, title in DIRECTIVES:
        write(os.path.join(out, "directives", slugify(code) + ".md"),
              f"---\ncode: {yq(code)}\nkind: {yq(kind)}\ntitle: {yq(title)}\nissuer: {yq(issuer)}\nissued: {issued}\n---\n"
              + directive_description(code, kind, issuer, title))
    for year, title in THEMES.items():
        write(os.path.join(out, "themes", f"{year}.md"),
              f"---\nyear: {year}\ntitle: {yq(title)}\n---\n" + theme_description(year))


def bantin_front_matter(a):
    fm = [
        "---",
        f"title: {yq(a['title'])}",
        f"date: {a['datetime']}",
        f"summary: {yq(a['summary'])}",
        f"category: {yq(a['category'])}",
        f"location: {yq(a['location'])}",
        f"author: {yq(a['author'])}",
    ]
    if a["source"]:
        fm.append(f"source: {yq(a['source'])}")
    fm.append("directives: [" + ", ".join(yq(c) for c in a["directives"]) + "]")
    fm.append(f"themes: [{a['theme']}]")
    fm.append("---\n")
    return "\n".join(fm)


# --------------------------------------------------------------------------
# Hugo site
# --------------------------------------------------------------------------

HUGO_CONFIG = f'''# Hugo equivalent of the bantin benchmark bulletin (generated by bench/generate.py).
baseURL = "/"
languageCode = "vi"
defaultContentLanguage = "vi"
title = {yq(SITE_TITLE)}
timeZone = "Asia/Ho_Chi_Minh"
paginate = 20
paginatePath = "trang"
# bantin has no section listing (/posts/) and writes no sitemap without a base URL.
disableKinds = ["section", "sitemap"]
# No redirect pages for trang/1/.
disableAliases = true
enableRobotsTXT = true

[taxonomies]
  directive = "directives"
  theme = "themes"
  # The monthly archive (bantin's luu-tru/) as a taxonomy: /months/ and /months/2023-05/.
  month = "months"

[permalinks]
  posts = "/bai-viet/:slug/"

[outputFormats.RSS]
  baseName = "feed"
# The search page as another output of the home page, so that site.RegularPages holds
# only articles (a `where` over them on every home page would cost O(N) per page).
[outputFormats.SearchPage]
  mediaType = "text/html"
  baseName = "index"
  path = "tim-kiem"
  isHTML = true
  notAlternative = true
[outputFormats.SearchIndex]
  mediaType = "application/json"
  baseName = "search-index"
  isPlainText = true
  notAlternative = true

[outputs]
  home = ["HTML", "RSS", "SearchIndex", "SearchPage"]
  taxonomy = ["HTML"]
  # Directive and theme terms add RSS in their _index.md; months have no feed (as in bantin).
  term = ["HTML"]
  page = ["HTML"]

[markup.goldmark.extensions]
  # cmark-gfm does no smart punctuation.
  typographer = false

[params]
  description = {yq(SITE_DESCRIPTION)}
  publisher = "Ban Tuyên giáo (dữ liệu thử)"
  tagline = "Nêu gương, lan tỏa, vững bước"
'''

HUGO_LAYOUTS = {
    # What is equivalent to the bantin default theme and what is not, in one place:
    #  * same pages: home paginated by 20 (first card shown large), one page per article,
    #    directive and theme indexes, one paginated list per directive and theme year, a
    #    monthly archive (index + one unpaginated page per month), search page, 404;
    #  * the same page furniture: head meta (description, Open Graph, article times, tags),
    #    masthead + nav, breadcrumbs, footer; cards with category, title, date, location,
    #    sapo; a windowed pager (first, last, current ± 2), like bantin's pagination.mustache;
    #  * feeds (RSS instead of Atom) for home, each directive and each theme: the newest 50,
    #    full content; a JSON search index; robots.txt; assets copied from static/;
    #  * the article page's "related" list is the cheap one: the 5 newest articles of the
    #    article's first directive (term page via GetPage + first + where), NOT bantin's ranking
    #    by shared directives/themes and nearness in date, and not Hugo's .Related;
    #  * links are root-relative (/bai-viet/x/), not file-relative like bantin's, so the
    #    Hugo site does not open from file://; URLs are /directives/, /themes/, /months/
    #    where bantin writes van-ban/, chuyen-de/, luu-tru/; no search-index.js, no JSON-LD
    #    breadcrumbs; Markdown is Goldmark (heading ids on), not cmark-gfm.
    "_default/baseof.html": '''<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
{{ with or .Params.summary site.Params.description }}<meta name="description" content="{{ . }}">
<meta property="og:description" content="{{ . }}">{{ end }}
<meta name="theme-color" content="#a50e0e">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:locale" content="vi_VN">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
{{ if .IsPage }}<meta property="article:published_time" content="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">
{{ with .Params.category }}<meta property="article:section" content="{{ . }}">{{ end }}
{{ range .GetTerms "directives" }}<meta property="article:tag" content="{{ .Title }}">
{{ end }}{{ end }}
{{ with .OutputFormats.Get "RSS" }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .RelPermalink }}">{{ else }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="/feed.xml">{{ end }}
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/style.css">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">Chuyển đến nội dung chính</a>
<header class="site-header">
  <div class="masthead"><div class="wrap masthead-inner">
    <p class="site-title"><a href="/">{{ site.Title }}</a></p>
    <p class="tagline">{{ site.Params.tagline }}</p>
  </div></div>
  <nav class="site-nav" aria-label="Chuyên mục chính"><ul class="wrap">
    <li><a href="/"{{ if .IsHome }} aria-current="page"{{ end }}>Trang chủ</a></li>
    <li><a href="/directives/">Văn bản</a></li>
    <li><a href="/themes/">Chuyên đề</a></li>
    <li><a href="/months/">Lưu trữ</a></li>
    <li><a href="/tim-kiem/">Tìm kiếm</a></li>
  </ul></nav>
</header>
<nav class="breadcrumbs wrap" aria-label="Đường dẫn"><ol>
  {{ if not .IsHome }}<li><a href="/">Trang chủ</a></li>{{ end }}
  {{ with .Data.Plural }}{{ if $.Data.Term }}<li><a href="/{{ . }}/">{{ . }}</a></li>{{ end }}{{ end }}
  <li><span aria-current="page">{{ .Title }}</span></li>
</ol></nav>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap footer-inner">
  <div class="footer-about">
    <p class="footer-title"><a href="/">{{ site.Title }}</a></p>
    <p>{{ site.Params.description }}</p>
    <p class="publisher">Cơ quan chủ quản: <strong>{{ site.Params.publisher }}</strong></p>
  </div>
  <nav class="footer-nav" aria-label="Liên kết cuối trang"><ul>
    <li><a href="/">Trang chủ</a></li><li><a href="/directives/">Văn bản</a></li>
    <li><a href="/themes/">Chuyên đề</a></li><li><a href="/months/">Lưu trữ</a></li>
    <li><a href="/tim-kiem/">Tìm kiếm</a></li><li><a href="/feed.xml">Nhận tin (RSS)</a></li>
  </ul></nav>
</div></footer>
</body>
</html>
''',
    "partials/date.html": '''{{ $wd := dict "Monday" "Thứ Hai" "Tuesday" "Thứ Ba" "Wednesday" "Thứ Tư" "Thursday" "Thứ Năm" "Friday" "Thứ Sáu" "Saturday" "Thứ Bảy" "Sunday" "Chủ Nhật" }}{{ index $wd (.Format "Monday") }}, {{ .Format "02/01/2006 15:04" }}''',
    "partials/card.html": '''<article class="card">
  <div class="card-body">
    {{ with .Params.category }}<p class="kicker">{{ . }}</p>{{ end }}
    <h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
    <p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006" }}</time>{{ with .Params.location }}<span class="meta-sep" aria-hidden="true"> · </span><span>{{ . }}</span>{{ end }}</p>
    {{ with .Params.summary }}<p class="card-summary">{{ . }}</p>{{ end }}
  </div>
</article>
''',
    # Like bantin's pager: first, last and two either side of the current page, "…" for a
    # gap (a gap of one page shows that page); never a loop over every page.
    "partials/pagination.html": '''{{ $pag := . }}{{ if gt $pag.TotalPages 1 }}
{{- $cur := $pag.PageNumber }}{{ $n := $pag.TotalPages }}{{ $base := $pag.First.URL }}
{{- $lo := cond (gt $cur 3) (sub $cur 2) 1 }}{{ $hi := cond (lt (add $cur 2) $n) (add $cur 2) $n }}
{{- $nums := slice 1 $n }}{{ range seq $lo $hi }}{{ $nums = $nums | append . }}{{ end }}
{{- $shown := slice }}{{ $last := 0 }}
{{- range sort (uniq $nums) }}{{ if gt . (add $last 2) }}{{ $shown = $shown | append 0 }}{{ else if eq . (add $last 2) }}{{ $shown = $shown | append (add $last 1) }}{{ end }}{{ $shown = $shown | append . }}{{ $last = . }}{{ end }}
<nav class="pagination" aria-label="Phân trang">
  <p class="pagination-label">Trang {{ $cur }}/{{ $n }}</p>
  <ul>
    {{ with $pag.Prev }}<li class="pagination-prev"><a href="{{ .URL }}" rel="prev">‹ Trang trước</a></li>{{ end }}
    {{ range $shown }}<li>{{ if eq . 0 }}<span class="pagination-gap" aria-hidden="true">…</span>{{ else if eq . $cur }}<span aria-current="page">{{ . }}</span>{{ else }}<a href="{{ if eq . 1 }}{{ $base }}{{ else }}{{ printf "%strang/%d/" $base . }}{{ end }}" aria-label="Trang {{ . }}">{{ . }}</a>{{ end }}</li>
    {{ end }}
    {{ with $pag.Next }}<li class="pagination-next"><a href="{{ .URL }}" rel="next">Trang sau ›</a></li>{{ end }}
  </ul>
</nav>
{{ end }}''',
    "index.html": '''{{ define "main" }}
{{ $pag := .Paginate site.RegularPages }}
<header class="listing-head"><h1>{{ if eq $pag.PageNumber 1 }}Tin mới nhất{{ else }}Tin bài · trang {{ $pag.PageNumber }}{{ end }}</h1></header>
{{ $cards := $pag.Pages }}
{{ if eq $pag.PageNumber 1 }}{{ with index $cards 0 }}
<article class="lead"><div class="lead-body">
  {{ with .Params.category }}<p class="kicker">{{ . }}</p>{{ end }}
  <h2 class="lead-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ partial "date.html" .Date }}</time>{{ with .Params.location }}<span class="meta-sep" aria-hidden="true"> · </span><span>{{ . }}</span>{{ end }}</p>
  {{ with .Params.summary }}<p class="lead-summary">{{ . }}</p>{{ end }}
</div></article>
{{ end }}{{ $cards = after 1 $cards }}{{ end }}
<section class="listing"><h2 class="section-title">Tin bài</h2>
<ul class="cards">{{ range $cards }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul></section>
{{ partial "pagination.html" $pag }}
<p class="feed-link"><a href="/feed.xml" type="application/rss+xml">Nhận tin mới của trang này (RSS)</a></p>
{{ end }}
''',
    "_default/single.html": '''{{ define "main" }}
<article class="story">
  <header class="story-head">
    {{ with .Params.category }}<p class="kicker">{{ . }}</p>{{ end }}
    <h1 class="story-title">{{ .Title }}</h1>
    {{ with .Params.summary }}<p class="sapo">{{ . }}</p>{{ end }}
    <div class="story-meta">
      <p class="byline">{{ with .Params.author }}<span class="author">{{ . }}</span>{{ end }}{{ with .Params.source }}<span class="source">{{ . }}</span>{{ end }}{{ with .Params.location }}<span class="location">{{ . }}</span>{{ end }}</p>
      <p class="dateline"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ partial "date.html" .Date }}</time></p>
    </div>
  </header>
  <div class="story-body prose">
{{ .Content }}
  </div>
  <aside class="terms-box" aria-labelledby="terms-heading">
    <h2 id="terms-heading">Văn bản, chuyên đề liên quan</h2>
    <ul>
      {{ range .GetTerms "directives" }}<li class="term-directive"><a href="{{ .RelPermalink }}"><span class="term-tag">{{ .Params.kind }}</span> <strong class="term-code">{{ .Title }}</strong> <span class="term-title">{{ .Params.subtitle }}</span></a></li>
      {{ end }}
      {{ range .GetTerms "themes" }}<li class="term-theme"><a href="{{ .RelPermalink }}"><span class="term-tag">Chuyên đề năm</span> <strong class="term-code">{{ .Params.year }}</strong> <span class="term-title">{{ .Params.subtitle }}</span></a></li>
      {{ end }}
    </ul>
  </aside>
</article>
{{/* The cheap "related" list: the newest articles of the same (first) directive, from
     the term page's (cached, newest first) page list. */}}
{{ with .Params.directives }}{{ with site.GetPage (printf "/directives/%s" (index . 0)) }}
{{ $others := where (first 6 .Pages) "RelPermalink" "ne" $.RelPermalink }}
<section class="related" aria-labelledby="related-heading">
  <h2 id="related-heading" class="section-title">Xem thêm</h2>
  <ul class="cards">{{ range first 5 $others }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul>
</section>
{{ end }}{{ end }}
{{ end }}
''',
    "_default/taxonomy.html": '''{{ define "main" }}
<header class="listing-head"><h1>{{ .Title }}</h1></header>
<div class="term-group"><ul class="term-list">
{{ $terms := .Data.Terms.Alphabetical }}{{ if eq .Data.Plural "months" }}{{ $terms = $terms.Reverse }}{{ end }}
{{ range $terms }}{{ $term := . }}
  <li><a href="{{ .Page.RelPermalink }}"><span class="term-label">{{ .Page.Title }}</span>{{ with .Page.Params.subtitle }} <span class="term-sublabel">{{ . }}</span>{{ end }}</a>
  {{ with .Page.Params.issuer }}<span class="term-meta">{{ . }}{{ with $term.Page.Params.issued }} · {{ . }}{{ end }}</span>{{ end }}
  <span class="term-count">{{ .Count }} bài viết</span></li>
{{ end }}
</ul></div>
{{ end }}
''',
    "_default/term.html": '''{{ define "main" }}
<header class="listing-head">
  <p class="kicker">{{ with .Params.kind }}{{ . }}{{ else }}{{ if eq .Data.Plural "themes" }}Chuyên đề năm{{ else }}Lưu trữ{{ end }}{{ end }}</p>
  <h1>{{ .Title }}</h1>
  {{ with .Params.subtitle }}<p class="listing-subtitle">{{ . }}</p>{{ end }}
</header>
<dl class="facts">{{ with .Params.issuer }}<div><dt>Cơ quan ban hành</dt><dd>{{ . }}</dd></div>{{ end }}{{ with .Params.issued }}<div><dt>Ngày ban hành</dt><dd>{{ . }}</dd></div>{{ end }}<div><dt>Số bài viết</dt><dd>{{ len .Pages }}</dd></div></dl>
{{ with .Content }}<div class="listing-desc prose">{{ . }}</div>{{ end }}
<section class="listing"><h2 class="section-title">Tin bài</h2>
{{ if eq .Data.Plural "months" }}
<ul class="cards">{{ range .Pages }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul></section>
{{ else }}
{{ $pag := .Paginate .Pages }}
<ul class="cards">{{ range $pag.Pages }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul></section>
{{ partial "pagination.html" $pag }}
{{ with .OutputFormats.Get "RSS" }}<p class="feed-link"><a href="{{ .RelPermalink }}" type="application/rss+xml">Nhận tin mới của trang này (RSS)</a></p>{{ end }}
{{ end }}
{{ end }}
''',
    "index.searchpage.html": '''{{ define "main" }}
<header class="listing-head"><h1>Tìm kiếm</h1>
<p class="listing-subtitle">Tìm theo tiêu đề, sapo, số hiệu văn bản hoặc địa phương; gõ có dấu hay không dấu đều được.</p></header>
<form class="search-form" role="search" action="/tim-kiem/" method="get"><label for="search-q">Tìm kiếm</label>
<div class="search-row"><input id="search-q" name="q" type="search" autocomplete="off"><button type="submit">Tìm</button></div></form>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results" data-root="/"></ol>
<script src="/assets/search.js" defer></script>
{{ end }}
''',
    "404.html": '''{{ define "main" }}
<div class="notice"><p class="kicker">Lỗi 404</p><h1>Không tìm thấy trang</h1>
<p>Trang bạn tìm có thể đã được chuyển sang địa chỉ khác hoặc không còn tồn tại.</p>
<ul class="notice-links"><li><a href="/">Về trang chủ</a></li><li><a href="/tim-kiem/">Tìm kiếm bài viết</a></li>
<li><a href="/months/">Xem lưu trữ theo tháng</a></li><li><a href="/directives/">Danh mục văn bản</a></li></ul></div>
{{ end }}
''',
    "_default/rss.xml": '''{{- $pages := .Pages -}}{{- if .IsHome -}}{{- $pages = site.RegularPages -}}{{- end -}}
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>{{ site.Params.description }}</description>
<language>vi</language>
<generator>Hugo</generator>
{{ range first 50 $pages }}<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<guid>{{ .Permalink }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
{{ with .Params.author }}<author>{{ . }}</author>{{ end }}
{{ range .Params.directives }}<category>{{ . }}</category>{{ end }}
<description>{{ .Content | html }}</description>
</item>
{{ end }}</channel>
</rss>
''',
    "index.searchindex.json": '''{{- $out := slice -}}
{{- range site.RegularPages -}}
{{- $extra := delimit ((slice (.Params.category | default "") (.Params.location | default "") (.Params.author | default "")) | append .Params.directives) " " -}}
{{- $out = $out | append (slice .RelPermalink .Title (.Date.Format "02/01/2006") (.Params.summary | default "") $extra) -}}
{{- end -}}
{{- $out | jsonify -}}
''',
}


def write_hugo_static(hugo):
    if os.path.isdir(os.path.join(hugo, "layouts")):
        shutil.rmtree(os.path.join(hugo, "layouts"))
    for sub in ("content/posts", "content/directives", "content/themes", "layouts", "static"):
        os.makedirs(os.path.join(hugo, sub), exist_ok=True)
    write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        path = os.path.join(hugo, "layouts", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write(path, text)
    for code, kind, issuer, issued, title in DIRECTIVES:
        folder = os.path.join(hugo, "content", "directives", slugify(code))
        os.makedirs(folder, exist_ok=True)
        write(os.path.join(folder, "_index.md"),
              f"---\ntitle: {yq(code)}\nkind: {yq(kind)}\nsubtitle: {yq(title)}\nissuer: {yq(issuer)}\n"
              f"issued: {yq(issued)}\noutputs: [HTML, RSS]\n---\n" + directive_description(code, kind, issuer, title))
    for year, title in THEMES.items():
        folder = os.path.join(hugo, "content", "themes", str(year))
        os.makedirs(folder, exist_ok=True)
        write(os.path.join(folder, "_index.md"),
              f"---\ntitle: {yq(f'Năm {year}')}\nyear: {year}\nsubtitle: {yq(title)}\noutputs: [HTML, RSS]\n---\n"
              + theme_description(year))
    folder = os.path.join(hugo, "content", "months")
    os.makedirs(folder, exist_ok=True)
    write(os.path.join(folder, "_index.md"), '---\ntitle: "Lưu trữ"\n---\n')
    write(os.path.join(hugo, "content", "directives", "_index.md"), '---\ntitle: "Văn bản"\n---\n')
    write(os.path.join(hugo, "content", "themes", "_index.md"), '---\ntitle: "Chuyên đề năm"\n---\n')


def hugo_front_matter(a):
    d = a["date"]
    fm = [
        "---",
        f"title: {yq(a['title'])}",
        f"date: {a['datetime']}",
        f"slug: {a['slug']}",
        f"summary: {yq(a['summary'])}",
        f"category: {yq(a['category'])}",
        f"location: {yq(a['location'])}",
        f"author: {yq(a['author'])}",
    ]
    if a["source"]:
        fm.append(f"source: {yq(a['source'])}")
    fm.append("directives: [" + ", ".join(slugify(c) for c in a["directives"]) + "]")
    fm.append(f'themes: ["{a["theme"]}"]')
    fm.append(f'months: ["{d.year:04d}-{d.month:02d}"]')
    fm.append("---\n")
    return "\n".join(fm)


# --------------------------------------------------------------------------


_CORPUS = None  # set before the worker processes fork, so it is not pickled per task

CODE_LETTERS = "abcdeghiklmnopqrstuvxyđăâêôơư"


def codes_paragraph(slug, count):
    """`count` made-up file codes for the article `slug`, from a generator of its own."""
    rng = Random("codes-" + slug)
    codes = ("".join(rng.choice(CODE_LETTERS) for _ in range(rng.randint(3, 9))) + str(rng.randint(0, 99999))
             for _ in range(count))
    return "\nMã hồ sơ lưu trữ: " + " ".join(codes) + ".\n"


def write_chunk(out, hugo, codes, chunk):
    """Writes one chunk of articles; returns their number of words."""
    made_dirs = set()
    words = 0
    for a in _CORPUS.articles(chunk):
        if codes:
            a["body"] += codes_paragraph(a["slug"], codes)
        ym = f"{a['date'].year:04d}/{a['date'].month:02d}"
        if ym not in made_dirs:
            made_dirs.add(ym)
            os.makedirs(os.path.join(out, "articles", ym), exist_ok=True)
            if hugo:
                os.makedirs(os.path.join(hugo, "content", "posts", ym), exist_ok=True)
        name = a["slug"] + ".md"
        body = a["body"].encode("utf-8")
        write_bytes(os.path.join(out, "articles", ym, name), bantin_front_matter(a).encode("utf-8") + body)
        if hugo:
            write_bytes(os.path.join(hugo, "content", "posts", ym, name), hugo_front_matter(a).encode("utf-8") + body)
        words += a["body"].count(" ") + 1
    return words


def main(argv):
    parser = argparse.ArgumentParser(description="Generate a deterministic synthetic bulletin of N articles.")
    parser.add_argument("n", type=int, metavar="N", help="number of articles")
    parser.add_argument("out", metavar="OUT_DIR", help="bantin content folder to write")
    parser.add_argument("--hugo", metavar="HUGO_DIR", help="also write an equivalent Hugo site here")
    parser.add_argument("--codes", type=int, default=0, metavar="K", help="end each body with K made-up file codes")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    if args.codes < 0:
        parser.error("K must not be negative")

    for folder in filter(None, (args.out, args.hugo and os.path.join(args.hugo, "content"))):
        if os.path.exists(folder):
            shutil.rmtree(folder)
    write_bantin_static(args.out)
    if args.hugo:
        write_hugo_static(args.hugo)

    global _CORPUS
    _CORPUS = Corpus(args.n)
    chunks = range(len(_CORPUS.chunk_seeds))
    job = partial(write_chunk, args.out, args.hugo, args.codes)
    try:
        # Creating files is mostly kernel time; chunks go to one process per core.
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        ctx = None
    if ctx is None or len(chunks) == 1:
        words = sum(map(job, chunks))
    else:
        with ctx.Pool(os.cpu_count() or 1) as pool:
            words = sum(pool.imap_unordered(job, chunks))
    print(f"generated {args.n} articles ({words // args.n} words on average) in {args.out}"
          + (f" and {args.hugo}" if args.hugo else ""), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
