"""The names a panchang prints: English transliteration as Indian portals spell it, and Hindi.

Spellings follow drikpanchang.com's English pages (Pratipada, Uttara Phalguni, Vishkambha, Garaja);
Hindi follows the portals' house style (anusvara for a nasal before a consonant: कुंभ, इंद्र; no
optional nukta), normalised to NFC when loaded.
"""

from __future__ import annotations

import unicodedata


def _nfc(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((english, unicodedata.normalize("NFC", hindi)) for english, hindi in pairs)


# The fifteen tithis of a paksha; the 15th is Purnima in Shukla paksha and Amavasya in Krishna.
TITHIS = _nfc(
    (
        ("Pratipada", "प्रतिपदा"),
        ("Dwitiya", "द्वितीया"),
        ("Tritiya", "तृतीया"),
        ("Chaturthi", "चतुर्थी"),
        ("Panchami", "पंचमी"),
        ("Shashthi", "षष्ठी"),
        ("Saptami", "सप्तमी"),
        ("Ashtami", "अष्टमी"),
        ("Navami", "नवमी"),
        ("Dashami", "दशमी"),
        ("Ekadashi", "एकादशी"),
        ("Dwadashi", "द्वादशी"),
        ("Trayodashi", "त्रयोदशी"),
        ("Chaturdashi", "चतुर्दशी"),
    )
)
PURNIMA = _nfc((("Purnima", "पूर्णिमा"),))[0]
AMAVASYA = _nfc((("Amavasya", "अमावस्या"),))[0]

PAKSHAS = _nfc((("Shukla", "शुक्ल"), ("Krishna", "कृष्ण")))

NAKSHATRAS = _nfc(
    (
        ("Ashwini", "अश्विनी"),
        ("Bharani", "भरणी"),
        ("Krittika", "कृत्तिका"),
        ("Rohini", "रोहिणी"),
        ("Mrigashira", "मृगशिरा"),
        ("Ardra", "आर्द्रा"),
        ("Punarvasu", "पुनर्वसु"),
        ("Pushya", "पुष्य"),
        ("Ashlesha", "आश्लेषा"),
        ("Magha", "मघा"),
        ("Purva Phalguni", "पूर्वा फाल्गुनी"),
        ("Uttara Phalguni", "उत्तरा फाल्गुनी"),
        ("Hasta", "हस्त"),
        ("Chitra", "चित्रा"),
        ("Swati", "स्वाति"),
        ("Vishakha", "विशाखा"),
        ("Anuradha", "अनुराधा"),
        ("Jyeshtha", "ज्येष्ठा"),
        ("Mula", "मूल"),
        ("Purva Ashadha", "पूर्वाषाढ़ा"),
        ("Uttara Ashadha", "उत्तराषाढ़ा"),
        ("Shravana", "श्रवण"),
        ("Dhanishtha", "धनिष्ठा"),
        ("Shatabhisha", "शतभिषा"),
        ("Purva Bhadrapada", "पूर्वा भाद्रपद"),
        ("Uttara Bhadrapada", "उत्तरा भाद्रपद"),
        ("Revati", "रेवती"),
    )
)

YOGAS = _nfc(
    (
        ("Vishkambha", "विष्कुंभ"),
        ("Priti", "प्रीति"),
        ("Ayushman", "आयुष्मान"),
        ("Saubhagya", "सौभाग्य"),
        ("Shobhana", "शोभन"),
        ("Atiganda", "अतिगंड"),
        ("Sukarma", "सुकर्मा"),
        ("Dhriti", "धृति"),
        ("Shula", "शूल"),
        ("Ganda", "गंड"),
        ("Vriddhi", "वृद्धि"),
        ("Dhruva", "ध्रुव"),
        ("Vyaghata", "व्याघात"),
        ("Harshana", "हर्षण"),
        ("Vajra", "वज्र"),
        ("Siddhi", "सिद्धि"),
        ("Vyatipata", "व्यतीपात"),
        ("Variyana", "वरीयान"),
        ("Parigha", "परिघ"),
        ("Shiva", "शिव"),
        ("Siddha", "सिद्ध"),
        ("Sadhya", "साध्य"),
        ("Shubha", "शुभ"),
        ("Shukla", "शुक्ल"),
        ("Brahma", "ब्रह्म"),
        ("Indra", "इंद्र"),
        ("Vaidhriti", "वैधृति"),
    )
)

# The seven movable karanas repeat eight times from the second half of Shukla Pratipada; the four
# fixed ones take the last three half-tithis of the month and the first.
MOVABLE_KARANAS = _nfc(
    (
        ("Bava", "बव"),
        ("Balava", "बालव"),
        ("Kaulava", "कौलव"),
        ("Taitila", "तैतिल"),
        ("Garaja", "गर"),
        ("Vanija", "वणिज"),
        ("Vishti", "विष्टि"),
    )
)
KINSTUGHNA = _nfc((("Kinstughna", "किंस्तुघ्न"),))[0]
CLOSING_KARANAS = _nfc((("Shakuni", "शकुनि"), ("Chatushpada", "चतुष्पद"), ("Naga", "नाग")))

# Lunar months from Chaitra; index 0 is the month in which the Sun enters Mesha.
MONTHS = _nfc(
    (
        ("Chaitra", "चैत्र"),
        ("Vaishakha", "वैशाख"),
        ("Jyeshtha", "ज्येष्ठ"),
        ("Ashadha", "आषाढ़"),
        ("Shravana", "श्रावण"),
        ("Bhadrapada", "भाद्रपद"),
        ("Ashwin", "आश्विन"),
        ("Kartika", "कार्तिक"),
        ("Margashirsha", "मार्गशीर्ष"),
        ("Pausha", "पौष"),
        ("Magha", "माघ"),
        ("Phalguna", "फाल्गुन"),
    )
)
ADHIK = _nfc((("Adhik", "अधिक"),))[0]

# Monday first, as Python's date.weekday() counts.
WEEKDAYS = _nfc(
    (
        ("Monday", "सोमवार"),
        ("Tuesday", "मंगलवार"),
        ("Wednesday", "बुधवार"),
        ("Thursday", "गुरुवार"),
        ("Friday", "शुक्रवार"),
        ("Saturday", "शनिवार"),
        ("Sunday", "रविवार"),
    )
)

# Rashis in zodiac order, in the forms portals print and readers search for.
RASHIS = _nfc(
    (
        ("Mesh", "मेष"),
        ("Vrishabh", "वृषभ"),
        ("Mithun", "मिथुन"),
        ("Kark", "कर्क"),
        ("Singh", "सिंह"),
        ("Kanya", "कन्या"),
        ("Tula", "तुला"),
        ("Vrishchik", "वृश्चिक"),
        ("Dhanu", "धनु"),
        ("Makar", "मकर"),
        ("Kumbh", "कुंभ"),
        ("Meen", "मीन"),
    )
)
