"""The cue words of a monitor sentence: the kind of event they propose, its status and outcome.

kg.curate.extract reads each dated stretch of a sentence with these; the rules are described in
its docstring (**Kind**, **Status**, **Outcome**).
"""

from __future__ import annotations

import re

# (tier, pattern, kind): a lower tier wins; in a tier, the cue nearest the date
CUES = [
    (1, r"\bmoties?\b", "Motion"),
    (1, r"\bschriftelijke (?:kamer)?vragen\b|\bkamervragen\b", "WrittenQuestions"),
    (1, r"\brondetafelgesprek\w*", "RoundTable"),
    (1, r"\bin werking (?:getreden|treedt|treden)\b|\bingegaan\b|\bin werking\b", "EntryIntoForce"),
    (1, r"\bmanifest\b", "Manifesto"),
    (1, r"\bstap terug\b", "StepBack"),
    (1, r"\bterug te trekken\b|\btrekt zich terug\b|\bteruggetrokken\b", "Withdrawal"),
    (1, r"\bkamerbrie(?:f|ven)\b|\bbeleidsreactie\b|\bgeïnformeerd\b", "ParliamentaryLetter"),
    (1, r"\bvoortgangsrapportage\b", "ProgressReport"),
    (1, r"\bconsultatie\b", "Consultation"),
    (1, r"\bovereenkomst\b|\bondertekend\b", "Agreement"),
    (1, r"\bcampagnes?\b|\blanceerde\b|\bgelanceerd\b", "Campaign"),
    (1, r"\bgeopend\b|\bopent\b|\boperationeel\b", "Opening"),
    (1, r"\btrainingen?\b|\bdeskundigheidsbevordering\b|\bscholing\b", "Training"),
    (
        1,
        r"\bvoorjaarsnota\b|\bnajaarsnota\b|\bbegroting\b|\bgeld gereserveerd\b|\btoegekend\b",
        "BudgetDecision",
    ),
    (1, r"\w*debat\b", "Debate"),
    (1, r"\bverlengd\b|\bverlenging\b", "PolicyDecision"),
    (1, r"\bopgenomen in het ziekenhuis\b|\bverwondingen\b", "Incident"),
    (1, r"\bwetsvoorstel\b|\bontwerpbesluit\b", "BillStage"),
    (2, r"\w*rapport(?:en)?\b", "Report"),
    (2, r"\badvies(?!-)\b|\badviseert\b", "Advice"),
    (2, r"\bonderzoek\b|\w*studie\b|\w*prevalentie\b|\bzelfrapportage\b", "Study"),
    (2, r"\bstatement\b|\bbekend ?gemaakt\b|\bmaakte\b.{0,60}\bbekend\b", "Statement"),
    (2, r"\bbrief\b", "Letter"),
    (2, r"\bbesluit\b|\bbepaald\b|\bvastgesteld\b|\bbesloten\b", "PolicyDecision"),
    (2, r"\bvan start\b|\bgestart\b|\bmonitort\b", "ProgrammeStart"),
    (
        2,
        r"\bontwikkeld\b|\btoetsingskader\b|\bingesteld\b|\bin gebruik\b|\bingevoerd\b",
        "Implementation",
    ),
    (2, r"\bgetest\b|\bpilot\b", "Pilot"),
    (
        2,
        r"\bin voorbereiding\b|\bwordt gewerkt aan\b|\bwerkt aan\b|\bverkend\b|\bopgesteld\b"
        r"|\bbereidt\b|\bin overleg\b",
        "PolicyPreparation",
    ),
    (3, r"\bgepubliceerd\b|\bpubliceerde\b|\bnaar buiten\b|\baangeboden\b", "Report"),
]
_CUES = [(tier, re.compile(pattern, re.IGNORECASE), kind) for tier, pattern, kind in CUES]

ONGOING = re.compile(
    r"\bsinds\b|\bvanaf\b|\bmomenteel\b|\bop dit moment\b|\bwordt gewerkt aan\b"
    r"|\bwerkt aan\b|\bin voorbereiding\b|\bwordt verkend\b|\bbereidt\b"
    r"|\bin overleg\b|\bwordt gebouwd\b",
    re.IGNORECASE,
)
PLANNED = re.compile(r"\bnaar verwachting\b|\bgepland\b|\bverwacht\b", re.IGNORECASE)
MOVED = re.compile(r"\b(?:verplaatst|uitgesteld)\s+(?:naar|tot)\s+$", re.IGNORECASE)
OUTCOMES = [
    (re.compile(p, re.IGNORECASE), o)
    for p, o in (
        (r"\baangenomen\b", "adopted"),
        (r"\bverworpen\b", "rejected"),
        (r"\bingediend\b", "submitted"),
        (r"\bbeantwoord\b|\bantwoord gegeven\b", "answered"),
        (r"\bgesteld\b", "asked"),
    )
]
_OUTCOME_KINDS = {
    "Motion": ("adopted", "rejected", "submitted"),
    "WrittenQuestions": ("asked", "answered"),
    "BillStage": ("adopted", "rejected", "submitted"),
}


def kind_of(text: str, at) -> str | None:
    """Return the kind the cue words of `text` propose, nearest `at` (a span) first."""
    if not text:
        return None
    hits = []
    for tier, pattern, kind in _CUES:
        for match in pattern.finditer(text):
            distance = 0 if at is None else max(at[0] - match.end(), match.start() - at[1], 0)
            hits.append((tier, distance, match.start(), kind, match.end()))
    if not hits:
        return None
    if at is not None and re.search(r"\bvan\s+$", text[: at[0]]):
        before = [h for h in hits if h[4] <= at[0] and at[0] - h[4] <= 60]
        if before:  # "vragen van 14 januari", "het rapport van … van februari 2025"
            return min(before, key=lambda h: (at[0] - h[4], h[0]))[3]
    return min(hits)[3]


def status_of(stretch: str, date, as_of, expression) -> str:
    if expression.modifier == "since":
        return "ongoing"
    # an inferred year is near its reference by construction: "after the last day" says nothing
    future = as_of and date.earliest > as_of and not date.inferred_year
    if PLANNED.search(stretch) or future:
        return "planned"
    if ONGOING.search(stretch):
        return "ongoing"
    return "occurred"


def outcome_of(kind: str | None, text: str, attributive: bool = False) -> str:
    allowed = _OUTCOME_KINDS.get(kind or "")
    if not allowed:
        return ""
    if kind == "WrittenQuestions" and attributive:
        return "asked"
    for pattern, outcome in OUTCOMES:
        if outcome in allowed and pattern.search(text):
            return outcome
    return ""
