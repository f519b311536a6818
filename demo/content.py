"""Original demo content for seed_demo: every word here is the site's own."""

AUTHORS = [
    {
        "slug": "helen-marchbank",
        "name": "Helen Marchbank",
        "role_line": "chief executive of Northfield Teaching Hospitals NHS Foundation Trust",
        "organisation": "Northfield Teaching Hospitals NHS Foundation Trust",
        "bio": (
            "Helen Marchbank has been chief executive of Northfield Teaching Hospitals since "
            "2019, having started her career as a physiotherapist before moving into operational "
            "management. She writes for NHE on patient flow, elective recovery and what it really "
            "takes to run a large acute trust under sustained pressure."
        ),
        "is_columnist": True,
        "declarations": (
            "Chief executive of Northfield Teaching Hospitals NHS Foundation Trust; unpaid "
            "trustee of the Northfield Hospitals Charity; no industry funding."
        ),
        "links": "https://example.org/northfield-teaching-hospitals/board",
    },
    {
        "slug": "marcus-fairlie",
        "name": "Marcus Fairlie",
        "role_line": "senior consultant at the Carrow Institute for Health Policy",
        "organisation": "Carrow Institute for Health Policy",
        "bio": (
            "Marcus Fairlie is a senior consultant at the Carrow Institute, an independent health "
            "policy think-tank, where he leads its work on integrated care and NHS finance. He "
            "previously spent ten years in NHS finance roles, latterly as deputy director of "
            "finance at a combined acute and community trust."
        ),
        "is_columnist": True,
        "declarations": (
            "Senior consultant at the Carrow Institute for Health Policy, which is funded by "
            "charitable foundations and accepts no money from pharmaceutical or technology "
            "suppliers; lay member of a university research ethics committee (unpaid)."
        ),
        "links": (
            "https://example.org/carrow-institute/people/marcus-fairlie\n"
            "https://example.com/marcusfairlie"
        ),
    },
    {
        "slug": "ruth-kaminski",
        "name": "Dr Ruth Kaminski",
        "role_line": "GP partner at Fenwick Lane Medical Practice",
        "organisation": "Fenwick Lane Medical Practice",
        "bio": (
            "Dr Ruth Kaminski is a GP partner at Fenwick Lane Medical Practice, an urban practice "
            "caring for 14,000 patients, and clinical director of the Fenwick and Riverside "
            "Primary Care Network. She writes about general practice, access and the everyday "
            "realities of running a partnership."
        ),
        "is_columnist": True,
        "declarations": (
            "GP partner at Fenwick Lane Medical Practice, which holds NHS contracts; clinical "
            "director of Fenwick and Riverside Primary Care Network; no industry funding."
        ),
        "links": "https://example.org/fenwick-lane-medical-practice",
    },
    {
        "slug": "bernadette-quayle",
        "name": "Bernadette Quayle",
        "role_line": (
            "director of nursing and quality at Severnside Community and Mental Health NHS Trust"
        ),
        "organisation": "Severnside Community and Mental Health NHS Trust",
        "bio": (
            "Bernadette Quayle is director of nursing and quality at Severnside Community and "
            "Mental Health NHS Trust. A registered mental health nurse by background, she has "
            "spent more than 25 years in clinical and leadership roles and writes on workforce, "
            "retention and safe staffing."
        ),
        "is_columnist": True,
        "declarations": (
            "Director of nursing and quality at Severnside Community and Mental Health NHS Trust; "
            "paid visiting lecturer at a university school of nursing; no industry funding."
        ),
        "links": "https://example.org/severnside-trust/leadership",
    },
    {
        "slug": "gareth-linley",
        "name": "Gareth Linley",
        "role_line": "editor, NHE",
        "organisation": "NHE",
        "bio": (
            "Gareth Linley is the editor of NHE. He has reported on the health service for more "
            "than fifteen years, covering everything from hospital reconfigurations to national "
            "workforce policy, and writes The Scalpel, our daily blog."
        ),
        "is_columnist": False,
        "declarations": "",
        "links": "https://example.com/nhe/editor",
    },
    {
        "slug": "amara-osei-bright",
        "name": "Amara Osei-Bright",
        "role_line": "senior reporter, NHE",
        "organisation": "NHE",
        "bio": (
            "Amara Osei-Bright is NHE's senior reporter, covering elective recovery, urgent and "
            "emergency care and patient safety. She previously worked on regional daily "
            "newspapers in the north of England."
        ),
        "is_columnist": False,
        "declarations": "",
        "links": "",
    },
    {
        "slug": "callum-devereux",
        "name": "Callum Devereux",
        "role_line": "health policy reporter, NHE",
        "organisation": "NHE",
        "bio": (
            "Callum Devereux reports on health policy, NHS finance, integrated care systems and "
            "social care. He has a particular interest in how money moves around the health and "
            "care system, and where it gets stuck."
        ),
        "is_columnist": False,
        "declarations": "",
        "links": "https://example.com/nhe/callum-devereux",
    },
    {
        "slug": "niamh-garvey",
        "name": "Niamh Garvey",
        "role_line": "digital and technology correspondent, NHE",
        "organisation": "NHE",
        "bio": (
            "Niamh Garvey is NHE's digital and technology correspondent. She covers electronic "
            "patient records, the NHS App, data and artificial intelligence, and is sceptical of "
            "any pilot that has not yet met a real patient."
        ),
        "is_columnist": False,
        "declarations": "",
        "links": "",
    },
    {
        "slug": "sunita-chaudhry",
        "name": "Sunita Chaudhry",
        "role_line": "workforce correspondent, NHE",
        "organisation": "NHE",
        "bio": (
            "Sunita Chaudhry covers the NHS and social care workforce, primary care and mental "
            "health for NHE. Before joining the title she spent six years reporting on local "
            "government and public services."
        ),
        "is_columnist": False,
        "declarations": "",
        "links": "",
    },
    {
        "slug": "joe-whitlock",
        "name": "Joe Whitlock",
        "role_line": "video producer, NHE TV",
        "organisation": "NHE",
        "bio": (
            "Joe Whitlock produces NHE TV, our video channel, and has filmed on wards, in "
            "theatres and in boardrooms across the country. He previously worked in broadcast "
            "news."
        ),
        "is_columnist": False,
        "declarations": "",
        "links": "https://example.com/nhe-tv",
    },
]

# How each author's drawn portrait wears its hair (demo/pictures.py HAIR_STYLES).
PORTRAIT_HAIR = {
    "helen-marchbank": "bob",
    "marcus-fairlie": "short",
    "ruth-kaminski": "long",
    "bernadette-quayle": "bun",
    "gareth-linley": "bald",
    "amara-osei-bright": "curly",
    "callum-devereux": "short",
    "niamh-garvey": "long",
    "sunita-chaudhry": "bun",
    "joe-whitlock": "short",
}

ARTICLES = [
    {
        "section": "news",
        "title": (
            "Surgical hub cuts orthopaedic waits by a third as Northfield clears its longest "
            "waiters"
        ),
        "standfirst": (
            "A ring-fenced elective centre protected from emergency pressures has helped "
            "Northfield Teaching Hospitals reduce its orthopaedic waiting list by 34% in twelve "
            "months, according to figures presented to its board."
        ),
        "body": (
            "<p>A ring-fenced surgical hub has helped Northfield Teaching Hospitals NHS "
            "Foundation Trust cut its orthopaedic waiting list by just over a third in a year, "
            "with no patient now waiting longer than 52 weeks for a hip or knee "
            "replacement.</p><p>Figures presented to the trust's board this week show the "
            "orthopaedic waiting list fell from 6,240 to 4,110 patients over twelve months. The "
            "Elmstead Elective Centre, which opened on the site of a former outpatient block, "
            "runs four theatres six days a week and is kept separate from the emergency bed "
            "pressures that previously led to routine operations being cancelled at short notice "
            "each winter.</p><p>On-the-day cancellations for non-clinical reasons fell from 7.8% "
            "to 1.9% of scheduled procedures. Average theatre utilisation in the hub reached 86%, "
            "compared with 71% in the main hospital's theatres over the same period.</p><p>Dr "
            "Alan Prewett, the trust's chief operating officer, told the board that protecting "
            "the hub's 28 beds had been the decisive choice. \"It was not a popular decision in "
            "January, and there were difficult conversations with colleagues in the emergency "
            'department," he said. "But the alternative was cancelling the same patients twice, '
            'and that is worse for everyone."</p><p>The trust now plans to extend the model to '
            "general surgery and gynaecology, and is offering hub capacity to the longest-waiting "
            "patients of two neighbouring trusts in the Kingsmere and Vale system. Board papers "
            "note that workforce remains the main constraint, with anaesthetic cover for a fifth "
            "theatre still to be secured.</p>"
        ),
        "authors": ["amara-osei-bright"],
        "tags": ["Elective Care", "Workforce"],
        "days_ago": 1,
        "featured": True,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a hospital building with rows of windows, trees and an ambulance at "
            "the entrance"
        ),
        "picture": ("hospital", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "news",
        "title": (
            "Self-rostering pilot linked to fall in nurse leaver rates across Wealdmoor trusts"
        ),
        "standfirst": (
            "Three trusts that gave ward nurses more control over their shift patterns have seen "
            "turnover fall faster than the regional average, an evaluation commissioned by the "
            "local integrated care board suggests."
        ),
        "body": (
            "<p>Nurse turnover has fallen sharply at three trusts that allowed ward teams to "
            "build their own rotas, according to an <a "
            'href="https://example.org/wealdmoor-icb/self-rostering-evaluation">evaluation '
            "published by Wealdmoor Integrated Care Board</a>.</p><p>Across the 41 wards taking "
            "part, the annual leaver rate for registered nurses dropped from 13.2% to 9.6% over "
            "eighteen months. The average for comparable wards elsewhere in the region fell from "
            "12.8% to 11.9% over the same period. Spending on bank and agency nurses on "
            "participating wards was 17% lower than the previous year.</p><p>Under the scheme, "
            "staff request their preferred shifts through a rostering app and a small team on "
            "each ward agrees the final pattern against minimum staffing levels set by the ward "
            "manager. Nurses with caring responsibilities were guaranteed at least two fixed days "
            "each month.</p><p>Claire Henshall, chief nursing officer at the ICB, said the "
            'results were encouraging but cautioned against treating them as proof. "This was '
            "not a controlled trial, and pay, housing costs and the wider job market all play a "
            'part," she said. "What we can say is that nurses told us, very clearly, that '
            'predictability matters almost as much as pay."</p><p>Staff-side representatives '
            "welcomed the findings but warned that self-rostering only works when wards are "
            "staffed to establishment. The ICB intends to extend the approach to a further 60 "
            "wards, including community and mental health inpatient services, over the coming "
            "year.</p>"
        ),
        "authors": ["sunita-chaudhry"],
        "tags": ["Workforce"],
        "days_ago": 2,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a nurse beside a large screen showing a colour-coded weekly shift "
            "rota"
        ),
        "picture": ("rota", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "news",
        "title": (
            "Patients change one in five outpatient appointments through the NHS App at pilot "
            "trusts"
        ),
        "standfirst": (
            "Trusts using the app's hospital appointment features report fewer missed "
            "appointments, though clinicians warn digital tools must not widen gaps for patients "
            "who are offline."
        ),
        "body": (
            "<p>One in five changes to outpatient appointments at Eastmere University Hospitals "
            "NHS Trust are now being made by patients through the NHS App, six months after the "
            "trust connected its booking system to the app.</p><p>The trust's rate of missed "
            "appointments fell from 8.4% to 6.9% over the period, which it estimates has freed up "
            "around 2,300 clinic slots. Brackenfield Hospitals NHS Trust, which went live a month "
            "later, reports a smaller but similar improvement, with cancellations made at least a "
            "week in advance rising by a quarter.</p><p>Rhys Tavener, chief digital information "
            "officer at Eastmere, said the biggest gains had come from simple reminders and the "
            'ability to cancel without waiting on hold. "Most patients who did not attend were '
            'not being careless. They simply could not get through to tell us," he '
            "said.</p><p>Take-up varies considerably by age. Among patients aged over 75, around "
            "6% of appointment changes were made through the app, compared with 31% among those "
            "aged 25 to 44. Both trusts have kept telephone booking lines open and are working "
            "with local libraries and voluntary groups to help patients get online.</p><p>Dr "
            "Leanne Ashworth, a consultant geriatrician at Eastmere, said the results were "
            'welcome but should not be used as a reason to reduce other routes in. "The patients '
            "who most need a flexible appointment are often the least likely to have a "
            'smartphone," she said.</p>'
        ),
        "authors": ["niamh-garvey"],
        "tags": ["Digital"],
        "days_ago": 4,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [
            [
                "update",
                (
                    "This article was updated to include the trust's figures for patients aged "
                    "over 75, which were published after the original story appeared."
                ),
            ],
        ],
        "comments_open": True,
        "image_alt": (
            "Illustration of a hand holding a smartphone that shows an appointment reminder with "
            "a calendar date"
        ),
        "picture": ("phone", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "news",
        "title": (
            "Two integrated care boards agree to share back-office teams to meet running cost cuts"
        ),
        "standfirst": (
            "Wealdmoor ICB and Kingsmere and Vale ICB will combine finance, HR and contracting "
            "functions under a single joint director, while keeping separate boards and local "
            "commissioning decisions."
        ),
        "body": (
            "<p>Two neighbouring integrated care boards have agreed to merge their corporate "
            "support functions in an effort to meet reductions in running costs without cutting "
            "local clinical leadership.</p><p>Under the plan approved by both boards, and set out "
            'in <a href="https://example.org/wealdmoor-icb/board-papers">papers published ahead '
            "of their meetings</a>, Wealdmoor ICB and Kingsmere and Vale ICB will share a single "
            "finance team, a joint contracting and procurement service and a combined HR "
            "function. The arrangement is expected to save around £6.2m a year once fully in "
            "place, with roughly 90 posts affected across the two organisations.</p><p>Each ICB "
            "will keep its own board, chief executive and place-based teams, and local "
            "commissioning decisions will continue to be taken separately. A formal consultation "
            "with affected staff begins next month.</p><p>Deborah Allcott, chief executive of "
            "Wealdmoor ICB, said the aim was to protect the parts of the organisation that work "
            'most closely with communities. "Nobody in our patch will notice whether invoices '
            "are paid from one office or two. They will notice if we lose the people who know "
            'their neighbourhoods," she said.</p><p>Some local councillors have raised concerns '
            "that shared teams could gradually lead to a full merger by the back door. Both chief "
            "executives said no such proposal was under consideration, but acknowledged that the "
            "wider shape of integrated care boards nationally remained under review.</p>"
        ),
        "authors": ["callum-devereux"],
        "tags": ["Integrated Care", "Finance"],
        "days_ago": 7,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of three people at computer screens in an open-plan office, with a "
            "planning board on the wall"
        ),
        "picture": ("office", {"people": 3, "board": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "news",
        "title": "Hospital switches on heat pump energy centre to replace ageing steam boilers",
        "standfirst": (
            "The £28m scheme at Brackenfield Hospitals NHS Trust is expected to cut the main "
            "site's direct carbon emissions by around 60% and remove one of its most serious "
            "backlog maintenance risks."
        ),
        "body": (
            "<p>Brackenfield Hospitals NHS Trust has switched on a new energy centre at "
            "Calderbridge General Hospital, replacing steam boilers installed in the 1970s with a "
            "system of air and ground source heat pumps.</p><p>The £28m project was funded "
            "through a combination of a public sector decarbonisation grant and the trust's own "
            "capital allocation. The trust estimates it will reduce direct carbon emissions from "
            "the site by around 60% and cut annual maintenance costs by £900,000, although higher "
            "electricity use means overall energy bills are expected to stay broadly flat in the "
            "short term.</p><p>The old boilers had been rated as a high-risk backlog maintenance "
            "item for several years, and a failure during the winter of last year left two wards "
            "relying on temporary heaters for three days.</p><p>Priya Mansell, the trust's "
            "director of estates and facilities, said the scheme was as much about resilience as "
            'sustainability. "We were spending money every year to keep equipment running that '
            'was older than most of our staff," she said. "This lets us stop patching and start '
            'planning."</p><p>The trust is now installing roof-mounted solar panels on two '
            "multi-storey car parks and plans to replace the remaining gas-fired heating at its "
            "community hospital sites by the end of the decade, subject to funding.</p>"
        ),
        "authors": ["callum-devereux"],
        "tags": ["Estates"],
        "days_ago": 9,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of three heat pump units with large fans beside a hospital building "
            "with solar panels on its roof"
        ),
        "picture": ("energy", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "news",
        "title": "Expanded same day emergency care unit halves corridor waits, board told",
        "standfirst": (
            "Longer opening hours and direct referrals from ambulance crews have moved hundreds "
            "of patients a week away from the emergency department at Eastmere, although bed "
            "occupancy remains the main barrier to flow."
        ),
        "body": (
            "<p>An expanded same day emergency care (SDEC) unit at Eastmere University Hospitals "
            "NHS Trust has roughly halved the number of patients waiting on trolleys in "
            "corridors, according to papers presented to the trust's board.</p><p>The unit now "
            "opens from 8am until midnight, seven days a week, and accepts direct referrals from "
            "paramedics and GPs. It sees an average of 620 patients a week, up from 350 before "
            "the expansion. The average number of patients cared for in corridors each day fell "
            "from 38 to 17 over the winter months.</p><p>The proportion of patients seen within "
            "four hours in the emergency department rose from 71% to 76%, while average ambulance "
            "handover times fell by eleven minutes.</p><p>Dr Hannah Fell, consultant in emergency "
            "medicine and clinical lead for the unit, said the key change had been allowing "
            'ambulance crews to call the unit directly. "If a patient can be assessed, treated '
            "and sent home the same day, there is no reason for them to go anywhere near a resus "
            'bay," she said.</p><p>However, board members heard that general and acute bed '
            "occupancy remained at around 96%, and that 140 patients on an average day were "
            "medically fit to leave but awaiting discharge. The trust said further improvement "
            "would depend on work with community services and social care partners.</p>"
        ),
        "authors": ["amara-osei-bright"],
        "tags": ["Urgent Care"],
        "days_ago": 12,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of treatment bays with reclining chairs and curtains, and a nurse "
            "standing nearby"
        ),
        "picture": ("ward", {"chairs": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "news",
        "title": "Coastal GP practices pool reception teams into a shared care navigation hub",
        "standfirst": (
            "Six practices in the Saltcombe Bay Primary Care Network now route phone and online "
            "requests through a single hub, with a clinician reviewing every request on the day "
            "it arrives."
        ),
        "body": (
            "<p>Six GP practices serving 58,000 patients along the Saltcombe Bay coast have "
            "merged their reception and telephone teams into a shared care navigation hub, in an "
            "attempt to end the early-morning rush for appointments.</p><p>Patients contact the "
            "hub by phone or through an online form, and each request is reviewed on the same day "
            "by a duty GP or advanced nurse practitioner, who decides whether it needs an "
            "appointment, advice, a prescription or a referral to another service such as a "
            "community pharmacy. Requests are then passed to the patient's own practice.</p><p>In "
            "the first four months, the average wait for a phone call to be answered fell from "
            "eleven minutes to just under three, and 58% of requests were submitted online. The "
            "network says the proportion of patients who had to call back the following day has "
            "fallen to almost zero.</p><p>Practices have kept named GP lists for frail and "
            "housebound patients and for people with complex long-term conditions, after concerns "
            "from clinicians that a shared front door could erode continuity of care. The hub is "
            "part-funded through the network's additional roles budget.</p><p>Maureen Oakes, who "
            "chairs the patient participation group at one of the practices, said most patients "
            'had adapted quickly. "The complaint we used to hear was that you could not get '
            "through. Now it is more often that people want to see their usual doctor, which is a "
            'better problem to have," she said.</p>'
        ),
        "authors": ["sunita-chaudhry"],
        "tags": ["Primary Care", "Digital"],
        "days_ago": 16,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of four care navigators wearing headsets at computer screens in an "
            "open-plan office"
        ),
        "picture": ("office", {"people": 4, "headsets": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "news",
        "title": (
            "Round-the-clock mental health crisis line answers nine in ten calls within a minute"
        ),
        "standfirst": (
            "A review at Severnside Community and Mental Health NHS Trust found its 24/7 crisis "
            "line is now answering most calls promptly, but demand overnight has risen by 40% in "
            "two years."
        ),
        "body": (
            "<p>A 24-hour mental health crisis line run by Severnside Community and Mental Health "
            "NHS Trust is answering 91% of calls within 60 seconds, an internal review has found, "
            "up from 68% two years ago.</p><p>The improvement follows the recruitment of 22 "
            "additional call handlers and mental health practitioners, and a change that allows "
            "callers to be transferred directly to a crisis resolution and home treatment team "
            "without being asked to repeat their details.</p><p>The review also found that calls "
            "between midnight and 6am have increased by 40% over two years, with a growing "
            "proportion coming from people under 25. The trust has extended the opening hours of "
            "its two crisis cafes and is piloting a joint response car with the ambulance service "
            "on Friday and Saturday nights.</p><p>Dr Tobias Renwick, clinical director for urgent "
            "and crisis care, said the line was increasingly acting as an alternative to "
            'emergency departments. "For many people in distress, a busy A&amp;E waiting room is '
            "the worst possible place to be. A calm voice and a practitioner who can visit the "
            'same night is usually far better," he said.</p><p>Anyone in England who needs '
            "urgent help with their mental health can call NHS 111 and choose the mental health "
            "option, or call 999 in an emergency.</p>"
        ),
        "authors": ["sunita-chaudhry"],
        "tags": ["Mental Health", "Urgent Care"],
        "days_ago": 21,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": False,
        "image_alt": (
            "Illustration of a practitioner in a headset taking a call at a desk, with the night "
            "sky in the window"
        ),
        "picture": ("office", {"people": 1, "headsets": True, "night": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "news",
        "title": "Council and ICB pool £14m to speed hospital discharges into home care",
        "standfirst": (
            "Ashbridge Borough Council and Kingsmere and Vale ICB will jointly commission a "
            "home-first discharge service, aiming to cut the number of people in hospital beds "
            "who are well enough to leave."
        ),
        "body": (
            "<p>A council and an integrated care board have agreed to pool £14m to fund a joint "
            "discharge service, in a bid to reduce the number of patients who remain in hospital "
            "after they are medically fit to go home.</p><p>On an average day, around 190 "
            "patients from the Ashbridge area are in hospital beds across the Kingsmere and Vale "
            "system despite no longer needing acute care. The new service aims to bring that "
            "figure below 120 within a year by expanding reablement and guaranteeing home care "
            "packages within 48 hours of a referral.</p><p>The pooled budget will fund 35 "
            "additional reablement workers and allow the council to pay home care providers an "
            "enhanced hourly rate for discharge packages, in return for a commitment to start "
            "care within two days. A single team of social workers, therapists and discharge "
            "nurses will be based at Calderbridge General Hospital.</p><p>Martin Oyelaran, "
            "director of adult social services at Ashbridge, said the arrangement recognised that "
            'delays were a shared problem. "For years we have argued about whose budget a '
            "delayed discharge sits in. The person in the bed does not care. They want to go "
            "home,\" he said.</p><p>The local care providers' association welcomed the higher "
            "rate, but warned that recruiting enough care workers in rural parts of the borough "
            "would remain difficult while pay in retail and hospitality continued to rise.</p>"
        ),
        "authors": ["callum-devereux"],
        "tags": ["Social Care", "Integrated Care"],
        "days_ago": 29,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [
            [
                "correction",
                (
                    "An earlier version of this article gave the value of the pooled budget as "
                    "£41m. The correct figure is £14m, and the article has been amended."
                ),
            ],
        ],
        "comments_open": True,
        "image_alt": (
            "Illustration of a care worker carrying a folder outside the front door of a house"
        ),
        "picture": ("house", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "featured",
        "title": "The productivity puzzle: why more staff has not yet meant more patients treated",
        "standfirst": (
            "Hospitals employ more clinicians than before the pandemic, yet activity has only "
            "recently caught up. We asked finance directors, clinicians and analysts where the "
            "time has gone, and what is starting to work."
        ),
        "body": (
            "<p>Walk into the finance office of almost any acute trust and you will find a chart "
            "that nobody likes to show the board. One line, representing the number of doctors "
            "and nurses on the payroll, climbs steadily upwards. The other, showing operations, "
            "outpatient appointments and diagnostic tests delivered, rises more slowly and in "
            "places has barely moved. The gap between the two is the productivity puzzle, and it "
            "has become one of the most argued-over questions in the health service.</p><p>At "
            "Northfield Teaching Hospitals, the clinical workforce has grown by 14% over five "
            'years. Elective activity is up by 9%. "On paper that looks like we have become less '
            'efficient," says Farida Clough, the trust\'s director of finance. "But when you '
            "unpick it, a lot of those extra people are doing work that did not exist before, or "
            'work that has become harder."</p><h2>Where the time goes</h2><p>The explanations '
            "offered by the people we spoke to fall into a few familiar groups. Patients are "
            "older and more complex, and many waited so long for treatment that their condition "
            "worsened. Beds occupied by people who are well enough to leave mean operating lists "
            "are cancelled or shortened. Many of the additional staff are resident doctors in "
            "training or newly qualified nurses who need supervision before they can work at full "
            "pace. And ageing buildings and slow IT systems quietly eat into every "
            "clinic.</p><p>Dr Kwame Ellery, a consultant anaesthetist at Eastmere University "
            'Hospitals, puts it bluntly. "I can lose forty minutes of a theatre list waiting for '
            "a bed on the ward, a porter, or a computer that takes three minutes to log in. None "
            'of that shows up as a cost. It just shows up as one fewer patient."</p><blockquote '
            'class="pull-quote">"None of that shows up as a cost. It just shows up as one '
            'fewer patient."</blockquote><h2>What is starting to work</h2><p>The trusts making '
            "the fastest progress tend to focus on the unglamorous. Northfield's theatre "
            "scheduling team now books lists six weeks ahead, using historical case times rather "
            "than surgeons' estimates, and has raised the number of cases per list by an average "
            "of 0.7. Eastmere has moved more than a fifth of its outpatient follow-ups to "
            "patient-initiated follow-up, so that people with stable conditions contact the "
            "hospital when they need to rather than attending routine reviews. Several trusts "
            "have invested in advice and guidance services that let GPs consult a specialist "
            "without making a referral.</p><p>Analysts at the <a "
            'href="https://example.org/carrow-institute/productivity">Carrow Institute</a> '
            "caution against expecting overnight change. Their modelling suggests that around "
            "half of the gap could be recovered through better flow and scheduling, but the rest "
            'reflects changes in the patients the NHS is treating. "Productivity is not a single '
            'dial you can turn," says one. "It is a thousand small frictions, and each one has '
            'an owner somewhere in the building."</p><p>For finance directors such as Ms Clough, '
            "the lesson is that growth in the workforce needs to be matched by investment in the "
            'things that let staff use their time well. "We spent a decade hiring people and not '
            'fixing the roof, the IT or the discharge pathway," she says. "Now we are paying '
            "for it in lost activity. The good news is that every one of those problems is "
            'fixable."</p>'
        ),
        "authors": ["callum-devereux"],
        "tags": ["Finance", "Elective Care"],
        "days_ago": 5,
        "featured": True,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of people at a meeting table watching a large screen with a bar chart "
            "and a rising line"
        ),
        "picture": ("chart_screen", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "featured",
        "title": "Inside the trust that rebuilt its culture one conversation at a time",
        "standfirst": (
            "Three years after a critical inspection report, Brackenfield Hospitals NHS Trust has "
            "a very different staff survey. Its leaders say compassionate leadership is not soft, "
            "and that it took structure, data and some uncomfortable meetings."
        ),
        "body": (
            "<p>When inspectors published their report on Brackenfield Hospitals NHS Trust three "
            "years ago, the sentence that stung most was not about clinical care. It described a "
            'culture in which staff "did not feel able to raise concerns without fear of '
            'consequences". Fewer than half of staff said they would recommend the trust as a '
            "place to work, and the emergency department had lost a third of its senior nurses in "
            "eighteen months.</p><p>Today the picture is markedly different. In the most recent "
            "staff survey, 67% said they would recommend Brackenfield as a place to work, and the "
            "proportion who felt safe to speak up about concerns rose from 52% to 74%. Nursing "
            "vacancies have halved. Leaders are careful not to declare victory, but they are "
            "willing to talk about how they got here.</p><h2>Listening before fixing</h2><p>The "
            "first year was spent almost entirely listening. Executive directors were each "
            "assigned a group of wards and departments, which they visited every fortnight "
            'without an agenda. "The rule was that we were not allowed to solve anything in the '
            'room," says Olusegun Harte, the trust\'s chief executive. "We wrote it down, we '
            "came back, and we told people what we had done about it, or why we could "
            'not."</p><p>That discipline mattered more than any single initiative, according to '
            "staff we spoke to. Kerry Blythe, a ward manager in acute medicine, remembers the "
            'first visit with scepticism. "We had seen it before. Someone in a lanyard turns up, '
            "nods, and nothing happens. The difference this time was that they kept coming back, "
            'and they admitted when they had got something wrong."</p><blockquote '
            'class="pull-quote">"The difference this time was that they kept coming back, and '
            'they admitted when they had got something wrong."</blockquote><h2>Structure as well '
            "as kindness</h2><p>Mr Harte is wary of the idea that compassionate leadership simply "
            "means being nice. The trust introduced a civility and respect programme with clear "
            "expectations of behaviour, a freedom to speak up guardian with direct access to the "
            "chair, and a rule that every formal disciplinary case involving a member of staff "
            "from an ethnic minority background is reviewed by a senior manager before it "
            "proceeds. Managers are assessed on how their teams rate them, not only on "
            'performance targets.</p><p>"Compassion without accountability is just sentiment," '
            'he says. "People need to know what good looks like, and they need to see that poor '
            "behaviour is challenged, whoever it comes from. That includes consultants and "
            'executives."</p><p>Not everything has worked. An early attempt to introduce '
            "wellbeing champions on every ward faltered because staff were given no protected "
            "time for the role. And some teams, particularly in theatres, still report higher "
            "levels of bullying than the trust average. But the board now receives a quarterly "
            "culture report alongside its finance and performance data, and Mr Harte argues that "
            'is the real change. "For years we treated culture as something that happened to us. '
            "Now it is something we measure, discuss and manage, like anything else that affects "
            'patient safety."</p>'
        ),
        "authors": ["sunita-chaudhry"],
        "tags": ["Leadership", "Workforce"],
        "days_ago": 10,
        "featured": True,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of hospital staff standing together in a ward corridor under a Ward 7 "
            "sign"
        ),
        "picture": ("huddle", {"board": False}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "featured",
        "title": (
            "Learning, not blaming: how trusts are changing the way they respond to safety "
            "incidents"
        ),
        "standfirst": (
            "The shift from root cause analysis towards system-based learning has changed how "
            "trusts investigate when things go wrong. Families, clinicians and safety leads told "
            "us what has improved, and what still worries them."
        ),
        "body": (
            "<p>For most of the last two decades, a serious incident in an NHS hospital set off a "
            "familiar process. A report would be commissioned, a timeline constructed and a root "
            "cause identified, often within a tight deadline. Action plans followed. Too often, "
            "say safety specialists, the same kinds of incident happened again a year later in "
            "another ward.</p><p>The national move towards a more flexible, learning-focused "
            "framework for incident response was meant to change that. Instead of investigating "
            "every incident in the same way, trusts now set out in advance which types of event "
            "they will examine in depth, and use a wider range of methods, from short "
            "after-action reviews to detailed system-based investigations, to understand why "
            "things happen.</p><h2>Fewer reports, deeper learning</h2><p>At Eastmere University "
            "Hospitals NHS Trust, the number of full investigations has fallen from around 90 a "
            "year to 24, but each now takes a closer look at the conditions that made an error "
            "more likely. Sophie Marlowe, the trust's head of patient safety, says the difference "
            'is striking. "We used to write that a nurse failed to check a wristband. Now we ask '
            "why the wristband printer on that ward had been broken for a fortnight, and why "
            'nobody felt able to escalate it."</p><p>Clinicians we spoke to describe the '
            "approach as fairer, and more likely to produce changes that last. A review of falls "
            "at night led Eastmere to change the lighting on two elderly care wards and alter the "
            "timing of medication rounds, rather than issuing another reminder to staff about "
            'observation.</p><blockquote class="pull-quote">"We used to write that a nurse '
            "failed to check a wristband. Now we ask why the printer had been broken for a "
            'fortnight."</blockquote><h2>Keeping families at the centre</h2><p>Not everyone is '
            "convinced. Families who have been through investigations say the new approach can "
            "feel less transparent if they are not closely involved from the start. Gillian "
            "Pardoe, whose father died after a delayed diagnosis at a hospital outside the "
            'region, says what she wanted most was honesty. "I did not need a root cause. I '
            "needed someone to sit down with me, tell me what happened in plain English, and tell "
            "me what would change. That should not depend on which framework is in "
            'fashion."</p><p>Safety leaders acknowledge that engagement with patients and '
            "families is the part of the system that still varies most. Several trusts have "
            "appointed dedicated family liaison officers, and Eastmere now offers every family "
            "affected by a full investigation a named contact and a meeting before the terms of "
            "reference are agreed.</p><p>The test, says Ms Marlowe, will be whether harm falls "
            'over time. "It is easy to change the paperwork. It is much harder to change what '
            "happens on a Tuesday night on a busy ward. That is the only measure that really "
            'counts."</p>'
        ),
        "authors": ["amara-osei-bright"],
        "tags": ["Patient Safety", "Leadership"],
        "days_ago": 17,
        "featured": True,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": False,
        "image_alt": (
            "Illustration of a clinical team standing in front of a whiteboard with notes, sticky"
            " notes and a chart"
        ),
        "picture": ("huddle", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "featured",
        "title": "Validating the waiting list: the unglamorous work behind shorter queues",
        "standfirst": (
            "Clinical and administrative validation can remove thousands of entries that no "
            "longer need a hospital appointment. Done well, it also finds the patients whose "
            "condition has quietly worsened."
        ),
        "body": (
            "<p>Every trust's waiting list contains people who no longer need to be on it. Some "
            "have moved away, some have been treated elsewhere, some have recovered and a small "
            "number have died. Others have simply lost touch. Finding them is slow, repetitive "
            "work, but it is increasingly seen as one of the most effective ways to make a "
            "waiting list both shorter and safer.</p><p>At Kingsmere General Hospital, part of "
            "the Kingsmere and Vale system, a dedicated validation team of twelve administrators "
            "and two clinical reviewers contacted 31,000 patients over nine months. Around 11% of "
            "them confirmed they no longer needed their appointment. The trust estimates that the "
            "exercise released the equivalent of 4,800 outpatient slots.</p><h2>Technology does "
            "the first pass</h2><p>Much of the initial work is now automated. Patients receive a "
            "text message or NHS App notification asking whether they still need to be seen, with "
            "a simple yes or no response and a phone number for anyone who wants to talk to a "
            "person. Data quality checks flag records where a patient has already had the "
            'procedure, been discharged or been referred twice by mistake.</p><p>"The software '
            'is good at the obvious cases," says Danielle Okafor-Reeves, who leads the '
            "validation team. \"What it cannot do is notice that a patient's answers suggest they "
            'are getting worse. That is where the clinical reviewers come in."</p><blockquote '
            'class="pull-quote">"The software is good at the obvious cases. What it cannot do '
            'is notice that a patient is getting worse."</blockquote><h2>Finding the patients at '
            "risk</h2><p>Clinicians involved in validation stress that its main purpose should be "
            "safety, not simply shrinking the numbers. At Kingsmere, 3% of patients contacted "
            "reported new or worsening symptoms, and 140 were brought forward for an earlier "
            "appointment. Two were found to need urgent cancer investigation.</p><p>There are "
            "risks. Patients who do not respond to messages, often older people or those whose "
            "first language is not English, can be wrongly removed if trusts are not careful. "
            "Kingsmere's policy is that nobody is taken off the list without either a positive "
            "confirmation or a review by a clinician and a letter to their GP.</p><p>The work is "
            'rarely celebrated in board papers, but those doing it are clear about its value. "A '
            'waiting list is not a number," says Ms Okafor-Reeves. "It is thirty thousand '
            "individual people, and every one of them deserves to know whether they are still in "
            'the queue and why."</p>'
        ),
        "authors": ["amara-osei-bright", "niamh-garvey"],
        "tags": ["Elective Care", "Digital", "Patient Safety"],
        "days_ago": 27,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a person at a desk working on two computer screens, one showing a "
            "list and the other a chart"
        ),
        "picture": ("office", {"people": 1, "screens": 2}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "columnists",
        "title": "Flow is a whole-system problem, so let's stop blaming the front door",
        "standfirst": (
            "Every winter the emergency department becomes the public face of a problem that "
            "starts and ends elsewhere. Helen Marchbank argues that fixing flow means looking at "
            "the back door first."
        ),
        "body": (
            "<p>Every winter, without fail, I am asked the same question by someone who has just "
            "seen a photograph of a crowded corridor: what is going wrong in your emergency "
            "department? It is a fair question, and I understand why it is asked. But it is "
            "almost always the wrong one.</p><p>On a typical weekday at Northfield, somewhere "
            "between 110 and 130 of our beds are occupied by people who no longer need to be in "
            "hospital. They are waiting for a care package, a place in a care home, a piece of "
            "equipment or a community therapy assessment. That is roughly the size of four wards. "
            "When those beds are full, patients who need admission wait in the emergency "
            "department, ambulances wait outside, and the queue extends back into the "
            "community.</p><h2>The emergency department is the symptom</h2><p>I have enormous "
            "respect for the emergency teams who carry the weight of this every day. They are not "
            "the cause of the problem, and they cannot solve it alone. Yet a great deal of "
            "national attention, and a great deal of improvement funding, has been aimed at the "
            "front door. We have redesigned triage, expanded same day emergency care and opened "
            "new assessment units. All of that has helped. None of it creates a single extra "
            'bed.</p><blockquote class="pull-quote">We have redesigned the front door many '
            "times. None of it creates a single extra bed.</blockquote><p>The harder work is at "
            "the other end of the patient's journey. It means ward rounds that start early and "
            "end with clear decisions. It means discharge planning from the day of admission, not "
            "the day before someone is ready to leave. And it means a genuine partnership with "
            "social care, in which we stop arguing about whose budget a delayed discharge belongs "
            "to and start treating it as a shared failure.</p><h2>What I am asking of my own "
            "trust</h2><p>I do not want to sound as though I am blaming our partners. There is "
            "plenty we could do better inside our own walls. Too many of our discharges still "
            "happen late in the afternoon, when community teams have gone home. Too many "
            "medicines are still waiting to be dispensed at four o'clock. This year we have set "
            "every ward a simple goal: a third of discharges before midday, and a named person "
            "responsible for each patient's plan.</p><p>If we get the back door right, the front "
            "door will look after itself far more often than it does now. And perhaps, next "
            "winter, the photograph will be of an empty corridor.</p>"
        ),
        "authors": ["helen-marchbank"],
        "tags": ["Urgent Care", "Social Care"],
        "days_ago": 3,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a hospital corridor with an empty trolley under a sign reading "
            "Discharge lounge"
        ),
        "picture": ("corridor", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "columnists",
        "title": "Integrated care boards need fewer priorities, not longer plans",
        "standfirst": (
            "ICBs were set up to join up care around populations. Marcus Fairlie argues that, "
            "squeezed by running cost cuts and national targets, they risk trying to do "
            "everything and achieving very little."
        ),
        "body": (
            "<p>I recently counted the priorities in the five-year joint forward plan of one "
            "integrated care board I have been working with. There were 47. Some were national "
            "requirements, some were local ambitions and some, as far as I could tell, had been "
            "added after a particularly persuasive workshop. Not one had been removed since the "
            "first version.</p><p>I do not say this to mock anyone. The people who write these "
            "plans are usually conscientious and overstretched, and they are trying to satisfy "
            "several masters at once. But I have become convinced that the single biggest risk to "
            "integrated care is not a shortage of money or powers. It is a lack of "
            "focus.</p><h2>The arithmetic of attention</h2><p>ICBs are being asked to cut their "
            "running costs substantially while holding systems to account for elective recovery, "
            "urgent care, mental health access, financial balance and much else besides. At the "
            "same time they are meant to be leading a long-term shift towards prevention and care "
            "closer to home. The maths does not work. An organisation with fewer people and more "
            "priorities will end up doing each of them less well.</p><blockquote "
            'class="pull-quote">An organisation with fewer people and more priorities will end '
            "up doing each of them less well.</blockquote><p>The boards that seem to be making "
            "real progress have made hard choices. One I know well decided to concentrate almost "
            "all its discretionary effort on two things: frail older people living with several "
            "long-term conditions, and children's mental health. Everything else was treated as "
            "business as usual, with the national requirements met but not gold-plated. Three "
            "years in, emergency admissions among its frailest patients are down, and it can show "
            "why.</p><h2>Permission to stop</h2><p>Focus requires permission, and that has to "
            "come partly from national bodies. If every new initiative arrives with its own "
            "reporting requirements, ICBs will keep spreading themselves thinner. I would like to "
            "see a simple rule: for every new national ask, one existing ask is "
            "retired.</p><p>But ICBs cannot wait to be given permission. Their boards should be "
            "asking, at every meeting, what they have stopped doing this quarter. If the answer "
            "is nothing, that is a warning sign. Integration was always meant to be about doing "
            "fewer things, better, together. It is time we held ourselves to that.</p>"
        ),
        "authors": ["marcus-fairlie"],
        "tags": ["Integrated Care", "Finance"],
        "days_ago": 11,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of six board members seated at a long table with a single document in "
            "front of them"
        ),
        "picture": ("meeting", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "columnists",
        "title": "Access is not the same as a phone answered at eight o'clock",
        "standfirst": (
            "General practice has transformed how patients get in touch. Dr Ruth Kaminski says "
            "the next challenge is making sure the right patients see the same clinician, and "
            "that speed does not crowd out continuity."
        ),
        "body": (
            "<p>Two years ago, our phone lines opened at eight in the morning and were usually "
            "jammed by five past. Patients would redial dozens of times, and by half past eight "
            "every on-the-day appointment was gone. It was miserable for patients, miserable for "
            "our reception team and, frankly, a poor way to decide who needed a doctor "
            "most.</p><p>Today, almost everything at Fenwick Lane comes through a single online "
            "and telephone triage system. Every request is read by a clinician, usually within "
            "two hours. Our phones are answered far more quickly, and patients with urgent "
            "problems are seen the same day. By most of the measures that get reported, our "
            "access has never been better.</p><h2>The patients who slip through</h2><p>And yet I "
            "worry. The people who benefit most from our new system are, broadly, those who are "
            "confident, organised and online. They describe their symptoms clearly and they "
            "respond promptly when we message them. The patients I lose sleep over are different. "
            "They are the elderly man with heart failure who does not think his breathlessness is "
            "worth bothering us about, or the young mother who does not have the words to explain "
            'that she is not coping.</p><blockquote class="pull-quote">Fast access for the '
            "confident is not the same thing as good care for the vulnerable.</blockquote><p>What "
            "those patients need most is not speed. It is a clinician who knows them, who notices "
            "when something has changed, and whom they trust enough to tell the truth. The "
            "evidence on continuity of care is strong: it is associated with fewer emergency "
            "admissions and better outcomes, and it makes our working lives more satisfying "
            "too.</p><h2>Measuring what matters</h2><p>So we are trying to build continuity back "
            "into a system designed for speed. Every patient with a complex condition has a named "
            "GP, and our triage team routes their requests to that doctor whenever possible. We "
            "keep a proportion of appointments free for pre-booked continuity follow-ups, rather "
            "than releasing everything on the day.</p><p>None of this shows up in the headline "
            "figures that practices are judged on, which still focus heavily on how quickly "
            "patients are seen. I would like to see commissioners pay as much attention to how "
            "often a patient sees the same clinician as to how quickly their call was answered. "
            "Access should mean getting the right care from the right person, not just getting "
            "through.</p>"
        ),
        "authors": ["ruth-kaminski"],
        "tags": ["Primary Care"],
        "days_ago": 18,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a GP and an older patient talking across a desk with a stethoscope "
            "on it"
        ),
        "picture": ("consultation", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "columnists",
        "title": "Retention starts on the first night shift",
        "standfirst": (
            "Recruitment campaigns get the headlines, but Bernadette Quayle argues that the "
            "decision to stay in nursing is often made in the first few months, and that leaders "
            "are not paying enough attention to it."
        ),
        "body": (
            "<p>I still remember my first night shift as a newly qualified nurse. I was "
            "responsible for 28 patients on an acute admissions ward, with a healthcare assistant "
            "and a nurse in charge who was covering two wards. At three in the morning, a patient "
            "deteriorated and I realised I did not know where the oxygen cylinders were kept. I "
            "did not sleep properly for a week afterwards, and I very nearly left.</p><p>That was "
            "a long time ago, but when I talk to newly registered nurses today, I hear versions "
            "of the same story. Our own data at Severnside shows that nurses are most likely to "
            "leave in their first two years, and the exit interviews point to the same themes: "
            "feeling unsupported, being given responsibility too quickly, and not feeling that "
            "anyone noticed how they were doing.</p><h2>Preceptorship is not a tick "
            "box</h2><p>Every trust has a preceptorship programme, and most of them look good on "
            "paper. In practice, protected time for new starters is the first thing to go when a "
            "ward is short-staffed, and the experienced nurses expected to support them are often "
            "stretched to breaking point themselves. A programme that exists only in a policy "
            "document is worse than none, because it tells people we do not mean what we "
            'say.</p><blockquote class="pull-quote">A preceptorship programme that exists only '
            "in a policy document tells people we do not mean what we say.</blockquote><p>Over "
            "the last year we have made three changes:</p><ul><li>No newly qualified nurse works "
            "a night shift in their first six weeks.</li><li>Every preceptee has a named "
            "supporter outside their own ward, so they have someone to talk to who is not their "
            "line manager.</li><li>Our senior nurses, including me, hold monthly open sessions "
            "where new starters can raise anything at all, from rota problems to a difficult "
            "death.</li></ul><h2>Leaders have to show up</h2><p>The early signs are encouraging: "
            "first-year leaver rates have fallen from 19% to 12%. But the most important thing we "
            "have learned is not about any single intervention. It is that new nurses notice "
            "whether senior leaders are interested in them. When a director walks onto a ward at "
            "night and asks how someone is getting on, it matters more than any glossy "
            "recruitment campaign.</p><p>We spend a great deal of money attracting people into "
            "the profession. We should spend at least as much effort making sure that their first "
            "night shift is not their last.</p>"
        ),
        "authors": ["bernadette-quayle"],
        "tags": ["Workforce", "Leadership"],
        "days_ago": 25,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of two nurses on a hospital ward at night, with patients in their beds "
            "and the moon in the window"
        ),
        "picture": ("ward", {"night": True, "staff": 2}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "columnists",
        "title": "Our crumbling estate is a clinical risk, and net zero is part of the fix",
        "standfirst": (
            "Helen Marchbank argues that decarbonisation should not be treated as a "
            "sustainability sideline, because the same investment that cuts emissions also keeps "
            "wards open."
        ),
        "body": (
            "<p>Last February, a heating pipe failed above one of our older wards in the middle "
            "of the night. Nobody was hurt, but 24 patients had to be moved at short notice, two "
            "operating lists were cancelled the following day and the ward was closed for nine "
            "days. The pipe was installed before I was born.</p><p>I mention this because "
            "conversations about net zero in the NHS still tend to happen in a separate room from "
            "conversations about patient safety and operational performance. Sustainability is "
            "often presented as an admirable aspiration that we will get to once the urgent work "
            "is done. I think that is a mistake, and an expensive one.</p><h2>The same problem, "
            "seen twice</h2><p>At Northfield, our backlog maintenance bill is now larger than our "
            "entire annual capital allocation. Much of it relates to heating, ventilation and "
            "electrical systems that are not only at risk of failure but also hugely inefficient. "
            "When we replace a steam boiler with a heat pump, or an ageing ventilation unit with "
            "a modern one, we reduce emissions and remove a risk to patients in the same "
            'stroke.</p><blockquote class="pull-quote">When we replace an ageing boiler we '
            "reduce emissions and remove a risk to patients in the same "
            "stroke.</blockquote><p>Framing these projects as environmental initiatives sometimes "
            "makes them harder to fund, because they look optional next to a new scanner or an "
            "extra ward. Framing them as what they are, essential infrastructure that keeps "
            "services running, changes the conversation with boards and with funders.</p><h2>What "
            "would help</h2><p>Trusts need multi-year capital settlements that allow us to plan "
            "major engineering work properly, rather than scrambling to spend one-off allocations "
            "before the end of March. We need specialist estates staff, who are increasingly hard "
            "to recruit against private sector salaries. And we need the freedom to combine "
            "clinical and sustainability investment in a single business case, rather than "
            "splitting them into separate bids with different rules.</p><p>Our patients will "
            "never thank us for a new energy centre. But they will notice if their ward stays "
            "open through the winter, and the planet will notice the rest.</p>"
        ),
        "authors": ["helen-marchbank"],
        "tags": ["Estates", "Finance"],
        "days_ago": 39,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a plant room with old pipes, a valve and a boiler beside three new "
            "heat pump units"
        ),
        "picture": ("energy", {"plant_room": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "nhe-tv",
        "title": "NHE TV: A night on the virtual ward",
        "standfirst": (
            "We spent a night shift with the team running Eastmere's virtual ward, caring for "
            "more than 60 patients in their own homes using remote monitoring and home visits."
        ),
        "body": (
            "<p>Virtual wards are often discussed in terms of bed numbers and technology. In this "
            "film, NHE TV joins the clinical team at Eastmere University Hospitals NHS Trust "
            "overnight to see what they look like in practice.</p><p>From a monitoring hub on the "
            "hospital site, nurses and advanced clinical practitioners keep watch over patients "
            "recovering from respiratory infections and heart failure, with readings from home "
            "devices arriving every few hours. We follow one alert from the first abnormal oxygen "
            "reading through a video call to a home visit before dawn.</p><p>The team talks "
            "candidly about what works, which patients are not suitable for care at home, and why "
            "the relationship with community nursing matters as much as any piece of kit.</p>"
        ),
        "authors": ["joe-whitlock", "niamh-garvey"],
        "tags": ["Digital", "Urgent Care"],
        "days_ago": 6,
        "featured": False,
        "video_url": "https://www.youtube.com/watch?v=q3LmV8xTz0A",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a clinician at a desk at night watching patient readings on "
            "three screens"
        ),
        "picture": ("office", {"people": 1, "screens": 3, "night": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "nhe-tv",
        "title": "NHE TV: What does a compassionate board meeting look like?",
        "standfirst": (
            "A chair, a chief executive and a staff governor discuss how boards can model the "
            "behaviours they expect from everyone else, and why it starts with how the meeting "
            "itself is run."
        ),
        "body": (
            "<p>Boards talk a great deal about compassionate leadership, but how often do they "
            "practise it in their own meetings? In this NHE TV panel, a trust chair, an ICB chief "
            "executive and a staff governor share what they have changed in their own "
            "boardrooms.</p><p>The discussion covers starting every public board meeting with a "
            "patient or staff story, giving non-executives time to ask difficult questions "
            "without defensiveness, and how to handle bad news without looking for someone to "
            "blame. The panel also considers how boards can keep a focus on culture when finances "
            "are tight.</p><p>The conversation runs for around 25 minutes and is suitable for "
            "board development sessions.</p>"
        ),
        "authors": ["joe-whitlock"],
        "tags": ["Leadership"],
        "days_ago": 14,
        "featured": False,
        "video_url": "https://www.youtube.com/watch?v=Rk2pW9sYb4E",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": "Illustration of three people seated in armchairs on an NHE TV studio set",
        "picture": ("studio", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "nhe-tv",
        "title": "NHE TV: Six theatres, one list: inside an elective surgical hub",
        "standfirst": (
            "Our cameras follow a day at the Elmstead Elective Centre, where ring-fenced beds and "
            "careful scheduling have helped cut orthopaedic waits."
        ),
        "body": (
            "<p>The Elmstead Elective Centre at Northfield Teaching Hospitals has become a "
            "reference point for trusts looking to protect planned surgery from winter pressures. "
            "NHE TV spent a day there, from the morning theatre huddle to the final patient "
            "leaving recovery.</p><p>We hear from the theatre coordinator who builds each list "
            "weeks in advance, an anaesthetist on why predictability makes her job safer, and a "
            "patient who had waited more than a year for a knee replacement before being "
            "transferred to the hub.</p><p>The film also looks at the trade-offs, including the "
            "challenge of staffing additional theatres and the pressure to open hub beds to "
            "emergency patients on the busiest days.</p>"
        ),
        "authors": ["joe-whitlock", "amara-osei-bright"],
        "tags": ["Elective Care"],
        "days_ago": 24,
        "featured": False,
        "video_url": "https://www.youtube.com/watch?v=hT6uN1cQe8M",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of an operating theatre team in scrubs, caps and masks beneath two "
            "large round theatre lights"
        ),
        "picture": ("theatre", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "nhe-tv",
        "title": "NHE TV: Mental health support teams in schools, explained",
        "standfirst": (
            "Education mental health practitioners are now working in hundreds of schools. We "
            "visited one team to find out what early support for children and young people looks "
            "like day to day."
        ),
        "body": (
            "<p>Mental health support teams bring trained practitioners into schools and colleges "
            "to help children and young people with mild to moderate anxiety, low mood and "
            "behavioural difficulties before problems escalate.</p><p>In this short film, NHE TV "
            "visits a team working across eleven schools in the Severnside area. Practitioners "
            "describe running group sessions on exam stress, supporting parents, and knowing when "
            "a young person needs a referral to specialist services. A head teacher explains how "
            "the arrangement has changed the way her staff talk about wellbeing.</p><p>The film "
            "does not include any pupils, and the scenes in classrooms were recreated with staff "
            "volunteers.</p>"
        ),
        "authors": ["joe-whitlock", "sunita-chaudhry"],
        "tags": ["Mental Health"],
        "days_ago": 36,
        "featured": False,
        "video_url": "https://www.youtube.com/watch?v=Zp4dJ7wLk2R",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a practitioner with four pupils at their desks and a whiteboard "
            "asking How are you feeling?"
        ),
        "picture": ("classroom", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "last-word",
        "title": "The Last Word: Deborah Allcott on making integrated care stick",
        "interviewee": ("Deborah Allcott", "chief executive of Wealdmoor Integrated Care Board"),
        "standfirst": (
            "The chief executive of Wealdmoor Integrated Care Board on running cost cuts, shared "
            "services, the limits of strategy documents and why she still spends Fridays out in "
            "the community."
        ),
        "body": (
            "<p>Deborah Allcott has been chief executive of Wealdmoor Integrated Care Board since "
            "it was established, after a career that began as a district nurse and took in "
            "community services management and local government. She spoke to NHE as the board "
            "prepared to share its back-office functions with a neighbouring ICB.</p>"
        ),
        "authors": ["callum-devereux"],
        "tags": ["Integrated Care", "Leadership"],
        "days_ago": 8,
        "featured": False,
        "video_url": "",
        "questions": [
            [
                (
                    "You are about to share finance, HR and contracting with a neighbouring ICB. "
                    "Is this the first step towards a merger?"
                ),
                (
                    "<p>No, and I understand why people ask. We are doing this because we have to "
                    "reduce our running costs significantly, and I would rather make savings in "
                    "functions that patients never see than in the teams who work with GPs, "
                    "councils and voluntary groups every day.</p><p>If the national shape of ICBs "
                    "changes, we will respond to that. But this decision stands on its own "
                    "merits.</p>"
                ),
            ],
            [
                "What has integrated care actually changed for people in Wealdmoor?",
                (
                    "<p>The clearest example is our work with frail older people. We now have "
                    "joint teams of community nurses, social workers, therapists and GPs in each "
                    "of our six neighbourhoods, working from a shared list of people at the "
                    "highest risk of an emergency admission. Admissions from that group are down "
                    "by around 12% over two years.</p><p>It is not glamorous and it did not need "
                    "a new building. It needed people to agree to share information and trust "
                    "each other's judgement.</p>"
                ),
            ],
            [
                "Critics say ICBs produce strategies rather than results. Is that fair?",
                (
                    "<p>Partly, yes. In the early days we spent too much time writing plans, "
                    "partly because that was what was expected of us. I think the best thing we "
                    "have done since is cut our list of system priorities from over thirty to "
                    "five, and stop measuring things we had no intention of acting on.</p>"
                ),
            ],
            [
                "How do you hold providers to account while also being their partner?",
                (
                    "<p>By being honest about both roles. Our trusts know that if performance "
                    "slips we will ask hard questions, and that we will do it privately first. "
                    "But they also know we will go into bat for them when national decisions do "
                    "not reflect local reality. Trust is built by being consistent, not by being "
                    "nice.</p>"
                ),
            ],
            [
                "You still spend Fridays out in the system. Why?",
                (
                    "<p>Because the board papers only tell you so much. I spend most Fridays with "
                    "a different team, whether that is a GP practice, a care home or a hospital "
                    "discharge team. I learn more in a morning on a community nursing round than "
                    "in a week of meetings.</p><p>It also reminds people that the ICB is made up "
                    "of human beings, which is easy to forget when you only hear from us by "
                    "email.</p>"
                ),
            ],
            [
                "What is the biggest risk facing your system over the next year?",
                (
                    "<p>Money, inevitably, but specifically the risk that financial pressure "
                    "pushes everyone back into their own organisational silos. When budgets are "
                    "tight, the instinct is to protect your own. The whole point of integration "
                    "is to resist that instinct, and it will be tested hard this year.</p>"
                ),
            ],
            [
                (
                    "And finally, what would you tell someone thinking of taking on an ICB chief "
                    "executive role?"
                ),
                (
                    "<p>Do it if you are comfortable with influence rather than control. You will "
                    "rarely be able to instruct anyone to do anything, so you have to persuade, "
                    "listen and keep turning up. If you need to see your name on a new building, "
                    "this is not the job for you.</p>"
                ),
            ],
        ],
        "corrections": [],
        "comments_open": True,
        "image_alt": "Illustrated portrait of a woman with grey hair in front of a health centre",
        "picture": ("portrait", {"grey_hair": True, "health_centre": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "last-word",
        "title": "The Last Word: Dr Ifeoma Larkworthy on safety, data and saying sorry",
        "interviewee": (
            "Dr Ifeoma Larkworthy",
            "chief medical officer at Eastmere University Hospitals NHS Trust",
        ),
        "standfirst": (
            "Eastmere's chief medical officer talks about learning from incidents, the promise "
            "and limits of digital tools, and why candour has to start at the top."
        ),
        "body": (
            "<p>Dr Ifeoma Larkworthy is chief medical officer at Eastmere University Hospitals "
            "NHS Trust and a practising consultant in respiratory medicine. She joined the "
            "trust's board four years ago and has led its changes to incident response and its "
            "move to a single electronic patient record.</p>"
        ),
        "authors": ["amara-osei-bright"],
        "tags": ["Patient Safety", "Digital", "Leadership"],
        "days_ago": 23,
        "featured": False,
        "video_url": "",
        "questions": [
            [
                "You still do clinical work alongside a board role. How do you make that work?",
                (
                    "<p>With difficulty, and with a very understanding team. I do one clinical "
                    "session a week and a share of the on-call rota for my specialty. It keeps me "
                    "honest. When I ask colleagues to adopt a new process, I have to live with it "
                    "myself.</p>"
                ),
            ],
            [
                "Eastmere has changed how it responds to safety incidents. What is different?",
                (
                    "<p>We investigate fewer incidents in depth, but we do it much more "
                    "thoroughly, and we look at the whole system rather than searching for the "
                    "individual who made the last mistake. The question is no longer who did "
                    "this, but what made it likely to happen.</p><p>Staff have noticed. Reporting "
                    "of near misses has risen by about a third, which I regard as a very good "
                    "sign.</p>"
                ),
            ],
            [
                (
                    "Some families worry that the new approach is less transparent. What do you "
                    "say to them?"
                ),
                (
                    "<p>That their concern is legitimate, and we have to earn their confidence. "
                    "Every family affected by a full investigation now has a named contact and is "
                    "invited to help shape the questions we ask. If a family feels shut out, we "
                    "have failed, whatever framework we are using.</p>"
                ),
            ],
            [
                "How important is saying sorry?",
                (
                    "<p>It is the most important thing. Saying sorry is not an admission of "
                    "liability, it is a basic human response, and the duty of candour exists to "
                    "make sure it happens. I try to be in the room for the most serious "
                    "conversations with families. It is hard, but people deserve to hear it from "
                    "someone who is accountable.</p>"
                ),
            ],
            [
                (
                    "The trust moved to a single electronic patient record last year. Has it made "
                    "care safer?"
                ),
                (
                    "<p>In some areas, clearly. Medication errors linked to illegible or missing "
                    "prescriptions have fallen sharply, and observations now trigger alerts "
                    "automatically when a patient deteriorates. But the first few months were "
                    "very hard, and we underestimated how much training people "
                    "needed.</p><p>Technology removes some risks and introduces new ones. Alert "
                    "fatigue is real, and we are still tuning the system.</p>"
                ),
            ],
            [
                "Where do you see artificial intelligence fitting in?",
                (
                    "<p>Carefully. We are piloting tools that draft clinic letters from "
                    "consultation notes and that help prioritise chest X-rays, both with a "
                    "clinician checking every output. I am optimistic about the time they could "
                    "save, but I want evidence from our own patients before we rely on them.</p>"
                ),
            ],
            [
                (
                    "What advice would you give a consultant thinking about becoming a medical "
                    "director?"
                ),
                (
                    "<p>Keep a foot in clinical practice for as long as you can, find a mentor "
                    "outside your own organisation, and remember that your job is to make it "
                    "easier for colleagues to do the right thing. You will not always be popular, "
                    "and that is fine.</p>"
                ),
            ],
        ],
        "corrections": [],
        "comments_open": True,
        "image_alt": "Illustrated portrait of a doctor in a white coat in a hospital atrium",
        "picture": ("portrait", {"white_coat": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "health-service-focus",
        "title": "Community diagnostic centres and the long road to the one-stop shop",
        "standfirst": (
            "Diagnostic centres away from main hospital sites promise quicker tests closer to "
            "home. Health Service Focus looks at what it takes to make them genuinely convenient "
            "for patients and productive for systems."
        ),
        "body": (
            "<p>Waiting for a scan or a blood test can be one of the most frustrating parts of a "
            "patient's journey. A GP suspects something, a referral is made, and then the patient "
            "waits, sometimes for weeks, for the test that will decide what happens next. "
            "Community diagnostic centres were designed to shorten that wait by moving routine "
            "imaging, physiological measurement and phlebotomy out of busy acute hospitals and "
            "into more accessible locations.</p><p>The Kingsmere and Vale system now runs three "
            "such centres, one in a former department store on a town centre high street, one on "
            "a retail park and one attached to a community hospital. Together they carry out "
            "around 9,000 tests a month, from MRI and CT scans to echocardiograms and lung "
            "function tests.</p><h2>Location, location, location</h2><p>Where a centre is sited "
            "makes a large difference to who uses it. The high street centre, close to bus "
            "routes, has the lowest rate of missed appointments in the system, at 3.1%. The "
            "retail park site, which is easier to reach by car, has struggled to attract patients "
            'from the more deprived wards to its east. "We assumed free parking would be the big '
            "selling point,\" says Rachel Dunmore, the system's diagnostics programme director. "
            '"For a lot of our patients, the bus timetable matters far more."</p><blockquote '
            'class="pull-quote">"We assumed free parking would be the big selling point. For a '
            'lot of our patients, the bus timetable matters far more."</blockquote><h2>The '
            "one-stop ambition</h2><p>The real prize is the one-stop appointment, in which a "
            "patient has every test they need on the same day, with results available to the "
            "referring clinician by the time they get home. For some pathways, such as "
            "breathlessness, the Kingsmere centres are close. Patients can have a chest X-ray, "
            "blood tests, an echocardiogram and spirometry in a single two-hour visit.</p><p>For "
            "others, the barriers are less about equipment and more about systems. Different IT "
            "platforms, separate booking teams and a shortage of reporting radiologists all slow "
            "things down. The system has invested in a shared booking hub and remote reporting, "
            "but Ms Dunmore admits the one-stop ideal is still the exception rather than the "
            "rule.</p><h2>Staffing the expansion</h2><p>The biggest constraint, as so often, is "
            "people. Radiographers, sonographers and physiologists are in short supply "
            "nationally, and new centres risk simply moving staff from one site to another. "
            "Kingsmere has responded by training assistant practitioners and offering "
            "apprenticeship routes into imaging, with the first cohort due to qualify next "
            "year.</p><p>The early results are promising: the proportion of patients waiting more "
            "than six weeks for a diagnostic test in the system has fallen from 24% to 9% since "
            "the first centre opened. The challenge now is to make sure the benefits reach the "
            "patients who need them most, not just those who find it easiest to get there.</p>"
        ),
        "authors": ["callum-devereux"],
        "tags": ["Elective Care", "Estates"],
        "days_ago": 19,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a patient lying on the table of a scanner, with a radiographer "
            "standing beside it"
        ),
        "picture": ("scanner", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "health-service-focus",
        "title": "Social care workforce: the other half of the hospital flow equation",
        "standfirst": (
            "Delayed discharges are often discussed as a hospital problem. Health Service Focus "
            "examines the care workforce that makes discharge possible, and what councils and "
            "providers are doing to recruit and keep it."
        ),
        "body": (
            "<p>Ask a hospital chief executive about delayed discharges and the conversation will "
            "quickly turn to social care. Ask a home care provider and you will hear a different "
            "version of the same story: there are packages waiting to be picked up, but not "
            "enough care workers to deliver them.</p><p>Adult social care in England relies on a "
            "workforce that is larger than the NHS hospital nursing workforce, yet far less "
            "visible. Many care workers are paid close to the legal minimum, work on zero-hours "
            "contracts and travel between visits in their own cars, often without being paid for "
            "the time. Turnover rates in some parts of the sector remain stubbornly "
            "high.</p><h2>What one borough tried</h2><p>In Ashbridge, the borough council decided "
            "two years ago to stop competing with its neighbours on price alone. It introduced a "
            "minimum hourly rate for commissioned home care that allows providers to pay care "
            "workers above the real living wage, and required providers to pay for travel time "
            "and offer guaranteed hours to staff who want them.</p><p>The effect has been gradual "
            "but measurable. Vacancy rates among the borough's main home care providers have "
            "fallen from 14% to 8%, and the number of hours of care waiting to be allocated has "
            'dropped by more than half. "People did not leave care because they did not like the '
            'work," says Anita Sorensen, who runs a home care agency with 160 staff. "They left '
            "because they could earn more stacking shelves, with less stress and no "
            'mileage."</p><blockquote class="pull-quote">"People did not leave care because '
            "they did not like the work. They left because they could earn more stacking "
            'shelves."</blockquote><h2>Careers, not just jobs</h2><p>Pay is only part of the '
            "picture. Providers in Ashbridge are working with the local college and the NHS trust "
            "on a shared training scheme, so that care workers can gain qualifications in areas "
            "such as medication administration and falls prevention. Some have moved on to become "
            "nursing associates, which the council regards as a success rather than a "
            "loss.</p><p>Joint working with health is also changing the job. Care workers in the "
            "borough's reablement service now have direct access to community therapists and a "
            "phone line to a senior nurse, so they can raise concerns before a situation becomes "
            "an emergency.</p><p>None of this comes cheap, and the council is candid that it has "
            "had to make savings elsewhere to fund it. But its director of adult social services "
            "argues that the alternative, older people stuck in hospital beds for lack of a "
            "carer, costs the wider system far more. Hospital flow, in other words, may depend on "
            "a workforce that hospitals rarely see.</p>"
        ),
        "authors": ["sunita-chaudhry"],
        "tags": ["Social Care", "Workforce"],
        "days_ago": 31,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a home care worker with a visit folder at the front door of a brick "
            "house"
        ),
        "picture": ("house", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "health-service-focus",
        "title": "Designing a digital front door that patients will actually use",
        "standfirst": (
            "Apps, online forms and patient portals promise easier access to care. Health Service "
            "Focus asks designers, clinicians and patients what separates the digital services "
            "people rely on from the ones they abandon."
        ),
        "body": (
            "<p>There is no shortage of digital front doors in the health service. Patients may "
            "be invited to use the NHS App, a GP practice's online consultation tool, a hospital "
            "patient portal and a text messaging service, sometimes all in the same week. Each "
            "was built with good intentions. Together, they can leave patients confused about "
            'where to go.</p><p>"The question we should ask is not whether something is digital, '
            "but whether it makes the patient's next step obvious,\" says Tamsin Kerridge, a "
            'service designer who has worked with several trusts and primary care networks. "If '
            "someone needs a manual to book a blood test, we have designed it for ourselves, not "
            'for them."</p><h2>Start with the most common tasks</h2><p>Successful services tend '
            "to focus ruthlessly on a handful of things patients do most "
            "often:</p><ul><li>booking, cancelling or changing appointments;</li><li>ordering "
            "repeat prescriptions;</li><li>seeing test results;</li><li>sending a message to the "
            "right team.</li></ul><p>At Eastmere University Hospitals, the patient portal was "
            "redesigned around those tasks after usage data showed that nine in ten visits "
            "involved one of them. Use of the portal doubled within a year.</p><blockquote "
            'class="pull-quote">"If someone needs a manual to book a blood test, we have '
            'designed it for ourselves, not for them."</blockquote><h2>Designing for '
            "everyone</h2><p>Designers and clinicians agree that digital services must be built "
            "with, and tested by, the people least likely to use them. Fenwick and Riverside "
            "Primary Care Network ran workshops with older residents, people with learning "
            "disabilities and patients who speak little English before launching its online "
            "request form. The result was shorter, used plainer language and included a clear "
            "option to ask for a phone call instead.</p><p>Equally important is what happens "
            "behind the screen. A form that is easy to complete but lands in an inbox nobody "
            "checks is worse than no form at all. Practices and trusts that have made digital "
            "access work have redesigned their workflows at the same time, so that every request "
            "is triaged and answered within a clear timescale.</p><p>Above all, patients value "
            "consistency. Surveys in the Fenwick area found that the most common complaint was "
            "not about any single app but about having to remember which one to use for which "
            "service. Linking services together, and giving patients one place to start, may turn "
            "out to matter more than any new feature.</p>"
        ),
        "authors": ["niamh-garvey"],
        "tags": ["Digital", "Primary Care"],
        "days_ago": 42,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a tablet on a kitchen table beside a mug, showing a booking "
            "screen with large buttons"
        ),
        "picture": ("phone", {"tablet": True}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "the-scalpel",
        "title": "Another framework? Spare us the laminated posters",
        "standfirst": (
            "The Scalpel has counted the improvement frameworks pinned to one staff room wall. "
            "There were seven. Nobody could name more than two."
        ),
        "body": (
            "<p>A reader sent The Scalpel a photograph this week of a staff room noticeboard at "
            "an acute trust, which shall remain nameless to protect the innocent. On it were "
            "seven laminated posters, each setting out a different framework: one for "
            "improvement, one for culture, one for flow, one for safety, one for wellbeing and "
            "two whose purpose we genuinely could not determine.</p><p>Our reader asked five "
            "colleagues to name the frameworks on the wall. The best anyone managed was "
            "two.</p><p>None of this is to say that frameworks are useless. Some of them are "
            "excellent. But every new one arrives with a launch event, a toolkit, a reporting "
            "template and, inevitably, a poster, and none of the old ones is ever formally "
            "retired. Staff are left to work out which to follow, and most sensibly decide to "
            "follow none.</p><p><strong>A modest proposal, then.</strong> Before any board signs "
            "off a new framework, it should have to take one down from the staff room wall. "
            "Personally. With a chief executive holding the drawing pins.</p>"
        ),
        "authors": ["gareth-linley"],
        "tags": ["Leadership"],
        "days_ago": 0,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a noticeboard crowded with overlapping posters held up by drawing "
            "pins"
        ),
        "picture": ("noticeboard", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "the-scalpel",
        "title": "Car parks, canteens and the things boards never discuss",
        "standfirst": (
            "If you want to know why a nurse is leaving, ask about the night-time food offer and "
            "the walk to the staff car park, not the retention strategy."
        ),
        "body": (
            "<p>The Scalpel has sat through a great many board meetings in which retention was "
            "discussed at length. Strategies were presented. Dashboards were admired. Heads were "
            "nodded. Not once can we recall anyone asking what a night shift nurse can buy to eat "
            "at three in the morning.</p><p>Yet ask staff why they are fed up and the answers are "
            "rarely about grand strategy. They are about a staff car park a twenty-minute walk "
            "from the main entrance, lit by a single flickering lamp. They are about a canteen "
            "that closes at seven, leaving a vending machine that has been out of order since "
            "spring. They are about lockers, changing rooms and somewhere to sit down that is not "
            "a corridor.</p><p>These things are not trivial. They are the daily evidence of "
            "whether an organisation values the people who work for it. A trust that spends "
            "thousands on a wellbeing app while its staff eat crisps from a broken machine should "
            "not be surprised when the exit interviews sound cross.</p><p>Next time your board "
            "discusses retention, The Scalpel suggests one small experiment: hold the meeting at "
            "two in the morning, in the staff room nearest the emergency department, and see what "
            "everyone has for lunch.</p>"
        ),
        "authors": ["gareth-linley"],
        "tags": ["Workforce", "Estates"],
        "days_ago": 13,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a hospital car park at night, with parked cars under a single lamp "
            "post"
        ),
        "picture": ("car_park", {}),
        "image_credit": "NHE illustration",
    },
    {
        "section": "the-scalpel",
        "title": "When stretch targets snap",
        "standfirst": (
            "A plan that relies on every assumption going right is not ambitious. It is fiction, "
            "and the people on the front line can tell the difference."
        ),
        "body": (
            "<p>It is planning season again, that time of year when spreadsheets across the "
            "health service are asked to perform miracles. Activity must rise, costs must fall, "
            "waiting lists must shrink and agency spend must vanish, all at once and all by "
            "March.</p><p>The Scalpel has seen a few of these plans. One assumed theatre "
            "productivity would improve by 15% in a single year while also assuming no increase "
            "in theatre staff. Another banked savings from a digital system that had not yet been "
            "procured. A third relied on delayed discharges halving, with no discussion at all "
            "with the local council.</p><p>Nobody involved is foolish. Everyone knows the plans "
            "are optimistic. But the pressure to submit a balanced return means the gap between "
            "paper and reality gets quietly papered over, and the reckoning arrives in the "
            "autumn, usually in the form of a <em>recovery plan to recover the original "
            "plan</em>.</p><p>Stretch is fine. Stretch is good. But a target that snaps in "
            "October teaches staff that targets do not matter, and that is a far costlier lesson "
            "than a slightly less heroic spreadsheet.</p>"
        ),
        "authors": ["gareth-linley"],
        "tags": ["Finance", "Elective Care"],
        "days_ago": 33,
        "featured": False,
        "video_url": "",
        "questions": [],
        "corrections": [],
        "comments_open": True,
        "image_alt": (
            "Illustration of a printed spreadsheet with red question marks and a circled figure "
            "written over it"
        ),
        "picture": ("spreadsheet", {}),
        "image_credit": "NHE illustration",
    },
]

# Pictures shared by the generated archive (seed_demo --articles N): scene, options, alt text.
ARCHIVE_PICTURES = [
    ("hospital", {}, "Illustration of a hospital building with an ambulance outside"),
    ("ward", {}, "Illustration of a hospital ward with patients in three beds and a nurse"),
    ("chart_screen", {}, "Illustration of a meeting watching a bar chart on a large screen"),
    ("meeting", {"people": 5}, "Illustration of five people seated at a long meeting table"),
    ("phone", {}, "Illustration of a smartphone showing an appointment reminder"),
    ("energy", {}, "Illustration of heat pump units beside a hospital building"),
    ("office", {"people": 3}, "Illustration of three people at computer screens in an office"),
    ("classroom", {}, "Illustration of a practitioner with pupils at desks in a classroom"),
]

# Readers' comments for seed_comments, keyed by article slug: (name, minutes after the
# article went out, body, replies), each reply (name, minutes after publication, body).
# Articles missing here have no comments; those closed to comments stay empty.
COMMENTS = {
    "surgical-hub-cuts-orthopaedic-waits-by-a-third-as-northfield-clears-its-longest-waiters": [
        (
            "Theatre manager, South West",
            48,
            "The 1.9% on-the-day cancellation figure is the one I would frame and put on the "
            "wall. We ring-fenced two theatres last winter and lost them to escalation beds "
            "within a fortnight.",
            [
                (
                    "Dr Alan Prewett",
                    130,
                    "It only held because the board agreed in advance what would and would not "
                    "count as a reason to open the hub's beds. Write that down before December.",
                ),
            ],
        ),
        (
            "Margaret Oduya",
            210,
            "My husband had his knee done at Elmstead in March after two cancellations at the "
            "main site. Same surgeon, but this time the date actually held. That matters more "
            "than any percentage.",
            [],
        ),
        (
            "Consultant anaesthetist",
            300,
            "Workforce is the real limit, as the board papers say. A fifth theatre needs "
            "anaesthetic cover six days a week, and those sessions come from somewhere else "
            "in the rota.",
            [
                (
                    "Rob Kellaway",
                    420,
                    "Agreed. We closed part of the anaesthetic gap with anaesthesia associates "
                    "on the theatre lists with the most predictable case mix, but it took a "
                    "year to get right.",
                ),
            ],
        ),
        (
            "ED nurse, Kingsmere",
            560,
            "Genuinely pleased for the orthopaedic patients, but somebody should ask where "
            "the emergency admissions went instead of those 28 beds. Our corridor knows.",
            [],
        ),
    ],
    "self-rostering-pilot-linked-to-fall-in-nurse-leaver-rates-across-wealdmoor-trusts": [
        (
            "Staff nurse, 4 years qualified",
            35,
            "Being able to plan childcare more than six weeks ahead is the whole reason I "
            "stayed on my ward. Self-rostering is not a perk, it is how part-timers survive.",
            [],
        ),
        (
            "Ward manager, Midlands",
            140,
            "Worth saying that the rules matter as much as the rostering software. We let "
            "people book their requests first and then balance skill mix, and the weekend "
            "nights still need a fair rotation.",
            [
                (
                    "Hannah Greaves",
                    260,
                    "Same here. Our breakthrough was publishing the unfilled shifts early and "
                    "letting teams swap among themselves before bank was called.",
                ),
            ],
        ),
        (
            "Deputy director of workforce",
            390,
            "Would love to see the leaver rates split by band. Our fall was almost entirely "
            "in band 5 nurses in their first two years.",
            [],
        ),
    ],
    "patients-change-one-in-five-outpatient-appointments-through-the-nhs-app-at-pilot-trusts": [
        (
            "Outpatients booking lead",
            60,
            "Rebooking in the app is great until the outpatient slot a patient releases "
            "is at 48 hours' notice and nobody can fill it. The reminder timing is the "
            "clever part here.",
            [],
        ),
        (
            "Pat Whelan",
            180,
            "As a patient I changed a dermatology appointment on my phone in about a minute. "
            "Last year it took three phone calls and a letter that arrived after the date.",
            [],
        ),
        (
            "Digital inclusion officer",
            330,
            "One in five is impressive, but please keep the phone line staffed for the four in "
            "five who did not use the NHS App. Many of them are the patients most likely to "
            "miss appointments.",
            [],
        ),
    ],
    "hospital-switches-on-heat-pump-energy-centre-to-replace-ageing-steam-boilers": [
        (
            "Estates engineer",
            240,
            "Good to see a heat pump scheme at scale. The unsung work is lowering flow "
            "temperatures on the old wards so the system can run efficiently at all.",
            [],
        ),
    ],
    "expanded-same-day-emergency-care-unit-halves-corridor-waits-board-told": [
        (
            "Acute medicine consultant",
            90,
            "SDEC works when the front door team trusts it. We put a senior decision maker at "
            "triage and our same day emergency care referrals doubled in a month.",
            [],
        ),
        (
            "Joan Pettifer",
            400,
            "My mother was seen in the chairs area, had her scan and went home the same "
            "evening. Far kinder than a night on a trolley in the corridor.",
            [],
        ),
    ],
    "coastal-gp-practices-pool-reception-teams-into-a-shared-care-navigation-hub": [
        (
            "Practice manager, Norfolk",
            75,
            "We looked at a shared hub and the stumbling block was the telephony contracts, not "
            "the staff. How did the coastal practices handle five different phone systems?",
            [
                (
                    "Care navigator",
                    190,
                    "I work in a similar hub. One cloud phone system for everyone, and we each "
                    "still have a 'home' practice so patients hear a familiar voice.",
                ),
            ],
        ),
    ],
    "council-and-icb-pool-14m-to-speed-hospital-discharges-into-home-care": [
        (
            "Discharge coordinator",
            120,
            "Pooled money helps, but the bottleneck in our area is care workers in rural "
            "postcodes. A package agreed on Monday can still be unstaffed on Friday.",
            [],
        ),
        (
            "Cllr Denise Armitage",
            480,
            "This is the kind of joint arrangement councils have wanted for years. The test "
            "is whether the £14m is still pooled once the winter money runs out.",
            [],
        ),
    ],
    "the-productivity-puzzle-why-more-staff-has-not-yet-meant-more-patients-treated": [
        (
            "Finance business partner",
            80,
            "A lot of the new staff went into roles that do not show up as activity at all: "
            "safer staffing on the wards, and covering sickness that used to be left uncovered.",
            [
                (
                    "Callum Devereux",
                    150,
                    "That is a fair point, and one several trusts made to us. The article "
                    "tries to separate those roles out, but the national data does not help.",
                ),
            ],
        ),
        (
            "Retired medical director",
            260,
            "Productivity in hospitals has always been about flow. More staff standing in "
            "a full hospital treat no more patients than fewer staff in the same full "
            "hospital.",
            [],
        ),
        (
            "Operational manager, surgery",
            520,
            "Our theatres lose an hour a day waiting for beds. No amount of extra staff "
            "fixes a missing bed, and the productivity figures never show that hour.",
            [],
        ),
    ],
    "inside-the-trust-that-rebuilt-its-culture-one-conversation-at-a-time": [
        (
            "Freedom to speak up guardian",
            110,
            "The detail about executives turning up to the night shift without a clipboard is "
            "the bit that rings true. Staff can tell a listening visit from an inspection.",
            [],
        ),
        (
            "Healthcare assistant",
            350,
            "I work somewhere that tried this and stopped after the chief executive left. "
            "Culture should not depend on one person, but it often does.",
            [],
        ),
    ],
    "validating-the-waiting-list-the-unglamorous-work-behind-shorter-queues": [
        (
            "RTT validation team lead",
            150,
            "Thank you for writing about validation at all. We find around one in ten pathways "
            "where the patient has already been treated elsewhere or no longer wants surgery.",
            [],
        ),
    ],
    "flow-is-a-whole-system-problem-so-lets-stop-blaming-the-front-door": [
        (
            "Emergency department consultant",
            40,
            "Every ED consultant in the country should send this column to their board. The "
            "front door is where the queue becomes visible, not where it starts.",
            [
                (
                    "Bed manager, nights",
                    95,
                    "And the discharge lounge sits half empty at 10am because the paperwork "
                    "is still being done on the wards. Flow starts at the morning board round.",
                ),
                (
                    "Helen Marchbank",
                    240,
                    "Exactly that. Our biggest single gain came from getting discharge "
                    "letters and medicines sorted the day before, not on the day.",
                ),
            ],
        ),
        (
            "Community matron",
            180,
            "Please include community services in the whole system. We can take people home "
            "earlier if we hear about them earlier, ideally on the day they are admitted.",
            [],
        ),
        (
            "Adult social care commissioner",
            330,
            "A rare hospital column that does not simply blame social care. The honest "
            "version of the system problem is that we all plan in separate silos.",
            [
                (
                    "Ward sister, care of the elderly",
                    460,
                    "The silos are real on the ward too. Our therapists, pharmacists and "
                    "transport all work to different cut-off times.",
                ),
            ],
        ),
        (
            "Michael Trent",
            700,
            "My father waited four days for a discharge that everyone agreed was ready. Nobody "
            "was to blame and everybody was. This column explains why.",
            [],
        ),
    ],
    "integrated-care-boards-need-fewer-priorities-not-longer-plans": [
        (
            "ICB programme director",
            200,
            "Our joint forward plan has 31 priorities, and I could not name more than ten of "
            "them without looking. Fewer, clearer, and funded would be a revolution.",
            [],
        ),
        (
            "Non-executive director",
            640,
            "The hard part of fewer priorities is saying no in public to a good idea. Boards "
            "find that much harder than writing a longer plan.",
            [],
        ),
    ],
    "access-is-not-the-same-as-a-phone-answered-at-eight-oclock": [
        (
            "Dr Sanjay Mehta",
            30,
            "Brilliantly put. Our phones are answered quickly now, and patients are still "
            "unhappy, because the answer is often that there is no appointment today.",
            [
                (
                    "Practice receptionist",
                    70,
                    "From the other end of the line: the 8am rush is the worst part of the "
                    "job. We hate telling people to ring back tomorrow as much as they hate "
                    "hearing it.",
                ),
            ],
        ),
        (
            "Patient participation group chair",
            150,
            "Our group surveyed patients and continuity came top, ahead of speed. People want "
            "to see the GP who knows them, even if it means waiting a few days.",
            [],
        ),
        (
            "Salaried GP, Bristol",
            260,
            "Online consultation forms help us triage, but they have also doubled demand. "
            "Access has become a measure of how quickly we respond, not whether patients get "
            "better care.",
            [
                (
                    "Dr Ruth Kaminski",
                    380,
                    "That doubling is something we see too. The form is a front door that "
                    "never closes, and the practice behind it has the same number of GPs.",
                ),
            ],
        ),
        (
            "Retired GP",
            500,
            "In my day we kept a few slots free for the people we knew would need them. "
            "Continuity was not a policy, it was how the practice worked.",
            [],
        ),
        (
            "Ellen Cartwright",
            820,
            "I am a carer for my mum and the phone queue at eight o'clock is impossible when "
            "you are also getting her up and dressed. A call back would change everything.",
            [],
        ),
    ],
    "retention-starts-on-the-first-night-shift": [
        (
            "Preceptorship lead",
            55,
            "We pair every newly qualified nurse with a named senior on their first four "
            "night shifts. Our first-year leavers fell by almost half.",
            [],
        ),
        (
            "Newly qualified nurse",
            210,
            "My first night shift I was in charge of eight patients and the only registered "
            "nurse on the bay by 3am. I stayed, but I nearly did not.",
            [
                (
                    "Bernadette Quayle",
                    320,
                    "Thank you for saying this so plainly. That night should never have "
                    "happened to you, and I hope someone on your ward heard about it.",
                ),
            ],
        ),
        (
            "Mental health nurse, 20 years",
            600,
            "Retention is also about the third year and the tenth year. Flexible working for "
            "experienced nurses keeps the seniors who support those first shifts.",
            [],
        ),
    ],
    "nhe-tv-a-night-on-the-virtual-ward": [
        (
            "Virtual ward clinician",
            300,
            "Good to see a virtual ward shown as it is: a lot of phone calls and clinical "
            "judgement, not just screens. The night team in the film are the real experts.",
            [],
        ),
    ],
    "nhe-tv-six-theatres-one-list-inside-an-elective-surgical-hub": [
        (
            "Scrub practitioner",
            250,
            "The morning briefing in this film is exactly how our best theatre days start. "
            "Five minutes that save an hour.",
            [],
        ),
    ],
    "the-last-word-deborah-allcott-on-making-integrated-care-stick": [
        (
            "Place-based partnership manager",
            360,
            "Her point about shared budgets following shared outcomes is the one that stuck "
            "with me. Integrated care that shares only meetings is not integration.",
            [],
        ),
    ],
    "the-last-word-dr-ifeoma-larkworthy-on-safety-data-and-saying-sorry": [
        (
            "Patient safety specialist",
            140,
            "Saying sorry early is not an admission of liability, and the more senior people "
            "say that out loud the easier it becomes for the rest of us.",
            [],
        ),
        (
            "Carol Hennessey",
            720,
            "When my son was harmed, the apology came eleven months later. Reading Dr "
            "Larkworthy made me cry, because it could have been so different.",
            [],
        ),
    ],
    "social-care-workforce-the-other-half-of-the-hospital-flow-equation": [
        (
            "Home care worker, 9 years",
            95,
            "Thank you for counting travel time. We are paid by the visit, and the drive "
            "between visits is where the job stops adding up.",
            [],
        ),
        (
            "Registered manager, domiciliary care",
            410,
            "International recruitment kept us going for two years. Now visa rules have "
            "changed and we are back to turning down hospital discharges.",
            [],
        ),
    ],
    "designing-a-digital-front-door-that-patients-will-actually-use": [
        (
            "User researcher",
            170,
            "Testing with patients in their own homes changed everything on our project. The "
            "kitchen table is where digital services succeed or fail.",
            [],
        ),
        (
            "Sylvia Marsh",
            520,
            "I am 79 and my granddaughter set up the app for me. The big buttons are fine. "
            "It is the passwords and the digital identity checks that defeat me.",
            [],
        ),
    ],
    "another-framework-spare-us-the-laminated-posters": [
        (
            "Matron, surgical division",
            20,
            "I counted eleven laminated posters in our staff room this morning. Three were "
            "for frameworks that have since been replaced by other frameworks.",
            [
                (
                    "Infection control nurse",
                    45,
                    "Laminated posters do at least wipe clean, which is more than can be said "
                    "for most frameworks.",
                ),
            ],
        ),
        (
            "Clinical director",
            80,
            "The test of any new framework should be what it lets us stop doing. So far "
            "none of them has ever taken anything away.",
            [],
        ),
        (
            "Improvement coach",
            130,
            "As someone who has written a few of these frameworks, I will take this on the "
            "chin. The posters are easy; the conversations they stand for are the hard part.",
            [],
        ),
        (
            "Gavin Shore",
            200,
            "Best thing The Scalpel has published this year. Printing it out to pin on the "
            "noticeboard, unlaminated, as a protest.",
            [],
        ),
    ],
    "car-parks-canteens-and-the-things-boards-never-discuss": [
        (
            "Night porter",
            65,
            "Our canteen shuts at 7pm. At 3am it is a vending machine or nothing. Nobody on "
            "the board has ever worked a night shift here.",
            [],
        ),
        (
            "Radiographer",
            190,
            "Twenty minutes circling the staff car park before a 7:30 start. Then a fine if "
            "you park on the verge. It is a small thing until it happens every day.",
            [
                (
                    "Director of estates",
                    330,
                    "Fair challenge. We have just moved staff permits to a shift-based "
                    "system so night workers get priority spaces near the entrance.",
                ),
            ],
        ),
        (
            "Staff governor",
            470,
            "We raised hot food at night at our council of governors three times. The fourth "
            "time we brought a night nurse to speak, and the decision changed that day.",
            [],
        ),
    ],
}
