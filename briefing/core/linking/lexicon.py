"""General English word lists the linker relies on: nothing here knows any briefing's topic."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


STOPWORDS = frozenset(
    _words(
        """
        a about above across after afterwards again against all almost alone along already also
        although always am among amongst an and another any anyhow anyone anything anyway
        anywhere are around as at back be became because become becomes becoming been before
        beforehand behind being below beside besides between beyond both but by can cannot could
        did do does doing done down during each either else elsewhere enough etc even ever every
        everyone everything everywhere except few for former formerly from further had has have
        having he hence her here hereby herein hers herself him himself his how however i if in
        indeed into is it its itself just least less made make many may me meanwhile might mine
        more moreover most mostly much must my myself namely neither never nevertheless next no
        nobody none noone nor not nothing now nowhere of off often on once one only onto or
        other others otherwise our ours ourselves out over own per perhaps please put rather re
        same seem seemed seeming seems several she should since so some somehow someone
        something sometime sometimes somewhere still such than that the their theirs them
        themselves then thence there thereafter thereby therefore therein thereupon these they
        this those though through throughout thru thus to together too toward towards under
        until up upon us very via was we well were what whatever when whence whenever where
        whereafter whereas whereby wherein whereupon wherever whether which while whither who
        whoever whole whom whose why will with within without would yet you your yours yourself
        yourselves said says say told according also just like including include includes
        included mr mrs ms dr st via vs however meanwhile nonetheless notably furthermore
        moreover additionally consequently likewise similarly instead indeed ultimately finally
        firstly secondly lastly overall yes no here there today tonight yesterday tomorrow
        recently currently two three four five six seven eight nine ten
        """
    )
)
"""Function words and discourse words: never terms, never names at a sentence start."""

NAME_STOPWORDS = STOPWORDS | frozenset(
    {"first", "second", "third", "last", "latest", "recent", "next", "previous", "this", "that"}
)
"""Words that, capitalised at a sentence start, are still not part of a name ("The", "However")."""

DIRECTION_WORDS = frozenset(
    _words(
        """
        north south east west northern southern eastern western central upper lower greater
        inner outer northeast northwest southeast southwest north-east north-west south-east
        south-west far near middle
        """
    )
)
"""'Eastern X' is a part of X, and 'X' alone is not that part."""

TITLE_HEADS = frozenset(
    _words(
        """
        president presidents minister ministers chairman chairwoman chairperson chair leader
        leaders premier chancellor secretary secretaries commander commanders general generals
        admiral colonel major captain lieutenant sergeant marshal ambassador envoy consul
        governor mayor senator congressman congresswoman representative councillor councilor
        alderman alderwoman spokesman spokeswoman spokesperson director directors manager chief
        head king queen prince princess emperor empress pope bishop archbishop cardinal reverend
        rabbi imam sheikh professor prof judge justice sir dame lord lady mr mrs ms miss dr mx
        officer inspector superintendent constable sheriff deputy dean rector provost ceo cfo
        coo chairman-elect president-elect mayor-elect councilmember councilwoman councilman
        assemblyman assemblywoman
        """
    )
)
"""Titles that precede a name ("President X", "Mayor X"); stripped so the name is what matches."""

TITLE_MODIFIERS = frozenset(
    _words(
        """
        vice deputy prime supreme acting former then interim foreign defense defence interior
        finance home health education transport trade culture justice economy economic treasury
        navy naval army air force military chief senior junior assistant associate executive
        general first grand high lord state city county regional district national federal
        """
    )
)
"""Words that qualify a title ("Vice Premier", "Defence Minister"); dropped along with it."""

ROLE_NOUNS = frozenset(
    _words(
        """
        writer writers correspondent correspondents editor editors reporter reporters columnist
        contributor photographer producer anchor commentator stringer
        """
    )
)
"""Newsroom roles that follow a byline's name ("Dana Whitfield, Staff Writer"): never part of
a name, and a name after one ("Staff Writer PORTLAW") is the dateline, not its holder."""

ROLE_MODIFIERS = frozenset(
    _words(
        """
        staff special contributing managing political diplomatic foreign news sports business
        science bureau chief senior associate deputy executive local city metro investigative
        """
    )
)
"""Words that qualify a newsroom role ("Staff Writer", "Diplomatic Correspondent")."""

TIME_ZONES = frozenset(
    [
        "GMT",
        "UTC",
        "BST",
        "CET",
        "CEST",
        "EET",
        "EEST",
        "WET",
        "MSK",
        "EST",
        "EDT",
        "CST",
        "CDT",
        "MST",
        "MDT",
        "PST",
        "PDT",
        "IST",
        "JST",
        "KST",
        "AEST",
        "AEDT",
        "SAST",
        "ET",
        "PT",
        "CT",
        "Z",
    ]
)
"""Abbreviations of time zones: after a clock time ('2030 GMT'), never a name."""

SURNAME_PARTICLES = frozenset(
    [
        "de",
        "del",
        "della",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
    ]
)
"""Connectors that begin a family name ('El Moro', 'van der Varo'): kept at a name's start."""

NAME_CONNECTORS = frozenset(
    _words(
        """
        of for de del della da di du van von der den la le al el bin ibn the and on
        """
    )
)
"""Lower-case words allowed inside a capitalised name ("Bank of England", "Ministry for X")."""

NAME_INNER_ONLY = frozenset({"the", "and", "on"})
"""Connectors that must sit between two capitalised words and never start or end a name."""

HYPHEN_SUFFIXES = frozenset(
    _words(
        """
        era made led based backed owned run style born like wide built bound centric related
        level class scale type aligned friendly speaking funded controlled occupied designed
        mandated sponsored linked inspired allied leaning year years
        """
    )
)
"""Lower-case endings glued to a name ('Freedonian-era', 'Varo-led'): the name is what counts."""

DEMONYM_ENDINGS = ("ian", "ean", "can", "ese", "ish", "ern", "ani", "eli", "aqi")
"""How words for a people end ('Varoan' aside): 'Freedonian', 'Varoese', 'Western', 'Eastmeri'.
Alone and used as an adjective they describe, they do not name."""

PEOPLE_ENDINGS = (*DEMONYM_ENDINGS, "an")
"""The endings of words for a people, 'Varoan' too: what a name's half or a lone word
that stands for a people ends in."""

HYPHEN_PREFIXES = frozenset(
    _words(
        """
        then ex anti pro non post pre mid former neo pan trans sub inter intra self co
        """
    )
)
"""Lower-case prefixes glued to a name by a hyphen ("then-President", "anti-Varo"): dropped."""

ORGANISATION_WORDS = frozenset(
    _words(
        """
        institute institution university college school academy council committee commission
        ministry department agency office bureau authority board party parliament congress
        senate assembly court tribunal army navy fleet force forces corps command group company
        corporation bank fund union association federation league forum service services
        organisation organization network times news post press journal herald tribune daily
        gazette broadcasting radio television foundation trust society alliance coalition centre
        center club church hospital police guard initiative programme program panel nations
        house line lines airline airlines airways shipping holdings
        """
    )
)
"""Words that mark a name as an organisation ("... Institute", "... Council")."""

PLACE_WORDS = frozenset(
    _words(
        """
        city town village county province region prefecture district state
        territory republic kingdom emirate island islands peninsula sea ocean river lake
        mountain mountains valley bay gulf strait coast desert airport port harbour harbor
        spaceport square street avenue bridge station border
        """
    )
)
"""Words that mark a name as a place ("... Province", "... Island", "... Square")."""

EVENT_WORDS = frozenset(
    _words(
        """
        day days war wars summit games olympics festival conference crisis revolution
        election elections talks treaty accord agreement week cup championship expo
        """
    )
)
"""A name ending in one of these is an event ("Founders Day", "Salt War"), not a place."""

PERSON_ROLES = frozenset(
    _words(
        """
        official analyst expert scholar professor researcher fellow spokesman spokeswoman
        spokesperson minister diplomat leader president director adviser advisor member
        lawmaker legislator senator chief head founder economist journalist correspondent
        editor commander officer ambassador envoy secretary chairman chairwoman chair dictator
        ruler premier general admiral governor mayor councillor councilor councilmember
        candidate author writer historian specialist strategist negotiator aide lecturer
        activist deputy manager executive lawyer politician colonel captain guerrilla
        father mother son daughter grandfather grandmother grandson granddaughter brother
        sister wife husband uncle aunt widow successor predecessor
        """
    )
)
"""Nouns for what a person is or does: 'X, a harbour board official', 'analyst X'."""

SPEECH_VERBS = frozenset(
    _words(
        """
        said says told added warned stated wrote writes noted argued argues insisted explained
        asked replied claimed recalled declared believes thinks suggested cautioned acknowledged
        admitted conceded urged stressed emphasised emphasized
        """
    )
)
"""Verbs that make the name before them a speaker: 'Ana Lestova said'."""

PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "to", "from", "near", "across", "into", "toward", "towards", "outside", "inside"}
)
"""A name right after one of these is likely a place."""

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
}  # fmt: skip

MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6,
    "mln": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12,
    "tn": 1e12, "trn": 1e12, "hundred": 1e2, "thousands": 1e3,
}  # fmt: skip

CURRENCIES: dict[str, str] = {
    "us$": "USD", "$": "USD", "usd": "USD", "a$": "AUD", "c$": "CAD", "nz$": "NZD",
    "hk$": "HKD", "s$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY",
    "₩": "KRW", "₹": "INR", "chf": "CHF", "₽": "RUB", "yuan": "CNY", "rmb": "CNY",
    "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "won": "KRW", "rupee": "INR", "rupees": "INR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "franc": "CHF",
    "francs": "CHF",
}  # fmt: skip
"""Currency marks before a number, and currency words after one."""

UNIT_ALIASES: dict[str, str] = {
    "%": "%", "percent": "%", "per cent": "%", "pc": "%", "percentage": "%",
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "mile": "mile", "miles": "mile", "m": "metre", "metre": "metre",
    "metres": "metre", "meter": "metre", "meters": "metre", "mm": "mm", "millimetre": "mm",
    "millimetres": "mm", "cm": "cm", "centimetre": "cm", "centimetres": "cm",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg",
    "t": "tonne", "ton": "tonne", "tons": "tonne", "tonne": "tonne", "tonnes": "tonne",
    "barrel": "barrel", "barrels": "barrel", "bpd": "barrel/day", "litre": "litre",
    "litres": "litre", "liter": "litre", "liters": "litre", "gallon": "gallon",
    "gallons": "gallon", "hectare": "hectare", "hectares": "hectare", "ha": "hectare",
    "acre": "acre", "acres": "acre", "mw": "MW", "megawatt": "MW", "megawatts": "MW",
    "gw": "GW", "gigawatt": "GW", "gigawatts": "GW", "kwh": "kWh", "mph": "mph", "kph": "km/h",
    "km/h": "km/h", "second": "second", "seconds": "second", "minute": "minute",
    "minutes": "minute", "hour": "hour", "hours": "hour", "hrs": "hour", "day": "day",
    "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "times": "times", "fold": "times",
    "foot": "ft", "feet": "ft", "ft": "ft", "inch": "inch", "inches": "inch",
}  # fmt: skip
"""Unit words after a number, folded to one spelling each."""

DURATION_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)
"""A count of these is a span of time ("four years"), weak evidence of one shared fact."""

QUALIFIERS: dict[str, str] = {
    "up to": "≤", "as many as": "≤", "as much as": "≤", "at most": "≤", "no more than": "≤",
    "less than": "<", "fewer than": "<", "under": "<", "below": "<", "nearly": "≈",
    "almost": "≈", "about": "≈", "around": "≈", "roughly": "≈", "approximately": "≈",
    "some": "≈", "circa": "≈", "an estimated": "≈", "estimated": "≈", "more than": ">",
    "over": ">", "above": ">", "at least": "≥", "upwards of": ">", "in excess of": ">",
    "just over": ">", "just under": "<", "well over": ">", "exactly": "=",
}  # fmt: skip
"""Words before a number that say how exact it is; "up to 11" is a bound, not 11."""

# Near-synonyms of general news English, one group per line. A group lets two sources that
# word one fact differently ("ammunition" / "munitions", "trip" / "visit") still meet; it is
# a weaker signal than the same word. None of this names a place, person or event.
CONCEPT_GROUPS: tuple[str, ...] = (
    # conflict and security
    "weapon weapons arms armament armaments weaponry munition munitions ammunition ordnance arsenal",
    "shell shells artillery round rounds projectile projectiles",
    "missile missiles rocket rockets",
    "war warfare conflict fighting hostilities combat battle battlefield",
    "invasion invade invaded invading incursion offensive occupation occupied",
    "army military troops soldiers forces armed defence defense",
    "attack attacks assault strike strikes raid",
    "drill drills exercise exercises manoeuvres maneuvers",
    "nuclear atomic",
    "satellite satellites spacecraft orbit",
    "submarine submarines sub",
    "alliance alliances bloc axis coalition pact partnership partnerships",
    "sanction sanctions embargo restriction restrictions penalty penalties punitive",
    "threat threats danger dangers risk risks menace",
    "stockpile stockpiles stock stocks reserve reserves arsenal inventory supplies",
    "shortage shortages deplete depleted depletion dwindle dwindling exhaust exhausted scarcity short",
    "veto vetoed vetoes block blocked",
    # diplomacy and politics
    "meeting meetings summit summits talks meet met convene convened gathering encounter",
    "visit visits visited trip trips journey travel travelled traveled tour toured",
    "leave left depart departed departure embark embarked set",
    "arrive arrived arrival reach reached",
    "agreement agreements deal deals accord treaty pact contract",
    "cooperation cooperate collaboration collaborate coordination coordinate partnership",
    "relation relations relationship ties bilateral",
    "support supported backing backed endorse endorsed endorses endorsement pledge pledged",
    "oppose opposed opposition against reject rejected condemn condemned condemning",
    "recognise recognised recognize recognized recognition",
    "resolution resolutions motion",
    "election elections vote votes voted voting ballot poll polls referendum",
    "government administration cabinet regime authorities",
    "official officials spokesperson spokesman spokeswoman representative",
    "leader leaders head ruler",
    "delegation entourage team retinue",
    "message signal signals warning",
    "prestige stature standing status reputation legitimacy",
    "propaganda publicity spin",
    "isolation isolated isolate",
    "negotiation negotiations negotiate negotiated talks",
    "statement statements announcement announced announce declared declaration",
    "report reports reported reporting",
    "concern concerns concerned worried worry nervous uneasy wary cautious anxious askance",
    "ally allies allied partner partners",
    "adversary adversaries enemy enemies rival rivals foe",
    "transactional pragmatic opportunistic",
    "symbolic symbolism symbol",
    # economy and trade
    "trade trading commerce exports imports export import",
    "economy economic economies",
    "aid assistance help humanitarian relief",
    "food grain grains wheat flour corn rice maize cereal",
    "energy oil petroleum fuel gas coal electricity power",
    "price prices cost costs costing expense expenses spending budget budgets",
    "budget funding fund funds financing finance",
    "money cash payment payments",
    "debt debts loan loans credit",
    "investment investments invest invested investor investors",
    "tax taxes taxation levy",
    "profit profits earnings revenue revenues income",
    "increase increased increasing rise rose rising grow growth grew surge surged jump boost",
    "decrease decreased decline declined fall fell drop dropped cut cuts reduce reduced shrink",
    "factory factories plant plants works",
    "production produce produced producing output manufacture manufacturing manufactured",
    "worker workers labour labor workforce employees staff",
    "company companies firm firms business businesses corporation",
    "infrastructure railway railways railroad rail",
    "port ports harbour harbor terminal",
    "pipeline pipelines",
    "shipment shipments consignment consignments delivery deliveries cargo freight",
    "supply supplied supplies supplying provide provided providing deliver delivered",
    "purchase purchases buy buying bought acquire acquired acquiring procure",
    "sell sold selling sale sales",
    # technology
    "technology technologies technological expertise know-how",
    # society and health
    "pandemic epidemic covid coronavirus outbreak virus",
    "famine starvation starving hunger starve",
    "crisis crises emergency",
    "protest protests protester protesters demonstration demonstrators rally march",
    "police officers",
    "resident residents citizens locals inhabitants community",
    "hospital hospitals clinic",
    "school schools pupils students",
    "death deaths died killed dead fatalities",
    "injury injuries injured wounded",
    # law and institutions
    "court courts tribunal judge",
    "law laws legislation statute rule rules regulation regulations",
    "violation violations breach breaches violate violated breaching",
    "approve approved approval authorise authorised authorize authorized pass passed",
    "plan plans planned proposal proposals proposed scheme project projects",
    "council councillors",
    # transport and cities
    "tram trams streetcar light-rail",
    "bus buses coach",
    "train trains",
    "road roads street streets avenue",
    "bridge bridges viaduct",
    "station stations stop stops",
    "route routes line lines",
    "construction build building built construct constructed",
    "delay delays delayed postponed postpone",
    "open opening opened launch launched inauguration inaugurated",
    # time and change
    "previous former earlier prior past",
    "future upcoming forthcoming coming",
    "begin began begun start started starting commence commenced",
    "end ended ending finish finished conclude concluded",
    # judgement
    "unlikely implausible doubtful improbable",
    "likely probable plausible",
    "premature early",
    "significant significance important importance major",
    "difficult difficulty hard challenge challenges challenging",
    "united unified joint",
    # more general news vocabulary, across domains
    "abroad foreign overseas international",
    "trilateral tripartite three-way triple trio troika",
    "want wants wanted seek seeks seeking sought desire desires desired keen eager wish",
    "obtain obtained acquire acquired gain gained get secure secured",
    "need needs needed require requires required necessity",
    "urgent urgency urgently desperate desperately pressing acute",
    "consume consumed consumption expend expended exhaust exhausted use used fire fired",
    "replenish replenished restock refill",
    "dinner banquet lunch luncheon feast meal reception",
    "speech toast remarks address",
    "praise praised laud lauded lauding hail hailed",
    "criticise criticised criticize criticized criticism condemnation",
    "doubt doubts sceptical skeptical scepticism skepticism",
    "claim claims claimed allege alleged allegation assert asserted",
    "estimate estimates estimated assessment assess assessed",
    "expect expected expectation expectations anticipate anticipated",
    "first initial inaugural maiden",
    "border borders frontier boundary",
    "closure closures closed shut lockdown",
    "pandemic covid covid-19 coronavirus epidemic",
    "space satellite spaceport launch",
    "navy naval fleet warship warships",
    "aircraft jet jets fighter bombers planes plane",
    "ship ships vessel vessels boat boats",
    "spy reconnaissance surveillance intelligence",
    "stockpile stockpiles stocks reserve reserves",
    "equipment gear hardware materiel",
    "logistics logistical transport transportation transfer transferring",
    "history historical past legacy",
    "influence sway clout leverage",
    "signal signals message messages show demonstrate demonstration",
    "front camp",
    "isolation isolated pariah",
    "rapprochement closer warming",
    "friend friends friendship companionship comrade",
    "trust distrust mistrust suspicion",
    "wary cautious careful caution",
    "outcome outcomes result results",
    "impact impacts effect effects consequence consequences",
    "benefit benefits beneficial advantage",
    "goal goals aim aims objective objectives purpose",
    "priority priorities",
    "provoke provocative provocation",
    "escalate escalation escalating tension tensions",
    "stability stable instability",
    "security safety",
    "exchange return swap",
    "weaponry weapons arsenal",
    "propaganda propagandise propagandize",
    "capital city",
    "minister ministry",
    "meeting summit conference forum",
    "commerce trade",
    "grain wheat cereal",
    "petroleum oil crude",
    "rail railway train",
    "vote voted referendum",
    "cost costs price bill spend spending",
    "council councillor councillors municipal",
    "mayor mayoral",
    "resident residents neighbour neighbours neighbourhood neighborhood",
    "protest protested protesters demonstrators objectors",
    "opposition opponent opponents critics",
    "supporter supporters proponents backers advocates",
    "delay delayed setback setbacks overrun",
    "complete completed completion finish finished",
    "journey commute commuter commuters passenger passengers ridership",
    "environment environmental green climate emissions",
    "traffic congestion",
    "noise disruption disruptions",
    "contract contractor contractors tender bid",
    "loan loans borrowing borrow debt",
    "grant grants subsidy subsidies",
    "tax taxpayer taxpayers ratepayers",
    "salary salaries wage wages pay",
    "job jobs employment unemployment",
    "inflation prices",
    "growth expansion",
    "recession downturn slump",
    "market markets",
    "investor investors shareholders",
    "bank banks lender lenders",
    "court lawsuit litigation legal",
    "arrest arrested detained detention custody",
    "charge charged accused indicted",
    "trial hearing",
    "verdict ruling judgment",
    "prison jail imprisonment sentence",
    "crime crimes criminal",
    "victim victims casualties",
    "flood floods flooding",
    "fire fires blaze wildfire",
    "storm storms hurricane typhoon cyclone",
    "earthquake quake tremor",
    "drought dry",
    "disease illness sickness",
    "vaccine vaccines vaccination",
    "doctor doctors physician physicians",
    "patient patients",
    "study studies research survey",
    "data figures statistics numbers",
    "poll polls survey",
    "campaign campaigns",
    "candidate candidates nominee",
    "win won victory",
    "lose lost defeat defeated",
    "resign resigned resignation quit",
    "appoint appointed appointment named",
    "sack sacked fired dismissed",
    "ban banned prohibit prohibited prohibition",
    "allow allowed permit permitted",
    "refuse refused decline declined reject rejected",
    "accept accepted agree agreed",
    "warn warned warning",
    "promise promised pledge pledged vow vowed",
    "threaten threatened",
    "visit visited tour toured",
    "host hosted hosting",
    "invite invited invitation",
    "document documents papers",
    "website online internet",
    "social media",
    "newspaper newspapers media outlet outlets press",
    "journalist journalists reporter reporters",
    "secret secretly covert clandestine",
    "public publicly openly",
    "official officially formal formally",
    "rise rising surge soar soared",
    "fall falling plunge plunged slump",
    "double doubled",
    "half halved",
    "large big huge massive substantial considerable",
    "small little tiny paltry meagre",
    "old aging ageing obsolete outdated vintage",
    "modern advanced sophisticated cutting-edge",
    "quick quickly rapid rapidly swift swiftly fast",
    "slow slowly gradual gradually",
    "difficult hard tough",
    "easy simple",
    "possible possibility potential potentially",
    "likely probably probable",
    "unclear uncertain uncertainty",
)

CONCEPT_STOP = frozenset(
    _words(
        """
        short set head line lines stop stops works power early major past coming fund rule march
        pass passed sub open plant plants rally met left
        """
    )
)
"""Words of a group too ambiguous to carry the group on their own; they keep only their own sense."""

COMMON_WORDS = frozenset(
    _words(
        """
        official officials million millions billion billions thousand thousands hundred
        percent per cent year years month months week weeks day days time times today
        people person country countries nation nations state states world region area
        areas place places part parts side sides group groups number numbers level levels
        point points case cases issue issues matter matters thing things way ways term terms
        end start use used using make makes making take takes taking taken see seen seeing
        show shows showed shown come comes came coming go goes going went gone give gives
        gave given get gets got keep keeps kept put puts call calls called work works worked
        help helps helped include includes included move moves moved turn turned bring
        brought hold holds held run runs ran seek seeks seeking sought cite cites cited
        focus focused main key major minor new old first last next latest recent recently
        current currently early late later long short high low large small big great good
        bad better best little much many several various different similar same other
        others another certain specific general public political social full whole clear
        possible likely unlikely able important significant main further both also
        according report reports reported reporting say says said told tell news statement
        expect expects expected continue continues continued remain remains remained become
        became becomes need needs needed want wants wanted plan plans planned try tried
        including such well even still just already yet again around about against
        towards toward despite amid among between within without while during following
        follow follows followed lead leads led leader leaders head heads mean means meant
        meeting meetings discuss discussed discussion talk talks fact facts reason reasons
        result results effort efforts role roles deal deals interest interests view views
        concern concerns question questions move step steps order support supported
        raise raised raises rise rose approve approved approves open opened opening close
        closed city town chair chairs cover covered covers ask asked add added note noted
        announce announced announces risk risks possibility self met meet meets
        """
    )
)
"""General news English: true of most stories, so two passages sharing one of these share
no fact. Never shown as what a link rests on."""

VAGUE_WORDS = frozenset(
    _words(
        """
        regarding concerning suggest suggests suggested suggesting appear appears appeared
        apparent apparently argue argues argued arguing assume assumes assumed believe
        believes believed hint hints hinted indicate indicates indicated seemingly possibly
        probably broadly briefly mainly largely relatively respectively quickly highly
        striking crucial essential plausible implausible kind kinds type types form forms
        list lists find finds found happen happens happened cause causes caused difference
        differences decision decisions response responses respond responded value values
        context backdrop event events source sources fit twice highlight highlights
        highlighted emphasise emphasised emphasize emphasized underline underlined lie lies
        surface beneath wrong hope hopes hoped look looks looking eager doubt doubts involve
        involves involved involving represent represents represented
        """
    )
)
"""Words of stance, hedging and reporting ('suggests', 'regarding', 'apparent'): rare
enough in a small briefing to rank high, yet two passages using one share no fact. They
count towards a link's score like any word, but are never shown as what it rests on."""

EVENT_VERBS: tuple[str, ...] = (
    "leave left leaves leaving depart departed departs departure embark embarked",
    "arrive arrived arrives arrival reach reached reaches land landed",
    "begin began begins begun start started starts commence commenced open opened opens launch launched",
    "end ended ends finish finished conclude concluded close closed",
    "sign signed signs signing",
    "vote voted votes approve approved approves approval pass passed adopt adopted",
    "announce announced announces unveil unveiled declare declared",
    "die died dies killed",
    "elect elected",
    "resign resigned",
    "meet met meets talks",
)
"""Verbs of one-off events: two sources giving one subject the same such verb on different
days are telling two dates for one event."""
