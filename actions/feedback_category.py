"""First guess of a feedback message's category, which the customer then confirms with a button.

The four categories are the customer-service standard's. A guess that is wrong costs one click,
so simple folded word stems are enough; with no clear signal there is no guess and the customer
picks from all four.
"""
from __future__ import annotations

import re
from typing import Optional, Text

from eparaksts.text import fold

_COMPLAINT = ("sudz", "sudze", "neapmierin", "briesm", "slikt", "nepienem", "complain", "terrible",
              "awful", "bad ", "worst", "disappoint", "unacceptable", "rude", "жалоб", "ужас", "плох",
              "недовол", "безобраз", "хамств", "груб", "rupj", "nelaipn", "ignor", "nevar dabut")
_STAFF = ("operator", "darbinie", "konsultant", "apkalpo", "zvanu centr", "staff", "employee",
          "consultant", "agent", "customer service", "support", "оператор", "сотрудни", "консультант",
          "обслужива", "поддержк", "specialist", "специалист", "nelaipn", "rupj", "rude", "груб", "хам")
_PRAISE = ("paldies", "pateic", "uzslav", "malac", "lielisk", "super", "thank", "great", "excellent",
           "praise", "helpful", "спасибо", "благодар", "похвал", "отличн", "молодц")
_SUGGESTION = ("ierosin", "priekslik", "varetu", "butu labi", "vajadzetu", "suggest", "idea", "would be nice",
               "could you add", "should", "предлож", "предлаг", "добавьте", "добавить", "было бы", "хорошо бы", "стоит добавить", "идея")


def _has(text: Text, stems) -> bool:
    return any(stem in text for stem in stems)


def guess(message: Optional[Text]) -> Optional[Text]:
    text = " " + re.sub(r"\s+", " ", fold(message or "")) + " "
    if _has(text, _COMPLAINT):
        return "complaint_customer_service" if _has(text, _STAFF) else "complaint_service"
    if _has(text, _SUGGESTION):
        return "suggestion"
    if _has(text, _PRAISE):
        return "praise"
    return None
