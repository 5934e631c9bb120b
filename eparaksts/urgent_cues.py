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
PHONE = ("telefon", "telfon", "mobil", "talrun", "viedtalr", "aifon", "phone", "iphone", "smartphone", "samsung",
         "телефон", "мобил", "смартфон", "телфон", "айфон", "самсунг")
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
                   "сказал", "сообщил", "отдал", "передал", "продиктовал", "kompromit", "compromis",
                   "скомпромет", "раскрыл", "раскрыт", "не только я", "not only me", "ne tikai es")
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
# Lost words about something else: the bot's own phone number, a page of the website, an app in
# the store ("can't find your phone number", "neatrodu eParaksts mobile App Store").
ELSEWHERE = ("jusu talr", "jusu telefon", "talruna numur", "telefona numur", "your phone", "your number",
             "phone number", "ваш телефон", "вашего телефон", "вашим телефон", "ваш номер", "вашего номер",
             "номер телефона", "majaslap", "majas lap", "vietn", "website", "web site", "на сайте", "app store",
             "google play", "play store", "unblock", "unsuspend", "atblok", "разблок", "card reader",
             "karsu lasitaj", "kartes lasitaj")
# The customer says the phone or card is not lost: something else is ("bag lost, phone and ID card
# are with me", "nothing was stolen, I just forgot the PIN").
NOT_LOST = ("not lost", "nothing lost", "nothing was lost", "nothing was stolen", "nothing happened",
            "is with me", "are with me", "were with me", "is at home", "are at home", "is safe",
            "right here with me", "in my hand", "nav pazud", "nav pazaud", "nav nozag", "nekas nav pazud",
            "nekas nav nozag", "ir pie manis", "bija pie manis", "ir majas", "palika majas", "при мне",
            "не потерян", "ни айди", "ни телефон", "лежала дома", "лежит дома", "остался дома", "осталась дома",
            "ничего не пропал", "ничего не потерял", "ничего не украли", "everything is with", "everything's with",
            # Not "everything with" alone: "I sign everything with that phone".
            "everything with me", "everything with her", "everything with him", "everything with us",
            # Not "no eparaksts" alone: in Latvian that is "from eParaksts".
            "there is no eparaksts", "there's no eparaksts", "has no eparaksts", "no eparaksts on",
            "doesn't have eparaksts",
            "does not have eparaksts", "nav eparaksts", "bez eparaksta", "нет eparaksts", "без eparaksts")
# The app's name is not the phone: "lost my eParaksts mobile password" lost a password.
APP_NAME = re.compile(r"e-?parakst\w* mobil\w*")
# "Nobody else has seen it", "I did not tell her" deny what KNOWN_BY_OTHERS would otherwise read
# into "seen" or "told".
NOBODY = ("neviens", "nevienam", "nepateicu", "nav aizdom", "nav nekadu aizdom", "nobody", "no one", "noone",
          "didn't tell", "did not tell", "never told", "no suspicion", "никто", "никому", "не сказал",
          "не говорил", "не видел", "нет подозрен", "ни при ч", "не при ч")
# The customer's own knowledge, or something given to them, is not a disclosure.
_NOT_DISCLOSED = re.compile(r"(?<!\w)(?:i (?:do not |don't |dont )?know my|gave me)(?!\w)")
# General questions about scams with no incident ("how to spot", "read about it in the news"), a
# scam that was not one, and resuming after one (RESUMING) are not a fraud report.
_FRAUD_IN_GENERAL = re.compile(
    r"(?<!\w)(?:how (?:to|do i|can i|should i) (?:avoid|recogni|spot|protect|check|teach)|tips|"
    r"ka (?:izvair|atpazi|pasarg|parbaud)|как (?:научить|проверить|защит|распозна|избеж|не попа)|"
    r"какие бывают|схемы мошен|признаки|read(?:ing)? about|in the news|article|precaution|just in case|"
    r"lasiju par|на всякий случай|прочитал|not a scam|no scam|wasn't a scam|nebija krap|nekadi krap|"
    r"не было мошен)"
)
RESUMING = ("resume", "unsuspend", "reactivat", "atkal lietot", "возобнов")
# Asking to have a suspension lifted ("unsuspend", "atcelt apturēšanu", "снова включить") is the
# opposite of an emergency, though it shares every word with one. No urgent training example has
# these words; the safety net lets such a message stay calm unless an urgent cue (detect) fires.
_ASKS_TO_RESUME = re.compile(
    r"(?<!\w)(?:resum|unsuspend|re-?activat|unblock|unfreez|"
    # "Block" is a verb too: "cancel my certificates and block the card" asks to block.
    r"(?:lift|cancel|remov|undo)\w*(?: \S+){0,3} (?:suspension|the block|blocking)|"
    r"(?:turn|switch)\w*(?: \S+){0,3} back on|"
    r"atkal lietot|atblok|atsald|atpakal aktiv|"
    # Only the nouns: "atcelt sertifikātus un bloķēt karti" asks to cancel and block.
    r"(?:atcel|atsauk|nonem|nonen|atjauno)\w*(?: \S+){0,3} (?:apturesan|blokesan|blokad)|"
    r"возобнов|разблок|размороз|(?:отмен|сним|снят|убер)\w*(?: \S+){0,3} (?:блокировк|блокад|приостановлен)|"
    r"снова (?:актив|подключ|включ|работ)|включите обратно)"
)
# "Suspend it at once" asks for the 24-hour channels in so many words, whatever the classifier makes
# of a request that short. Without the hurry word it may be a question about suspension; with a
# code word it is usually a blocked PIN ("PIN blocked, urgent"), which the rules above judge.
SUSPEND = ("aptur", "suspen", "приостан", "blok", "block", "блок", "iesald", "freez", "заморо", "deaktiv",
           "deactiv", "деактив", "отключ", "izsleg")
AT_ONCE = ("steidz", "urgent", "immediat", "at once", "tulit", "nekavej", "срочно", "немедленно")


# Words that put a message on an eParaksts topic at all, folded and matched anywhere in a word
# ("nobloķēt", "заблокировать"): the cues above, signing, certificates, cards, suspending, scams. The
# classifier-based rules of the safety net (an unsure urgent guess, the urgent share) apply only to
# messages with one of them, so that a name or half an e-mail address typed into a form, whose flat
# confidences can sum to an urgent share by chance, is not taken for an emergency.
TOPIC = LOST + PHONE + CARD + SECRET + KNOWN_BY_OTHERS + FRAUD + (
    "parakst", "sign", "подпис", "подпиш", "sertif", "certif", "сертиф", "kart", "card", "карт", "айди", "aidi",
    "identit", "eid", "aptur", "suspen", "приостан", "blok", "block", "блок", "блак", "atsauk", "atcel", "cancel",
    "revok", "revoc", "отмен", "отзов", "отозв", "anul", "annul", "аннул", "анул", "shut", "pause", "пауз",
    "switch off", "turn off", "stop", "стоп", "останов", "izsleg", "atsleg", "sledz", "apstadin",
    "izbeig", "partrauk", "iesald", "dzes", "freez", "заморо", "disabl", "inactiv", "invalid", "terminat", "lock",
    "hold", "выключ", "закры", "прекрат", "deaktiv", "deactiv", "деактив", "отключ", "pickpocket", "карман",
    "not me", "не я", "ne es", "neesmu", "varda", "my name", "имени", "имя", "saite", "sait", "link",
    "ссылк", "sms", "смс", "fake", "viltot", "фейк", "поддел", "kredit", "credit", "loan", "aizdevum", "кредит",
    "займ", "обман", "piekrap", "apkrap", "trick", "zvanij", "called", "звонил", "звонок", "latvija.lv", "portal",
    "apstiprin", "confirm", "подтверд", "licenc", "лиценз", "lietotn", "app", "прилож", "taksi", "taxi", "такси",
    " id ",
)


def _any(text: str, cues: Iterable[str]) -> bool:
    # Cues are word beginnings: "pin" must not fire inside "opinion".
    return any(re.search(r"(?<!\w)" + re.escape(cue), text) for cue in cues)


def _folded(message: Optional[str]) -> str:
    return " " + re.sub(r"\s+", " ", fold(message or "")) + " "


def on_urgent_topic(message: Optional[str]) -> bool:
    """Whether the message names anything an emergency could be about (TOPIC), in any language."""
    text = _folded(message)
    return any(word in text for word in TOPIC)


def asks_to_resume(message: Optional[str]) -> bool:
    """Whether the message asks to lift a suspension or block (urgent cues are checked apart)."""
    return bool(_ASKS_TO_RESUME.search(_folded(message)))


def detect(message: Optional[str]) -> Optional[str]:
    """The urgent intent the message's cues name, or None."""
    text = _folded(message)
    if _any(text, FRAUD) and not _FRAUD_IN_GENERAL.search(text) and not _any(text, RESUMING):
        return "report_fraud"
    told = _NOT_DISCLOSED.sub(" ", text)
    knows = (_any(told, KNOWN_BY_OTHERS) or _SOMEONE_KNOWS.search(told)) and not _any(text, NOBODY)
    if _any(text, SECRET) and knows and not _any(text, ("aizmirs", "forgot", "забыл")):
        return "report_pin_disclosed"
    if _any(text, LOST) and not _any(text, CALM + ELSEWHERE + NOT_LOST):
        if _any(text, CARD):
            return "report_lost_card"
        if _any(APP_NAME.sub(" ", text), PHONE):
            return "report_lost_phone"
    if _any(text, SUSPEND) and _any(text, AT_ONCE) and not _any(text, SECRET + CALM + RESUMING):
        return "request_suspension"
    return None
