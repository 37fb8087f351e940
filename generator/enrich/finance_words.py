"""Finance vocabulary added to VADER's lexicon for the label cross-check.

Provenance: written by hand for this project (market-briefs), from general knowledge of how
market news is worded; it copies no published finance word list (in particular not
Loughran-McDonald). Valences use VADER's scale (about -4 to +4). Released under the project's
license. Keep it general: words a reader would list for market news, not words picked from data.
"""

from __future__ import annotations

# fmt: off
# Single words: new entries and overrides of VADER's general-purpose valences.
WORDS: dict[str, float] = {
    # words VADER scores that are neutral in market news
    "share": 0.0, "shares": 0.0, "interest": 0.0, "credit": 0.0, "top": 0.0,
    "trust": 0.0, "fund": 0.0, "funds": 0.0, "reserve": 0.0, "security": 0.0,
    "securities": 0.0, "capital": 0.0, "bank": 0.0, "care": 0.0, "health": 0.0,
    "united": 0.0, "pay": 0.0, "free": 0.0, "like": 0.0, "yes": 0.0, "please": 0.0,
    "demand": 0.0, "stake": 0.0, "stocks": 0.0, "futures": 0.0, "natural": 0.0,
    "agreement": 0.0, "hedge": 0.0, "no": 0.0, "matter": 0.0, "wealth": 0.0,
    "prize": 0.0, "great": 1.0, "bear": -1.0, "bull": 1.0, "charge": 0.0, "charges": 0.0,
    "chance": 0.0, "straight": 0.0, "strike": -0.5, "war": -1.5, "crude": 0.0,
    "outstanding": 0.0, "kind": 0.0, "joint": 0.0, "intelligence": 0.0,
    "cut": -1.2, "cuts": -1.2, "cutting": -1.0,
    # direction of prices, earnings and ratings
    "rise": 1.2, "rises": 1.4, "rose": 1.4, "rising": 1.0, "risen": 1.2,
    "gain": 1.5, "gains": 1.5, "gained": 1.5, "gaining": 1.2, "gainer": 1.5, "gainers": 1.2,
    "climb": 1.4, "climbs": 1.4, "climbed": 1.4, "climbing": 1.2,
    "jump": 1.6, "jumps": 1.6, "jumped": 1.6, "jumping": 1.4,
    "surge": 2.0, "surges": 2.0, "surged": 2.0, "surging": 1.8,
    "soar": 2.2, "soars": 2.2, "soared": 2.2, "soaring": 2.0,
    "rally": 1.8, "rallies": 1.8, "rallied": 1.8, "rallying": 1.6,
    "rebound": 1.4, "rebounds": 1.4, "rebounded": 1.4, "rebounding": 1.2,
    "recover": 1.2, "recovers": 1.2, "recovered": 1.2, "recovery": 1.2,
    "advance": 1.0, "advances": 1.0, "advanced": 1.0, "advancing": 0.8,
    "spike": 1.2, "spikes": 1.2, "spiked": 1.2, "skyrocket": 2.4, "skyrockets": 2.4,
    "higher": 1.2, "highs": 1.0, "up": 0.0, "upside": 1.5, "uptrend": 1.5,
    "outperform": 1.8, "outperforms": 1.8, "outperformed": 1.8, "outperformance": 1.6,
    "overweight": 1.5, "buy": 1.0, "accumulate": 1.0, "bullish": 2.2,
    "upgrade": 1.8, "upgrades": 1.8, "upgraded": 1.8, "beat": 1.6, "beats": 1.8,
    "topped": 1.6, "exceed": 1.4, "exceeds": 1.6, "exceeded": 1.6, "record": 0.8,
    "boom": 1.8, "booming": 2.0, "strength": 1.6, "robust": 1.8, "solid": 1.4,
    "stellar": 2.4, "blowout": 2.0, "tailwind": 1.4, "tailwinds": 1.4,
    "expand": 1.0, "expands": 1.0, "expanded": 1.0, "expansion": 1.0,
    "raise": 0.8, "raises": 1.0, "raised": 1.0, "hike": 0.5, "hikes": 0.5, "hiked": 0.5,
    "buyback": 1.2, "buybacks": 1.2, "dividend": 0.6, "profitable": 1.8,
    "approve": 1.4, "approves": 1.4, "approved": 1.4, "approval": 1.5,
    "win": 1.8, "wins": 1.8, "won": 1.6, "awarded": 1.5, "deal": 0.6,
    "fall": -1.4, "falls": -1.4, "fell": -1.4, "falling": -1.2, "fallen": -1.2,
    "drop": -1.4, "drops": -1.4, "dropped": -1.4, "dropping": -1.2,
    "decline": -1.4, "declines": -1.4, "declined": -1.4, "declining": -1.2,
    "slip": -1.1, "slips": -1.1, "slipped": -1.1, "slipping": -1.0,
    "slide": -1.4, "slides": -1.4, "slid": -1.4, "sliding": -1.2,
    "sink": -1.6, "sinks": -1.6, "sank": -1.6, "sinking": -1.4, "sunk": -1.6,
    "slump": -1.9, "slumps": -1.9, "slumped": -1.9, "slumping": -1.8,
    "tumble": -1.9, "tumbles": -1.9, "tumbled": -1.9, "tumbling": -1.8,
    "plunge": -2.2, "plunges": -2.2, "plunged": -2.2, "plunging": -2.0,
    "plummet": -2.4, "plummets": -2.4, "plummeted": -2.4, "plummeting": -2.2,
    "crash": -2.4, "crashes": -2.4, "crashed": -2.4, "crashing": -2.2,
    "tank": -1.8, "tanks": -1.8, "tanked": -1.8, "tanking": -1.8,
    "sell-off": -2.0, "selloff": -2.0, "sell-offs": -2.0, "rout": -2.2, "meltdown": -2.6,
    "dip": -1.0, "dips": -1.0, "dipped": -1.0, "retreat": -1.0, "retreats": -1.0,
    "retreated": -1.0, "ease": -0.3, "eases": -0.3, "eased": -0.3, "lose": -1.5,
    "loses": -1.5, "lost": -1.3, "shed": -1.0, "sheds": -1.0, "erase": -1.2,
    "erased": -1.2, "wipe": -1.0, "wiped": -1.2, "lower": -1.2, "lows": -1.2,
    "down": -0.9, "downside": -1.5, "downtrend": -1.5, "bearish": -2.2,
    "underperform": -1.8, "underperforms": -1.8, "underperformed": -1.8,
    "underweight": -1.5, "sell": -1.0, "downgrade": -1.8, "downgrades": -1.8,
    "downgraded": -1.8, "miss": -1.6, "misses": -1.8, "missed": -1.6, "shortfall": -1.6,
    "weakness": -1.6, "weaker": -1.5, "weakens": -1.4, "weakened": -1.4, "weakening": -1.4,
    "slowdown": -1.6, "slowing": -1.0, "slows": -1.0, "slowed": -1.0, "stall": -1.2,
    "stalls": -1.2, "stalled": -1.2, "headwind": -1.4, "headwinds": -1.4,
    "recession": -2.0, "downturn": -1.8, "contraction": -1.4, "contracts": -0.8,
    "contracted": -1.2, "shrink": -1.2, "shrinks": -1.2, "shrank": -1.2, "shrinking": -1.2,
    "layoff": -1.8, "layoffs": -1.8, "impairment": -1.6, "writedown": -1.8,
    "write-down": -1.8, "default": -1.8, "defaults": -1.8, "defaulted": -2.0,
    "bankruptcy": -2.6, "insolvency": -2.4, "delisting": -2.0, "delisted": -2.0,
    "probe": -1.2, "investigation": -1.2, "lawsuit": -1.4, "sued": -1.5, "sues": -1.5,
    "fraud": -2.6, "scandal": -2.2, "fine": -0.2, "fined": -1.6, "penalty": -1.4,
    "halt": -1.2, "halts": -1.2, "halted": -1.4, "suspend": -1.2, "suspends": -1.2,
    "suspended": -1.4, "recall": -1.4, "recalls": -1.4, "warn": -1.2, "warns": -1.4,
    "warned": -1.4, "volatile": -0.8, "volatility": -0.6, "turmoil": -2.0,
    "uncertainty": -1.2, "jitters": -1.4, "woes": -1.8, "worries": -1.4, "worried": -1.4,
    "slashed": -1.6, "slashes": -1.6, "slash": -1.5, "trim": -0.8, "trims": -0.8,
    "trimmed": -0.8, "reduce": -0.6, "reduces": -0.6, "reduced": -0.6,
    "deficit": -1.0, "debt": -0.5, "losses": -1.7, "loss": -1.4, "lossmaking": -1.6,
    "unprofitable": -1.8, "bubble": -1.2, "overvalued": -1.2, "undervalued": 0.8,
    "inflation": -0.5, "shortage": -1.4, "shortages": -1.4, "outflows": -1.0,
    "inflows": 1.0, "sanctions": -1.2, "tariff": -0.8, "tariffs": -1.0,
    "red": -0.6, "green": 0.3,
    "grow": 0.8, "grows": 1.0, "grew": 1.0, "growing": 0.8, "ascend": 1.2, "ascends": 1.2,
    "rocket": 2.0, "rockets": 2.0, "rocketed": 2.0, "comeback": 1.4, "boon": 1.6,
    "repurchase": 1.2, "repurchases": 1.2, "outperforming": 1.8, "underperforming": -1.8,
    "skid": -1.4, "skids": -1.4, "skidded": -1.4, "hit": -1.0, "hits": -1.0, "axe": -1.2,
    "axes": -1.2, "dump": -1.2, "dumps": -1.2, "dumping": -1.4, "dumped": -1.2,
    "stumble": -1.4, "stumbles": -1.4, "stumbled": -1.4, "bump": 0.8, "bumps": 0.8,
}

# Plain rewrites applied first (pattern, replacement text): idioms whose words mislead VADER.
REWRITES: tuple[tuple[str, str], ...] = (
    (r"never been (?:more|so)", "very"),  # "never been more bullish" is not a negation
    (r"no longer", "not"),
    (r"declined to comment|did not respond to (?:a )?requests? for comment", " "),
    (r"from (?:a |an )?(?:strong[- ])?(?:buy|outperform|overweight|neutral|hold|sell|"
     r"underweight|underperform|equal[- ]weight|market perform|sector perform|positive|"
     r"negative|accumulate|reduce)", " "),  # the previous rating in "cut to X from Y"
)

# Multi-word expressions, matched case-insensitively after the rewrites and replaced by one
# token with the given valence. Order matters: earlier patterns win.
_ANY = r"(?:[\w'’.&-]+\s+)"
_TARGETS = (r"(?:guidance|outlook|forecasts?|dividends?|payouts?|buybacks?|price targets?|"
            r"targets?|pt|estimates?|view|ratings?|projections?|expectations)")
_UP = r"(?:raise[sd]?|raising|lift(?:s|ed)?|boost(?:s|ed)?|hike[sd]?|increase[sd]?|up(?:s|ped)?)"
_DOWN = (r"(?:cut(?:s|ting)?|lower(?:s|ed)?|slash(?:es|ed)?|trim(?:s|med)?|reduce[sd]?|"
         r"withdraw(?:s|n)?|pull(?:s|ed)?|suspend(?:s|ed)?|scrap(?:s|ped)?|eliminate[sd]?)")
_GOOD_RATING = r"(?:buy|outperform|overweight|strong buy|accumulate|positive|add)"
_BAD_RATING = r"(?:sell|underperform|underweight|negative|reduce)"
_BAD_SUBJECT = (r"(?:costs?|expenses|losses|deficit|debt|inflation|unemployment|"
                r"jobless claims|layoffs|delinquencies|defaults|bankruptcies|short interest|"
                r"outflows|risks?|fears|worries|concerns|uncertainty|tensions|stress|volatility|"
                r"vix|pressures?)")
_RISE = (r"(?:rise|rises|rose|rising|climb(?:s|ed)?|jump(?:s|ed)?|surge[sd]?|soar(?:s|ed)?|"
         r"spike[sd]?|increase[sd]?|grow|grows|grew|swell(?:s|ed)?|widen(?:s|ed)?|mount(?:s|ed)?|"
         r"higher|up)")
_FALL = (r"(?:fall|falls|fell|falling|drop(?:s|ped)?|decline[sd]?|ease[sd]?|eases|cool(?:s|ed)?|"
         r"slow(?:s|ed)?|shrink(?:s)?|shrank|narrow(?:s|ed)?|recede[sd]?|abate[sd]?|lower|down)")
_FIGURE = (r"(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|more than\s+|over\s+)?[\d.,]+\s?"
           r"(?:%|percent|pct|points?|cents?|bps|basis points)")
PHRASES: tuple[tuple[str, float], ...] = (
    # earnings against expectations
    (r"(?:beat|beats|beating|top|tops|topped|topping|exceed|exceeds|exceeded|surpass(?:es|ed)?|"
     r"blew past|sailed past|crush(?:es|ed)?|smash(?:es|ed)?|above)\s+" + _ANY + r"{0,3}?"
     r"(?:estimates?|expectations?|forecasts?|consensus|views?|targets?)", 2.4),
    (r"(?:miss|misses|missed|missing|fall short of|fell short of|falls short of|lag|lags|lagged|"
     r"below)\s+" + _ANY + r"{0,3}?(?:estimates?|expectations?|forecasts?|consensus|views?|"
     r"targets?)", -2.4),
    (r"(?:better|stronger|higher|bigger)[- ]than[- ]expected", 1.8),
    (r"(?:smaller|narrower|lower)[- ]than[- ]expected\s+(?:\w+\s+)?"
     r"(?:loss|losses|drop|decline|fall)", 1.6),
    (r"(?:worse|weaker|lower|smaller|softer)[- ]than[- ]expected", -1.8),
    (r"(?:loss|losses)\s+(?:narrow|narrows|narrowed|shrinks|shrank)", 1.4),
    (r"(?:narrow|narrows|narrowed|narrower)\s+(?:\w+\s+)?(?:loss|losses)", 1.4),
    (r"(?:loss|losses)\s+(?:widen|widens|widened)|(?:wider|widens|widened)\s+(?:\w+\s+)?loss",
     -1.8),
    (r"record\s+(?:\w+\s+)?(?:profits?|revenues?|sales|earnings|quarter|year|results|income|"
     r"orders|deliveries|demand)", 1.8),
    (r"record\s+(?:\w+\s+)?(?:loss|losses|deficit)", -1.8),
    # guidance, outlook and ratings
    (r"downgrade[sd]?\s+" + _ANY + r"{0,3}?to\s+(?:a\s+)?(?:strong[- ])?[\w-]+", -2.2),
    (r"upgrade[sd]?\s+" + _ANY + r"{0,3}?to\s+(?:a\s+)?(?:strong[- ])?[\w-]+", 2.2),
    (r"(?:cut(?:s)?|lower(?:s|ed)?|move[sd]?|take[sn]?|took)\s+" + _ANY + r"{0,3}?to\s+"
     r"(?:an?\s+)?(?:neutral|hold|sell|underweight|underperform|equal[- ]weight|market perform|"
     r"sector perform|peer perform|in[- ]line|reduce|negative|mixed)", -2.2),
    (r"(?:raise[sd]?|lift(?:s|ed)?|up(?:s|ped)?|bump(?:s|ed)?|move[sd]?|take[sn]?|took)\s+"
     + _ANY + r"{0,3}?to\s+(?:an?\s+)?(?:strong[- ])?" + _GOOD_RATING, 2.2),
    (r"(?:initiated?|initiates|starts?|started|begins?|resumed?|resumes|reiterate[sd]?|"
     r"maintain(?:s|ed)?|keeps?|kept|rated|rates)\s+" + _ANY + r"{0,4}?"
     r"(?:at|with|as|an?)\s+(?:an?\s+)?" + _GOOD_RATING, 1.6),
    (r"(?:initiated?|initiates|starts?|started|begins?|resumed?|resumes|reiterate[sd]?|"
     r"maintain(?:s|ed)?|keeps?|kept|rated|rates)\s+" + _ANY + r"{0,4}?"
     r"(?:at|with|as|an?)\s+(?:an?\s+)?" + _BAD_RATING, -1.6),
    (_UP + r"\s+" + _ANY + r"{0,3}?" + _TARGETS, 2.0),
    (_DOWN + r"\s+" + _ANY + r"{0,3}?" + _TARGETS, -2.0),
    (_TARGETS + r"\s+(?:\w+\s+)?(?:raised|lifted|boosted|hiked|increased|upped)", 2.0),
    (_TARGETS + r"\s+(?:\w+\s+)?(?:cut|lowered|slashed|trimmed|reduced|withdrawn|suspended)",
     -2.0),
    (r"(?:fails?|failed|failing|refuses?|refused|declines?|declined|unable)\s+to\s+\w+", -1.6),
    # trade, costs, jobs and rates
    (r"(?:cut(?:s|ting)?|lower(?:s|ed|ing)?|remov(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|"
     r"cancel(?:s|led|ing)?|lift(?:s|ed|ing)?|roll(?:s|ed)? back|delay(?:s|ed)?|scrap(?:s|ped)?|"
     r"eas(?:e|es|ed|ing))\s+" + _ANY + r"{0,3}?tariffs?", 1.4),
    (r"(?:impos(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|hik(?:e|es|ed|ing)|new|higher|more|"
     r"threaten(?:s|ed)?)\s+" + _ANY + r"{0,2}?tariffs?", -1.4),
    (r"(?:cut(?:s|ting)?|slash(?:es|ed|ing)?|trim(?:s|med|ming)?|reduc(?:e|es|ed|ing)|lower(?:s|ed)?)"
     r"\s+(?:\w+\s+)?(?:costs?|expenses|spending|debt|leverage)", 0.6),
    (r"(?:cut(?:s|ting)?|slash(?:es|ed|ing)?|eliminat(?:e|es|ed|ing)|axe[sd]?)\s+"
     r"(?:\w+\s+){0,2}?(?:jobs|workers|staff|workforce|positions|roles)|job cuts|job losses",
     -1.6),
    (r"rate cuts?|cuts? (?:interest )?rates|cut(?:ting)? rates|rate hikes?|hikes? rates|"
     r"rates? increases?|raise[sd]? rates|output cuts?|production cuts?|cuts? output", 0.0),
    (r"price cuts?|cuts? prices", -0.4),
    (r"(?:scal(?:e|es|ed|ing)|cut(?:s|ting)?|pull(?:s|ed|ing)?) back", -1.2),
    (r"(?:pare[sd]?|paring|erase[sd]?|erasing|give[sn]? up|gave up|giving up|give[sn]? back|"
     r"gave back|giving back|trim(?:s|med)?|surrender(?:s|ed)?|wipe[sd]? out)\s+"
     + _ANY + r"{0,3}?(?:gains?|rally|advance|rise)", -1.6),
    (r"(?:pare[sd]?|paring|erase[sd]?|erasing|recoup(?:s|ed)?|recover(?:s|ed)?|trim(?:s|med)?|"
     r"shake[sn]? off|shook off|shrug(?:s|ged)? off)\s+" + _ANY
     + r"{0,3}?(?:losses|loss|declines?|drop|sell-?off|slide|slump|fears|concerns|worries)", 1.6),
    (r"(?:rally|gains?|optimism|enthusiasm|momentum|recovery|rebound|boom|growth|sparkle)\s+"
     r"(?:\w+\s+)?(?:stalls?|stalled|stumbles?|fades?|faded|fading|wanes?|waning|ends?|"
     r"evaporates?|slows?|slowed|is over|comes? to an end|coming to an end)", -1.6),
    (r"worst\s+(?:\w+\s+){0,2}?(?:is|may be|could be|might be|is now)\s+(?:over|behind)", 1.8),
    # bad things rising is bad, bad things falling is good
    (_BAD_SUBJECT + r"\s+(?:\w+\s+){0,2}?" + _RISE + r"\b", -1.6),
    (_BAD_SUBJECT + r"\s+(?:\w+\s+){0,2}?" + _FALL + r"\b", 1.6),
    (r"(?:rising|soaring|surging|higher|mounting|growing|spiraling)\s+" + _BAD_SUBJECT, -1.4),
    (r"(?:falling|easing|lower|cooling|slowing|less|reduced|receding|fading)\s+(?:\w+\s+)?"
     + _BAD_SUBJECT, 1.2),
    # highs and lows
    (r"(?:hits?|hitting|reach(?:es|ed)?|touch(?:es|ed)?|set(?:s)?|notch(?:es|ed)?|at|to)\s+"
     r"(?:a\s+|an\s+|new\s+|fresh\s+)*(?:record|all[- ]time|\d+[- ](?:year|month|week)|"
     r"multi[- ]?(?:year|month)|session)\s+highs?", 2.0),
    (r"(?:hits?|hitting|reach(?:es|ed)?|touch(?:es|ed)?|set(?:s)?|at|to)\s+"
     r"(?:a\s+|an\s+|new\s+|fresh\s+)*(?:record|all[- ]time|\d+[- ](?:year|month|week)|"
     r"multi[- ]?(?:year|month)|session)\s+lows?", -2.0),
    (r"(?:from|off)\s+(?:its\s+|their\s+|the\s+)?(?:record|all[- ]time|session|\w+)?\s*highs?",
     -0.6),
    (r"(?:from|off)\s+(?:its\s+|their\s+|the\s+)?(?:record|all[- ]time|session|\w+)?\s*lows?",
     0.6),
    (r"(?:record|all[- ]time|multi[- ]?year|\d+[- ](?:year|month|week))\s+highs?", 1.6),
    (r"(?:record|all[- ]time|multi[- ]?year|\d+[- ](?:year|month|week))\s+lows?", -1.6),
    (r"new highs?", 1.4), (r"new lows?", -1.4),
    # moves written with a figure
    (r"\bup\s+" + _FIGURE, 1.6), (r"\b(?:down|off)\s+" + _FIGURE, -1.6),
    (r"(?:higher|gains?|rises?|climbs?|jumps?)\s+(?:of\s+)?" + _FIGURE, 1.8),
    (r"(?:lower|loss(?:es)?|drops?|falls?|declines?)\s+(?:of\s+)?" + _FIGURE, -1.8),
    (r"(?:\+\s?[\d.]+\s?%)", 1.2),
    (r"(?:(?<![\w.])-\s?[\d.]+\s?%)", -1.2),
    # market idioms
    (r"in the red", -1.5), (r"in the green|in the black", 1.5), (r"profit[- ]taking", -0.6),
    (r"short squeeze", 1.0), (r"going concern", -2.0), (r"chapter 11", -2.4),
    (r"profit warning", -2.2), (r"safe[- ]haven", 0.0), (r"bear market", -1.8),
    (r"bull market", 1.8), (r"risk[- ]off", -1.2), (r"risk[- ]on", 1.0),
    (r"price targets?", 0.0), (r"higher for longer", -1.0),
    (r"(?:snap(?:s|ping|ped)? up|pil(?:e|es|ing|ed) into|load(?:s|ing|ed)? up)", 1.4),
    (r"stag(?:e|es|ed|ing) a comeback", 1.6),
)
# fmt: on
