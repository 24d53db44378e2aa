"""The words that say who may apply, who may not, and who may only take part.

Two shapes of statement name applicants. A lead-in is followed by its list ("Open to charities and
parish councils", "Who can apply: Local authority, Non-profit", "We do not fund: individuals"); a
list is followed by its verb ("Schools and academies can apply", "Local authorities are not
eligible"). Partner wording leads a list of its own ("in partnership with a local authority",
"must involve at least one public body, such as a council") or follows the council it is about
("local authorities may participate as subcontractors", "a local authority partner").
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_I = re.IGNORECASE
_ORG = r"organi[sz]ations?"
_NOT_PUBLIC = (
    r"(?<!sector\s)(?<!public\s)"  # "public sector organisations will not be…" names councils
)


def _any_of(*alternatives: str) -> re.Pattern[str]:
    return lazy_pattern("|".join(f"(?:{a})" for a in alternatives), _I)


_WHO = (
    rf"(?:applicants?|bidders?|bidding\s+authorit(?:y|ies)|you|your\s+{_ORG}|the\s+{_ORG}|{_NOT_PUBLIC}{_ORG}|the\s+lead(?:\s+\w+)?|lead\s+\w+"
    r"|(?:the\s+)?accountable\s+bod(?:y|ies)|(?:grant\s+)?recipients?)"
)
# "one of the following", and the other ways a list is pointed at: "one of these", "any of the
# following", "one of the below" (a service page's "You can apply if you are one of these:").
_ONE_OF = r"(?:\s+(?:one|any)\s+of(?:\s+(?:the\s+following|these|those|the\s+below))?)?"

# "not normally", "not usually": a denial all the same; and "rarely", "seldom" deny alone.
_SO = r"(?:(?:normally|usually|generally|currently|ordinarily|typically|rarely|seldom)\s+)?"
_EXCEPTION = (
    r"\b(?:excluding|excludes?|except(?:\s+for)?|other\s+than|apart\s+from|not\s+including|"
    r"with\s+the\s+exception\s+of|rather\s+than|instead\s+of|unless\s+(?:they|it)\s+(?:are|is))\b"
)

# A research verb after "funding to": what the money is for, studying whatever follows.
_STUDIES = (
    r"(?:study|research|explore|examine|investigate|understand|evaluate|assess|analy[sz]e|measure|"
    r"model|map|review|compare|learn\s+(?:how|why|what|whether))\b"
)

# A lead-in whose list follows it.
LEAD_IN = _any_of(
    # "Who can apply:", "Which organisations are eligible to apply?"
    rf"\b(?:who|which\s+{_ORG}|{_ORG}\s+(?:that|which|who))\s+(?:can|cannot|can't|can\s+not|may|"
    r"should|(?:is|are)\s+(?:not\s+)?eligible\s+to)"
    r"\s+(?:apply|bid|lead\s+(?:a|the)\s+(?:bid|project))(?:\s+for\s+(?:funding|a\s+grant|this\s+\w+))?(?:\s+(?:include|includes|are))?\b"
    r"(?:\s*[?:-])*",  # "Who can apply ?? Charities ; schools"
    # "Who is eligible?", "Who is not eligible:", "Who is this for:", "Who the fund is for:"
    r"\bwho\s+(?:is|are)\s+(?:not\s+)?eligible\b\s*[?:-]?",
    r"\bwho\s+(?:is\s+(?:this|it)|it's|it\s+is|(?:is\s+)?(?:the|this)\s+(?:fund|funding|grant|scheme|"
    r"programme|competition)(?:\s+is)?)\s+for\b\s*[?:-]?",
    r"\b(?:not\s+)?(?:open|available)\s+(?:only\s+)?(?:to|for)\b",
    r"\b(?:not\s+)?suitable\s+(?:only\s+)?for\b\s*:?",
    r"\bnot\s+for\s*:",  # "Not for: local authorities, individuals"  # a funder's "Suitable for: Local authorities"
    # "Funding will be allocated to local authorities": the council is who receives it.
    r"\b(?:allocated|awarded|distributed|paid|payable|granted|provided|given|issued|transferred|made|"
    r"devolved|delegated)\s+"
    # "distributed through the local government settlement to all 32 councils", "paid under section
    # 31 of the Local Government Act 2003 to the 296 district councils"
    r"(?:(?:through|via|under|using)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){1,9}?)?(?:directly\s+)?to\b",
    r"\b(?:funding|money|grants?|allocations?)\s+(?:will\s+)?(?:go|goes)\s+(?:directly\s+)?to\b",
    # "The county council will pass the funding on to district councils": a council passing money
    # down is itself paid, and so is the council it passes it to.
    r"\b(?:pass(?:es|ed|ing)?|passport(?:s|ed|ing)?|cascad(?:e|es|ed|ing)|on-?grant(?:s|ed|ing)?)\s+"
    r"(?:(?:the|this|its|their|some|all|a\s+share\s+of)\s+)?(?:(?:funding|money|grants?|allocations?|"
    r"funds?|it|them)\s+)?(?:on\s+|down\s+|onwards?\s+|directly\s+)?to\b",
    # "DfT is allocating £200 million to local transport authorities"
    # "The fund will provide up to £500,000 to each eligible local authority"
    r"\b(?:allocat(?:e|es|ed|ing)|award(?:s|ed|ing)?|distribut(?:e|es|ed|ing)|pa(?:y|ys|id|ying)|granting|"
    r"giv(?:e|es|en|ing)|provid(?:e|es|ed|ing)|transfer(?:s|red|ring)?)\s+(?:(?:up\s+to\s+|over\s+|around\s+)?"
    r"(?:£\s?[\d.,]+(?:\s?(?:k|m|bn|million|billion))?|funding|grants?|money|allocations?)\s+)?"
    r"(?:directly\s+)?to\b",
    # "The fund gives councils capital funding": whom it gives money, before the money.
    r"\b(?:gives?|giving|offers?|offering|awards?|pays?)(?=(?:\s+[\w'-]+){1,4}?\s+(?:(?:capital|"
    r"revenue|grant)\s+)?(?:funding|funds|grants?|money|£))",
    r"\ballocations?\s+(?:to|for)\b|\b(?:million|billion|funding|money|fund|pot)\s+(?:will\s+be|is\s+to\s+be|is)\s+"
    r"shared\s+(?:out\s+)?(?:between|among|amongst)\b",  # "£50 million will be shared between …", not costs
    r"\b(?:restricted|limited|aimed|targeted)\s+(?:only\s+)?(?:to|at)\b",
    r"\b(?:ring-?fenced|reserved|intended|designed|exclusively|solely)\s+(?:only\s+)?(?:for|to)\b",
    # "Eligible applicants include", "Lead applicants must be one of the following:"
    rf"\b(?:eligible|ineligible|lead|joint)\s+(?:applicants?|{_ORG}|bodies|bidders?|partners?|"
    r"applicant\s+types?|organi[sz]ation\s+types?)(?:\s+(?:include|includes|are|is|(?:must|should|will|"
    rf"can|may)\s+be|must(?=\s*:)))?{_ONE_OF}\s*:?",  # "Lead applicants must:" heads its criteria
    # "Organisations eligible to apply include", "Organisations that are not eligible include:"
    r"\b(?:(?:not\s+)?eligible|ineligible)(?:\s+to\s+(?:apply|bid))?\s+(?:include|includes|are)\b\s*:?",
    # "Bodies eligible to apply: local authorities, NHS boards" (a key facts label, its list after it)
    r"\b(?:(?:not\s+)?eligible|ineligible)\s+to\s+(?:apply|bid)\s*:",
    # "There is no restriction on local authorities applying": nobody barred.
    r"\bno\s+restrictions?\s+on\b(?!\s+(?:the\s+)?(?:number|amount|size|value|type|types)\b)",
    # "Type of organisation: Local authority"
    r"\btypes?\s+of\s+(?:organi[sz]ations?|applicants?|bod(?:y|ies))\s*:",
    # "… this funding stream, which is for upper-tier authorities": what the fund is for.
    r",\s*(?:which|that)\s+(?:is|are)\s+(?:only\s+|solely\s+|exclusively\s+)?for\b",
    r"\b(?:not\s+eligible|ineligible|eligibility(?:\s+(?:criteria|requirements))?|applicants?|"
    r"(?:applicant|organi[sz]ation)\s+types?|(?:eligible\s+)?sectors?|excluded|exclusions)\s*:",
    # "Applicants must be", "To lead a project your organisation must:"
    # "Applicants can be", "Accountable body: must be a local authority"
    rf"\b{_WHO}(?:\s*:)?\s+(?:must|should|will\s+need\s+to|will|needs?\s+to|has\s+to|have\s+to|can|may)"
    rf"(?:\s+not)?(?:\s+be{_ONE_OF}\b\s*:?|\s*:)",
    # "Project partners can include", "Eligible organisations include"
    rf"\b(?:applicants?|{_ORG}|partners?|bodies|consorti(?:a|um)|collaborators?|partnerships?)\s+"
    r"(?:(?:can|may|could|must|should|will|might)\s+)?(?:also\s+)?includes?\b\s*:?",
    # "Applications are welcome from", "We accept applications from"
    r"\b(?:applications?|bids?|proposals?|submissions?|expressions\s+of\s+interest)\s+(?:(?:are|is|"
    r"will(?:\s+only)?\s+be)\s+)?(?:only\s+)?(?:welcome|welcomed|invited|accepted|encouraged|considered|"
    r"sought)\s+from\b",
    r"\b(?:accepts?|welcomes?|invites?|considers?|funds?|expects?|encourages?|prefers?)\s+(?:applications|bids|"
    r"proposals)"
    r"\s+from\b",
    # "We are looking for applications from" (but not "we want to hear from suppliers": a market
    # engagement asks for views, not applications)
    r"\b(?:looking\s+for|seeking|want|would\s+like)\s+(?:applications|bids|proposals)\s+from\b",
    # "We fund", "We do not fund:", "We can't fund"
    r"\b(?:we|they|it|this\s+(?:fund|programme|scheme|grant|competition|call|round|initiative|prize))(?:'re)?\s+(?:(?:can|will|may|might|could|"
    r"would|do\s+not|don't|"
    r"cannot|can't|will\s+not|won't|does\s+not|doesn't|(?:are\s+)?(?:unable|not\s+able)\s+to)\s+)?"
    rf"{_SO}(?:only\s+)?(?:fund|funds|accept|accepts)\b"
    r"(?:\s+(?:applications|bids|proposals)\s+from\b|(?!\s+(?:projects|activities|costs|work|"
    r"applications|bids|proposals)))\s*:?",
    # "The National Lottery Community Fund cannot fund local authorities", "The Trust will fund": a
    # funder named as the subject, with a modal so that "trust funds" (money) is not read.
    r"\b(?:fund|trust|foundation|programme|scheme|funder)\s+(?:can|will|may|do\s+not|does\s+not|doesn't|"
    r"cannot|can't|will\s+not|won't|is\s+(?:unable|not\s+able)\s+to)\s+(?:only\s+)?(?:fund|accept)\b"
    r"(?!\s+(?:projects|activities|costs|work|applications|bids|proposals))",
    # "Grants of between £20,000 and £80,000 for district councils": an amount, and for whom
    # (thousands parted by commas or by spaces, "£250 000", as money reads them).
    r"£\s?\d(?:[\d,.]|\s\d{3}\b)*(?:\s?(?:k|m|bn|million|billion))?\s+(?:each\s+)?for\b",
    # "This fund is for", "A £5 million fund for", "This grant is not for"
    r"\b(?:fund|funding|grants?|scheme|programme|competition|call|opportunity|prize|award|investment)"
    # "This round is for local authorities": a round or strand of a fund is the fund for its applicants.
    r"\s+(?:(?:is|are)\s+)?(?:not\s+)?(?:(?:only|exclusively|solely|primarily|mainly)\s+)?"
    # …not "funding to study councils", "funding to research how councils adapt": the councils are
    # what is studied, not who is paid ("funding for research organisations" still lists them).
    rf"(?:to(?!\s+{_STUDIES})|for)\b"
    r"|\b(?:this|the|each)\s+(?:round|strand)\s+(?:is|are)\s+(?:not\s+)?(?:(?:only|exclusively|solely)\s+)?for\b",
    # "Projects run by councils and charities": who runs or delivers a project is who applies.
    r"\b(?:(?:be|are|is)\s+(?:submitted|made|delivered)\s+(?:jointly\s+|directly\s+|only\s+)?by|(?:led|run|delivered|managed|operated|"
    # "Library services run by or on behalf of a local authority": both run them.
    r"organi[sz]ed)\s+by(?:\s+or\s+on\s+behalf\s+of)?|come\s+from)\b",
    r"\b(?:invit(?:es?|ed|ing)|calls\s+on|encourag(?:es?|ed|ing))\b",
    # "Project co-leads can be from UK local authorities": the partner word before says which role.
    r"\b(?:can|may|could|must|should)\s+(?:be|come)\s+from\b",
    rf"\bif\s+(?:you(?:\s+are|'re)|your\s+{_ORG}\s+is)\b(?:{_ONE_OF}\s*:?)?",
    # "Partners: universities, local authorities": a heading for the partners' list.
    r"\b(?:(?:project|delivery|eligible|research)\s+)?(?:partners?|collaborators?)\s*:",
    # "organisations that are not local authorities, such as charities": what follows is ruled out.
    r"\b(?:that|which|who)\s+(?:are|is)\s+not\b(?!\s+(?:eligible|able|allowed|permitted|invited|accepted))"
    r"(?:\s+(?:part\s+of|in|within|from)(?:\s+the)?)?",
    _EXCEPTION,
)
# A lead-in that carves its list out of the one before: "All local authorities except parish
# councils can apply" (out of a permission: ruled out), "Local authorities are not eligible, except
# parish councils" (out of a denial: let in).
EXCEPTION = lazy_pattern(_EXCEPTION, _I)
# A bar that, itself denied, lets in: "Local authorities are not excluded from applying".
NOT_BARRED = (
    r"(?:excluded|ineligible|barred|precluded|prevented)(?:\s+from\s+(?:applying|bidding))?\b"
)
_MORE_THAN = r"(?:more\s+than|over|in\s+excess\s+of|above|less\s+than|under|below)\b"
# A cue that reads as a permission though a "not" is in it: "not excluded", "apply for more than".
PERMITS = rf"(?:{NOT_BARRED}|(?:apply|bid|ask)\s+for\s+{_MORE_THAN})"
# A verb whose list (its subject) comes before it.
VERB = _any_of(
    r"\b(?:can|may|could|should|will|will\s+be\s+able\s+to|are\s+able\s+to|is\s+able\s+to|"
    r"(?:will\s+)?needs?\s+to|must)\s+(?:now\s+|also\s+|only\s+|jointly\s+|still\s+|all\s+|each\s+|both\s+)?(?:(?:re-?)?apply|bid|"
    r"submit|lead|receive\s+funding|be\s+funded|put\s+forward)\b",
    # "Councils will receive £1.2 billion", "Local transport authorities will share £1 billion":
    # formula funding, where the one who receives it is the one who would otherwise apply.
    # (But "will be allocated to …" names its receiver after it: a lead-in.)
    r"\b(?:will|are\s+to|can|may)\s+(?:now\s+|also\s+|each\s+|jointly\s+)?(?:receive|share|be\s+"
    r"(?:allocated|given|awarded|paid)(?!\s+(?:(?:through|via|under|using)\s+(?:[\w-]+\s+){1,10}?)?"
    r"(?:directly\s+)?to\b))\b"
    # "Residents will receive help from their council": help or advice is not the fund's money.
    r"(?!\s+(?:help|support|advice|information|guidance|assistance|feedback|a\s+response|"
    r"confirmation|notification)\b)",
    # "Mayoral combined authorities will be responsible for allocating the funding".
    r"\b(?:will\s+be|are|is)\s+responsible\s+for\s+(?:allocating|distributing|administering|spending)\s+"
    r"(?:the\s+|this\s+)?(?:funding|money|funds?|grants?|allocations?)\b",
    r"\b(?:are|is|will\s+be|would\s+(?:not\s+)?(?:normally\s+|usually\s+|generally\s+)?be|ha(?:ve|s)\s+been)\s+(?:now\s+|also\s+|only\s+|particularly\s+|especially\s+|"
    r"strongly\s+|an?\s+)?"
    r"(?:eligible|invited|(?:encouraged|expected|required)\s+to\s+(?:apply|bid|"
    r"submit|lead|(?:bring|put|come)\s+forward)|welcome\s+to\s+apply)\b",
    # "Local authorities are not eligible, but parish councils are." (the verb's word left out)
    # "… not just charities that can apply; councils can too."
    r"\b(?:are|is|can)(?=\s*(?:(?:too|also|as\s+well)\s*)?(?:[.;!]|$))"
    r"|\b(?:may|could)(?=\s*(?:too|also|as\s+well)\s*(?:[.;!]|$))",
    r"\bare\s+(?:also\s+|very\s+|most\s+|all\s+)?welcome\b",
    # "Joint applications from two or more local authorities are encouraged."
    r"\b(?:are|is|will\s+be)\s+(?:also\s+|particularly\s+|especially\s+|very\s+)?(?:welcomed|encouraged|"
    r"accepted|considered|sought)(?=\s*(?:[.;,!]|$|\s+(?:from|for|if|where|provided|and|but)\b))",
    # "Local authorities are the only eligible applicants."
    r"\b(?:are|is)\s+(?:the\s+)?(?:only\s+)?(?:eligible|intended)\s+(?:applicants?|bidders?|recipients?|"
    r"bodies|organi[sz]ations?)\b",
    # "Local authorities wishing to apply should contact us": who wants to apply may.
    r"\b(?:wishing|wanting|(?:may|might)\s+wish|intending|planning|interested\s+in|considering)\s+(?:to\s+)?(?:apply|applying|"
    r"bid|bidding|submit|submitting|be\s+considered|take\s+part|taking\s+part|participate|participating)\b",
    # "Councils must spend the money by 31 March": who spends the funding is who receives it.
    r"\b(?:should|must|will|can|may|are\s+to)\s+(?:use|spend)\s+(?:the|this|their|its|any)\s+(?:funding|"
    r"money|grants?|allocations?|funds)\b",
    # "Councils have until 5 June to submit their plans."
    r"\b(?:have|has)\s+until\b",
    r"\b(?:qualify|qualifies)\b",
    r"\b(?:must|will|should|can|may)\s+(?:act\s+as|be(?:\s+as)?)\s+(?:the\s+)?(?:lead|accountable)\b",
    r"\b(?:acting|act)\s+as\s+(?:the\s+)?accountable\s+body\b",
    r"\b(?:are|is|will\s+be)\s+the\s+(?:lead|accountable|delivery\s+bod(?:y|ies)|(?:grant\s+)?recipients?|"
    r"responsible\s+bod(?:y|ies))\b",
    # The same, denied.
    r"(?:\b(?:are|is)\s+(?:also\s+|therefore\s+|currently\s+)?(?:not|no\s+longer)|\b(?:aren't|isn't))"
    rf"\s+{_SO}(?:eligible|able\s+to\s+(?:apply|bid|lead)|allowed\s+to|permitted\s+to|invited|accepted|"
    r"considered|in\s+scope)",
    r"\b(?:are|is|falls?)\s+(?:ineligible|excluded|out(?:side)?\s+(?:of\s+)?(?:the\s+)?(?:scope|this\s+(?:scheme|fund|programme|grant|call)))\b",
    # "Local authorities cannot be partners in this programme": not even as partners.
    # "Public sector bodies cannot take part in this competition": not even as partners.
    r"\b(?:cannot|can\s+not|can't|may\s+not|must\s+not)\s+(?:apply|bid|lead|receive|take\s+part|participate|be\s+(?:funded|"
    r"the\s+lead|a\s+lead|lead|(?:an?\s+)?(?:project\s+)?partners?))\b(?!\s+for\s+"
    + _MORE_THAN
    + ")",
    # "… cannot apply for more than £5 million", "… are not excluded from applying": the "not" is
    # left behind the cue (a lookbehind), so the cue itself reads as a permission.
    r"(?:(?<=\bnot\s)|(?<=\bnever\s)|(?<=\bcannot\s)|(?<=\bcan't\s))" + PERMITS,
    # "Parish councils can apply, but principal authorities cannot."
    r"\b(?:cannot|can\s+not|can't|may\s+not|(?:are|is)\s+not|aren't|isn't)(?=\s*(?:[.;!]|$))",
    r"\bare\s+unable\s+to\s+(?:apply|bid|lead)\b",
    rf"\b(?:will\s+not|won't)\s+{_SO}be\s+(?:eligible|funded|considered|accepted)\b",
    # "Local authorities not eligible.", "Parish councils eligible.": a note with no verb.
    r"\b(?:not\s+)?eligible(?=\s*(?:[.;!]|$))",
    # "A council may not submit more than one bid": a limit on bids lets councils bid.
    r"(?<=\bnot\s)(?:submit|make|put\s+forward|lead)\s+(?:more\s+than|over|in\s+excess\s+of)\s+(?:one|two|"
    r"three|four|five|\d+)\s+(?:bids?|applications?|proposals?|submissions?|projects?)\b",
    r"(?<=\bnot\s)(?:use|spend)\s+(?:the|this|their|its|any)\s+(?:funding|money|grants?|allocations?|funds)\b",
    r"\b(?:are|is)\s+not\s+available\b(?!\s+(?:to|for)\b)",
    r"\b(?:will\s+be|are|is)\s+(?:automatically\s+)?(?:rejected|refused|declined)\b|\bunlikely\s+to\s+be\s+(?:successful|funded)\b",
    r"\b(?:(?:do|does)\s+not|don't|doesn't)\s+qualify\b",
    r"\b(?:should\s+not|shouldn't|need\s+not|needn't)\s+(?:apply|bid)\b",
)
NEGATIVE = lazy_pattern(
    r"(?<![\w-])(?:not(?!\s+(?:the\s+)?only\b)|unlikely(?=\s+to\s+be\s+(?:successful|funded))|rarely|seldom|cannot|can't|won't|don't|doesn't|aren't|isn't|mustn't|unable|ineligible|"
    r"excluded|excluding|excludes?|exclusions?|except|other\s+than|apart\s+from|exception|rejected|"
    r"refused|declined|no\s+longer|rather\s+than|instead\s+of|unless\s+(?:they|it)\s+(?:are|is)|no(?=\s+(?:grants?|funding|money|awards?|applications?|bids?)\b)|"
    r"out(?:side)?\s+(?:of\s+)?(?:the\s+)?(?:scope|this\s+(?:scheme|fund|programme|grant|call)))(?![\w-])",  # not "not-for-profit"
    _I,
)
# Words that end a list: its last item goes on to say something ("a UK business *may* include…",
# "a lead council, *which* will act as…").
LIST_STOP = lazy_pattern(
    r"\b(?:which|that|who|whose|where|must|may|can|could|will|would|should|shall|includes?|"
    r"involv(?:e|es|ing)|work|working|deliver|delivering|provide|providing|need|needs|has|have|is|are)\b",
    _I,
)
# Where a list ends (its lead-in's reach) or begins (its verb's reach).
CLAUSE_BREAK = lazy_pattern(
    r"[;:.!?]|\b(?:but(?!\s+also\b)|whereas|however|although|though|while|unless|provided|when|where|if)\b"
    # "Please note that local authorities are not eligible": the list starts after "that".
    r"|\b(?:note|noted|confirm|aware|clear|remember|ensure)\s+that\b",
    _I,
)
# What a list's items are cut at: "charities, schools and parish councils (including …)".
ITEM_BREAK = lazy_pattern(
    # A dash or star between spaces is a bullet whose line break was lost: "Who can apply: - charities - councils".
    r"[,;/&()\[\]]|\s[-*\u2013\u2014]\s|\b(?:and/or|and|or|nor|including|such\s+as|e\.g\.|for\s+example|"
    r"as\s+well\s+as|"
    r"plus|together\s+with)\b",
    _I,
)
