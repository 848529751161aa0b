"""Build the seed report, 富阳区上官乡 2020 (2019 edition), in code, and write its JSON.

Every number is as published, including the wrong （七）总计 of 4 in table 三:
the report says no applications were received, yet its results total is 4.
Blank published cells (the legal-person columns of table 三) stay ``None``.

Run: ``python examples/shangguan_2020.py [OUT.json]`` (without OUT, print the JSON).
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal

import attrs

from gkmodel import (
    AnnualReport2019,
    Money,
    MoneyUnit,
    Organ,
    OrganLevel,
    ReportMeta,
    dump,
    dumps,
)
from gkmodel.model import (
    ActiveDisclosure2019,
    Appeals,
    ApplicantCounts,
    CaseOutcomes,
    Item9_2019,
    Litigation,
    LocalRow,
    LocalTable,
    Narrative,
    OtherMatters,
    ProcurementRow2019,
    Requests2019,
    Results2019,
    Subsection,
)


def np_and_total(n: int) -> ApplicantCounts:
    """A table 三 row as this report fills it: 自然人 and 总计 only, legal persons blank."""
    return ApplicantCounts(natural_person=n, total=n)


def build() -> AnnualReport2019:
    """The report exactly as published."""
    meta = ReportMeta(
        organ=Organ(name="杭州市富阳区上官乡人民政府", level=OrganLevel.TOWNSHIP),
        year=2020,
        title="富阳区上官乡2020年政府信息公开工作年度报告",
        published=dt.date(2020, 12, 31),
    )
    count_table = LocalTable(
        columns=("项\u3000目", "年末统计（条）"),
        rows=(
            LocalRow(
                label="2020年上官乡累计主动公开信息(区政府门户网站信息公开平台)",
                values=(450,),
                total_of=(1, 2, 3, 4, 5, 6),
            ),
            LocalRow(label="其中：组织机构", values=(51,)),
            LocalRow(label="乡镇动态", values=(322,)),
            LocalRow(label="部门文件", values=(36,)),
            LocalRow(label="人事信息", values=(7,)),
            LocalRow(label="财政信息", values=(21,)),
            LocalRow(label="公告公示", values=(13,)),
        ),
    )
    overview = Narrative(
        content=(
            "上官乡按照《中华人民共和国政府信息公开条例》、《浙江省政府信息公开暂行办法》、《杭州市政府信息公开规定》的要求以及其他相关规定本报告，以公开为原则，以不公开为例外，通过网站、微信、各级媒体主动公开政府信息情况：",
        ),
        subsections=(
            Subsection(
                title="主动公开",
                content=(
                    "2020年， 通过富阳区政府门户网站发布上官乡信息动态；组织机构：内容包括机构概况、领导班子、内设科室、直属单位和工作人员信息；部门文件公开；财政信息公开： 内容包括政府本级预决算、部门预决算、三公经费；人事信息公开：内容为人事任免；公告公示公开等。",
                    count_table,
                ),
            ),
            Subsection(
                title="依申请公开",
                content=("2020年我乡未收到公民、法人和其他组织通过各种形式提出的信息公开申请件。",),
            ),
            Subsection(
                title="政府信息管理",
                content=(
                    "一是进一步完善政务信息常态化管理机制，建立健全政务信息制作、公开、存档等制度，探索对政务信息进行全生命周期的规范管理。三是完善工作机制。按照“统一管理、统一标准、统一规范”的原则，以标准为依据、以资源共享为目的，整合内部信息资源，建设内容信息公开体系，保障信息的权威性、准确性以及及时性，提高信息的应用、服务水平。保障公民、法人和其他组织依法获取教育信息，提高工作透明度，促进依法行政，充分发挥政府信息对人民群众的服务作用。",
                ),
            ),
            Subsection(
                title="信息公开平台建设",
                content=(
                    "遵循便利、实用、有效的原则，创新信息公开的载体形式，不断拓宽信息公开范围。做好门户网站建设，把上官乡人民政府官方网站作为政府信息公开的主要平台，按照《政府信息公开指南》《政府信息公开目录》等，及时将相关信息逐一网上发布。",
                    "政务新媒体传播效力与服务功能显著提升。主动对接和培育“互联网+政务”理念，充分发挥官方微信公众号在信息传播方面的“短平快”优势，放大互联网+的传播力与影响力，延展政务信息触角，实现政府信息的深度解读和精准投送。2020年，“上官发布”微信公众号主动围绕乡中心工作做好系列宣传报道，开展了一系列富有成效的工作，影响力日益显著。多篇阅读量高、传播力强的宣传稿件，包括阅读量过万的推送内容，受到业界的好评。截止年底，“上官发布”微信公众号推送原创信息118篇，同时，通过《浙江日报》“浙江新闻”“学习强国”“杭州教育发布”等媒体推介宣传单位工作动态，主动自觉接受社会舆论的监督，让群众来共同监督，受到社会的公认和好评。",
                ),
            ),
            Subsection(
                title="信息公开监督保障",
                content=(
                    "一是强化新《中华人民共和国政府信息公开条例》的贯彻落实。新修订的中华人民共和国政府信息公开条例施行后，积极组织各有关部门培训学习。根据新《条例》内容，完善了政府信息公开制度和依申请办理规范流程，切实保障公众依法行使知情权、参与权、表达权、监督权。二是强化政府信息公开的服务保障。把乡党政办公室设立为依申请公开政府信息接待场所，负责接待和受理群众申请公开政府信息工作。同时在富阳区政府办事服务中心设立服务窗口、平台等媒介公布乡政府信息公开指南，告知信息获取方式、公开受理机构的名称、办公地址、办公时间、联系电话、电子邮箱等。严格按照上级安排部署，积极推进基层服务体系建设。三是强化政府信息公开工作的监督考核、社会评议、责任追究工作。对机关各科室、直属单位等部门有关工作开展情况进行监督和评估，对照整改要求一级一级栏目逐条检查，凡重要政务信息、重要咨询内容应公开而未公开、应回复而未及时回复或处置错误的，对直接责任人和责任单位给予通报批评。",
                ),
            ),
        ),
    )
    # Table 二 is all 0 but for item (九), written as "11个" and "185.5897万元".
    active = attrs.evolve(
        ActiveDisclosure2019.zeros(),
        item9=Item9_2019(
            procurement=ProcurementRow2019(
                projects=11, amount=Money(amount=Decimal("185.5897"), unit=MoneyUnit.WAN_YUAN)
            )
        ),
    )
    zero = np_and_total(0)
    requests = Requests2019(
        new_received=zero,
        carried_over=zero,
        # As published: every outcome row is 0, yet （七）总计 is 4.
        results=attrs.evolve(Results2019.uniform(zero), total=np_and_total(4)),
        carried_forward=zero,
    )
    appeals = Appeals(
        reconsideration=CaseOutcomes(upheld=0, corrected=0, other=0, pending=0, total=0),
        litigation=Litigation(
            direct=CaseOutcomes(upheld=0, corrected=0, other=0, pending=0, total=0),
            after_reconsideration=CaseOutcomes(upheld=0, corrected=0, other=0, pending=0, total=0),
        ),
        intro=(
            "2020年，上官乡没有发生因本乡政务信息公开或不公开引起的行政复议和提起行政诉讼情况，没有因政务信息公开工作被公众投诉或媒体曝光情况发生。",
        ),
    )
    problems = Narrative(
        content=(
            "2020年，上官乡政府信息公开工作按照国务院、省、市、区的有关工作部署要求，扎实有序地推进，取得了良好的成效，但与公众期望相比，还存在一些不足和薄弱环节，主要表现在：主动公开的广度和深度有待进一步拓展，尤其是重点领域的信息公开还未做到应公开尽公开；政策解读的多样性还有待进一步提升，在图表图解解读方面较为薄弱；政务公开工作业务培训和指导还不足等。",
            "2021年，上官乡将不断改进政务公开各项工作，抓住重点、明确内容、落实措施，促使政务公开工作成效有深度、有广度。重点做好以下几项工作：一是强化任务落实，不断提升政务公开质量，细化任务分工，强化督查整改；二是进一步拓展创新，提高重点领域和政策解读信息公开水平，探索教育系统政务公开特色和亮点；三是积极参加市、区举办的政务公开业务培训会，不断提高业务能力，切实增强公开意识，对各科室、直属单位等政务公开业务人员做好培训和指导，加强督查通报，并指导各单位针对问题清单整改落实到位。",
        )
    )
    other = OtherMatters(content=("无其他需要报告的事项。",))
    return AnnualReport2019(
        meta=meta,
        overview=overview,
        active_disclosure=active,
        requests=requests,
        appeals=appeals,
        problems=problems,
        other_matters=other,
    )


def main(argv: list[str]) -> None:
    report = build()
    if len(argv) > 1:
        dump(report, argv[1])
    else:
        sys.stdout.write(dumps(report))


if __name__ == "__main__":
    main(sys.argv)
