"""Text around a declared list that is not the list.

A list on a label or a page sits among text that names ingredients without
declaring them: "formulated without" claims, negated sentences, footnotes,
disclaimers, section titles (how to use, reviews, "customers also bought"),
prices, cookie banners and navigation. These recognisers let the parser set
such text aside: it is never scored, never given a position and never a
source of cautions. Free-from claims are kept, as names, because "retinoid
free" is useful to know.
"""
from __future__ import annotations

import re

from .items import STOPWORDS
from .text import LazyPattern, may_hold

# -- free-from claims ------------------------------------------------------------

# A marker that starts a list of things the product does not contain.
FREE_FROM = LazyPattern(
    r"(?:\b(?:formulated|made|crafted|developed|created|designed|formulé|formulée|formulés|formulées)\s+"
    r"(?:without|free\s+(?:of|from)|sans)\b"
    r"|\bfree\s+(?:from|of)\b"
    r"|\b(?:does|do|will|did)\s*(?:not|n[o']t)\s+contain\b|\bnever\s+contains?\b|\bcontains?\s+no\b"
    r"|\bthere\s+(?:is|are)\s+no\b"
    r"|\bwithout\s+(?:any\s+)?(?:added\s+)?(?=[a-z])"
    r"|\bfrei\s+von\b|\bohne\b|\benthält\s+kein(?:e|en)?\b"
    r"|\bsans\b|\bne\s+contient\s+(?:pas|aucun|ni)\b"
    r"|\blibre\s+de\b|\bsin\b|\bno\s+contiene\b"
    r"|\bsenza\b|\bprivo\s+di\b|\bnon\s+contiene\b|\blivre\s+de\b|\bsem\b|\bbez\b|\bzonder\b|\butan\b|\buden\b"
    r"|\buten\b|\bilman\b|\bfri\s+(?:från|for|fra)\b|\bvrij\s+van\b|\bwoln[aey]\s+od\b|\bbevat\s+geen\b"
    r"|\bnie\s+zawiera(?:ją)?\b|\bneobsahuje\b|\binnehåller\s+(?:inte|ej|inga)\b|\b(?:indeholder|inneholder)\s+(?:ikke|ingen)\b"
    r"|\bei\s+sisällä\b|\bбез\b|\bне\s+содержит\b"
    r"|(?:無添加|무첨가)(?=(?:\s*성분)?\s*[\]】>〕)）]?\s*[:：(（【\[]|(?:\s*성분)?\s*[\]】>〕)）])|^\W*(?:無添加|무첨가)\W"
    r"|无添加|不添加|不含|^\W*0\s?%\s+(?=\S+\s*[·•・,/|]))",
    re.I,
)
# Markers written after the names: "Paraben içermez", "파라벤 무첨가",
# "香料・着色料不使用", "パラベン無添加" (before a colon, 無添加 opens a list).
# (Before a bracket or a colon, 無添加 / 무첨가 open a list instead: "【6つの無添加】パラベン、…",
# "7가지 무첨가 성분: 파라벤, …" -- FREE_FROM reads those.)
POSTFIX_FREE = LazyPattern(
    r"\s*(?:içermez|içermemektedir|içermiyor|不使用"
    r"|(?:무첨가|無添加)(?!(?:\s*성분)?\s*[\]】>〕)）]?\s*[:：(（【\[]|(?:\s*성분)?\s*[\]】>〕)）]))",
    re.I,
)
POSTFIX_WORDS = ("içermez", "içermemektedir", "içermiyor", "무첨가", "不使用", "無添加")
# "retinoid-free", "parabenfrei", "0% alcohol", "no parabens", "#silicone-free"
_DASH_FREE = LazyPattern(r"(?<![\w-])([^\W\d_][\w/&']{1,25}(?: [\w/&']{1,25}){0,2}?)(?:\s?[-–]\s?|\s)(?:free|frei)\b", re.I)
_GLUED_FREI = LazyPattern(r"\b((?:parfum|parfüm|duftstoff|duftstoffe|alkohol|paraben|parabene|silikon|silikone|mineralöl|sulfat|sulfate|farbstoff|farbstoffe|konservierungsstoff|konservierungsstoffe|mikroplastik|palmöl|gluten|laktose|lanolin|peg|geur|alcohol|siliconen|parabenen|parfym|parfyme|parfume|parabener|silikoner|färgämnen|farvestoffer|alkoholi))-?(?:frei|vrij|fri)\b", re.I)
_ZERO_PERCENT = LazyPattern(r"(?<![\d.,])0\s?%\s+([^\W\d_][\w &'-]{1,40})", re.I)
_NO_X = LazyPattern(
    r"(?:^|[|•·,;#/]\s*|\s)(?:no|zero|non|kein(?:e)?|aucun(?:e)?|nessun(?:a)?)\s+(?:added\s+)?"
    r"(?!(?:me|te|se|lo|la|le|nos|es|está|hay|more|longer|matter|one|need|way|doubt|wonder|idea|problem)\b)([^\W\d_][\w &'-]{1,40})",
    re.I,
)
_CJK_FREE = LazyPattern(r"([\w・]{1,12}?)\s*(?:フリー|프리)|(?:不含|无添加|無添加|무첨가)\s*[:：]?\s*([\w、・,/ ]{1,60})")

# Claims that are not about ingredients.
_NOT_INGREDIENTS = LazyPattern(
    r"^(?:cruelty|animal\s+testing|animal|tested|worry|care|risk|hassle|stress|tax|duty|shipping|delivery|"
    r"returns?|info|information|reviews?|results?|problem|problems|more|less|one|other|way|matter|time|need|doubt|"
    r"irritation|residue|mess|white\s+cast|greasy|sticky|tierversuche|tierversuchen|tests?\s+sur\s+les\s+animaux|"
    r"sensitizing|side\s+effects|downtime|compromise|nonsense|fillers?\s+needed|redness|peeling|flaking|dryness|"
    r"stinging|burning|breakouts?|apta|apto|adatto|adatta|geeignet|idéal|interest|hassle|guilt|clutter|drama)\b",
    re.I,
)
_CLAIM_TAIL = LazyPattern(r"\s+(?:and|or|und|oder|et|ou|e|o|y|ni)\s*$", re.I)
_CLAIM_SPLIT = LazyPattern(
    r"\s*(?:/|\s&\s(?![A-Z]{2,6}\b)|\band\s+(?:no\s+)?|\bor\s+|\bund\s+|\boder\s+|\bet\s+|\bni\s+|\bou\s+|\be\s+|\by\s+|\bo\s+"
    r"|\b(?:och|eller|og|en|ja|eikä|tai|ani|ve|veya|и|или)\s+"
    r"|(?<!vitamin )(?<!vitamine )(?<!vitamina )(?<!witamina )\b[ia]\s+(?=\w{4}))\s*",
    re.I,
)
# A part that starts like a clause, not a name: the claim is over.
_LEADING_WORD = LazyPattern(
    r"^\s*(?:so|for|to|which|that|because|as|while|daher|deshalb|pour|donc|per|para|perché|porque|ideal|perfect|suitable|"
    r"making|leaving|giving|it|we|you|our|this)\b",
    re.I,
)
_LEAD_NEGATION = LazyPattern(
    r"^(?:(?:no|any|added|artificial\s+)?\s*(?:no|ohne|sans|senza|sin|sem|bez|zonder|kein(?:e|en)?|utan|uden|uten|ilman|без)"
    r"|0\s?%|(?:de|di|da|do|von|od|of|from|för|fra|van)(?=\s+\S))\s+",
    re.I,
)
# "no retinoid in this formula", "free of parabens for sensitive skin"
_TRAILING_PHRASE = LazyPattern(
    r"\s+(?:in|inside|within|for|to|that|which|because|so|as|at|on|here|anywhere|whatsoever|at\s+all|"
    r"whatever|daher|dans|pour|per|para|nel|nella|en)\b.*$",
    re.I,
)
_CONJUNCTIONS = frozenset("and or und oder et ou y e o och eller og en ja eikä tai ani ve veya i a и или".split())
_SENTENCE_STOP = LazyPattern(r"(?<=[^\d\s])\.(?:\s|$)|[!?](?:\s|$)")


def free_from_names(clause: str) -> list[str]:
    """The names in the text after a free-from marker, up to the end of the
    sentence: "Parabens, Sulfates SLS & SLES, and Retinyl Palmitate." ->
    ["Parabens", "Sulfates SLS & SLES", "Retinyl Palmitate"]."""
    clause = clause.strip().lstrip(":：-】]>)」』 ").strip()
    clause = re.sub(r"^(?:any|added|artificial\s+or\s+)\s+", "", clause, flags=re.I)
    stop = _SENTENCE_STOP.search(clause)
    if stop and stop.start() > 0:
        clause = clause[: stop.start()]
    names = []
    for part in _split_claim(clause):
        if ":" in part:
            part = part.rsplit(":", 1)[1]  # "UNNÖTIGE ZUSÄTZE: Ohne Parabene"
        if _LEADING_WORD.match(part):
            break  # "..., so it layers easily": the sentence goes on about something else
        part = _TRAILING_PHRASE.sub("", part)
        part = _LEAD_NEGATION.sub("", part.strip(" .:;-–—*\"'()[]"))
        part = _CLAIM_TAIL.sub("", part).strip(" .:;-–—*\"'()[]")
        if not part or not any(ch.isalpha() for ch in part):
            continue
        if _NOT_INGREDIENTS.match(part):
            continue
        if (
            len(part.split()) > 5
            or re.search(r"\b(?:the|this|your|my|it|which|that|products?|formula|used|using|you|we|skin)\b", part, re.I)
            or any(word.lower() in STOPWORDS and word.lower() not in _CONJUNCTIONS for word in part.split())
        ):
            break  # a sentence about something else: the claim is over
        names.append(part)
    return names


def _split_claim(clause: str) -> list[str]:
    """Split at commas and "and"/"or", but keep "Sulfates SLS and SLES" whole."""
    parts: list[str] = []
    for piece in re.split(r"\s*(?:,|;|\||•|·|・|、|，)\s*", clause):
        pending = ""
        for word_piece in _CLAIM_SPLIT.split(piece):
            if not word_piece:
                continue
            if pending and re.fullmatch(r"[A-Z]{2,6}", word_piece.strip()) and re.search(r"\b[A-Z]{2,6}$", pending):
                parts[-1] = f"{pending} and {word_piece.strip()}"
                pending = parts[-1]
                continue
            parts.append(word_piece)
            pending = word_piece
    return parts


_CROSSED = frozenset("✗✘❌×✖")


def claim_names(text: str) -> list[str]:
    """Badge-style claims anywhere in a line: "Retinol-free", "0% alcohol",
    "no silicones", "#fragrance-free", "parabenfrei", "アルコールフリー"."""
    found: list[str] = []
    for pattern in (_DASH_FREE, _GLUED_FREI, _ZERO_PERCENT, _NO_X):
        for match in pattern.finditer(text):
            if text[match.end():].lstrip()[:1] in _CROSSED:
                continue  # "Silicone Free ✗": a check list saying the product is not free of it
            name = match.group(1).strip(" #.-")
            name = re.split(r"\s+(?:and|or|und|oder|et|ou|&)\s+", name, flags=re.I)[-1]
            name = re.sub(r"^(?:(?:is|are|be|it's|its|and|or|&|as|your|my|our|the|a|an|any)\s+)+", "", name, flags=re.I)
            if re.search(r"\b\d+\b", name):
                continue  # "pay in 3 interest-free"
            if pattern is _ZERO_PERCENT or pattern is _NO_X:
                name = free_from_names(name)[0] if free_from_names(name) else ""
            if name and not _NOT_INGREDIENTS.match(name) and len(name.split()) <= 4:
                found.append(name)
    for match in _CJK_FREE.finditer(text):
        if match.group(1):
            found.append(match.group(1))
        elif match.group(2):
            found.extend(n for n in re.split(r"[、・,/ ]+", match.group(2)) if n)
    if any(word in text for word in POSTFIX_WORDS) or "İçermez" in text:
        found.extend(postfix_names(text))
    return found


def badge_item(item: str) -> str | None:
    """An item of a list that is a badge, not an ingredient ("...,
    Phenoxyethanol. Retinol-free."): the name it says the product is free of."""
    match = _DASH_FREE.fullmatch(item.strip(" .;*#!"))
    if match is None or re.search(r"\d", match.group(1)):
        return None
    return match.group(1).strip(" #.-")


_CLAUSE_START = LazyPattern(r"[.!?:;：。|·•]\s*|^\s*")


def postfix_names(text: str) -> list[str]:
    """The names before each marker written after them: "ürünümüz paraben ve
    parfüm içermez" -> paraben, parfüm; "香料・着色料不使用" -> 香料, 着色料."""
    names: list[str] = []
    start = 0
    for marker in POSTFIX_FREE.finditer(text):
        head = text[start: marker.start()]
        start = marker.end()
        clause_starts = [m.end() for m in _CLAUSE_START.finditer(head)]
        clause = head[max(clause_starts) if clause_starts else 0:]
        for piece in _split_claim(clause):
            piece = piece.strip(" .:;-–—*\"'()[]")
            if not piece or not any(ch.isalpha() for ch in piece):
                continue
            words = piece.split()
            # "Bu ürün paraben": the words that name a class of ingredients, at the end
            for first in range(len(words) - 1, -1, -1):
                if CLAIM_CLASS.search(" ".join(words[first:])):
                    piece = " ".join(words[first:])
                    break
            if len(piece.split()) <= 4 and not _NOT_INGREDIENTS.match(piece):
                names.append(piece)
    return names


# What a free-from claim names: classes of ingredients, in the languages
# shops use. A claim about anything else ("streak-free", "ohne die typischen
# Rötungen") is not kept; known ingredient names are kept too (see parse.py).
CLAIM_CLASS = LazyPattern(
    r"parab|sulfat|sulphat|\bsl[e]?s\b|silic|silik|silox|phthal|perfum|parfum|parfüm|profum|duft|scent|"
    r"alcohol|alkohol|alcool|\boils?\b|öl\b|huiles?\b|olio|aceite|retino|retinyl|retinal|gluten|\bdyes?\b|colou?r|colorant|"
    r"farbstoff|talc|formaldehyd|petrolat|paraff|microplastic|mikroplastik|\bpegs?\b|mineral|lanolin|\bnuts?\b|\bsoy\b|"
    r"lactose|laktose|animal|preservativ|konservierung|conservant|acids?\b|\baha|\bbha|oxybenzon|octinox|avobenzon|hydroquinon|"
    r"triclo|coal\s+tar|\bbht\b|\bedta\b|glycol|sulfite|\bnano|filler|additive|\bdea\b|\btea\b|\bmea\b|gmo|palm|"
    r"mica|carmine|benzoyl|salicyl|niacin|vitamin|essential|chemical\s+(?:sunscreen|filter)|uv\s+filter|"
    r"알코올|파라벤|색소|향료|실리콘|광물성|동물성|미네랄|パラベン|鉱物油|香料|着色料|アルコール|シリコン|酒精|香精|色素|矿物油|防腐剂|硅油|"
    r"barwnik|fragr|parfem|geur|alkol|parfym|parabeen|hajuste|silikoni|색소|인공|着色|парабен|спирт|отдушк|силикон",
    re.I,
)


# -- lines that are not the list -------------------------------------------------

DISCLAIMER = LazyPattern(
    r"ingredients?(?:\s+lists?)?\s+(?:may|can|might|are|is)\s+(?:subject\s+to\s+)?(?:change|vary|differ)"
    r"|(?:please\s+)?(?:refer|see|check|consult)\s+(?:to\s+)?(?:the\s+)?(?:ingredient\s+list\s+on\s+the\s+)?(?:product\s+)?(?:packag|label|box)"
    r"|for\s+the\s+most\s+(?:up[\s-]to[\s-]date|current|accurate|complete)"
    r"|subject\s+to\s+change|may\s+(?:vary|differ)\s+from"
    r"|änderungen\s+vorbehalten|angaben\s+auf\s+der\s+verpackung|(?:se\s+)?(?:référer|reportez)[\w\s-]*emballage"
    r"|consulta(?:re)?\s+(?:la\s+confezione|el\s+envase|el\s+embalaje)"
    r"|以实物为准|以包装为准|パッケージ.{0,6}ご確認|포장.{0,10}확인",
    re.I,
)

PAGE_CHROME = LazyPattern(
    r"^\s*(?:[£$€¥₩]\s?\d|(?:rrp|uvp|grundpreis|price|preis|prix|prezzo|precio|sale|save|sparen)\b[^a-z]{0,4}[\d£$€])"
    r"|\d[\d.,]*\s?(?:€|eur|usd|£|\$)(?:\s|$|/)|[£$€]\s?\d+[.,]\d{2}"
    r"|\badd\s+to\s+(?:bag|basket|cart|wish\s*list)\b|\bin\s+den\s+(?:warenkorb|einkaufswagen)\b|\bjetzt\s+kaufen\b"
    r"|\bbuy\s+now\b|\bajouter\s+au\s+panier\b|\baggiungi\s+al\s+carrello\b|\bañadir\s+a\s+la\s+cesta\b|加入购物车|カートに入れる|장바구니"
    r"|\bwe\s+use\s+cookies\b|\bcookies?\b.{0,80}\b(?:accept|consent|preferences|settings|policy)\b|\baccept\s+all\b"
    r"|\balle\s+akzeptieren\b|\btout\s+accepter\b|\bacceptar\s+todo\b"
    r"|[★☆✩✪⭐]|\bout\s+of\s+5\s+stars\b|\bvon\s+5\s+sternen\b|\b\d[\d,.]*\s*(?:k\s+)?(?:reviews|ratings|bewertungen|sternebewertungen|avis|valoraciones|recensioni)\b"
    r"|\bverified\s+(?:purchase|buyer)\b|\bverifizierter\s+kauf\b|\bfound\s+this\s+helpful\b|\bfanden\s+diese\b"
    r"|\bfree\s+(?:standard\s+|uk\s+|us\s+|express\s+)?(?:delivery|shipping|returns)\b|\bkostenfreie\s+lieferung\b|\blivraison\s+gratuite\b"
    r"|^\s*(?:home|startseite|accueil|inicio)\s*[>›/»]|\S\s[>›»]\s\S.*\s[>›»]\s"
    r"|\bsign\s+(?:in|up)\b|\bsubscribe\b|\bnewsletter\b|\bwrite\s+a\s+review\b"
    r"|^\s*(?:quantity|qty|menge|quantité|cantidad|quantità|size|shade|colou?r|farbe|größe|taille)\s*[:\d]"
    r"|\bsold\s+by\b|\bships\s+from\b|\bversand\s+durch\b|\bin\s+stock\b|\bauf\s+lager\b|\bsku\b|\bitem\s+(?:no|number|#)"
    r"|\bearn\s+\d+\s+points\b|\b\d+\s*results\b|\bsort\s+by\b|\bfilters?\b\s*$"
    r"|^\s*[☐☑☒✓✔□■]"  # check boxes of a filter
    r"|\b(?:sortieren|filtern)\b|\bproducts?\s*\)\s*$",
    re.I,
)

# Literal words (lower-cased) without which PAGE_CHROME cannot match ASCII
# text: it is costly on a long line, and most lines hold none of them.
_CHROME_HINTS = (
    "$", ">", "eur", "usd", "rrp", "uvp", "preis", "price", "prix", "prezzo", "precio", "sale", "save", "sparen", "add",
    "warenkorb", "einkaufswagen", "jetzt", "buy", "ajouter", "aggiungi", "cookie", "accept", "akzeptieren", "stars",
    "sternen", "review", "rating", "bewertungen", "avis", "valoraciones", "recensioni", "verified", "verifizierter",
    "helpful", "fanden", "free", "kostenfreie", "livraison", "home", "startseite", "accueil", "inicio", "sign",
    "subscribe", "newsletter", "quantit", "qty", "menge", "cantidad", "size", "shade", "colo", "farbe", "taille",
    "sold", "ships", "versand", "stock", "lager", "sku", "item", "earn", "results", "sort", "filter", "product",
)


def page_chrome(line: str) -> bool:
    """A line of a shop page that is not product text (prices, buttons,
    cookie banners, ratings, breadcrumbs, filters): PAGE_CHROME, run only
    where one of its words is."""
    return may_hold(line, _CHROME_HINTS) and PAGE_CHROME.search(line) is not None


# Section titles whose text is not the list (description, use, warnings,
# reviews, recommendations, Drug Facts headings, INCIDecoder groupings).
SECTION = LazyPattern(
    r"^\s*(?:key|star|hero|featured|highlighted|main|notable|spotlight|signature|clean)\s+(?:ingredients?|actives?)\b"
    r"|^\s*(?:highlights?|ingredient\s+(?:callouts|highlights|spotlight|glossary)|ingredients\s+explained|what's\s+inside"
    r"|how\s+to\s+use|directions(?:\s+for\s+use)?|usage|suggested\s+use|application|to\s+use|"
    r"warnings?|cautions?|precautions?|benefits|key\s+benefits|description|product\s+description|(?:product\s+)?details|"
    r"what\s+it\s+is|what\s+it\s+does|what\s+else\s+you\s+need\s+to\s+know|clinical\s+results|results|"
    r"about(?:\s+this\s+(?:item|product))?|uses|purpose|other\s+information|questions\??(?:\s+or\s+comments\??)?|storage|"
    r"reviews?|customer\s+reviews|ratings?\s+(?:&|and)\s+reviews|customers?\s+(?:also\s+)?(?:bought|viewed|purchased|liked)|"
    r"you\s+may\s+also\s+like|frequently\s+bought\s+together|complete\s+(?:the\s+look|your\s+routine)|related\s+products|"
    r"recommended(?:\s+for\s+you)?|similar\s+products|shipping(?:\s*(?:&|and)\s*returns)?|returns|delivery|"
    r"(?:this\s+)?(?:set|kit)\s+(?:contains|includes)|the\s+set\s+contains|set\s+enthält|kit\s+includes|"
    r"info\s+zu\s+diesem\s+artikel|produktbeschreibung|produktmerkmale|produktdetails|anwendung(?:shinweise)?|"
    r"warnhinweise|hersteller|kundenrezensionen|kunden\s+(?:kauften|haben|sahen)\s+auch[^:]*|"
    r"mode\s+d'emploi|conseils\s+d'utilisation|précautions(?:\s+d'emploi)?|avis\s+clients|"
    r"modo\s+de\s+(?:uso|empleo)|advertencias|precauciones|modo\s+d'uso|avvertenze|descrizione|"
    r"使用方法|注意事项|注意事項|사용법|사용방법|주의사항|商品介绍|规格与包装|商品説明|"
    r"read\s+(?:all\s+the\s+geeky\s+details|more)[^:]*|show\s+all\s+ingredients\s+by\s+function|"
    r"drug\s+facts(?:\s*\(continued\))?|clean\s+at\s+sephora|skin\s*type|skincare\s+concerns?|formulation|"
    r"(?:related|similar|other\s+popular)\s+ingredients|ingredients?\s+(?:glossary|dictionary|spotlight|to\s+avoid|we\s+love)|"
    r"(?:top\s+|customer\s+|most\s+helpful\s+)?reviews?(?:\s+\w+){0,4}|wirkstoffe?|besonderheiten|sk[łl]adniki\s+aktywne|"
    r"principes?\s+actifs?|principi\s+attivi|principios?\s+activos?|activos?\s+clave|actifs?\s+cl[ée]s|"
    r"核心成分|主要成分|温馨提示|宝贝评价|看了又看|商品评价|产品参数|商品参数|产品信息|商品情報|구매\s*후기|상품\s*후기|리뷰|주요\s*성분|"
    r"(?:shop|filter|browse|refine)(?:\s+by\s+\w+)?|refine|conscious\s+beauty|product\s+information|상품정보\s*제공고시|"
    r"size|shade|colou?r)\s*(?:[:：]|$|\s(?=\S))",
    re.I,
)
# A shop's tags and a reviewer's notes: "Tags: retinol, peptides", "Pairs with:
# Vitamin C", "Avoid using with Retinol, ...". Unlike a section, only its own
# line is set aside: a list may follow on the next line.
NOTE_TITLE = LazyPattern(
    r"^\s*(?:tags|keywords|pros|cons|routine|(?:related|popular)\s+searches|popular|concerns?|"
    r"(?:pairs?|works?|use|layer)(?:\s+well)?\s+with|(?:do\s+not|don't|never|avoid)\s+(?:use|using|mix|mixing|pair|combine)\s+with|"
    r"(?:good|great|best|suitable)\s+for)\s*(?:[:：]|$|\s(?=\S))",
    re.I,
)
# Drug Facts headings that take the rest of their line ("Uses helps prevent sunburn").
DRUG_FACTS_HEADING = LazyPattern(
    r"^\s*(?:uses?|warnings?|directions|other\s+infor(?:m|rn)ation|purpose|questions(?:\s+or\s+comments)?\??|"
    r"do\s+not\s+use|when\s+using\s+this\s+product|stop\s+use|keep\s+out\s+of\s+reach|for\s+external\s+use|"
    r"if\s+pregnant|ask\s+a\s+doctor|sun\s+protection\s+measures)\b",
    re.I,
)

# INCIDecoder's function labels: "Skin-identical ingredient: Glycerin, ..."
# groups the list by function, and the "Skim through" table appends them to
# every name.
FUNCTIONS = (
    "skin-identical ingredient", "cell-communicating ingredient", "moisturizer/humectant", "viscosity controlling",
    "emulsion stabilising", "surfactant/cleansing", "abrasive/scrub", "antimicrobial/antibacterial",
    "skin brightening", "anti-acne", "sunscreen", "solvent", "emollient", "emulsifying", "preservative", "buffering",
    "chelating", "perfuming", "antioxidant", "exfoliant", "soothing", "colorant", "astringent", "skin conditioning",
    "film forming", "opacifying", "absorbent", "deodorant", "anti-inflammatory", "antistatic", "masking",
    "hair conditioning", "bulking", "humectant", "moisturizer", "plasticiser", "stabilising", "cleansing",
)
FUNCTION_TITLE = LazyPattern(rf"^\s*(?:{'|'.join(re.escape(f) for f in FUNCTIONS)})\s*[:：]", re.I)
SKIM_HEADER = LazyPattern(r"^\s*ingredient\s+name\b.{0,40}\bwhat[\s-]*it[\s-]*does\b", re.I)
_SKIM_CUT = LazyPattern(rf"\s+(?={'|'.join(re.escape(f) for f in FUNCTIONS)})\b|\t|\s+(?:\d(?:-\d)?,\s*\d|superstar|goodie|icky)\b", re.I)


def skim_row_name(line: str) -> str:
    """"Glycerin skin-identical ingredient, moisturizer/humectant 0, 0 superstar" -> "Glycerin"."""
    cut = _SKIM_CUT.search(line)
    return (line[: cut.start()] if cut else line).strip()


# Lines of a numbered footnote ("1 from natural essential oils", "¹ natürlicher ...").
NUMBER_FOOTNOTE = LazyPattern(r"^\s*(?:\(?\d{1,2}\)?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*[).:]?\s+(?=[a-zäöüéèàçñ])")
