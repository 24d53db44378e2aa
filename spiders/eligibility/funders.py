"""Lead-ins that name whom a funder funds in wordings cues.py (full) does not read: a funder named
as the subject of a plain "funds" ("The Foundation funds registered charities and statutory
bodies"), a fund's "is for" broken by an aside ("This fund, however, is for local authorities"), a
qualified request ("will consider joint proposals from"), an exception to a rule ("Exceptions may
be made for parish councils"), a bare "Eligible:" heading, a criteria lead-in that says what its
items are ("We cannot fund organisations that are:") and who submits a bid after someone else
endorses it ("endorsed by the LEP and submitted by a local authority"), and whom a funder that takes
no applications approaches itself ("We approach local authorities … directly"), and criteria an
applicant "must meet", listed after a colon.
"""

from __future__ import annotations

_ORG = r"(?:organi[sz]ations?|applicants?|groups?|bodies)"

FUNDER_LEAD_IN = (
    # "trust funds" and "the fund's funds" are money: not when a verb or "projects" follows.
    r"\b(?:fund|trust|foundation|programme|scheme|funder|charity|government)\s+funds\b"
    r"(?!\s+(?:projects|activities|costs|work|applications|bids|proposals|are|is|were|will|can|may|"
    r"must|should|have|has|had|held|raised|available)\b)"
    r"|\b(?:fund|funding|grants?|scheme|programme)\s*,\s*(?:however|therefore|though|instead|in\s+"
    r"contrast|by\s+contrast)\s*,\s*(?:is|are)\s+(?:not\s+)?(?:only\s+|exclusively\s+|solely\s+)?for\b"
    r"|\b(?:consider|considers|accept|accepts|invite|invites|welcome|welcomes)\s+(?:joint|new|further|"
    r"collaborative|single|outline|full)\s+(?:applications|bids|proposals)\s+from\b"
    # Plural only: NEGATIVE reads "an exception" as a denial, and "Exceptions" are let in.
    r"|\bexceptions\s+(?:may|can|will|might)\s+(?:sometimes\s+|occasionally\s+)?be\s+made\s+for\b"
    # "Eligible: local authorities" (cues.py reads "Not eligible:"), "Eligible areas: …".
    r"|\beligible(?:\s+(?:areas?|places?))?\s*:"
    rf"|\b{_ORG}\s+(?:that|which|who)\s+(?:are|is)\s*:"
    r"|\b(?:and|or|then)\s+submitted\s+(?:jointly\s+|directly\s+)?by\b"
    # "Your organisation must meet all of these criteria:": its items say who may apply.
    r"|\bmust\s+meet\s+(?:all\s+(?:of\s+)?)?(?:the\s+following|these|our|the)\s+(?:eligibility\s+)?"
    r"(?:criteria|conditions|requirements)\s*:"
    # "We approach local authorities and their partners directly": a funder that picks whom it funds.
    r"|\bwe\s+(?:will\s+|may\s+)?(?:approach|select|choose|identify)\b"
)
