"""A rule-based second opinion on urgent situations, for the few messages the classifier misses.

Missing an urgent message costs a customer their certificates; routing a calm question to the
24-hour channels costs them one extra paragraph. So the NLU pipeline asks this module whenever
the classifier did not pick an urgent intent, and an unmistakable pairing of cues — something
lost or stolen AND a phone or card, a code AND someone else knowing it, a fraud word — overrides
it (eparaksts/components/urgent_safety_net.py). Cues are folded word stems (eparaksts.text.fold:
lower case, no Latvian diacritics; Cyrillic kept) in Latvian, English and Russian.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from eparaksts.text import fold

LOST = ("pazaud", "nozag", "nozadz", "zagl", "nosper", "pazud", "nevaru atrast", "neatrodu", "aplaupij",
        "izrav", "konfisc", "atnem", "iznema", "palika taksi", "aizmirsu taksi",
        "lost", "lose ", "stolen", "stole", "steal", "robbed", "missing", "can't find", "cannot find",
        "cant find", "confiscat", "seized", "taken away",
        "misplac", "disappear",
        "потерял", "потеряла", "потерян", "потеря", "украл", "украли", "украден", "укра", "пропал",
        "не могу найти", "не нахож", "исчез", "куда-то дел", "изъял", "изъяли", "отобрал", "ограбил",
        "вытащили")
PHONE = ("telefon", "mobil", "talrun", "viedtalr", "phone", "iphone", "smartphone", "телефон", "мобил",
         "смартфон", "телфон")
CARD = ("id kart", "id-kart", "eid kart", "eid", "eparaksta kart", "eparaksts kart", "personas apliec",
        "maku", "maks ", "id card", "id-card", "wallet", "purse", "id-карт", "id карт", "айди карт",
        "удостоверен", "кошел", "бумажник")
SECRET = ("pin", "puk", "parol", "kodu", "kodi", "kods", "password", "passcode", "codes", "code",
          "пин", "пук", "парол", "код")
# "zina" alone is also a folded "ziņa" (a message), hence the longer forms.
KNOWN_BY_OTHERS = ("kads zina", "vins zina", "vina zina", "zina manu", "zina manus", "zina mans", "zina kodus",
                   "zina pin", "uzzin", "redzej", "noskatij", "atklaj", "izpaud", "pateicu", "pateica", "iedev",
                   "nosutij", "nopludin", "knows", "know my", "saw my", "saw me", "seen", "told", "gave", "shared",
                   "leaked", "found out", "looked over", "знает", "знают", "узнал", "видел", "подсмотр",
                   "сказал", "сообщил", "отдал", "передал", "продиктовал")
FRAUD = ("krap", "viltus", "pikski", "phish", "fraud", "scam", "мошен", "фишинг", "развели",
         "neesmu parakstij", "never signed", "didn't sign", "did not sign", "не подписывал", "не подписывала")
# A question about the words rather than a situation ("what if I lose…" still counts as urgent:
# the answer is the same, and a hypothetical reader loses nothing by getting it).
# "zina" (knows) folds to the same letters as "ziņa" (a message): it counts only after a person.
_SOMEONE_KNOWS = re.compile(
    r"(?<!\w)(kads|kada|kadam|cits|cita|citi|citam|vins|vina|vinam|sieva|virs|berns|berni|dels|meita|"
    r"koleg\w*|draug\w*|draudzen\w*|mamm\w*|mate|tevs|tet\w*|bral\w*|masa|kaimin\w*|partner\w*)"
    r"(\s+\S+){0,3}\s+(zina|zinaja|zinas|redzeja|uzzinaja)(?!\w)"
)
# "Found it again" is a question about resuming, not a loss ("atradu", "нашёл", "нашлась" folded).
CALM = ("aizmirs", "forgot", "forgotten", "забыл", "nomainit", "atjauno", "resume", "возобнов", "piekluv",
        "access", "доступ", "atradu", "atradas", "found my", "found it", "turned up", "reactivat", "нашел",
        "нашла", "нашлась", "нашлось")
# "Nobody else has seen it" denies what KNOWN_BY_OTHERS would otherwise read into "seen".
NOBODY = ("neviens", "nobody", "no one", "noone", "никто")


def _any(text: str, cues: Iterable[str]) -> bool:
    # Cues are word beginnings: "pin" must not fire inside "opinion".
    return any(re.search(r"(?<!\w)" + re.escape(cue), text) for cue in cues)


def detect(message: Optional[str]) -> Optional[str]:
    """The urgent intent the message's cues name, or None."""
    text = " " + re.sub(r"\s+", " ", fold(message or "")) + " "
    if _any(text, FRAUD):
        return "report_fraud"
    knows = (_any(text, KNOWN_BY_OTHERS) or _SOMEONE_KNOWS.search(text)) and not _any(text, NOBODY)
    if _any(text, SECRET) and knows and not _any(text, ("aizmirs", "forgot", "забыл")):
        return "report_pin_disclosed"
    if _any(text, LOST) and not _any(text, CALM):
        if _any(text, CARD):
            return "report_lost_card"
        if _any(text, PHONE):
            return "report_lost_phone"
    return None
