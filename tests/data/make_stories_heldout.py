"""Write tests/data/stories_heldout.jsonl: a second set of our own fictional stories.

Written after the verification rules were frozen and never used to change them: it measures how
the rules and models carry over to new wording. Run: python tests/data/make_stories_heldout.py
"""

import json
from pathlib import Path

from make_stories import S, contradiction, d, promise, verdict

S.clear()

# --- number mismatches -------------------------------------------------------------------------
verdict(
    "h-num-01",
    "number_mismatch",
    d(
        '"We have planted 10,000 trees along the river," the environment minister, Jonas Pell, said.',
        "Green Post",
        "2026-04-02",
    ),
    [
        d(
            "Forestry officers counted 1,800 new trees along the river in their spring survey.",
            "Forestry Office",
            "2026-04-20",
        )
    ],
    "10,000 trees",
    "REFUTED",
)
verdict(
    "h-num-02",
    "number_mismatch",
    d(
        "Governor Ida Brenner said that 45 new ambulances were in service across the province.",
        "Province Today",
        "2026-09-01",
    ),
    [
        d(
            "The health authority said 12 new ambulances were in service across the province.",
            "Health Authority",
            "2026-09-10",
        )
    ],
    "45 new ambulances",
    "REFUTED",
)
verdict(
    "h-num-03",
    "number_mismatch",
    d(
        '"Exports of grain rose by 30 percent this year," the trade minister told parliament.',
        "Parliament Wire",
        "2026-11-02",
    ),
    [d("Customs figures show grain exports rose by 4 percent this year.", "Customs Office", "2026-11-15")],
    "30 percent",
    "REFUTED",
)
verdict(
    "h-num-04",
    "number_mismatch",
    d(
        "The ministry said 600 families had moved into the new flats in the harbour district.",
        "Harbour Times",
        "2026-05-05",
    ),
    [
        d(
            "The housing board said 600 families had moved into the new flats in the harbour district.",
            "Housing Board",
            "2026-05-12",
        )
    ],
    "600 families",
    "SUPPORTED",
)

# --- negations ---------------------------------------------------------------------------------
verdict(
    "h-neg-01",
    "negation",
    d("The transport minister said the night trains had resumed service to the coast.", "Rail News", "2026-06-01"),
    [
        d(
            "The night trains have not resumed service to the coast, the rail operator said.",
            "Rail Operator",
            "2026-06-04",
        )
    ],
    "night trains had resumed",
    "REFUTED",
)
verdict(
    "h-neg-02",
    "negation",
    d('"The border crossing is open again," a government spokeswoman said.', "Capital Post", "2026-02-11"),
    [d("Truck drivers said the border crossing remained closed on Thursday.", "Road Haulers", "2026-02-12")],
    "border crossing is open",
    "REFUTED",
)
verdict(
    "h-neg-03",
    "negation",
    d("The club said it had signed the new goalkeeper.", "Sports Desk", "2026-07-01"),
    [
        d(
            "The club has signed the new goalkeeper on a three-year contract, the league confirmed.",
            "League Office",
            "2026-07-03",
        )
    ],
    "signed the new goalkeeper",
    "SUPPORTED",
)
verdict(
    "h-neg-04",
    "negation",
    d("The mayor said that the old factory had been demolished.", "City Gazette", "2026-03-20"),
    [
        d(
            "The old factory has not been demolished and still stands by the canal, residents said.",
            "Canal News",
            "2026-03-28",
        )
    ],
    "factory had been demolished",
    "REFUTED",
)

# --- skipped events and promises ---------------------------------------------------------------
promise(
    "h-skip-01",
    "skipped_event",
    [
        d("The two parties agreed to meet in Oslo in March to sign the fishing accord.", "North Wire", "2026-01-20"),
        d(
            "The southern party did not attend the meeting in Oslo, and the fishing accord was not signed.",
            "North Wire",
            "2026-03-18",
        ),
    ],
    "meet in Oslo",
    "stalled",
)
promise(
    "h-skip-02",
    "skipped_event",
    [
        d("The rebels and the government agreed to hold peace talks in Geneva in May.", "Peace Monitor", "2026-04-01"),
        d("The peace talks in Geneva were postponed indefinitely, mediators said.", "Peace Monitor", "2026-05-10"),
    ],
    "hold peace talks",
    "stalled",
)
promise(
    "h-kept-01",
    "kept_promise",
    [
        d("The president promised to lift the curfew in the capital by Easter.", "Capital Post", "2026-03-01"),
        d("The curfew in the capital was lifted on Friday, before Easter.", "Capital Post", "2026-04-03"),
    ],
    "lift the curfew",
    "kept",
)
promise(
    "h-kept-02",
    "kept_promise",
    [
        d("The utility pledged to restore power to all 12 villages within a week.", "Valley Herald", "2026-01-10"),
        d("Power was restored to all 12 villages on Tuesday, the utility said.", "Valley Herald", "2026-01-14"),
    ],
    "restore power",
    "kept",
)
promise(
    "h-kept-03",
    "kept_promise",
    [
        d("The ministry vowed to deliver 1,000 laptops to rural schools.", "School News", "2026-02-01"),
        d("So far 400 of the 1,000 laptops have been delivered to rural schools.", "School News", "2026-04-01"),
    ],
    "deliver 1,000 laptops",
    "compromise",
)
promise(
    "h-broken-01",
    "broken_promise",
    [
        d("The minister promised to open the new hospital wing by June 1.", "Health Desk", "2026-02-01"),
        d("The new hospital wing has not opened, weeks after the June 1 deadline passed.", "Health Desk", "2026-07-15"),
    ],
    "open the new hospital wing",
    "broken",
)
promise(
    "h-works-01",
    "in_the_works",
    [
        d("The city pledged to build a new tram line to the airport.", "City Gazette", "2026-01-05"),
        d("Construction of the tram line to the airport began on Monday.", "City Gazette", "2026-03-02"),
    ],
    "build a new tram line",
    "in the works",
)

# --- irrelevant near-matches -------------------------------------------------------------------
verdict(
    "h-irr-01",
    "irrelevant",
    d("The minister said 45 new ambulances were in service in the north.", "Province Today", "2026-09-01"),
    [d("A toy fair in the capital displayed 45 model ambulances from the last century.", "Culture Desk", "2026-09-03")],
    "45 new ambulances",
    "NOT_ENOUGH_INFO",
)
verdict(
    "h-irr-02",
    "irrelevant",
    d("The governor said the southern highway had reopened after the landslide.", "Road Report", "2026-05-02"),
    [d("The southern branch of the library has reopened after painting work.", "Library News", "2026-05-04")],
    "southern highway had reopened",
    "NOT_ENOUGH_INFO",
)
verdict(
    "h-irr-03",
    "irrelevant",
    d("The agency said 300 tonnes of rice had been shipped to the island.", "Aid Wire", "2026-08-01"),
    [d("A cookery school shipped 300 rice cookers to its new branch.", "Kitchen Times", "2026-08-03")],
    "300 tonnes of rice",
    "NOT_ENOUGH_INFO",
)

# --- contradictions ----------------------------------------------------------------------------
contradiction(
    "h-con-01",
    "contradiction",
    [
        d(
            "The energy minister said the pipeline talks had been constructive and brought real progress.",
            "Energy Desk",
            "2026-10-02",
        ),
        d(
            "The neighbouring government said the pipeline talks had failed and ended in a deadlock.",
            "Neighbour News",
            "2026-10-02",
        ),
    ],
    "constructive",
    "failed",
    True,
)
contradiction(
    "h-con-02",
    "contradiction",
    [
        d("The army said all troops had withdrawn from the valley.", "Front Wire", "2026-04-01"),
        d("Observers said troops remained in the valley and had not withdrawn.", "Observer Mission", "2026-04-05"),
    ],
    "had withdrawn",
    "remained",
    True,
)
contradiction(
    "h-con-03",
    "contradiction",
    [
        d("The minister said the harbour had reopened for ferries.", "Harbour Times", "2026-06-01"),
        d("The orchestra said its summer tour would start in July.", "Music Review", "2026-06-02"),
    ],
    "harbour had reopened",
    "summer tour",
    False,
)

if __name__ == "__main__":
    out = Path(__file__).with_name("stories_heldout.jsonl")
    out.write_text("".join(json.dumps(s) + "\n" for s in S))
    from collections import Counter

    print(f"{len(S)} stories -> {out}", dict(Counter(s["category"] for s in S)))
