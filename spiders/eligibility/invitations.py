"""An invitation to bid sent to a council's officers: "Invitations will be sent to the chief executive
of the relevant county council", "Letters inviting bids have been sent to the leaders of all London
borough councils", "Bids will be requested from the chief executives of eligible county councils".
Whom a department writes to for bids is who bids; the officer is the council's (items.py reads "the
chief executive of …" as the council it serves). So is a funder's "We want to hear from …".
"""

from __future__ import annotations

INVITATION_LEAD_IN = (
    # An invitation, or a letter that says it invites bids ("Letters have been sent to residents" does not).
    r"\b(?:invitations?(?:\s+to\s+(?:bid|apply))?|(?:letters?|requests?)\s+(?:to\s+(?:bid|apply)|inviting\s+"
    r"(?:bids|applications|proposals|expressions\s+of\s+interest)|for\s+(?:bids|proposals|applications)))"
    r"\s+(?:have|has|will|"
    r"are|is|were|was)\s+(?:now\s+|already\s+)?(?:been\s+|be\s+)?(?:sent|issued|addressed|written)\s+"
    r"(?:out\s+)?to\b"
    r"|\b(?:bids?|applications?|proposals?|expressions\s+of\s+interest)\s+(?:will\s+be|are|is|have\s+been)"
    r"\s+(?:now\s+)?requested\s+from\b"
    # "We want to hear from councils, housing associations and charities", "We'd love to hear from
    # …": a funder's invitation in its own voice; but hearing from someone "about" something ("We
    # want to hear from councils about their experience of the scheme") is asking their views.
    r"|\b(?:we|the\s+(?:fund|trust|foundation|programme))(?:'d|\s+would)?\s+(?:want|wants|like|"
    r"love|(?:are|is|'re)\s+(?:keen|eager|looking\s+forward))\s+to\s+hear(?:ing)?\s+from\b"
    r"(?![^.;:?]{0,120}?\s(?:about|regarding|concerning|on\s+(?:how|what|whether|their|your|its))\b)"
)
