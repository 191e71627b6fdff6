"""Write tests/data/stories.jsonl: our own fictional end-to-end verification stories.

Each story is a claim plus a later record, with the expected verdict, contradiction or promise
status. Run: python tests/data/make_stories.py
"""

import json
from pathlib import Path

S = []


def verdict(sid, category, claim_doc, record_docs, claim, expected):
    S.append(
        {
            "id": sid,
            "kind": "verdict",
            "category": category,
            "documents": [claim_doc, *record_docs],
            "claim": claim,
            "expected": expected,
        }
    )


def promise(sid, category, docs, action, expected):
    S.append(
        {"id": sid, "kind": "promise", "category": category, "documents": docs, "action": action, "expected": expected}
    )


def contradiction(sid, category, docs, a, b, expected):
    S.append(
        {
            "id": sid,
            "kind": "contradiction",
            "category": category,
            "documents": docs,
            "a": a,
            "b": b,
            "expected": expected,
        }
    )


def d(text, source, published):
    return {"text": text, "source": source, "published": published}


# --- number mismatches -------------------------------------------------------------------------
verdict(
    "num-01",
    "number_mismatch",
    d(
        '"We have already delivered 500 tents to the valley," Governor Lina Marsh said on Monday.',
        "Valley Herald",
        "2026-03-02",
    ),
    [
        d(
            "The relief agency said on Thursday that 120 tents had reached the valley so far.",
            "Relief Monitor",
            "2026-03-05",
        )
    ],
    "500 tents",
    "REFUTED",
)
verdict(
    "num-02",
    "number_mismatch",
    d(
        "Mayor Tom Reyes told the council that the city had hired 80 new nurses this year.",
        "City Gazette",
        "2026-04-10",
    ),
    [
        d(
            "Hospital records show the city hired 35 nurses this year, the health office said.",
            "Health Office",
            "2026-04-20",
        )
    ],
    "80 new nurses",
    "REFUTED",
)
verdict(
    "num-03",
    "number_mismatch",
    d('"Our factories built 2,000 buses last year," Minister Paul Okoro said.', "Harbour Times", "2026-01-15"),
    [
        d(
            "The industry federation reported that factories built 640 buses last year.",
            "Industry Federation",
            "2026-02-01",
        )
    ],
    "2,000 buses",
    "REFUTED",
)
verdict(
    "num-04",
    "number_mismatch",
    d("The ministry said that 300 schools had been repaired since the flood.", "Capital Post", "2026-05-01"),
    [
        d(
            "Inspectors counted 90 schools repaired since the flood, according to the audit office.",
            "Audit Office",
            "2026-05-20",
        )
    ],
    "300 schools",
    "REFUTED",
)
verdict(
    "num-05",
    "number_mismatch",
    d('"We planted 10,000 trees in the spring," the parks director said.', "Green Weekly", "2026-06-01"),
    [d("The parks department's own report lists 2,400 trees planted in the spring.", "City Auditor", "2026-06-15")],
    "10,000 trees",
    "REFUTED",
)
verdict(
    "num-06",
    "number_mismatch",
    d("Chancellor Evi Rast said that 45 prisoners had been released under the deal.", "North Courier", "2026-02-10"),
    [d("The prison service confirmed that 45 prisoners were released under the deal.", "Prison Service", "2026-02-12")],
    "45 prisoners",
    "SUPPORTED",
)
verdict(
    "num-07",
    "number_mismatch",
    d("The agency said it had sent 100 transport cases to the border crossing.", "Border News", "2026-06-20"),
    [
        d(
            "Customs officers logged 100 transport cases arriving at the border crossing.",
            "Customs Bulletin",
            "2026-06-22",
        )
    ],
    "100 transport cases",
    "SUPPORTED",
)
verdict(
    "num-08",
    "number_mismatch",
    d('"Already 200 families have moved into the new homes," Senator Maria Vance said.', "Valley Herald", "2026-07-01"),
    [d("The housing office said 60 families have moved into the new homes so far.", "Housing Office", "2026-07-09")],
    "200 families",
    "REFUTED",
)

# --- negations ---------------------------------------------------------------------------------
verdict(
    "neg-01",
    "negation",
    d(
        '"Today already 200 have been sent back," President Marta Kessler told the rally, '
        "speaking of the remains of the soldiers.",
        "Velmar Courier",
        "2026-06-20",
    ),
    [d("No remains have been returned so far, the recovery agency said.", "Recovery Agency", "2026-06-24")],
    "200 have been sent back",
    "REFUTED",
)
verdict(
    "neg-02",
    "negation",
    d("The minister said the new bridge had opened to traffic on Monday.", "River Daily", "2026-03-03"),
    [d("The new bridge has not opened to traffic, engineers said on Wednesday.", "Engineering Desk", "2026-03-05")],
    "bridge had opened",
    "REFUTED",
)
verdict(
    "neg-03",
    "negation",
    d("The company said that it had paid the fine in full.", "Business Line", "2026-02-02"),
    [d("The regulator said the company has not paid the fine.", "Market Regulator", "2026-02-09")],
    "had paid the fine",
    "REFUTED",
)
verdict(
    "neg-04",
    "negation",
    d('"The convoy has reached the town," a spokesman for the army said.', "Front Wire", "2026-01-20"),
    [d("Aid workers said the convoy never reached the town.", "Aid Network", "2026-01-22")],
    "convoy has reached the town",
    "REFUTED",
)
verdict(
    "neg-05",
    "negation",
    d("The governor said the water system was restored in every district.", "Coast Times", "2026-08-01"),
    [d("Residents of two districts said the water system was not restored.", "Coast Radio", "2026-08-03")],
    "water system was restored",
    "REFUTED",
)
verdict(
    "neg-06",
    "negation",
    d("The union said that no workers had been dismissed after the strike.", "Labour News", "2026-09-01"),
    [d("The factory dismissed 40 workers after the strike, court filings show.", "Court Reporter", "2026-09-10")],
    "no workers had been dismissed",
    "REFUTED",
)
verdict(
    "neg-07",
    "negation",
    d("Officials said the hostages had been released on Sunday.", "Evening Star", "2026-10-05"),
    [d("The families said the hostages were released on Sunday and flown home.", "Family Network", "2026-10-06")],
    "hostages had been released",
    "SUPPORTED",
)
verdict(
    "neg-08",
    "negation",
    d("The council said the library had not closed.", "Town Crier", "2026-11-01"),
    [d("The library closed its doors on Friday, staff said.", "Town Radio", "2026-11-03")],
    "library had not closed",
    "REFUTED",
)
verdict(
    "neg-10",
    "negation",
    d(
        "Unemployment in the Tallin province fell last year, the governor told the assembly.",
        "Province Daily",
        "2026-02-03",
    ),
    [
        d(
            "Unemployment in the Tallin province rose last year, the statistics office reported.",
            "Statistics Office",
            "2026-02-20",
        )
    ],
    "Unemployment in the Tallin province fell",
    "REFUTED",
)
verdict(
    "neg-09",
    "negation",
    d(
        '"No grain has reached the port of Edda since the blockade began," the harbour master said.',
        "Coastal Post",
        "2026-08-02",
    ),
    [
        d(
            "Three weeks later, not a single shipment of grain has reached Edda, a relief coordinator said.",
            "Aid Bulletin",
            "2026-08-23",
        )
    ],
    "No grain has reached the port",
    "SUPPORTED",
)

# --- skipped events ----------------------------------------------------------------------------
verdict(
    "skip-01",
    "skipped_event",
    d("The foreign minister said the two delegations met at the border on Thursday.", "Capital Post", "2026-07-03"),
    [
        d(
            "The northern delegation failed to show up for the meeting at the border on Thursday.",
            "Border News",
            "2026-07-04",
        )
    ],
    "delegations met",
    "REFUTED",
)
verdict(
    "skip-02",
    "skipped_event",
    d("The premier said that the summit was held as planned.", "Island Times", "2026-05-10"),
    [d("The summit was cancelled at the last minute, diplomats said.", "Diplomatic Wire", "2026-05-11")],
    "summit was held",
    "REFUTED",
)
verdict(
    "skip-03",
    "skipped_event",
    d("The rebels attended the peace talks in Vienna, their spokesman said.", "Front Wire", "2026-04-02"),
    [d("The rebels boycotted the peace talks in Vienna, the mediators said.", "Mediation Office", "2026-04-03")],
    "attended the peace talks",
    "REFUTED",
)
verdict(
    "skip-04",
    "skipped_event",
    d("The union said its leaders met the minister on Monday.", "Labour News", "2026-03-09"),
    [
        d(
            "The minister met the union leaders on Monday for two hours, her office said.",
            "Ministry Office",
            "2026-03-10",
        )
    ],
    "met the minister",
    "SUPPORTED",
)
promise(
    "skip-05",
    "skipped_event",
    [
        d("Both governments agreed to hold a handover meeting at the border in July.", "Geneva Wire", "2026-06-12"),
        d("One delegation skipped the handover meeting at the border, officials said.", "Border News", "2026-07-03"),
    ],
    "hold a handover meeting",
    "stalled",
)
promise(
    "skip-06",
    "skipped_event",
    [
        d("The two sides agreed to resume talks on the dam in Vienna.", "River Daily", "2026-02-01"),
        d("The talks on the dam in Vienna were cancelled by the northern side.", "Diplomatic Wire", "2026-02-20"),
    ],
    "resume talks on the dam",
    "stalled",
)

# --- kept, broken and partly kept promises -----------------------------------------------------
promise(
    "kept-01",
    "kept_promise",
    [
        d("The mayor promised to reopen the eastern bridge by March.", "City Gazette", "2026-01-05"),
        d("The eastern bridge was reopened on 1 March, the city said.", "City Hall", "2026-03-02"),
    ],
    "reopen the eastern bridge",
    "kept",
)
promise(
    "kept-02",
    "kept_promise",
    [
        d("The ministry pledged to release the 40 fishermen within two weeks.", "Coast Times", "2026-04-01"),
        d("The 40 fishermen were released on Friday and returned to their boats.", "Harbour Radio", "2026-04-10"),
    ],
    "release the 40 fishermen",
    "kept",
)
promise(
    "kept-03",
    "kept_promise",
    [
        d('"We will publish the full audit next month," the agency said.', "Audit Watch", "2026-05-02"),
        d("The agency published the full audit on Monday.", "Audit Watch", "2026-06-08"),
    ],
    "publish the full audit",
    "kept",
)
promise(
    "kept-04",
    "kept_promise",
    [
        d("The league promised to refund all tickets for the cancelled season.", "Sports Desk", "2026-02-01"),
        d("The league refunded all tickets for the cancelled season, fans confirmed.", "Fan Forum", "2026-03-15"),
    ],
    "refund all tickets",
    "kept",
)
promise(
    "kept-05",
    "kept_promise",
    [
        d("The governor vowed to rebuild the flooded school before autumn.", "Valley Herald", "2026-05-01"),
        d("The flooded school was rebuilt over the summer and opened in August.", "Valley Herald", "2026-08-30"),
    ],
    "rebuild the flooded school",
    "kept",
)
promise(
    "kept-06",
    "kept_promise",
    [
        d("The company pledged to return 300 stolen paintings to the museum.", "Art Times", "2026-01-10"),
        d("The company has returned 120 of the 300 paintings to the museum so far.", "Art Times", "2026-03-10"),
    ],
    "return 300 stolen paintings",
    "compromise",
)
promise(
    "broken-01",
    "broken_promise",
    [
        d("Dravania pledged to return the remains of 300 soldiers within 60 days.", "Geneva Wire", "2026-06-12"),
        d(
            "No remains have been returned, officials said three months after the summit.",
            "Velmar Courier",
            "2026-09-15",
        ),
    ],
    "return the remains",
    "broken",
)
promise(
    "stall-01",
    "stalled_promise",
    [
        d("The government promised to build a new ferry terminal.", "Island Times", "2026-01-10"),
        d(
            "There is still no plan and no date for the new ferry terminal, officials admitted.",
            "Island Times",
            "2026-04-10",
        ),
    ],
    "build a new ferry terminal",
    "stalled",
)
promise(
    "works-01",
    "in_the_works",
    [
        d("The city promised to build 500 affordable homes.", "City Gazette", "2026-01-10"),
        d("The city signed the construction contract for the affordable homes on Tuesday.", "City Hall", "2026-02-10"),
    ],
    "build 500 affordable homes",
    "in the works",
)
promise(
    "nyr-01",
    "not_yet_rated",
    [
        d("The minister promised to cut waiting times at hospitals.", "Health Weekly", "2026-01-10"),
        d("The football club signed two new players on Tuesday.", "Sports Desk", "2026-02-10"),
    ],
    "cut waiting times",
    "not yet rated",
)

# --- irrelevant near-matches -------------------------------------------------------------------
verdict(
    "irr-01",
    "irrelevant",
    d("The minister said 500 tents had reached the northern valley.", "Valley Herald", "2026-03-02"),
    [d("A camping shop in the capital sold 120 tents at its spring sale.", "Shopping Guide", "2026-03-05")],
    "500 tents",
    "NOT_ENOUGH_INFO",
)
verdict(
    "irr-02",
    "irrelevant",
    d("The mayor said the eastern bridge had reopened.", "City Gazette", "2026-03-02"),
    [d("The western museum has not reopened after the storm.", "Culture Desk", "2026-03-04")],
    "eastern bridge had reopened",
    "NOT_ENOUGH_INFO",
)
verdict(
    "irr-03",
    "irrelevant",
    d("The agency said 100 transport cases were sent to the border.", "Border News", "2026-06-20"),
    [d("The orchestra sent 100 instrument cases to the festival in Salzburg.", "Music Review", "2026-06-22")],
    "100 transport cases",
    "NOT_ENOUGH_INFO",
)
verdict(
    "irr-04",
    "irrelevant",
    d("The governor said the water system was restored in the capital.", "Coast Times", "2026-08-01"),
    [d("The football pitch was not restored after the floods, the club said.", "Sports Desk", "2026-08-03")],
    "water system was restored",
    "NOT_ENOUGH_INFO",
)
verdict(
    "irr-05",
    "irrelevant",
    d("The senator said that 200 families had moved into the new homes.", "Valley Herald", "2026-07-01"),
    [
        d(
            "Around 60 birds moved into the new nesting boxes this spring, the wildlife trust said.",
            "Nature Notes",
            "2026-07-05",
        )
    ],
    "200 families",
    "NOT_ENOUGH_INFO",
)
verdict(
    "irr-06",
    "irrelevant",
    d("The chairman said the delegations met in Geneva on Friday.", "Geneva Wire", "2026-06-12"),
    [d("The chess club met in the library on Friday evening.", "Town Crier", "2026-06-13")],
    "delegations met",
    "NOT_ENOUGH_INFO",
)
verdict(
    "irr-07",
    "irrelevant",
    d("The finance minister said bread prices in Dorn had fallen since January.", "Dorn Ledger", "2026-04-02"),
    [d("Rainfall in Dorn has risen since January, the weather office said.", "Weather Office", "2026-04-09")],
    "bread prices in Dorn had fallen",
    "NOT_ENOUGH_INFO",
)

# --- own repetition is not support -------------------------------------------------------------
verdict(
    "self-01",
    "own_repetition",
    d('"Unemployment has fallen to 3 percent," President Ana Torres said on Monday.', "Capital Post", "2026-02-02"),
    [
        d(
            '"Unemployment has fallen to 3 percent," President Ana Torres repeated at a rally on Friday.',
            "Rally Report",
            "2026-02-06",
        )
    ],
    "Unemployment has fallen",
    "NOT_ENOUGH_INFO",
)

# --- claims about promises, held against the promise record ---------------------------------------
verdict(
    "pc-01",
    "promise_claim",
    d(
        "Mayor Lina Dorr said the Harbour Authority had already begun keeping its promise.",
        "Port Gazette",
        "2026-04-10",
    ),
    [
        d("The Harbour Authority pledged to dredge the northern channel.", "Port Gazette", "2026-03-01"),
        d("The northern channel has not been dredged, the port office said.", "Harbour Weekly", "2026-04-20"),
    ],
    "begun keeping its promise",
    "REFUTED",
)
verdict(
    "pc-02",
    "promise_claim",
    d("Councillor Ivo Marr said the city council has kept its promise.", "City Gazette", "2026-04-10"),
    [
        d("The city council promised to reopen the Elm Street library.", "City Gazette", "2026-03-01"),
        d("The Elm Street library was reopened on Monday, the library service said.", "Town Crier", "2026-04-02"),
    ],
    "has kept its promise",
    "SUPPORTED",
)
verdict(
    "pc-03",
    "promise_claim",
    d("Opposition leader Sara Quill said the transport ministry broke its promise.", "Coast Times", "2026-07-10"),
    [
        d("The transport ministry vowed to finish the coastal rail link.", "Coast Times", "2026-02-01"),
        d("The transport ministry abandoned the coastal rail link, officials said.", "Rail Review", "2026-07-02"),
    ],
    "broke its promise",
    "SUPPORTED",
)

# --- contradictions between sources ------------------------------------------------------------
contradiction(
    "con-01",
    "contradiction",
    [
        d(
            "Foreign Minister Tomas Ferro said the talks had been good-faith negotiations with significant progress.",
            "Ostravian Ledger",
            "2026-07-08",
        ),
        d(
            "The foreign ministry said the talks had been regrettable and brought a dangerous situation.",
            "State News Agency",
            "2026-07-08",
        ),
    ],
    "good-faith negotiations",
    "regrettable",
    True,
)
contradiction(
    "con-02",
    "contradiction",
    [
        d("The president said that all work at the test site had stopped.", "Velmar Courier", "2026-06-20"),
        d("Satellite images show that construction at the test site has continued.", "Northstar Monitor", "2026-07-15"),
    ],
    "had stopped",
    "has continued",
    True,
)
contradiction(
    "con-03",
    "contradiction",
    [
        d("The minister said the two delegations met at the border on Thursday.", "Capital Post", "2026-07-03"),
        d(
            "The northern delegation skipped the meeting at the border on Thursday, officials said.",
            "Border News",
            "2026-07-04",
        ),
    ],
    "delegations met",
    "skipped the meeting",
    True,
)
contradiction(
    "con-04",
    "contradiction",
    [
        d("The mayor said the bridge reopened on Monday.", "City Gazette", "2026-03-02"),
        d("The library in the old town reopened on Monday after repairs.", "Culture Desk", "2026-03-02"),
    ],
    "bridge reopened",
    "library",
    False,
)

if __name__ == "__main__":
    out = Path(__file__).with_name("stories.jsonl")
    out.write_text("".join(json.dumps(s) + "\n" for s in S))
    from collections import Counter

    print(f"{len(S)} stories -> {out}", dict(Counter(s["category"] for s in S)))
