"""The kinds of applicant a list's items name: the words that only qualify an item ("a UK registered",
"all 32 Scottish"), applicants that are not councils ("charities", "NHS trusts", "police and crime
commissioners"), and applicants named so broadly that councils may be among them ("organisations").
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_I = re.IGNORECASE

# Words that may open an item before what it names: "a UK registered", "all 32 Scottish".
ITEM_PREFIX = {
    "a", "an", "the", "any", "all", "those", "these", "such", "each", "every", "other", "both", "either", "only", "also",
    "eligible", "existing", "relevant", "selected", "named", "listed", "identified", "successful",
    "shortlisted", "chosen", "invited", "qualifying", "participating", "lead", "uk", "uk-registered",
    "uk-based", "gb", "registered", "based", "english", "scottish", "welsh", "northern", "irish",
    "british", "small", "smaller", "medium", "medium-sized", "mid-sized", "micro", "large", "larger",
    "sized", "private", "independent", "constituted", "for-profit", "commercial", "incorporated", "new",
    "established", "rural", "urban", "individual", "freelance", "upper-tier", "lower-tier",
    "single-tier", "two-tier", "principal", "single", "mayoral", "metropolitan", "at", "least", "one", "more",
    "up", "to", "applications", "application", "bids", "bid", "proposals", "submissions", "from",
    "by", "are", "is", "be", "of", "in", "england", "wales", "scotland", "uk's", "most", "certain",
    "following", "town", "parish", "county", "district", "borough", "city", "unitary", "community",
    "combined", "voluntary", "their", "your", "its", "our", "constituent", "member", "local",
    # A buyer's qualifiers ("experienced care providers") and an answer's adverb opening the clause
    # ("No, unfortunately local authorities are not eligible").
    "experienced", "qualified", "suitably", "specialist", "accredited", "approved",
    "unfortunately", "sadly", "regrettably", "however", "therefore", "currently", "normally",
    # A consequence opening the clause: "Only charities may apply, so local authorities are not".
    "so", "thus", "hence", "consequently", "accordingly",
    # Where the applicant works: "if you are employed at a research organisation".
    "employed", "working",
    # What a charity or group works on: "environmental charities", "cultural organisations"
    # (adjectives only: a noun such as "heritage" may be an item of its own).
    "environmental", "cultural", "creative", "educational", "ecological", "grassroots",
}  # fmt: skip
OTHER_APPLICANT = lazy_pattern(
    r"(?:businesses|business|companies|company|firms?|smes?|micro-?businesses|enterprises?|"
    r"start-?ups?|scale-?ups?|social\s+enterprises?|"
    # Bodies of local businesses: "chambers of trade", "business improvement districts" (BIDs).
    r"chambers?\s+of\s+(?:trade|commerce)|business\s+improvement\s+districts?|"
    r"(?:traders|retailers|business|tenants|residents)(?:'|\u2019)?\s+associations?|"
    r"(?:tenants|residents)(?:'|\u2019)?\s+(?:groups?|committees?|forums?)|community\s+interest\s+compan(?:y|ies)|cics?|"
    r"constituted\s+(?:groups?|clubs?|associations?)|charit(?:y|ies)|charitable\s+(?:incorporated\s+organi[sz]ations?|trusts?|organi[sz]ations?|"
    r"bodies)|cios?|trusts?|universit(?:y|ies)|higher\s+education\s+(?:institutions?|providers?)|"
    r"heis?|further\s+education\s+(?:colleges?|institutions?|providers?)|colleges?|schools?|"
    r"academ(?:y|ies)|nurser(?:y|ies)|research\s+(?:organi[sz]ations?|institutes?|institutions?|"
    r"centres?|council\s+institutes?)|research\s+and\s+technology\s+organi[sz]ations?|rtos?|iros?|"
    r"academic\s+institutions?|psres?|public\s+sector\s+research\s+establishments?|catapults?|"
    r"nhs\s+(?:trusts?|bodies|body|organi[sz]ations?|foundation\s+trusts?)|integrated\s+care\s+"
    r"(?:boards?|systems?)|icbs?|gp\s+practices?|hospices?|individuals?|personal|people|persons?|"
    r"artists?|practitioners?|freelancers?|creative\s+practitioners?|sole\s+traders?|self-employed|"
    r"households?|homeowners?|residents?|tenants?|landlords?|farmers?|land\s*managers?|landowners?|foresters?|growers?|fishers?|fishermen|producers?|"
    # Whoever owns the premises a town centre fund brings back into use: "property owners".
    r"(?:property|building|premises|business|shop|site)\s+owners?|"
    r"community\s+(?:groups?|organi[sz]ations?|sector\s+organi[sz]ations?|businesses|enterprises?)|"
    # Community groups named by their scale: "grassroots groups" (community foundations' word).
    r"grass-?roots\s+(?:community\s+)?(?:groups?|organi[sz]ations?|clubs?|projects?)|"
    # Scotland's community councils: statutory community bodies, not local government (mentions.py).
    r"scottish\s+community\s+councils?|community\s+councils?\s+in\s+scotland|"
    # A community group named by what it does: "community energy groups", "community sports
    # organisations" (never a council's: "community council groups" is not one).
    r"community\s+(?:(?!councils?\b)[\w'-]+\s+){1,2}(?:groups?|organi[sz]ations?)|"
    r"voluntary\s+(?:and\s+community\s+)?(?:sector\s+)?(?:organi[sz]ations?|groups?|bodies)|vcses?|"
    r"vcs|third\s+sector\s+organi[sz]ations?|not-?for-?profits?(?:\s+(?:organi[sz]ations?|"
    r"companies|groups|bodies))?|non-?profits?(?:\s+organi[sz]ations?)?|private\s+sector"
    r"(?:\s+organi[sz]ations?)?|housing\s+associations?|registered\s+providers?|social\s+landlords?|"
    r"sports?\s+clubs?|clubs?|faith\s+(?:groups?|organi[sz]ations?)|co-?operatives?|mutuals?|"
    # The charity or committee that runs a hall: "village hall trustees" (the hall alone is what
    # a grant is for, "grants for village halls", not who applies; a bare list is read apart,
    # bare_items.py).
    r"(?:village|community|church|memorial)\s+halls?\s+(?:trustees|(?:management\s+)?"
    r"committees?|charit(?:y|ies)|trusts?)|"
    # Trustees of a building or a charity ("chapel trustees"), and community finance and food
    # bodies, which are charities or co-operatives, never councils.
    # A parish church's council is the Church of England's, not a local council (mentions.py names
    # no council in it): "Parochial church councils and church charities".
    r"(?:parochial\s+)?church\s+councils?|"
    r"trustees|cadets|credit\s+unions?|"
    # Community-run workshops: "repair cafés", "men's sheds" (constituted groups, never councils).
    r"repair\s+caf(?:e|\u00e9)s?|(?:(?:men|women)(?:'|\u2019)?s\s+|community\s+)sheds?|food\s*banks?|(?:community\s+)?(?:larders?|pantr(?:y|ies))|"
    r"youth\s+(?:groups?|clubs?|organi[sz]ations?)|"
    # Community transport and bus operators run services; a council commissions them.
    r"(?:community\s+|public\s+)?transport\s+operators?|bus\s+(?:operators?|companies)|"
    # "Arts organisations" (an arts council's usual applicants; "arts" is no adjective the item
    # prefixes know, so a list naming them beside parish councils was unclear).
    r"arts\s+(?:organi[sz]ations?|groups?|bodies|charit(?:y|ies)|companies)|"
    # Libraries apply as museums do (a council runs many, and is then named: "local authorities").
    r"museums?|galleries|theatres?|librar(?:y|ies)|researchers?|students?|innovators?|"
    r"manufacturers?|developers?|"
    # Partners named by their part in the work: "local authorities and their development
    # partners" (not a bare "partners", who may be anyone, councils too).
    r"(?:delivery|development|project|private[\s-]+sector)\s+partners?|"
    r"suppliers?|contractors?|consultanc(?:y|ies)|government\s+departments?|central\s+government|"
    r"arm's[- ]length\s+bodies|parish\s+meetings?|"
    # "non-statutory organisations", "non-governmental bodies": named as not what a council is.
    r"non-?(?:statutory|public|governmental|government)(?:\s+(?:sector\s+)?(?:organi[sz]ations?|bodies|"
    r"groups?))?|ngos?|"
    # A sector named alone, as an item: "Sector: Private, Voluntary".
    r"(?:private|voluntary|third|charitable|community)(?=\s*(?:[,;/|)]|$))|"
    # Protected landscapes' partnerships are hosted bodies, not councils: "AONB partnerships".
    r"(?:aonb|national\s+landscapes?)\s+partnerships?|"
    # Public bodies that are not councils: "National Park Authorities and the Broads Authority".
    r"national\s+park\s+authorit(?:y|ies)|broads\s+authority|internal\s+drainage\s+boards?|"
    r"environment\s+agency|(?:environment(?:al)?|regional\s+development)\s+agenc(?:y|ies)|"
    # Abroad, a region's own government; at home, the bodies that run ports and harbours.
    r"regional\s+authorit(?:y|ies)|(?:port|harbour|harbor)\s+authorit(?:y|ies)|(?:local\s+|nhs\s+)?health\s+boards?|nhs\s+boards?|"
    # Joint bodies of councils with others, which are not themselves councils: a Scottish
    # integration joint board (with the NHS), a regional transport partnership, a Welsh regional
    # partnership board, an English LEP or Growth Hub, a primary care network.
    r"integration\s+joint\s+boards?|ijbs?|regional\s+(?:transport\s+partnerships?|partnership\s+"
    r"boards?)|local\s+enterprise\s+partnerships?|leps?|growth\s+hubs?|primary\s+care\s+networks?|"
    # Blue-light bodies are public bodies but not councils: "police and crime commissioners", "fire
    # and rescue authorities" (a list cuts at "and", so "fire" may end its item).
    # A council's company or trust is not the council: "local authority trading companies",
    # "council-owned leisure trusts" (the hyphened owner is read past, leaving "leisure trusts").
    r"(?:local\s+authorit(?:y|ies)|councils?)\s+(?:trading\s+)?compan(?:y|ies)|"
    r"(?:leisure|culture|cultural|library|libraries|museums?|arts)\s+trusts?|"
    # Whom a buyer asks to bid: "care providers", "training providers".
    r"(?:care|service|training|childcare|transport|bus|health)\s+providers?|providers?\s+of\b|"
    # A list cut at "and" leaves "crime commissioners" of "police and crime commissioners".
    r"crime\s+commissioners?|rescue\s+(?:authorit(?:y|ies)|services?)|pccs?|violence\s+reduction\s+(?:units?|partnerships?)|vrus?|"
    r"police(?:\s+forces?)?|fire(?=\s*$|\s+(?:and|&)\s+rescue|\s+(?:services?|authorit))|ambulance\s+(?:services?|trusts?))\b",
    _I,
)
# Applicants named so broadly that councils may be among them.
ANY_APPLICANT = lazy_pattern(
    r"(?:organi[sz]ations?|bodies|body|applicants?|anyone|anybody|everyone|entit(?:y|ies)|groups?|"
    r"partnerships?|consortia|consortium|institutions?|providers?|types|sectors?)\b",
    _I,
)
