"""Pure: the words that say only those a funder invites may apply, read as a closed call.

"By invitation only", "Invitation only", "Stage 2 – by invitation", "Open to invited organisations
only" (Esmée Fairbairn's, Lloyds Bank Foundation's and many trusts' pages): no council can apply
unasked, so the call is closed to it, as "Not accepting unsolicited applications" is. "Open to
invited organisations only" holds "open" and was read open; a bare "by invitation" was no status.
Only words about the call as a whole count: "Open – stage 2 by invitation only" is an open call
whose second stage is invited (the invitation does not lead the words), and in prose only the call
itself said to be so ("The fund is open to invited organisations only", "This programme is by
invitation only").
"""

from __future__ import annotations

# Whose invitation: "invited organisations", "invited applicants", "invited partners".
_INVITED = (
    r"invited\s+(?:[\w-]+\s+)?(?:organi[sz]ations|applicants|groups|partners|bodies|charities|"
    r"councils|authorities|bidders)"
)
# ("by" or "only" is needed: "Invitation to tender" is a notice's kind, open for bids.)
_BY_INVITATION = r"(?:by\s+invitation(?:[\s-]+only)?|invitation[\s-]+only)"

# In a status field: leading the words (a stage named first: "Stage 2 – by invitation"), or the
# call open only to those invited, said of the whole call ("Stage 2 open to invited applicants
# only" is a stage open now to those it invited: open, words10).
# A key facts label may lead the field's words: "Funding status: Invitation only".
_LABEL = r"(?:(?:[\w-]+\s+){0,2}status\s*:\s*)?"
INVITED_STATUS = (
    rf"^{_LABEL}(?:(?:stage|round|phase)\s+\w+\s*[-–—:]\s*)?{_BY_INVITATION}\b|"
    rf"^{_LABEL}(?:currently\s+)?open\s+(?:only\s+)?to\s+{_INVITED}(?:\s+only)?\b"
)

# In prose: the call itself by invitation, or open to invited ones only.
INVITED_PROSE = (
    r"\b(?:this|the)\s+(?!(?:previous|last|earlier|first|former|next|second)\b)(?:[\w'’-]+\s+){0,3}?"
    r"(?:fund|scheme|programme|call|competition|round|funding|grants?)\s+(?:is|are)\s+"
    rf"(?:currently\s+|now\s+)?(?:by\s+invitation(?:[\s-]+only)?|open\s+only\s+to\s+{_INVITED}|"
    rf"open\s+to\s+{_INVITED}\s+only)\b"
)
