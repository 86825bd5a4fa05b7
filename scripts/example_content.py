"""The example edition's content as plain data, so a reviewer can read every word in one place.

Modelled on MOPAC's 2021/22 Quarter 2 update to the Mayor's Action Plan: the facts and
figures follow that edition, the wording is our own. scripts/make_example.py writes it to
inputs/example.xlsx; tests/test_example.py checks the two agree.

Cell markup (docs: shared/workbook-contract.md, 1.7): a blank line between paragraphs,
"- " or "• " to start a bullet, [text](address) for a link, **bold**, and {metric:ID} or
{metric:ID:share} to cite a figure from the Metrics sheet.
"""

from __future__ import annotations

import datetime as dt

DASHBOARD = (
    "https://www.london.gov.uk/what-we-do/mayors-office-policing-and-crime-mopac/"
    "data-and-statistics/policing/action-plan-dashboard"
)
MOPAC_SITE = "https://www.london.gov.uk/what-we-do/mayors-office-policing-and-crime-mopac"


def cell(*blocks: str) -> str:
    """Paragraphs and bullet lists of one cell, a blank line apart."""
    return "\n\n".join(blocks)


def bullets(*items: str, marker: str = "-") -> str:
    """A bullet list, one item a line, as an officer would type it."""
    return "\n".join(f"{marker} {item}" for item in items)


EDITION = {
    "Title": "Mayor's Action Plan for Improving Transparency, Accountability and Trust in Policing",
    "Edition": "2021/22 Quarter 2 Update",
    "Period start": dt.date(2021, 7, 1),
    "Period end": dt.date(2021, 9, 30),
    "Publication date": dt.date(2021, 10, 7),
    "Publisher": "Mayor's Office for Policing and Crime",
    "Status": "Draft",
    "Language": "en-GB",
    "Author": "Mayor's Office for Policing and Crime, Action Plan delivery team",
    "Subject": "Progress on the Mayor's Action Plan from July to September 2021",
    "Keywords": "policing, London, trust, accountability, transparency, stop and search, disproportionality",
    "Contact": "enquiries@mopac.london.gov.uk",
}

CHAPTERS = [
    {
        "Number": "1",
        "Title": "Better use of Police Powers",
        "Introduction": cell(
            "Stop and search, handcuffing and vehicle stops were the powers Londoners raised most often while "
            "the plan was being drawn up. The commitments in this chapter test how those powers are used, look "
            "for disproportionality, and put what is learned back into training and policy.",
        ),
    },
    {
        "Number": "2",
        "Title": "Working Together",
        "Introduction": cell(
            "Confidence in policing grows when police, schools, councils and community groups work on problems "
            "side by side. This chapter reports on Safer Schools Officers, on support for women who experience "
            "domestic abuse, and on how communities help to set local priorities.",
        ),
    },
    {
        "Number": "3",
        "Title": "Represents and Understands",
        "Introduction": cell(
            "A police service that looks like the city it serves, and understands it, is central to the plan. "
            "This chapter follows the recruitment, promotion and retention of Black, Asian and minority ethnic "
            "officers, and the part communities now play in how officers are trained.",
        ),
    },
    {
        "Number": "4",
        "Title": "Holding to Account",
        "Introduction": cell(
            "Independent scrutiny lets Londoners see how police powers are used and challenge the police when "
            "things go wrong. This chapter covers community monitoring, custody visiting, complaints and the "
            "data MOPAC publishes about the MPS.",
        ),
    },
    {
        "Number": None,
        "Title": "Next steps",
        "Introduction": cell(
            "These commitments keep the plan itself open to scrutiny: who oversees its delivery, how its effect "
            "on Black Londoners is assessed, and how communities hear about progress and take part.",
        ),
    },
]


def commitment(
    id_: str,
    ref: str | None,
    chapter: str,
    text: str,
    lead: str,
    status: str,
    update: str,
    approved: str = "Yes",
    notes: str | None = None,
) -> dict:
    return {
        "ID": id_,
        "Ref": ref,
        "Chapter": chapter,
        "Commitment": text,
        "Lead": lead,
        "Status": status,
        "Update": update,
        "Approved": approved,
        "Notes": notes,
    }


COMMITMENTS = [
    # 1 Better use of Police Powers
    commitment(
        "MAP-001",
        "1.1",
        "1",
        "At the Mayor's request, the MPS will pilot a review of sampled vehicle stops made using the power in "
        "[section 163 of the Road Traffic Act 1988](https://www.legislation.gov.uk/ukpga/1988/52/section/163), "
        "looking for any disproportionality by ethnicity.",
        "MPS",
        "On track",
        cell(
            "The pilot was extended to six months and has now finished. Its findings and recommendations are "
            "written up in a final report that is waiting for sign-off, and publication is planned for this "
            "autumn.",
        ),
    ),
    commitment(
        "MAP-002",
        "1.1",
        "1",
        "The Mayor will press the Government to require police services to record and publish the ethnicity "
        "of drivers stopped under the Road Traffic Act. He will also ask the Home Office to change the Code of "
        "Practice so that community review of Body Worn Video footage becomes compulsory.",
        "MOPAC",
        "In progress",
        cell(
            "During the quarter the Deputy Mayor for Policing and Crime again put both requests to the Home "
            "Office and to the Policing Minister. Neither change has been agreed yet. MOPAC will keep making the "
            "case and will report any response in the next update.",
        ),
        notes="Ask the Deputy Mayor's office whether the September letter has had a reply before sign-off.",
    ),
    commitment(
        "MAP-003",
        "1.2",
        "1",
        "The Commissioner will review how the MPS uses handcuffs, covering the legal and policy grounds for "
        "handcuffing someone before arrest, the training officers receive, better data on how often handcuffs "
        "are used, and digital tools that support accountability.",
        "MPS",
        "On track",
        cell(
            "The review's recommendations are now being put into practice, starting with the two changes "
            "officers will notice first:",
            bullets(
                "**Training.** A refreshed package for every officer begins in October 2021. The MPS has already "
                "started upskilling its Public and Personal Safety trainers, so that each part of the review is "
                "ready to be built into the mandatory course.",
                "**Policy.** The MPS policy on handcuffing is being rewritten and is due to launch in winter 2021.",
            ),
            "The remaining recommendations, on recording how often handcuffs are used and on digital tools, "
            "will follow once the new policy is in place. Each one is set out in full in "
            "[the Commissioner's review of pre-arrest handcuffing, published in January 2021]"
            "(https://resources.mynewsdesk.com/image/upload/t_attachment/f11pszfkqwkjznwe3fxi.pdf).",
        ),
    ),
    commitment(
        "MAP-004",
        "1.3",
        "1",
        "MOPAC will scrutinise the MPS to make sure that [Authorised Professional Practice on stop and search]"
        "(https://www.college.police.uk/app/stop-and-search) is followed, and that any search made only because "
        "of a smell of cannabis is fully recorded.",
        "MOPAC",
        "In progress",
        cell(
            "Every borough has a senior officer who watches stop and search performance locally. Those officers "
            "report each month to a Gold Group, which the MPS's lead officer for stop and search chairs. The group "
            "sets direction and brings in the main partners. The central Stop and Search Team is reviewing how it "
            "works and has consulted the NPCC.",
            "In each borough, CMGs look at searches, including those based on a smell of cannabis. That local "
            "review will become part of the redesign of community scrutiny reported under 4.3.",
        ),
    ),
    commitment(
        "MAP-005",
        "1.3",
        "1",
        "MOPAC will commission independent academic research, drawing on openly available data, into whether "
        "enforcement against cannabis helps to reduce violence in London.",
        "MOPAC",
        "On track",
        cell(
            "The University of West London is carrying out the research in four strands:",
            bullets(
                "a review of published studies and earlier research",
                "analysis of police figures and other data",
                "feedback from young people",
                "focused discussions with experts in the field",
                marker="•",
            ),
            "The review of published studies started early in the summer and fieldwork began in September.",
        ),
    ),
    commitment(
        "MAP-006",
        "1.4",
        "1",
        "Police in Haringey and the council's safeguarding leads will review how under-18s who are stopped and "
        "searched again and again are safeguarded, so that contextual safeguarding shapes each encounter and "
        "young people with wider needs get support early.",
        "MPS",
        "Complete",
        cell(
            "Children who are arrested already get specialist help when they arrive in custody. Far less thought "
            "has gone into those who are searched, found to have done nothing wrong and sent on their way, even "
            "though some of them may still be at risk of harm. This review was about them.",
            "The joint review has finished and its recommendations have been agreed. Among them:",
            bullets(
                "concentrate searches on the places where violence is highest, so they are better targeted",
                "make relevant data easier to reach, and use it more",
                "learn from similar work elsewhere in London",
            ),
            "Local policing oversight will track the recommendations from now on. The North Area BCU, which "
            "covers Haringey and Enfield, continues to work with Haringey Council Children's Services, including "
            "a closer look at stop and search in the places where violence is most concentrated.",
            "The October Action Plan Public Review meeting is about young people. This review, together with the "
            "community engagement project already running in Haringey, will be presented there, and the meeting "
            "will explore how communities, police and partners can act together on what young people raise.",
        ),
    ),
    # 2 Working Together
    commitment(
        "MAP-007",
        "2.1",
        "2",
        "The MPS will keep the work of Safer Schools Officers under review, so that the good they do can "
        "continue without any disproportionate effect on Black children.",
        "MPS",
        "On track",
        cell(
            "An internal MPS review has looked for any disproportionality in what Safer Schools Officers do. Its "
            "interim report is being discussed and refined inside the service. The final report and its "
            "recommendations are being completed and are still expected in autumn 2021.",
        ),
    ),
    commitment(
        "MAP-008",
        "2.1",
        "2",
        "MOPAC will ask Londoners regularly about Safer Schools Officers through its **Public Attitude Survey**, "
        "and will break the answers down by ethnicity to show where views differ.",
        "MOPAC",
        "On track",
        cell(
            "The survey now asks about Safer Schools Officers, and backing for them is strong: "
            "{metric:SSO-ALL} of Londoners support having the officers in schools (Quarter 1, 2021/22).",
            bullets(
                "Black Londoners are less likely than others to say they support the officers, although support "
                "among them is still high, at {metric:SSO-BLACK}.",
                "Among White respondents the figure is {metric:SSO-WHITE}, and among people of other ethnic "
                "backgrounds it is {metric:SSO-OTHER}.",
                "Earlier analysis found lower support among younger Londoners as well.",
                "People who think well of the police in general, and above all those who trust the MPS, are "
                "more likely to back Safer Schools Officers.",
            ),
            "In these figures, Black Londoners means people of Black African, Black Caribbean or any other Black "
            "background, including people of mixed heritage who identify as Black. The chart at the end of this "
            "chapter compares the groups.",
            "The same questions will be asked every quarter, so future updates can show whether the gap between "
            "groups is closing. The results are also being shared with the MPS review of Safer Schools Officers "
            "reported above, and with the Youth Voice survey team, which will put similar questions to young "
            "people in schools after the October half-term.",
        ),
    ),
    commitment(
        "MAP-009",
        "2.2",
        "2",
        "MOPAC will carry out a **review of MARACs** across London by the end of 2020. It will establish who "
        "attends them, and whether worries about immigration status, or about the police, stop women from "
        "reporting crime.",
        "MOPAC",
        "Delayed",
        cell(
            "The review started later than the plan intended. It began in June 2021 and runs until December 2021, "
            "when the final report will be published. Interim findings are due in October.",
        ),
    ),
    commitment(
        "MAP-010",
        "2.2",
        "2",
        "London's Independent Victims' Commissioner will consult Black women, together with the End Violence "
        "Against Women coalition, to learn about their particular needs and experiences.",
        "MOPAC",
        "Complete",
        cell(
            "The Victims' Commissioner held a roundtable in January 2020, and two consultation workshops followed "
            "in September 2020. What women told us is now shaping:",
            bullets(
                "the Mayor's refreshed VAWG strategy (see [the Mayor's work on violence against women and girls]"
                f"({MOPAC_SITE}/violence-against-women-and-girls))",
                "MOPAC's commissioning and policy work more widely",
                "the Victims' Commissioner's case to the Government, and her work with EVAW and others to "
                "improve practice nationally",
            ),
        ),
    ),
    commitment(
        "MAP-011",
        "2.3",
        "2",
        "MOPAC and the MPS will review, with communities, every way they currently engage with the public, to "
        "make engagement more open and to find accessible ways for Black communities to take part.",
        "MOPAC",
        "In progress",
        cell(
            "MOPAC is asking communities to shape the review itself, and has reached out to more community and "
            "youth groups, so that the new framework for involving people in policing and in setting local "
            "priorities is designed with them rather than for them.",
            "The stages ahead:",
            bullets(
                "testing the market, and holding consultation events, early in October 2021",
                "extra capacity to deliver the work in place early in 2022",
                "the new framework and approach fully developed by summer 2022",
            ),
            "Groups who are not yet involved are welcome to join the conversation by writing to "
            "[communityengagement@mopac.london.gov.uk](mailto:communityengagement@mopac.london.gov.uk).",
            "Alongside this, the MPS has run guidance workshops and is building an interactive online tool that "
            "shows people what engagement is taking place in their own area. The finished Handbook of Engagement "
            "is due this autumn.",
            "The review is closely linked to the redesign of community monitoring reported under 4.3: both aim "
            "for arrangements that people can find easily, that reflect the communities they serve, and that "
            "show clearly what has changed as a result of what communities said.",
        ),
    ),
    # 3 Represents and Understands
    commitment(
        "MAP-012",
        "3.1",
        "3",
        "The MPS aims for Black, Asian and minority ethnic officers to make up 16% of its officers by 2022, rising "
        "to 21% in 2024 and 28% in 2030, and will set specific aims for recruiting and promoting Black officers.",
        "MPS",
        "On track",
        cell(
            "The recruitment targets are set and a large attraction and recruitment programme is running. It "
            "includes the Outreach programme, which puts extra resources into tailored recruitment in "
            "communities that are under-represented in the MPS, and an awareness package, 'Everyone is a "
            "recruiter', which asks staff in every part of the service to help.",
            "**The workforce at the end of August 2021**",
            bullets(
                "{metric:OFFICERS-ALL} officers in all",
                "{metric:OFFICERS-BAME} Black, Asian and minority ethnic officers "
                "({metric:OFFICERS-BAME:share} of the total)",
                "{metric:OFFICERS-BLACK} Black officers ({metric:OFFICERS-BLACK:share})",
                "{metric:OFFICERS-FEMALE} women ({metric:OFFICERS-FEMALE:share})",
            ),
            "When 2020/21 closed, the MPS had {metric:OFFICERS-MAR21-ALL} officers. Black, Asian and minority "
            "ethnic officers then made up {metric:OFFICERS-MAR21-BAME:share} of the total, Black officers "
            "{metric:OFFICERS-MAR21-BLACK:share} and women {metric:OFFICERS-MAR21-FEMALE:share}. Since then the "
            "Black, Asian and minority ethnic share has risen far enough to meet the aim for 2022.",
            "In August 2021 alone, {metric:RECRUITS-AUG} new officers joined: {metric:RECRUITS-FEMALE} women "
            "({metric:RECRUITS-FEMALE:share}), {metric:RECRUITS-BAME} from Black, Asian and minority ethnic "
            "backgrounds ({metric:RECRUITS-BAME:share}) and {metric:RECRUITS-BLACK} Black officers "
            "({metric:RECRUITS-BLACK:share}).",
            "MOPAC is also funding a Career Development Service for Black officers, reported under 3.3.",
        ),
        notes="Workforce figures agreed with MPS HR on 14 September; refresh if September data lands before print.",
    ),
    commitment(
        "MAP-013",
        "3.1",
        "3",
        "The MPS will shortly bring back the London residency requirement for most new recruits.",
        "MPS",
        "At risk",
        cell(
            "Since November 2020, anyone applying to be a police constable must again have lived in London for "
            "at least three of the last six years. The campaigns are drawing large numbers: about "
            "{metric:CANDIDATES} candidates are going through the process at the moment.",
            "Meeting the targets for recruits from diverse backgrounds is proving hard, which is why this "
            "commitment is marked at risk. The MPS Community Outreach Programme is the main response. It seeks "
            "out people in diverse communities who have not thought of joining the Met, or who have "
            "understandable doubts about doing so.",
            "[Officers' own stories from the Met's outreach campaign]"
            "(https://www.met.police.uk/police-forces/metropolitan-police/areas/campaigns/2020/black-history-month/"
            "officer-stories/daniel-bair/) show what the programme looks like in practice.",
        ),
        notes="Status moved to At risk at the September delivery meeting.",
    ),
    commitment(
        "MAP-014",
        "3.1",
        "3",
        "The Mayor will **press the Government to look again at the legislative framework** for recruiting "
        "police officers, so that it is fit for purpose and helps to bring in as many Black recruits as possible.",
        "MOPAC",
        "In progress",
        cell(
            "Since the Mayor wrote to the Prime Minister, the MPS has been working with the Home Office to set out "
            "the case for change. The Deputy Mayor for Policing and Crime keeps raising it with the Policing "
            "Minister.",
        ),
    ),
    commitment(
        "MAP-015",
        "3.2",
        "3",
        "The MPS will involve communities in designing new police learning and development as a matter of "
        "course, and will set up a Learning and Development Community Reference Group.",
        "MPS",
        "Complete",
        cell(
            "The Community Reference Group is up and running and meets on a regular cycle. The NPCC and the "
            "College of Policing will join future meetings to judge whether the approach should be adopted "
            "across the country.",
        ),
    ),
    commitment(
        "MAP-016",
        "3.2",
        "3",
        "To widen the conversation with communities about stop and search, the MPS will run a pilot covering "
        "Lambeth and Southwark, the Central South BCU. Across six months, 500 frontline officers, both new "
        "recruits and experienced officers, will take part in workshops on cultural equality led by the "
        "community.",
        "MPS",
        "On track",
        cell(
            "Training by Mentivity, a community organisation, has begun in the Central South BCU, and sessions "
            "are booked until the end of 2021. When the pilot ends, the MPS will judge whether it suits the rest "
            "of the service and how it might be adapted.",
            "Mentivity will share its early results at a workshop on community-led officer training during the "
            "October Action Plan Public Review meeting.",
        ),
    ),
    commitment(
        "MAP-017",
        "3.2",
        "3",
        "The MPS will bring direct community input into particular parts of the training that new recruits "
        "receive across the service.",
        "MPS",
        "On track",
        cell(
            "Communities helped to design the new recruit pathway, which started in January 2021, and community "
            "members now help to deliver parts of it, including awareness of the cultures of London's many "
            "communities. Recruits now meet communities at three points:",
            bullets(
                "**Local Community Immersion.** Recruits research the history, cultures and communities of the "
                "BCU they will join, and present what they have found.",
                "**Lived experience.** People who have themselves been stopped and searched contribute at "
                "several stages of PEQF recruit training, most of all in the stop and search modules.",
                "**Familiarisation week.** Recruits spend a week on their BCU and meet local community members.",
            ),
            "Several BCUs are also trying out stop and search training based on lived experience with officers "
            "who have served for some years.",
            "To build on this, the MPS has created a new post dedicated to community involvement in training, "
            "starting this autumn. Whoever holds it will widen the range of grassroots organisations the service "
            "works with, so that training stays fresh and, wherever possible, fits local policing. MOPAC has "
            "given the MPS {metric:TRAINING-FUNDING} to support this work.",
        ),
    ),
    commitment(
        "MAP-018",
        "3.3",
        "3",
        "The MPS will set demanding aims to increase the number of BAME sergeants and inspectors, with a "
        "specific aim for Black officers. MOPAC will support this with £400,000 a year of additional funding, "
        "ring-fenced for the purpose.",
        "MPS",
        "In progress",
        cell(
            "The MPS wants Black officers to make up 3% of sergeants and 3% of inspectors by 2024, and 7% of each "
            "by 2030, and is working towards those aims. Career Development Officers at chief inspector level "
            "have now been chosen.",
            "As well as the ring-fenced {metric:PROMOTION-FUNDING} a year, MOPAC has committed "
            "{metric:CDS-FUNDING} over three years to a Career Development Service that helps Black officers to "
            "progress and win promotion.",
            "Where the ranks stood at the end of June 2021:",
            bullets(
                "Sergeants: {metric:SERGEANTS-BAME} Black, Asian and minority ethnic; {metric:SERGEANTS-BLACK} "
                "Black; {metric:SERGEANTS-FEMALE} women.",
                "Inspectors: {metric:INSPECTORS-BAME} Black, Asian and minority ethnic; {metric:INSPECTORS-BLACK} "
                "Black; {metric:INSPECTORS-FEMALE} women.",
            ),
        ),
    ),
    commitment(
        "MAP-019",
        "3.4",
        "3",
        "The MPS has brought in checks and balances on internal referrals into the misconduct process, so that "
        "chances to learn are fully considered first, and will keep reducing disproportionality in grievance "
        "and misconduct cases significantly by 2024. The Mayor will hold the Commissioner responsible for "
        "delivering this.",
        "MPS",
        "In progress",
        cell(
            "The MPS is building several ways to spot and act on learning before a case turns formal:",
            bullets(
                "the Grievance Management Team is studying mediation, including local mediation advocates, as a "
                "way to settle grievances earlier",
                "line managers are being helped to record informal development, concentrating on professional "
                "growth so that fewer matters become grievances or misconduct referrals",
                "a short film about mediation has been made with the Grievance Management Team and the Retention "
                "Taskforce",
                "'Learning Through Reflections', a pilot for recording new kinds of line management "
                "intervention, starts this autumn",
            ),
            "Together these are intended to help keep Black, Asian and minority ethnic officers in the service.",
        ),
    ),
    commitment(
        "MAP-020",
        "3.5",
        "3",
        "The MPS is widening the support that Operation Hampshire gives to officers and staff who suffer hate "
        "crime while on duty.",
        "MPS",
        "On track",
        cell(
            "After a pilot, Hate Crime Units are being set up in every BCU in London. They will take on all "
            "Operation Hampshire investigations, strengthening how the MPS responds to offences against its own "
            "people.",
            "The support on offer was featured in a film made for National Inclusion Week with the Deputy "
            "Commissioner's Delivery Group, and other forces are now adopting the approach.",
        ),
    ),
    # 4 Holding to Account
    commitment(
        "MAP-021",
        "4.1",
        "4",
        "MOPAC will involve communities in scrutinising the MPS's London-wide activity, including teams that "
        "work across the city like the TSG, the RTPC and the VCTF, and in how complaints about intrusive tactics "
        "are dealt with.",
        "MOPAC",
        "In progress",
        cell(
            "Preparation has begun: MOPAC is looking for good practice elsewhere that could inform new London-wide "
            "scrutiny of stop and search, use of force and similar powers.",
            "Later this year MOPAC will start recruiting volunteers to a new Action Plan External Reference "
            "Group: community members who bring a mix of lived and professional experience. Once "
            "appointed, its members will take an active part in this scrutiny.",
        ),
    ),
    commitment(
        "MAP-022",
        "4.1",
        "4",
        "MOPAC will publish a race equality audit every quarter on how the MPS uses its powers, including Taser "
        "and strip search, and will hold the Commissioner to account for what it shows.",
        "MOPAC",
        "On track",
        cell(
            f"The audit takes the form of the [Action Plan Disproportionality Dashboard on the City Hall website]"
            f"({DASHBOARD}). It was first released in March 2021 and is refreshed every quarter. It has had more "
            "than {metric:DASHBOARD-VIEWS} unique page views since launch, and MOPAC keeps asking communities "
            "what else they want it to show.",
            "Additions being prepared:",
            bullets(
                "mental health and education data on disproportionality, which MOPAC is exploring with London Councils",
                "arrest, custody and strip search data, which the MPS is getting ready to publish",
            ),
        ),
    ),
    commitment(
        "MAP-023",
        "4.2",
        "4",
        "The IOPC will work with MOPAC on oversight of the issues that matter most to Black Londoners, so that "
        "communities can see the difference it makes.",
        "IOPC",
        "On track",
        cell(
            "The IOPC will have a seat on the new Disproportionality Board, which oversees delivery of the Action "
            "Plan and other work to reduce disproportionality.",
            "Below the board, IOPC and MOPAC officers are planning more joint work, such as sessions that explain "
            "to communities how to complain about the MPS. The IOPC's own "
            "[guidance on how to make a complaint about the police]"
            "(https://www.policeconduct.gov.uk/complaints-and-appeals/make-complaint) is already available.",
        ),
    ),
    commitment(
        "MAP-024",
        "4.3",
        "4",
        "MOPAC will overhaul its community monitoring arrangements, so that the make-up of these groups better "
        "reflects London's communities and they can keep watch over more of the powers police use: stop and "
        "search, Taser, and the handling of complaints.",
        "MOPAC",
        "In progress",
        cell(
            "MOPAC met stakeholders at a series of events in June and July, and has since drawn up a detailed "
            "plan for changing how communities scrutinise MPS stop and search in every borough. The goal is local "
            "scrutiny that better reflects its community and is consistent, accountable and effective.",
            "The plan is being developed with the chairs of the current CMGs and with communities, and young "
            "people will discuss it at the October Public Review meeting. The wider review of community "
            "engagement goes out to tender from October, with a new contract expected to start early in 2022.",
        ),
    ),
    commitment(
        "MAP-025",
        "4.4",
        "4",
        "The MPS restarted community review of Body Worn Video footage of stop and search by CMGs in October 2020.",
        "MPS",
        "Complete",
        cell(
            "CMGs have now held {metric:BWV-SESSIONS} Body Worn Video review sessions. Each gives feedback, to "
            "the MPS and to the group's own community, on how well encounters were handled and whether the "
            "correct process was followed.",
            "The lessons go back to individual officers, to local policing areas and to the MPS across London.",
        ),
    ),
    commitment(
        "MAP-026",
        "4.4",
        "4",
        "MOPAC and the MPS will jointly study sampled Body Worn Video recordings to understand stop and search "
        "encounters: in particular, what happens when the behaviour of officers or of the people stopped "
        "escalates or calms, and how different groups experience and read these encounters.",
        "MOPAC and MPS",
        "On track",
        cell(
            "The scope and method of the joint study are agreed: it will examine {metric:BWV-SAMPLES} samples of "
            "footage. Both the words used and behaviour will be analysed, to help define good practice at the "
            "moments an encounter escalates or calms down, and the findings will feed into stop and search "
            "training and practice.",
            "MPS officers are learning to code the footage in a pilot running through September and October. If "
            "it works, the study will be scaled up early in 2022. Commissioning of separate independent academic "
            "research on a sample of footage is also under way.",
        ),
    ),
    commitment(
        "MAP-027",
        "4.5",
        "4",
        "MOPAC will widen the role of ICVs in London with a new process that lets them examine complete custody "
        "records.",
        "MOPAC",
        "On track",
        cell(
            "ICVs already make unannounced visits to police custody suites to check on the welfare of people "
            "held there. Looking at complete custody records lets them see the whole of a detention, not only "
            "the moment of the visit.",
            "The process has been designed and existing ICVs are now applying to join the CRR pilot. The model "
            "comes from the Independent Custody Visiting Association, which tested it in Derbyshire: vetted "
            "visitors read redacted custody records and check the care given against recommended procedures and "
            "guidance. Those selected will be trained in October, and the first review session is planned for "
            "late November 2021.",
            "[The Independent Custody Visiting Association's evaluation of the Derbyshire pilot]"
            "(https://icva.org.uk/wp-content/uploads/2020/09/ICOP-evaluation-200703-FINAL.pdf) explains how the "
            "model worked there.",
            "MOPAC is also trying two new roles to make the scheme more representative of London:",
            bullets(
                "placements lasting six months for University of Greenwich criminology students",
                "ICV Outreach Leads, who will attract and recruit new visitors from under-represented communities",
            ),
            "The MPS is also preparing to publish more data on custody, which MOPAC intends to add to the dashboard.",
        ),
    ),
    commitment(
        "MAP-028",
        "4.6",
        "4",
        "MOPAC will look again at its Justice Matters and Policing Matters meetings, where the Commissioner and "
        "senior officers answer questions about the work of the MPS, and renew them.",
        "MOPAC",
        "In progress",
        cell(
            "MOPAC holds the MPS to account through four routes within its governance framework:",
            bullets(
                "Public Review meetings, held quarterly, the third on 7 October 2021",
                "pan-London scrutiny panels",
                "the Disproportionality Board, also quarterly, first meeting in October 2021",
                "an Expert Reference Group that reviews delivery of the Action Plan",
            ),
            "Justice Matters and Policing Matters are being looked at as part of a wider review of oversight and "
            "governance across MOPAC.",
        ),
    ),
    commitment(
        "MAP-029",
        "4.7",
        "4",
        "MOPAC will work with communities and partners on a communications plan, so that more people know their "
        "rights when they are stopped and searched, and know how to complain.",
        "MOPAC",
        "On track",
        cell(
            "A guide to your rights during stop and search has been produced. It can be read online as "
            "[the Stop and Search Know Your Rights guide]"
            "(https://www.london.gov.uk/sites/default/files/kyr_inner_april_19_v5_new.pdf), and a pocket-sized, "
            "fold-out version has been printed. Community groups, youth groups and individuals can ask the MOPAC "
            "Community Engagement Team for copies to hand out.",
            "Communications now concentrate on taking news of the plan's progress to more people. MOPAC has been "
            "in touch with community and youth groups, and the Public Review meeting on 7 October 2021 includes "
            "sessions on:",
            bullets(
                "bringing more young people into the work",
                "helping community groups to shape local policing priorities",
            ),
            "MOPAC has also published "
            f"[a step-by-step guide to complaining about the MPS, including how to appeal]({MOPAC_SITE}/complaints).",
        ),
    ),
    commitment(
        "MAP-030",
        "4.7",
        "4",
        "MOPAC will **make information about the complaints process** easier to find, and back local efforts that "
        "help communities to use their right to complain.",
        "MOPAC",
        "In progress",
        cell(
            "MOPAC continues to attend IOPC stakeholder meetings to explain its part in reviewing complaints. It "
            "is discussing with the IOPC and the MPS how to publish more, including data on complaints, in step "
            "with new Government requirements.",
            "A survey of people who complained to the MPS in 2020/21 has been completed and has led to "
            "recommendations for improving the process, and the MPS has built dashboards that will help MPS and "
            "MOPAC staff scrutinise complaints. Joint work with the IOPC will feed into the Action Plan "
            "communications plan.",
        ),
        approved="No",
        notes="Awaiting IOPC comments on the second paragraph.",
    ),
    commitment(
        "MAP-031",
        "4.7",
        "4",
        "The **Public Attitude Survey** will also ask Londoners about complaints.",
        "MOPAC",
        "On track",
        cell(
            "Two questions about complaints have been part of the survey since Quarter 4 of 2020/21. Results for "
            "Quarter 1 of 2021/22:",
            bullets(
                "{metric:COMPLAINTS-KNOW-Q1} of Londoners are confident they would know how to complain about "
                "the MPS, the same as the quarter before",
                "{metric:COMPLAINTS-FAIR-Q1} are confident the MPS treats complaints against it fairly, "
                "{metric:COMPLAINTS-FAIR-CHANGE} lower than the quarter before",
                "confidence in fair handling is lower among Black ({metric:COMPLAINTS-FAIR-BLACK}) and Mixed "
                "({metric:COMPLAINTS-FAIR-MIXED}) Londoners than among other groups, such as White Londoners "
                "({metric:COMPLAINTS-FAIR-WHITE})",
                "younger people are less confident too: {metric:COMPLAINTS-FAIR-16-24} of 16 to 24-year-olds, "
                "against {metric:COMPLAINTS-FAIR-55-PLUS} of people aged 55 and over",
                marker="•",
            ),
            "The MPS and MOPAC are working together on the particular concerns people raised in their answers. "
            "Results for Quarter 2, July to September, are due in mid-October.",
            "The chart at the end of this chapter follows both measures across the two quarters so far, and the "
            "Data section at the end of this document compares confidence in fair handling between groups.",
        ),
        approved="No",
    ),
    # Next steps
    commitment(
        "MAP-032",
        None,
        "Next steps",
        "To keep the plan transparent and accountable, **a Board will oversee its delivery**. The Deputy Mayor for "
        "Policing and Crime will share the chair with an independent co-chair, so that community voices and "
        "expertise are in the room.",
        "MOPAC",
        "On track",
        cell(
            "The new Disproportionality Board first meets on 15 October 2021 and will then meet every quarter. "
            "Standing items on its agenda:",
            bullets(
                "progress on the Mayor's Action Plan",
                "the review of the Gangs Violence Matrix, every six months (see "
                "[MOPAC's latest update on the Gangs Violence Matrix review]"
                "(https://www.london.gov.uk/mopac-publications-0/review-mps-gangs-violence-matrix-update))",
                "the Action Plan to Tackle Ethnic Disproportionality in Youth Justice, every six months",
                "the figures in the race equality dashboard",
            ),
        ),
    ),
    commitment(
        "MAP-033",
        None,
        "Next steps",
        "MOPAC will carry out an Equality Impact Assessment of this plan, recording how any different effect on "
        "Black communities has been considered and reduced.",
        "MOPAC",
        "On track",
        cell(
            "An EIA was carried out and published with the plan. It will be reviewed in October 2021, and what "
            "the review finds will shape communications and engagement plans from then on.",
        ),
    ),
    commitment(
        "MAP-034",
        None,
        "Next steps",
        "Communities will take part in regular meetings that review progress towards the plan's objectives, and "
        "MOPAC will publish a quarterly update on its website setting out every action and what has been done "
        "towards it.",
        "MOPAC",
        "On track",
        cell(
            "Public Review meetings are held every quarter. The first two took place on 25 February and 7 July "
            "2021, and the third is on 7 October 2021. They are the chance to tell communities what has changed "
            "and to involve them in shaping parts of the plan, such as the race equality audit, and feedback "
            "after each meeting is used to plan the next one.",
            "Anyone can attend a Public Review meeting. Each one opens with a short account of progress from MOPAC "
            "and the MPS, followed by workshops in which community members question those responsible for each "
            "strand of the plan.",
            "In response to that feedback, the October meeting:",
            bullets(
                "centres on young people: what worries them, and how more of them can be drawn into oversight",
                "is held in the evening, so that more people can come",
            ),
            "MOPAC is also preparing proposals for community members to take part in the Disproportionality "
            "Board, and a model for London-wide scrutiny.",
            "The first quarterly update appeared in March 2021, together with the dashboard. This document is the "
            "update for July to September 2021.",
        ),
    ),
]

NARRATIVE = [
    {
        "ID": "NAR-INTRO",
        "Heading": "Introduction",
        "Placement": "Before chapters",
        "Level": 1,
        "Body": cell(
            "The Mayor of London's Action Plan, launched on 13 November 2020, sets out to raise Londoners' trust "
            "in the Metropolitan Police Service and to answer community concern about the disproportionate use "
            "of some police powers on Black Londoners. It was written together with London's communities, above "
            "all with Black Londoners and with people who work in and alongside Black communities.",
            "Stop and search, use of force and Taser were at the heart of those concerns. Communities asked for "
            "three things in particular:",
            bullets(
                "more openness about what the police do and decide, and how they explain it",
                "a police service whose make-up mirrors London's population",
                "a bigger role for communities in monitoring how police powers are used and how complaints are handled",
            ),
            "The plan also promises to keep communities informed about its delivery and to give them regular "
            "chances to take part. This update covers Quarter 2 of 2021/22, from July to September 2021. The "
            "whole plan is on the City Hall website: "
            "[Action Plan: Transparency, Accountability and Trust in Policing]"
            "(https://www.london.gov.uk/publications/action-plan-transparency-accountability-and-trust-policing).",
        ),
    },
    {
        "ID": "NAR-DATA",
        "Heading": "What the data shows",
        "Placement": "Before chapters",
        "Level": 1,
        "Body": cell(
            "Black Londoners have less trust and confidence in the MPS than other Londoners, and that gap is the "
            "reason the plan exists. Processes and structures are changing, but it matters just as much to keep "
            "measuring how Londoners feel about policing.",
            f"MOPAC publishes new figures every quarter on the [Action Plan Disproportionality Dashboard]"
            f"({DASHBOARD}). They show that the gap in trust between White and Black residents has narrowed but "
            "still stands at {metric:TRUST-GAP}, and that Black residents are {metric:SEARCH-RATIO} as likely as "
            "White residents to be stopped and searched.",
            "Many commitments are not quick fixes. They are being designed, piloted, adjusted and rolled out step "
            "by step. The sections below pick out the strands that are already showing results; each chapter "
            "then reports on every commitment in turn.",
        ),
    },
    {
        "ID": "NAR-PRIORITIES",
        "Heading": "Progress on the priority areas",
        "Placement": "Before chapters",
        "Level": 1,
        "Body": cell(
            "Three areas of the plan moved furthest this quarter: how communities take part in oversight, how "
            "encounters between officers and the public can improve, and how the MPS workforce is changing. "
            "Each summary below gives the numbers of the commitments where the full update appears.",
        ),
    },
    {
        "ID": "NAR-ENGAGEMENT",
        "Heading": "Community engagement and representation",
        "Placement": "Before chapters",
        "Level": 2,
        "Body": cell(
            "Throughout the consultation on the plan, people asked for engagement that means something and for "
            "local oversight that reflects who they are. The MPS and MOPAC are widening the conversation so that "
            "every community and age group in London is heard.",
            bullets(
                "**Local scrutiny.** MOPAC's plan to redesign community scrutiny of stop and search in every "
                "borough is being tested with existing CMGs, wider stakeholders and young people (4.3).",
                "**Community-led training.** Mentivity's workshops with officers in Lambeth and Southwark are "
                "under way (3.2).",
                "**Local priorities.** Pilots in which community groups help to set local policing priorities "
                "are being developed across the MPS, and will be discussed at the October Public Review meeting.",
                "**External Reference Group.** MOPAC is setting up an ERG so that community expertise and lived "
                "experience inform delivery of the plan and other work where disproportionality is evident. An "
                "agency is being appointed to help recruit volunteer members, who should be in place in the new "
                "year.",
            ),
        ),
    },
    {
        "ID": "NAR-YOUNG",
        "Heading": "Young Londoners",
        "Placement": "Before chapters",
        "Level": 3,
        "Body": cell(
            "Young people are often the Londoners most affected by police powers. MOPAC has contacted youth "
            "groups and youth councils across the city to encourage young people to take on leadership roles in "
            "community safety and in holding the police to account.",
            "Places have been kept for young Londoners at the third Public Review meeting, which includes a "
            "workshop on bringing more young people into police oversight and scrutiny.",
        ),
    },
    {
        "ID": "NAR-ENCOUNTERS",
        "Heading": "Better encounters with the police",
        "Placement": "Before chapters",
        "Level": 2,
        "Body": cell(
            "Many Londoners accept that stop and search has a part to play in reducing the serious violence that "
            "claims young lives in the capital. What communities keep telling us is that the manner of some "
            "officers during these encounters undermines the reason for using the power at all.",
            "Work to improve encounters includes:",
            bullets(
                "community review of Body Worn Video, and the joint study of {metric:BWV-SAMPLES} video samples (4.4)",
                "the Haringey review of safeguarding for under-18s who are searched (1.4)",
                "the Know Your Rights guide to stop and search (4.7)",
                "new handcuffing training and policy (1.2)",
                "the custody record review pilot for ICVs (4.5)",
            ),
            "New stop and search training also asks officers to reflect on their own decisions. Scenario-based "
            "exercises, including 'trading places' role play, put officers in the position of the person being "
            "stopped, and the 'Just Another Day' e-learning package asks them to examine the grounds for each "
            "stop and how they behave during it.",
        ),
    },
    {
        "ID": "NAR-WORKFORCE",
        "Heading": "A police service that represents London",
        "Placement": "Before chapters",
        "Level": 2,
        "Body": cell(
            "People have told us again and again that the MPS workforce does not reflect London's diversity. "
            "Changing that takes more than a recruitment campaign: lower trust among Black Londoners is itself a "
            "reason not to apply, and only honest conversations with every community will shift it.",
            "Black, Asian and minority ethnic officers made up {metric:OFFICERS-BAME:share} of the MPS at the end "
            "of August 2021, meeting the aim for 2022. Progress on recruitment, promotion and retention is "
            "reported under 3.1 to 3.5, and the chart in chapter 3 shows the workforce by ethnicity and sex.",
        ),
    },
    {
        "ID": "NAR-INVOLVED",
        "Heading": "Get involved",
        "Placement": "After chapters",
        "Level": 1,
        "Body": cell(
            "MOPAC wants to hear from anyone who would like to help shape how London is policed. You can:",
            bullets(
                f"come to a Public Review meeting: dates are announced on [the MOPAC pages of the City Hall "
                f"website]({MOPAC_SITE})",
                "ask for printed copies of the Know Your Rights guide for your group or school",
                f"volunteer as an Independent Custody Visitor through [the custody visiting scheme]"
                f"({MOPAC_SITE}/independent-custody-visiting)",
            ),
            "The next update, covering October to December 2021, will be published early in 2022.",
        ),
    },
]


def metric(
    id_: str,
    label: str,
    value: float,
    unit: str,
    *,
    chart: str | None = None,
    category: str | None = None,
    of: str | None = None,
    as_at: dt.date | None = None,
    source: str | None = None,
) -> dict:
    return {
        "ID": id_,
        "Label": label,
        "Value": value,
        "Unit": unit,
        "Chart": chart,
        "Category": category,
        "Of": of,
        "As at": as_at,
        "Source": source,
    }


END_MARCH = dt.date(2021, 3, 31)
END_JUNE = dt.date(2021, 6, 30)
END_AUGUST = dt.date(2021, 8, 31)
WORKFORCE = "MPS workforce data"
SURVEY = "MOPAC Public Attitude Survey"

METRICS = [
    # Officers at the end of August 2021; shares are computed from the counts.
    metric(
        "OFFICERS-ALL", "Police officers", 32920, "count", category="All officers", as_at=END_AUGUST, source=WORKFORCE
    ),
    metric(
        "OFFICERS-BAME",
        "Black, Asian and minority ethnic officers",
        5268,
        "count",
        chart="WORKFORCE",
        category="Black, Asian and minority ethnic",
        of="OFFICERS-ALL",
        as_at=END_AUGUST,
        source=WORKFORCE,
    ),
    metric(
        "OFFICERS-BLACK",
        "Black officers",
        1182,
        "count",
        chart="WORKFORCE",
        category="Black",
        of="OFFICERS-ALL",
        as_at=END_AUGUST,
        source=WORKFORCE,
    ),
    metric(
        "OFFICERS-FEMALE",
        "Female officers",
        9511,
        "count",
        chart="WORKFORCE",
        category="Women",
        of="OFFICERS-ALL",
        as_at=END_AUGUST,
        source=WORKFORCE,
    ),
    # Officers at the end of 2020/21.
    metric(
        "OFFICERS-MAR21-ALL",
        "Police officers",
        32531,
        "count",
        category="All officers",
        as_at=END_MARCH,
        source=WORKFORCE,
    ),
    metric(
        "OFFICERS-MAR21-BAME",
        "Black, Asian and minority ethnic officers",
        5086,
        "count",
        category="Black, Asian and minority ethnic",
        of="OFFICERS-MAR21-ALL",
        as_at=END_MARCH,
        source=WORKFORCE,
    ),
    metric(
        "OFFICERS-MAR21-BLACK",
        "Black officers",
        1160,
        "count",
        category="Black",
        of="OFFICERS-MAR21-ALL",
        as_at=END_MARCH,
        source=WORKFORCE,
    ),
    metric(
        "OFFICERS-MAR21-FEMALE",
        "Female officers",
        9265,
        "count",
        category="Women",
        of="OFFICERS-MAR21-ALL",
        as_at=END_MARCH,
        source=WORKFORCE,
    ),
    # Recruits in August 2021.
    metric(
        "RECRUITS-AUG",
        "Officers recruited in August 2021",
        329,
        "count",
        category="All recruits",
        as_at=END_AUGUST,
        source=WORKFORCE,
    ),
    metric(
        "RECRUITS-FEMALE",
        "Female recruits in August 2021",
        162,
        "count",
        category="Women",
        of="RECRUITS-AUG",
        as_at=END_AUGUST,
        source=WORKFORCE,
    ),
    metric(
        "RECRUITS-BAME",
        "Black, Asian and minority ethnic recruits in August 2021",
        72,
        "count",
        category="Black, Asian and minority ethnic",
        of="RECRUITS-AUG",
        as_at=END_AUGUST,
        source=WORKFORCE,
    ),
    metric(
        "RECRUITS-BLACK",
        "Black recruits in August 2021",
        12,
        "count",
        category="Black",
        of="RECRUITS-AUG",
        as_at=END_AUGUST,
        source=WORKFORCE,
    ),
    metric(
        "CANDIDATES",
        "Candidates in the recruitment process",
        8000,
        "count",
        as_at=dt.date(2021, 9, 30),
        source=WORKFORCE,
    ),
    # Sergeants and inspectors at the end of June 2021, as published (no counts available).
    metric(
        "SERGEANTS-BAME",
        "Sergeants who are Black, Asian or minority ethnic",
        10.8,
        "percent",
        category="Black, Asian and minority ethnic",
        as_at=END_JUNE,
        source=WORKFORCE,
    ),
    metric(
        "SERGEANTS-BLACK", "Sergeants who are Black", 2.6, "percent", category="Black", as_at=END_JUNE, source=WORKFORCE
    ),
    metric(
        "SERGEANTS-FEMALE",
        "Sergeants who are women",
        21.8,
        "percent",
        category="Women",
        as_at=END_JUNE,
        source=WORKFORCE,
    ),
    metric(
        "INSPECTORS-BAME",
        "Inspectors who are Black, Asian or minority ethnic",
        9.0,
        "percent",
        category="Black, Asian and minority ethnic",
        as_at=END_JUNE,
        source=WORKFORCE,
    ),
    metric(
        "INSPECTORS-BLACK",
        "Inspectors who are Black",
        1.9,
        "percent",
        category="Black",
        as_at=END_JUNE,
        source=WORKFORCE,
    ),
    metric(
        "INSPECTORS-FEMALE",
        "Inspectors who are women",
        21.6,
        "percent",
        category="Women",
        as_at=END_JUNE,
        source=WORKFORCE,
    ),
    # Funding.
    metric(
        "CDS-FUNDING",
        "MOPAC funding for the Career Development Service over three years",
        1_200_000,
        "currency",
        source="MOPAC",
    ),
    metric(
        "TRAINING-FUNDING", "MOPAC funding for community involvement in training", 700_000, "currency", source="MOPAC"
    ),
    metric(
        "PROMOTION-FUNDING", "Ring-fenced MOPAC funding for promotion each year", 400_000, "currency", source="MOPAC"
    ),
    # Support for Safer Schools Officers, Quarter 1 2021/22.
    metric(
        "SSO-ALL",
        "Support for Safer Schools Officers",
        91,
        "percent",
        chart="SSO-SUPPORT",
        category="All Londoners",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "SSO-BLACK",
        "Support for Safer Schools Officers",
        87,
        "percent",
        chart="SSO-SUPPORT",
        category="Black",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "SSO-WHITE",
        "Support for Safer Schools Officers",
        92,
        "percent",
        chart="SSO-SUPPORT",
        category="White",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "SSO-OTHER",
        "Support for Safer Schools Officers",
        93,
        "percent",
        chart="SSO-SUPPORT",
        category="Other ethnic groups",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    # Confidence in the complaints process over the two quarters the questions have run.
    metric(
        "COMPLAINTS-KNOW-Q4",
        "Confident they would know how to complain about the MPS",
        53,
        "percent",
        chart="COMPLAINTS-TREND",
        category="Would know how to complain",
        as_at=END_MARCH,
        source=SURVEY,
    ),
    metric(
        "COMPLAINTS-KNOW-Q1",
        "Confident they would know how to complain about the MPS",
        53,
        "percent",
        chart="COMPLAINTS-TREND",
        category="Would know how to complain",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "COMPLAINTS-FAIR-Q4",
        "Confident the MPS deals with complaints fairly",
        62,
        "percent",
        chart="COMPLAINTS-TREND",
        category="Complaints dealt with fairly",
        as_at=END_MARCH,
        source=SURVEY,
    ),
    metric(
        "COMPLAINTS-FAIR-Q1",
        "Confident the MPS deals with complaints fairly",
        59,
        "percent",
        chart="COMPLAINTS-TREND",
        category="Complaints dealt with fairly",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "COMPLAINTS-FAIR-CHANGE",
        "Fall in confidence that complaints are dealt with fairly",
        3,
        "points",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    # Confidence that complaints are dealt with fairly, by group, Quarter 1 2021/22.
    metric(
        "COMPLAINTS-FAIR-BLACK",
        "Confident the MPS deals with complaints fairly",
        43,
        "percent",
        chart="COMPLAINTS-GROUPS",
        category="Black",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "COMPLAINTS-FAIR-MIXED",
        "Confident the MPS deals with complaints fairly",
        34,
        "percent",
        chart="COMPLAINTS-GROUPS",
        category="Mixed",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "COMPLAINTS-FAIR-WHITE",
        "Confident the MPS deals with complaints fairly",
        66,
        "percent",
        chart="COMPLAINTS-GROUPS",
        category="White",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "COMPLAINTS-FAIR-16-24",
        "Confident the MPS deals with complaints fairly",
        35,
        "percent",
        chart="COMPLAINTS-GROUPS",
        category="Aged 16 to 24",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    metric(
        "COMPLAINTS-FAIR-55-PLUS",
        "Confident the MPS deals with complaints fairly",
        69,
        "percent",
        chart="COMPLAINTS-GROUPS",
        category="Aged 55 and over",
        as_at=END_JUNE,
        source=SURVEY,
    ),
    # Trust, stop and search, and scrutiny activity.
    metric(
        "TRUST-GAP",
        "Gap in trust in the MPS between White and Black residents",
        26,
        "points",
        as_at=END_JUNE,
        source="Action Plan Disproportionality Dashboard",
    ),
    metric(
        "SEARCH-RATIO",
        "Likelihood of a Black resident being stopped and searched, relative to a White resident",
        2.9,
        "ratio",
        as_at=END_JUNE,
        source="Action Plan Disproportionality Dashboard",
    ),
    metric(
        "BWV-SESSIONS",
        "Body Worn Video review sessions held by Community Monitoring Groups",
        50,
        "count",
        as_at=dt.date(2021, 9, 30),
        source="MPS",
    ),
    metric("BWV-SAMPLES", "Samples of Body Worn Video footage in the joint study", 500, "count", source="MOPAC"),
    metric(
        "DASHBOARD-VIEWS",
        "Unique page views of the dashboard since March 2021",
        650,
        "count",
        as_at=dt.date(2021, 9, 30),
        source="MOPAC",
    ),
]

CHARTS = [
    {
        "Group": "SSO-SUPPORT",
        "Title": "Support for Safer Schools Officers by ethnicity, Quarter 1 2021/22",
        "Type": "bar",
        "Chapter": "2",
        "Description": None,
    },
    {
        "Group": "WORKFORCE",
        "Title": "Officers by ethnicity and sex, end of August 2021",
        "Type": "bar",
        "Chapter": "Represents and Understands",
        "Description": None,
    },
    {
        "Group": "COMPLAINTS-TREND",
        "Title": "Confidence in the complaints process by quarter",
        "Type": "line",
        "Chapter": "4",
        "Description": "Line chart of two survey measures from Quarter 4 of 2020/21 to Quarter 1 of 2021/22. "
        "Confidence in knowing how to complain stayed at 53%; confidence that complaints are dealt "
        "with fairly fell from 62% to 59%.",
    },
    {
        "Group": "COMPLAINTS-GROUPS",
        "Title": "Confidence that the MPS deals with complaints fairly, by group, Quarter 1 2021/22",
        "Type": "bar",
        "Chapter": None,
        "Description": None,
    },
]

GLOSSARY = [
    {"Term": "BAME", "Meaning": "Black, Asian and minority ethnic"},
    {
        "Term": "BCU",
        "Meaning": "Basic Command Unit: one of the MPS's local policing areas, each covering two or "
        "more London boroughs",
    },
    {
        "Term": "Body Worn Video",
        "Meaning": "Cameras worn by officers that record what they see and hear during an encounter",
    },
    {
        "Term": "CMG",
        "Meaning": "Community Monitoring Group: local volunteers who scrutinise how the police use "
        "stop and search in their borough",
    },
    {
        "Term": "CRR",
        "Meaning": "Custody Record Review: a pilot in which Independent Custody Visitors examine "
        "redacted custody records",
    },
    {
        "Term": "Disproportionality",
        "Meaning": "When a police power is used on one group noticeably more, or less, "
        "than its share of the population would suggest",
    },
    {"Term": "EIA", "Meaning": "Equality Impact Assessment"},
    {
        "Term": "ERG",
        "Meaning": "External Reference Group: community volunteers who advise MOPAC on delivering the Action Plan",
    },
    {
        "Term": "EVAW",
        "Meaning": "End Violence Against Women, a coalition of organisations working to end violence "
        "against women and girls",
    },
    {
        "Term": "ICV",
        "Meaning": "Independent Custody Visitor: a volunteer who makes unannounced visits to police "
        "custody to check on the welfare of detained people",
    },
    {"Term": "IOPC", "Meaning": "Independent Office for Police Conduct"},
    {
        "Term": "MARAC",
        "Meaning": "Multi-Agency Risk Assessment Conference: a meeting of local agencies about "
        "victims of domestic abuse at the highest risk of harm",
    },
    {"Term": "MOPAC", "Meaning": "Mayor's Office for Policing and Crime"},
    {"Term": "MPS", "Meaning": "Metropolitan Police Service, also called the Met"},
    {"Term": "NPCC", "Meaning": "National Police Chiefs' Council"},
    {
        "Term": "Operation Hampshire",
        "Meaning": "The MPS's support for officers and staff who are assaulted or suffer hate crime while on duty",
    },
    {
        "Term": "PEQF",
        "Meaning": "Policing Education Qualifications Framework: the national framework for "
        "training new police officers",
    },
    {"Term": "Public Attitude Survey", "Meaning": "MOPAC's quarterly survey of Londoners' views of policing"},
    {"Term": "RTPC", "Meaning": "Roads and Transport Policing Command"},
    {"Term": "Safer Schools Officer", "Meaning": "A police officer who works with one or more schools"},
    {"Term": "TSG", "Meaning": "Territorial Support Group: the MPS's public order unit"},
    {"Term": "VAWG", "Meaning": "Violence against women and girls"},
    {"Term": "VCTF", "Meaning": "Violent Crime Task Force"},
]

CONTENT = {
    "Edition": EDITION,
    "Chapters": CHAPTERS,
    "Commitments": COMMITMENTS,
    "Narrative": NARRATIVE,
    "Metrics": METRICS,
    "Charts": CHARTS,
    "Glossary": GLOSSARY,
}
